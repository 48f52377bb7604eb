#include "pipeline/format/vi_format.hpp"

#include <catch2/catch.hpp>
#include <climits>

using namespace tdkt::format;

TEST_CASE("percentages have one decimal and a decimal comma") {
    CHECK(percent(0) == "0,0");
    CHECK(percent(12.5) == "12,5");
    CHECK(percent(33.333) == "33,3");
    CHECK(percent(99.96) == "100,0");
    CHECK(percent(-2.5) == "-2,5");
}

TEST_CASE("thousands are grouped with dots") {
    CHECK(groupThousands(0) == "0");
    CHECK(groupThousands(999) == "999");
    CHECK(groupThousands(1000) == "1.000");
    CHECK(groupThousands(1800000) == "1.800.000");
    CHECK(groupThousands(-25000) == "-25.000");
    CHECK(groupThousands(-999) == "-999");
    CHECK(groupThousands(LLONG_MAX) == "9.223.372.036.854.775.807");
    CHECK(groupThousands(LLONG_MIN) == "-9.223.372.036.854.775.808");
    CHECK(money(3510000) == "3.510.000 đồng");
    CHECK(money(0) == "0 đồng");
}

TEST_CASE("decision numbers") {
    CHECK(decisionNumberText(5, "QĐ", "UBND") == "05/QĐ-UBND");
    CHECK(decisionNumberText(10, "QĐ", "UBND") == "10/QĐ-UBND");
    CHECK(decisionNumberText(123, "QĐ", "UBND") == "123/QĐ-UBND");
    CHECK(decisionNumberText(1234, "QĐ", "SNV-TĐKT") == "1234/QĐ-SNV-TĐKT");
    CHECK(decisionNumberText(123, "", "UBND-NC") == "123/UBND-NC");
    CHECK(decisionNumberText(7, "QĐ", "") == "07/QĐ");
    CHECK(decisionNumberText(0, "QĐ", "UBND") == "…/QĐ-UBND");
}
