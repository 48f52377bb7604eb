#pragma once
// Text checks the business rules need before the normalise stage has run (validate reads the
// dossier as typed): a comparison key and visibility checks, not a cleaned text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// True when the text holds a decimal digit of any script ("Ng0 Thị Lan", "Lê Văn ２").
bool hasDigit(std::string_view utf8);

// The keys one initiative (sáng kiến) is known by, to find it used twice however it was
// typed: "ma:" + its recognition code folded (case, spaces, dashes and dots ignored:
// "SKTP-2025-041" = "sktp 2025 041") when it has one, and "ten:" + the nameKey of its title
// when the title has visible text. Two records are the same initiative when they share a key.
std::vector<std::string> initiativeKeys(std::string_view code, std::string_view title);

} // namespace tdkt::text
