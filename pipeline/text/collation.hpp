#pragma once
// Vietnamese collation (ICU "vi"): the order of lists, reports and registers.
#include <string>
#include <string_view>

namespace tdkt::text {

// Binary sort key for Vietnamese collation (ICU "vi"); compare keys with <. The key holds no
// zero byte. Thread-safe: one shared collator, used through its const API only.
std::string collationKey(std::string_view text);
// Sort key for a personal name, ordering by given name, then middle, then family name: the
// collation keys of the three parts joined by a zero byte. Thread-safe.
std::string nameSortKey(std::string_view fullName);

} // namespace tdkt::text
