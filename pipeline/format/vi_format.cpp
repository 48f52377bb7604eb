#include "pipeline/format/vi_format.hpp"

#include <cmath>
#include <cstdio>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tdkt::format {

namespace {

constexpr const char* kBlank = "…";

std::string twoDigits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

} // namespace

std::string percent(double value) {
    const long long tenths = std::llround(value * 10);
    const std::string sign = tenths < 0 ? "-" : "";
    const long long magnitude = tenths < 0 ? -tenths : tenths;
    return sign + std::to_string(magnitude / 10) + "," + std::to_string(magnitude % 10);
}

std::string groupThousands(long long value) {
    // Through unsigned so that the most negative long long has a magnitude too.
    const unsigned long long magnitude = value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                                   : static_cast<unsigned long long>(value);
    const std::string digits = std::to_string(magnitude);
    std::string out = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += '.';
        }
        out += digits[i];
    }
    return out;
}

std::string money(long long vnd) {
    return groupThousands(vnd) + " đồng";
}

std::string decisionNumberText(int number, std::string_view docType, std::string_view notation) {
    std::string out = number < 1    ? std::string(kBlank)
                      : number < 10 ? twoDigits(number)
                                    : std::to_string(number);
    out += '/';
    out += docType;
    if (!docType.empty() && !notation.empty()) {
        out += '-';
    }
    out += notation;
    return out;
}

std::string slug(std::string_view text) {
    // ICU rather than a table of Vietnamese letters: NFD splits every precomposed Latin letter
    // into base + marks, so dropping the marks covers Vietnamese, other Latin diacritics and
    // already-decomposed input alike. Only đ/Đ (a letter of its own, not a base + mark) is mapped
    // by hand.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    std::string decomposed;
    if (nfd != nullptr && U_SUCCESS(status)) {
        icu::StringByteSink<std::string> sink(&decomposed);
        nfd->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                           sink, nullptr, status);
    }
    if (nfd == nullptr || U_FAILURE(status)) {
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

} // namespace tdkt::format
