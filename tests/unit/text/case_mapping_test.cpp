#include "pipeline/text/case_mapping.hpp"

#include <catch2/catch.hpp>

using tdkt::text::titleCase;
using tdkt::text::upper;

TEST_CASE("titleCase capitalises each space-separated word and keeps every mark") {
    CHECK(titleCase("NGUYỄN văn a") == "Nguyễn Văn A");
    CHECK(titleCase("đặng THỊ ánh") == "Đặng Thị Ánh");
    CHECK(titleCase("ưng hoàng phúc") == "Ưng Hoàng Phúc");
    CHECK(titleCase("ỷ lan") == "Ỷ Lan");
    // Words are split at spaces only; a bracket is skipped to the first letter.
    CHECK(titleCase("nguyễn-thị hoa") == "Nguyễn-thị Hoa");
    CHECK(titleCase("(bí thư) chi bộ") == "(Bí Thư) Chi Bộ");
    CHECK(titleCase("") == "");
}

TEST_CASE("upper keeps every mark and maps đ to Đ") {
    CHECK(upper("Nguyễn Thị Đào") == "NGUYỄN THỊ ĐÀO");
    CHECK(upper("tặng bằng khen") == "TẶNG BẰNG KHEN");
    CHECK(upper("đơn vị ươm tơ") == "ĐƠN VỊ ƯƠM TƠ");
    CHECK(upper("15/ttr-thcsnt") == "15/TTR-THCSNT");
}

TEST_CASE("case mapping replaces invalid UTF-8") {
    CHECK(upper("ab\xFF") == "AB\uFFFD");
    CHECK(titleCase("ab\xC3") == "Ab\uFFFD");
}
