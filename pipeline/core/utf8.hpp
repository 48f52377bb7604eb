#pragma once
// UTF-8 decoding for the few places in core that look at code points without ICU (which only
// the text module uses): the encoding check of XML input and the terminal escaping.
#include <cstddef>
#include <string_view>

namespace tdkt::core {

// Length of the valid UTF-8 sequence starting at s[i] (1–4) with its code point in `cp`, or 0
// when the bytes there are not valid UTF-8 (a stray continuation byte, an overlong form, a
// surrogate, a value beyond U+10FFFF, a sequence cut short).
std::size_t decodeUtf8(std::string_view s, std::size_t i, char32_t& cp);

} // namespace tdkt::core
