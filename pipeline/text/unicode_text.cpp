#include "unicode_text.hpp"

#include <cstdlib>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

namespace tdkt::text::detail {

namespace {

using Getter = const icu::Normalizer2* (*)(UErrorCode&);

const icu::Normalizer2* instance(Getter get) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = get(status);
    // Cannot fail with a working libicuuc (the NFC data is built into it); null here means the
    // ICU installation itself is broken, and going on would dereference null.
    if (n == nullptr || U_FAILURE(status)) {
        std::abort();
    }
    return n;
}

} // namespace

const icu::Normalizer2& nfc() {
    static const icu::Normalizer2* n = instance(&icu::Normalizer2::getNFCInstance);
    return *n;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2* n = instance(&icu::Normalizer2::getNFDInstance);
    return *n;
}

icu::UnicodeString fromUtf8(std::string_view text, int* substitutions) {
    icu::UnicodeString out;
    int32_t replaced = 0;
    if (!text.empty()) {
        // A UTF-16 string never has more units than the UTF-8 input has bytes.
        const auto capacity = static_cast<int32_t>(text.size());
        UChar* buffer = out.getBuffer(capacity);
        int32_t length = 0;
        UErrorCode status = U_ZERO_ERROR;
        u_strFromUTF8WithSub(buffer, capacity, &length, text.data(), capacity, 0xFFFD, &replaced,
                             &status);
        out.releaseBuffer(U_SUCCESS(status) ? length : 0);
    }
    if (substitutions != nullptr) {
        *substitutions = replaced;
    }
    return out;
}

std::string toUtf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

bool isInvisible(UChar32 c) {
    switch (u_charType(c)) {
    case U_FORMAT_CHAR:
        // Prepended concatenation marks (Arabic number signs, ...) are drawn, so they stay.
        return !u_hasBinaryProperty(c, UCHAR_PREPENDED_CONCATENATION_MARK);
    case U_CONTROL_CHAR:
        // Tab, CR, LF, NEL are whitespace: collapseWhitespace turns them into spaces.
        return !u_isUWhiteSpace(c);
    default:
        return c == 0x034F; // combining grapheme joiner: default-ignorable, no use in our fields
    }
}

bool isValidUtf8(std::string_view text) {
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(text.data(), i, n, c);
        if (c < 0) {
            return false;
        }
    }
    return true;
}

std::string_view validUtf8(std::string_view text, std::string& storage) {
    if (isValidUtf8(text)) {
        return text;
    }
    storage = toUtf8(fromUtf8(text));
    return storage;
}

} // namespace tdkt::text::detail
