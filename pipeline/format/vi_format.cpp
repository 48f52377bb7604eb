#include "pipeline/format/vi_format.hpp"

#include <cmath>
#include <cstdio>

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

} // namespace tdkt::format
