#include "pipeline/text/search_fold.hpp"

#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_key.hpp"
#include "pipeline/text/unicode_text.hpp"

#include <array>
#include <cstdint>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

namespace tdkt::text::detail {
namespace {

// Search-key folding of one code point of lower-cased NFD text (marks already dropped).
UChar32 foldForSearch(UChar32 c) {
    switch (c) {
    case 0x0110: // Đ
    case 0x0111: // đ
        return u'd';
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201A: // ‚
    case 0x201B: // ‛
    case 0x2032: // ′
    case 0x2039: // ‹
    case 0x203A: // ›
        return u'\'';
    case 0x201C: // “
    case 0x201D: // ”
    case 0x201E: // „
    case 0x201F: // ‟
    case 0x2033: // ″
    case 0x00AB: // «
    case 0x00BB: // »
        return u'"';
    default:
        return c;
    }
}

bool isAscii(std::string_view s) {
    for (char ch : s) {
        if (static_cast<unsigned char>(ch) >= 0x80) {
            return false;
        }
    }
    return true;
}

// Why a hand-written table: searchKey runs for every awardee name (and every distinct unit and
// position) when the archive index is built, and the ICU fold (UTF-8 → UTF-16, toLower, NFD,
// a UnicodeString per step, NFC check, back to UTF-8) costs 1.7 µs for "Nguyễn Thị Đào"
// against 0.12 µs for the table (measured on the 2-core build machine, 200,000 calls each);
// with ICU it was about 40% of a 1M-record index build. The table is not a second
// implementation of the rules: every entry is computed once by searchKeyIcu itself, and a code
// point only gets an entry when folding it alone is provably the same as folding it in context
// (see foldsAlone), so the table cannot disagree with ICU (search_fold_test.cpp checks it
// anyway). Anything else falls back to ICU.
struct Entry {
    std::uint8_t length = 0; // 0: not in the table, fold with ICU
    char bytes[7] = {};
};

// The ranges with entries (ASCII is folded inline): Latin-1 Supplement, Latin Extended-A and
// -B (U+0080–U+024F), Latin Extended Additional (U+1E00–U+1EFF: ạ…ỹ), General Punctuation
// (U+2000–U+206F: the typographic quotes).
constexpr UChar32 kLatinEnd = 0x0250;
constexpr UChar32 kExtendedBegin = 0x1E00, kExtendedEnd = 0x1F00;
constexpr UChar32 kPunctuationBegin = 0x2000, kPunctuationEnd = 0x2070;
constexpr std::size_t kSlots =
    (kLatinEnd - 0x80) + (kExtendedEnd - kExtendedBegin) + (kPunctuationEnd - kPunctuationBegin);

int slot(UChar32 c) {
    if (c >= 0x80 && c < kLatinEnd) {
        return c - 0x80;
    }
    if (c >= kExtendedBegin && c < kExtendedEnd) {
        return (kLatinEnd - 0x80) + (c - kExtendedBegin);
    }
    if (c >= kPunctuationBegin && c < kPunctuationEnd) {
        return (kLatinEnd - 0x80) + (kExtendedEnd - kExtendedBegin) + (c - kPunctuationBegin);
    }
    return -1;
}

// Folding c alone equals folding it inside any normalised text when:
// - c is a starter (combining class 0), so NFD's reordering of marks never crosses it, and not
//   a space (spaces are handled by the caller exactly as searchKeyIcu handles them);
// - its fold is not empty (an all-mark character would change how spaces around it collapse);
// - every code point of its fold is a starter with NFC_Quick_Check = Yes, so the joined key
//   is already NFC and the final recomposition cannot merge two folds;
// - none of the ranges holds a case mapping that depends on context (those are Greek final
//   sigma and the Lithuanian/Turkish locales, none of which is here: searchKeyIcu uses "vi").
bool foldsAlone(UChar32 c, const std::string& folded) {
    if (c == u' ' || u_getCombiningClass(c) != 0 || folded.empty() || folded.size() > 7) {
        return false;
    }
    const icu::UnicodeString f = fromUtf8(folded);
    for (int32_t i = 0; i < f.length();) {
        const UChar32 k = f.char32At(i);
        i += U16_LENGTH(k);
        if (k == u' ' || u_getCombiningClass(k) != 0 ||
            u_getIntPropertyValue(k, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
            return false;
        }
    }
    return true;
}

const std::array<Entry, kSlots>& foldTable() {
    static const auto table = [] {
        std::array<Entry, kSlots> t{};
        for (const auto& [begin, end] : {std::pair<UChar32, UChar32>{0x80, kLatinEnd},
                                         {kExtendedBegin, kExtendedEnd},
                                         {kPunctuationBegin, kPunctuationEnd}}) {
            for (UChar32 c = begin; c < end; ++c) {
                const std::string folded = searchKeyIcu(toUtf8(icu::UnicodeString(c)));
                if (!foldsAlone(c, folded)) {
                    continue;
                }
                Entry& e = t[static_cast<std::size_t>(slot(c))];
                e.length = static_cast<std::uint8_t>(folded.size());
                folded.copy(e.bytes, folded.size());
            }
        }
        return t;
    }();
    return table;
}

} // namespace

std::string searchKeyIcu(std::string_view normalized) {
    if (isAscii(normalized)) {
        std::string key(normalized);
        for (char& ch : key) {
            if (ch >= 'A' && ch <= 'Z') {
                ch = static_cast<char>(ch - 'A' + 'a');
            }
        }
        return key;
    }
    static const icu::Locale vietnamese("vi");
    icu::UnicodeString s = fromUtf8(normalized);
    s.toLower(vietnamese); // full Unicode case mapping
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString decomposed = nfd().normalize(s, status);
    if (U_FAILURE(status)) {
        return std::string(normalized);
    }
    icu::UnicodeString key;
    bool pendingSpace = false;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            continue;
        }
        if (c == u' ') { // normalize() left single spaces; a dropped lone mark may leave two
            pendingSpace = !key.isEmpty();
            continue;
        }
        if (pendingSpace) {
            key.append(u' ');
            pendingSpace = false;
        }
        key.append(foldForSearch(c));
    }
    // Dropping marks can leave decomposed Hangul and the like: recompose so NFC and NFD input
    // give one key.
    if (!nfc().isNormalized(key, status) && U_SUCCESS(status)) {
        key = nfc().normalize(key, status);
    }
    return toUtf8(key);
}

bool searchKeyFast(std::string_view text, std::string& out) {
    if (isAscii(text)) { // as searchKeyIcu: lower case only, spaces as they are
        out = searchKeyIcu(text);
        return true;
    }
    const auto& table = foldTable();
    out.clear();
    out.reserve(text.size());
    bool pendingSpace = false;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char b = *p;
        if (b < 0x80) {
            ++p;
            if (b == ' ') {
                pendingSpace = !out.empty();
                continue;
            }
            if (pendingSpace) {
                out.push_back(' ');
                pendingSpace = false;
            }
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b));
            continue;
        }
        UChar32 c;
        // Two- and three-byte sequences only; four-byte, overlong and ill-formed ones go to ICU
        // (normalize() never leaves ill-formed ones).
        if ((b & 0xE0) == 0xC0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            c = ((b & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if ((b & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80) {
            c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
            if (c < 0x800) {
                return false;
            }
        } else {
            return false;
        }
        const int s = slot(c);
        if (s < 0) {
            return false;
        }
        const Entry& e = table[static_cast<std::size_t>(s)];
        if (e.length == 0) {
            return false;
        }
        if (pendingSpace) {
            out.push_back(' ');
            pendingSpace = false;
        }
        out.append(e.bytes, e.length);
    }
    return true;
}

} // namespace tdkt::text::detail

namespace tdkt::text {

std::string searchKey(std::string_view text) {
    const std::string normalized = normalize(text);
    std::string key;
    if (detail::searchKeyFast(normalized, key)) {
        return key;
    }
    return detail::searchKeyIcu(normalized);
}

} // namespace tdkt::text
