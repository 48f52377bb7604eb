#pragma once
// Dates as Vietnamese readers see them: the short form of messages, lists and reports, and the
// Decree 30/2020 form of documents. The one formatter every stage and the archive call.
#include "pipeline/model/date.hpp"

#include <string>
#include <string_view>

namespace tdkt::model {

// "05/02/2026"; an invalid date gives "…/…/…".
std::string dateShort(const Date& date);
// "2026-02-05" → "05/02/2026"; text that is not an ISO date comes back as it is.
std::string dateShort(std::string_view isoDate);

// "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026": days 1–9 and months 1–2 take a
// leading zero, months 3–12 do not (Decree 30/2020, Appendix I). An invalid date gives the blank
// "ngày … tháng … năm …" that is filled in by hand after signing.
std::string dateText(const Date& date);
// The same from "2026-01-05"; text that is not an ISO date comes back as it is.
std::string dateText(std::string_view isoDate);
// "Hà Nội, ngày 05 tháng 02 năm 2026" (just dateText when place is empty).
std::string dateLine(std::string_view place, const Date& date);

} // namespace tdkt::model
