#pragma once
// Internal to the text module: the two ways searchKey folds already-normalised text, kept
// side by side so the unit tests can prove the table gives exactly what ICU gives.
#include <string>
#include <string_view>

namespace tdkt::text::detail {

// The reference fold of normalize()d text through ICU: full lower case, NFD, combining marks
// dropped, đ → d, typographic quotes → ASCII, spaces a dropped mark leaves doubled collapsed,
// NFC. Every input.
std::string searchKeyIcu(std::string_view normalized);

// The same fold from a per-code-point table for ASCII, Latin-1 Supplement, Latin Extended-A/B,
// Latin Extended Additional (every precomposed Vietnamese letter) and General Punctuation.
// Returns false, leaving `out` unspecified, when the text holds anything else (combining marks,
// other scripts, U+FFFD); the caller then uses searchKeyIcu.
bool searchKeyFast(std::string_view normalized, std::string& out);

} // namespace tdkt::text::detail
