#pragma once
// Vietnamese formatting for the code that builds template contexts (templates never format):
// dates as Decree 30/2020 writes them, numbers and money, money in words, document numbers, and
// ASCII slugs for file names.
#include "pipeline/model/date.hpp"

#include <string>
#include <string_view>

namespace tdkt::format {

// "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026": days 1–9 and months 1–2 take a
// leading zero, months 3–12 do not (Decree 30/2020, Appendix I). An invalid date gives the blank
// "ngày … tháng … năm …" that is filled in by hand after signing.
std::string dateText(const model::Date& date);
// "Hà Nội, ngày 05 tháng 02 năm 2026" (just dateText when place is empty).
std::string dateLine(std::string_view place, const model::Date& date);
// "05/02/2026"; an invalid date gives "…/…/…".
std::string dateShort(const model::Date& date);

// "2026-02-05" → "05/02/2026"; text that is not an ISO date comes back as it is.
std::string dateShort(std::string_view isoDate);

// "12,5": one decimal with a decimal comma, as Vietnamese statistics forms print a percentage.
std::string percent(double value);

// "1.800.000", "-25.000".
std::string groupThousands(long long value);
// "3.510.000 đồng".
std::string money(long long vnd);

// House style of money in words (domain/practice.md §5). The default is the Hà Nội government
// style: "nghìn", "linh", "bốn", ending in "đồng".
enum class NumberDialect {
    North, // "nghìn", "linh": "Hai nghìn không trăm linh một"
    South, // "ngàn", "lẻ":  "Hai ngàn không trăm lẻ một"
};
struct MoneyWordsStyle {
    NumberDialect dialect = NumberDialect::North;
    bool fourAsTu = false; // "hai mươi tư" instead of "hai mươi bốn" (never "mười tư")
    bool roundAsChan = false; // "… đồng chẵn" for non-zero multiples of 1.000
};
// "Ba triệu năm trăm mười nghìn đồng"; "Một tỷ không trăm linh một đồng"; "Không đồng";
// negative amounts start with "Âm".
std::string moneyInWords(long long vnd, const MoneyWordsStyle& style = {});

// "05/QĐ-UBND", "123/QĐ-UBND"; "123/UBND-NC" when docType is empty (a công văn). A number below 1
// (not yet numbered: paper documents are numbered after signing) gives "…/QĐ-UBND".
std::string decisionNumberText(int number, std::string_view docType, std::string_view notation);

// Lower-case ASCII for file and folder names: diacritics removed, đ → d, every run of other
// characters → "-", no "-" at either end. "05/QĐ-UBND" → "05-qd-ubnd".
std::string slug(std::string_view text);

} // namespace tdkt::format
