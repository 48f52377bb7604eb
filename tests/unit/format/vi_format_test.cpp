#include "pipeline/format/vi_format.hpp"

#include <catch2/catch.hpp>
#include <climits>

using namespace tdkt::format;
using tdkt::model::Date;

TEST_CASE("date text: leading zero for days 1-9 and months 1-2 only") {
    CHECK(dateText(Date{2026, 1, 5}) == "ngày 05 tháng 01 năm 2026");
    CHECK(dateText(Date{2026, 2, 5}) == "ngày 05 tháng 02 năm 2026");
    CHECK(dateText(Date{2026, 3, 15}) == "ngày 15 tháng 3 năm 2026");
    CHECK(dateText(Date{2026, 11, 9}) == "ngày 09 tháng 11 năm 2026");
    CHECK(dateText(Date{2026, 12, 31}) == "ngày 31 tháng 12 năm 2026");
    CHECK(dateText(Date{2026, 2, 30}) == "ngày … tháng … năm …");
    CHECK(dateText(Date{}) == "ngày … tháng … năm …");
}

TEST_CASE("date line and short date") {
    CHECK(dateLine("Hà Nội", Date{2026, 2, 5}) == "Hà Nội, ngày 05 tháng 02 năm 2026");
    CHECK(dateLine("", Date{2026, 7, 1}) == "ngày 01 tháng 7 năm 2026");
    CHECK(dateShort(Date{2026, 2, 5}) == "05/02/2026");
    CHECK(dateShort(Date{2026, 12, 25}) == "25/12/2026");
    CHECK(dateShort(Date{}) == "…/…/…");
    CHECK(dateShort(std::string_view("2026-02-05")) == "05/02/2026");
    CHECK(dateShort(std::string_view("")).empty());
    CHECK(dateShort(std::string_view("sớm")) == "sớm");
}

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

TEST_CASE("slugs are lower-case ASCII joined by dashes") {
    CHECK(slug("05/QĐ-UBND") == "05-qd-ubnd");
    CHECK(slug("Nguyễn Thị Đào") == "nguyen-thi-dao");
    CHECK(slug("Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o") == "nguyen-thi-dao");
    CHECK(slug("  --Trường THCS (Nguyễn Trãi)!! ") == "truong-thcs-nguyen-trai");
    CHECK(slug("Tổ Toán – Tin") == "to-toan-tin");
    CHECK(slug("ƯỚC MƠ ĐẸP") == "uoc-mo-dep");
    CHECK(slug("Crème brûlée") == "creme-brulee");
    CHECK(slug("a\xFF"
               "b") == "a-b");
    CHECK(slug("漢字") == "");
    CHECK(slug("") == "");
}
