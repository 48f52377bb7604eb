#pragma once
// ASCII slugs of Vietnamese (and other Latin) text, for generated file names.
#include <string>
#include <string_view>

namespace tdkt::text {

// Lower-case ASCII for file and folder names: diacritics removed, đ → d, every run of other
// characters → "-", no "-" at either end. "05/QĐ-UBND" → "05-qd-ubnd".
std::string slug(std::string_view text);

} // namespace tdkt::text
