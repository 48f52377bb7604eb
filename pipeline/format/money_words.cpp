// moneyInWords: the reading rules of domain/practice.md §5.
#include "pipeline/format/vi_format.hpp"

#include <string_view>

namespace tdkt::format {

namespace {

constexpr std::string_view kDigits[] = {"không", "một", "hai", "ba",  "bốn",
                                        "năm",   "sáu", "bảy", "tám", "chín"};
constexpr unsigned long long kBillion = 1'000'000'000ULL;

class Reader {
public:
    explicit Reader(const MoneyWordsStyle& style)
        : m_thousand(style.dialect == NumberDialect::South ? "ngàn" : "nghìn"),
          m_zeroTens(style.dialect == NumberDialect::South ? "lẻ" : "linh"),
          m_fourAsTu(style.fourAsTu) {}

    // Reads n. `inner` is set when n follows a higher group (the remainder after "tỷ"): then its
    // first group is read in full, "không trăm linh một".
    void number(unsigned long long n, bool inner) {
        if (n >= kBillion) {
            // Counts of tỷ are read as numbers themselves: "một nghìn không trăm linh năm tỷ".
            number(n / kBillion, inner);
            word("tỷ");
            n %= kBillion;
            inner = true;
        }
        const unsigned groups[] = {static_cast<unsigned>(n / 1'000'000),
                                   static_cast<unsigned>(n / 1'000 % 1'000),
                                   static_cast<unsigned>(n % 1'000)};
        const std::string_view scales[] = {"triệu", m_thousand, ""};
        for (int i = 0; i < 3; ++i) {
            if (groups[i] == 0) {
                continue; // an all-zero group is not read: 3.000.500 = "ba triệu năm trăm"
            }
            hundreds(groups[i], inner);
            if (!scales[i].empty()) {
                word(scales[i]);
            }
            inner = true;
        }
    }

    std::string take() { return std::move(m_out); }

private:
    void word(std::string_view w) {
        if (!m_out.empty()) {
            m_out += ' ';
        }
        m_out += w;
    }

    // 1..999. `full`: a group after a higher one reads its zero hundreds ("không trăm").
    void hundreds(unsigned n, bool full) {
        const unsigned h = n / 100;
        const unsigned t = n / 10 % 10;
        const unsigned u = n % 10;
        if (h > 0 || full) {
            word(kDigits[h]);
            word("trăm");
        }
        if (t == 0) {
            if (u > 0) {
                if (h > 0 || full) {
                    word(m_zeroTens); // 105 = "một trăm linh năm"
                }
                word(kDigits[u]);
            }
            return;
        }
        if (t == 1) {
            word("mười");
        } else {
            word(kDigits[t]);
            word("mươi");
        }
        if (u == 0) {
            return;
        }
        if (u == 5) {
            word("lăm"); // "mười lăm", "hai mươi lăm"
        } else if (u == 1 && t >= 2) {
            word("mốt"); // "hai mươi mốt", but "mười một"
        } else if (u == 4 && t >= 2 && m_fourAsTu) {
            word("tư");
        } else {
            word(kDigits[u]);
        }
    }

    std::string_view m_thousand;
    std::string_view m_zeroTens;
    bool m_fourAsTu;
    std::string m_out;
};

} // namespace

std::string moneyInWords(long long vnd, const MoneyWordsStyle& style) {
    const unsigned long long magnitude = vnd < 0 ? 0ULL - static_cast<unsigned long long>(vnd)
                                                 : static_cast<unsigned long long>(vnd);
    std::string words = "không";
    if (magnitude != 0) {
        Reader reader(style);
        reader.number(magnitude, false);
        words = reader.take();
    }
    if (vnd < 0) {
        words.insert(0, "Âm ");
    } else {
        // Every number word starts with an ASCII letter, so capitalising is one byte.
        words[0] = static_cast<char>(words[0] - 'a' + 'A');
    }
    words += " đồng";
    if (style.roundAsChan && magnitude != 0 && magnitude % 1000 == 0) {
        words += " chẵn";
    }
    return words;
}

} // namespace tdkt::format
