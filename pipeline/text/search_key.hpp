#pragma once
// The search key: what the archive indexes and a query is folded to, so that a name is found
// with or without its diacritics.
#include <string>
#include <string_view>

namespace tdkt::text {

// Diacritic-free, lower-case, đ→d, spaces collapsed: "Nguyễn Thị Đào" → "nguyen thi dao".
// Normalised first, so NFC/NFD input and "Hoà"/"Hòa" give one key; typographic quotes become
// ASCII quotes; other punctuation is kept.
std::string searchKey(std::string_view text);

} // namespace tdkt::text
