#include "archive/archive.hpp"

#include <cstdint>
#include <string_view>

namespace tdkt::archive {
namespace {

// Hand-written rather than ICU because a folder name must never change with the ICU version
// and the alphabet that matters (Vietnamese) is small: each entry lists the precomposed
// letters that fold to one ASCII letter. Not text::slug (ICU NFD), which also folds the other
// Latin letters ("brûlée" → "brulee", here "br-lee"): the bags already filed keep their paths.
struct FoldRow {
    char ascii;
    std::string_view letters;
};
constexpr FoldRow kFold[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
    {'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"},
    {'i', "ìíỉĩịÌÍỈĨỊ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
    {'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"},
    {'y', "ỳýỷỹỵỲÝỶỸỴ"},
    {'d', "đĐ"},
};

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for an invalid byte).
std::size_t sequenceLength(unsigned char c) {
    if (c < 0x80) {
        return 1;
    }
    if ((c & 0xE0) == 0xC0) {
        return 2;
    }
    if ((c & 0xF0) == 0xE0) {
        return 3;
    }
    if ((c & 0xF8) == 0xF0) {
        return 4;
    }
    return 1;
}

// 0 when the character is to be dropped (a combining mark), '-' for a separator.
char foldChar(std::string_view ch) {
    if (ch.size() == 1) {
        unsigned char c = static_cast<unsigned char>(ch[0]);
        if (c >= 'A' && c <= 'Z') {
            return static_cast<char>(c - 'A' + 'a');
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return static_cast<char>(c);
        }
        return '-';
    }
    // Combining diacritical marks U+0300..U+036F (text in NFD): encoded CC 80..CD AF.
    if (ch.size() == 2) {
        unsigned char c0 = static_cast<unsigned char>(ch[0]);
        if (c0 == 0xCC || (c0 == 0xCD && static_cast<unsigned char>(ch[1]) <= 0xAF)) {
            return 0;
        }
    }
    for (const auto& row : kFold) {
        for (std::size_t i = 0; i < row.letters.size();) {
            std::size_t n = sequenceLength(static_cast<unsigned char>(row.letters[i]));
            if (row.letters.substr(i, n) == ch) {
                return row.ascii;
            }
            i += n;
        }
    }
    return '-';
}

} // namespace

std::string slugify(const std::string& text) {
    std::string out;
    bool pendingDash = false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = sequenceLength(static_cast<unsigned char>(text[i]));
        n = std::min(n, text.size() - i);
        char c = foldChar(std::string_view(text).substr(i, n));
        i += n;
        if (c == 0) {
            continue;
        }
        if (c == '-') {
            pendingDash = true;
            continue;
        }
        if (pendingDash && !out.empty()) {
            out.push_back('-');
        }
        pendingDash = false;
        out.push_back(c);
    }
    return out;
}

} // namespace tdkt::archive
