#pragma once
// Vietnamese formatting for the code that builds template contexts (templates never format):
// numbers and money, money in words, document numbers. Dates are the model's
// (pipeline/model/date_display.hpp) and ASCII slugs the text layer's (pipeline/text/slug.hpp):
// the archive needs them too.
#include <string>
#include <string_view>

namespace tdkt::format {

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

} // namespace tdkt::format
