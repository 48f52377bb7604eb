#pragma once
// "Chức vụ, đơn vị" as offices write it: the position, then the unit, without naming the unit
// twice when the position already ends with (part of) it.
#include <string>
#include <string_view>

namespace tdkt::text {

// Joins a position and a unit. The longest run of words that ends the position and begins the
// unit (compared as text::nameKey compares names: case, tone placement and invisible
// characters aside) is written once:
//   "Phó Giám đốc Sở" + "Sở Y tế Hà Nội"                  → "Phó Giám đốc Sở Y tế Hà Nội"
//   "Tổ trưởng Tổ dân phố số 12" + "Tổ dân phố số 12, phường Cầu Giấy"
//                                          → "Tổ trưởng Tổ dân phố số 12, phường Cầu Giấy"
//   "Giám đốc Công ty TNHH An Phát" + "Công ty TNHH An Phát" → the position alone
// Otherwise "position, unit"; either alone when the other is empty.
std::string joinPositionUnit(std::string_view position, std::string_view unit);

} // namespace tdkt::text
