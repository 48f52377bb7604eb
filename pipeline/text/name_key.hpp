#pragma once
// Text checks the business rules need before the normalise stage has run (validate reads the
// dossier as typed): a comparison key and visibility checks, not a cleaned text.
#include <cstddef>
#include <string>
#include <string_view>

namespace tdkt::text {

// Key under which two spellings of one name compare equal: canonical equivalence (NFC/NFD),
// case, whitespace runs, invisible characters (zero-width space, BOM, soft hyphen) and the
// placement of the tone mark inside a syllable ("Hoà" = "Hòa", "Thuỷ" = "Thủy") are ignored.
// Diacritics themselves are kept: "An" and "Ân" are different names.
std::string nameKey(std::string_view utf8);

// True when the text holds at least one character that is neither whitespace nor invisible.
bool hasVisibleText(std::string_view utf8);

// Length in characters as printed: NFC, whitespace runs collapsed, ends trimmed, invisible
// characters not counted.
std::size_t visibleLength(std::string_view utf8);

} // namespace tdkt::text
