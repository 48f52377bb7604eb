#include "pipeline/text/name_key.hpp"

#include "pipeline/text/unicode_text.hpp"

#include <algorithm>
#include <unicode/uchar.h>
#include <vector>

namespace tdkt::text {
namespace {

using detail::fromUtf8;
using detail::nfc;
using detail::nfd;
using detail::toUtf8;

// Default_Ignorable_Code_Point (zero-width characters, BOM, soft hyphen, variation selectors):
// the set these checks were written for. Not detail::isInvisible, the characters normalize()
// removes: control characters are only in that one, variation selectors only in this one.
bool isIgnorable(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

bool isSpace(UChar32 c) {
    return u_isUWhiteSpace(c) != 0;
}

// The five Vietnamese tone marks after canonical decomposition. The vowel-shape marks
// (circumflex, breve, horn) stay where they are: they belong to a letter, the tone to the
// syllable, and only the tone is placed differently by different keyboards.
bool isToneMark(UChar32 c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

} // namespace

std::string nameKey(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = nfd().normalize(fromUtf8(utf8), status);
    s.foldCase();
    // Folding can produce characters that decompose further (canonical caseless match).
    s = nfd().normalize(s, status);
    if (U_FAILURE(status)) {
        return std::string(utf8);
    }

    icu::UnicodeString key;
    std::vector<UChar32> tones;
    bool inSyllable = false;
    auto endSyllable = [&] {
        std::sort(tones.begin(), tones.end());
        tones.erase(std::unique(tones.begin(), tones.end()), tones.end());
        for (UChar32 t : tones) {
            key.append(t);
        }
        tones.clear();
        inSyllable = false;
    };
    for (std::int32_t i = 0; i < s.length();) {
        UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (isIgnorable(c)) {
            continue;
        }
        if (isSpace(c)) {
            if (inSyllable) {
                endSyllable();
                key.append(UChar32(' '));
            }
            continue;
        }
        inSyllable = true;
        if (isToneMark(c)) {
            tones.push_back(c);
        } else {
            key.append(c);
        }
    }
    if (inSyllable) {
        endSyllable();
    }
    if (key.endsWith(icu::UnicodeString(u' '))) {
        key.truncate(key.length() - 1);
    }
    return toUtf8(key);
}

bool hasVisibleText(std::string_view utf8) {
    // Fast path for the usual case: any printable ASCII character is visible.
    for (char ch : utf8) {
        if (ch > 0x20 && ch < 0x7F) {
            return true;
        }
    }
    const icu::UnicodeString s = fromUtf8(utf8);
    for (std::int32_t i = 0; i < s.length();) {
        UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (!isIgnorable(c) && !isSpace(c)) {
            return true;
        }
    }
    return false;
}

std::size_t visibleLength(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString s = nfc().normalize(fromUtf8(utf8), status);
    std::size_t count = 0;
    std::size_t pendingSpace = 0;
    for (std::int32_t i = 0; i < s.length();) {
        UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (isIgnorable(c)) {
            continue;
        }
        if (isSpace(c)) {
            pendingSpace = count > 0 ? 1 : 0;
            continue;
        }
        count += pendingSpace + 1;
        pendingSpace = 0;
    }
    return count;
}

bool hasDigit(std::string_view utf8) {
    const icu::UnicodeString s = fromUtf8(utf8);
    for (std::int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (u_isdigit(c)) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> initiativeKeys(std::string_view code, std::string_view title) {
    std::vector<std::string> keys;
    std::string folded;
    for (char c : nameKey(code)) {
        if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '_') {
            folded += c;
        }
    }
    if (!folded.empty()) {
        keys.push_back("ma:" + folded);
    }
    if (hasVisibleText(title)) {
        keys.push_back("ten:" + nameKey(title));
    }
    return keys;
}

} // namespace tdkt::text
