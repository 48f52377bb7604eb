#pragma once
// What `tdkt search` prints — a table for clerks, JSON for programs — and the column helpers of
// terminal tables. Free of Poco: the quick `tdkt` (main.cpp) links only this, the search job
// and what they need.
#include "archive/archive.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace tdkt::app {

// NFC text padded or cut (with "…") to `columns` terminal columns, one per code point.
std::string padColumns(const std::string& s, std::size_t columns);
std::string clipColumns(const std::string& s, std::size_t columns);

void printHitsTable(const std::vector<archive::SearchHit>& hits, std::ostream& out);
void printHitsJson(const std::vector<archive::SearchHit>& hits, std::ostream& out);

} // namespace tdkt::app
