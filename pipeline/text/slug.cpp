#include "pipeline/text/slug.hpp"

#include "pipeline/text/unicode_text.hpp"

#include <unicode/bytestream.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tdkt::text {

std::string slug(std::string_view text) {
    // ICU rather than a table of Vietnamese letters: NFD splits every precomposed Latin letter
    // into base + marks, so dropping the marks covers Vietnamese, other Latin diacritics and
    // already-decomposed input alike. Only đ/Đ (a letter of its own, not a base + mark) is mapped
    // by hand.
    UErrorCode status = U_ZERO_ERROR;
    std::string decomposed;
    icu::StringByteSink<std::string> sink(&decomposed);
    detail::nfd().normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                                sink, nullptr, status);
    if (U_FAILURE(status)) {
        decomposed.assign(text); // undecomposed letters just become separators
    }

    std::string out;
    bool pendingDash = false;
    const auto n = static_cast<int32_t>(decomposed.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(decomposed.data(), i, n, c);
        char keep = 0;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            keep = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            keep = static_cast<char>(c - 'A' + 'a');
        } else if (c == 0x0110 || c == 0x0111) {
            keep = 'd';
        } else if (c >= 0 && u_charType(c) == U_NON_SPACING_MARK) {
            continue; // a mark belongs to the letter before it: no word break
        }
        if (keep == 0) {
            pendingDash = !out.empty();
            continue;
        }
        if (pendingDash) {
            out += '-';
            pendingDash = false;
        }
        out += keep;
    }
    return out;
}

} // namespace tdkt::text
