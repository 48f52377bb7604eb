#pragma once
// Text shown on a terminal is made safe and visible: a control character could move the cursor,
// recolour or clear the screen, and a bidi control (U+202E) or an invisible format character
// could make a name read differently from what the file holds. Each is written as «\uXXXX» (an
// invalid UTF-8 byte as «\xHH»), so the clerk sees that it is there. Machine output (JSON) keeps
// the raw text: it has its own escaping.
#include <string>
#include <string_view>

namespace tdkt::core {

enum class Newlines { Escape, Keep };

// C0 controls (newline too, unless kept for a multi-line block), DEL, C1 controls, the bidi
// controls U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 and the other invisible format
// characters (Unicode category Cf, U+2028/U+2029) become «\uXXXX»; everything else is kept.
std::string terminalSafe(std::string_view text, Newlines newlines = Newlines::Escape);

// Whether the code point is one terminalSafe escapes.
bool needsTerminalEscape(char32_t cp);

} // namespace tdkt::core
