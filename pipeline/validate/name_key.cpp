#include "name_key.hpp"

#include <algorithm>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <vector>

namespace tdkt::validate {
namespace {

icu::UnicodeString fromUtf8(std::string_view s) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
}

std::string toUtf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// ICU caches these instances for the life of the process and they are thread-safe.
const icu::Normalizer2& nfd() {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* instance = icu::Normalizer2::getNFDInstance(status);
    return *instance;
}

const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
    return *instance;
}

bool isInvisible(UChar32 c) {
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
        if (isInvisible(c)) {
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
        if (!isInvisible(c) && !isSpace(c)) {
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
        if (isInvisible(c)) {
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

} // namespace tdkt::validate
