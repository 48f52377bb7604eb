#include "terminal_text.hpp"

#include "utf8.hpp"

#include <cstdio>

namespace tdkt::core {
namespace {

// Unicode 15 category Cf (format characters: invisible, some reorder text) and the line and
// paragraph separators, which some terminals treat as line breaks.
bool isInvisibleFormat(char32_t cp) {
    struct Range {
        char32_t first, last;
    };
    static constexpr Range kRanges[] = {
        {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
        {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
        {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
        {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
        {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
        {0xE0020, 0xE007F},
    };
    for (const Range& r : kRanges) {
        if (cp >= r.first && cp <= r.last) {
            return true;
        }
    }
    return false;
}

std::string escaped(const char* format, unsigned value) {
    char buf[24];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

} // namespace

bool needsTerminalEscape(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || isInvisibleFormat(cp);
}

std::string terminalSafe(std::string_view text, Newlines newlines) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        const std::size_t len = decodeUtf8(text, i, cp);
        if (len == 0) {
            out += escaped("«\\x%02X»", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (needsTerminalEscape(cp) && !(cp == '\n' && newlines == Newlines::Keep)) {
            out += escaped("«\\u%04X»", static_cast<unsigned>(cp));
        } else {
            out.append(text, i, len);
        }
        i += len;
    }
    return out;
}

} // namespace tdkt::core
