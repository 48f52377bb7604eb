#include "pipeline/model/date.hpp"
#include "pipeline/model/date_display.hpp"

#include <catch2/catch.hpp>

using namespace tdkt::model;

TEST_CASE("ISO dates parse and validate") {
    auto d = Date::parseIso("2026-02-05");
    REQUIRE(d);
    CHECK(d->iso() == "2026-02-05");
    CHECK_FALSE(Date::parseIso("2026-02-30"));
    CHECK(Date::parseIso("2024-02-29"));
    CHECK_FALSE(Date::parseIso("2025-02-29"));
    CHECK_FALSE(Date::parseIso("05/02/2026"));
}

TEST_CASE("dates from the clock are taken in Vietnam time") {
    // 2025-12-31T17:00:00Z is already 1 January 2026 in Hà Nội (UTC+7).
    CHECK(vietnamDateTime(1767200400).date.iso() == "2026-01-01");
    CHECK(vietnamDateTime(1767225600).date.iso() == "2026-01-01");
    CHECK(vietnamDateTime(0).date.iso() == "1970-01-01");
}

TEST_CASE("times from the clock are Vietnam wall-clock times") {
    CHECK(vietnamDateTime(1767200400).iso() == "2026-01-01T00:00:00+07:00");
    CHECK(vietnamDateTime(1767225600).iso() == "2026-01-01T07:00:00+07:00");
    CHECK(vietnamDateTime(1767200399).iso() == "2025-12-31T23:59:59+07:00");
    CHECK(vietnamDateTime(0).iso() == "1970-01-01T07:00:00+07:00");
    CHECK(vietnamDateTime(-25200 - 1).iso() == "1969-12-31T23:59:59+07:00");
    CHECK(vietnamDateTime(1767243845).iso() == "2026-01-01T12:04:05+07:00");
}

TEST_CASE("dates order") {
    CHECK(Date{2025, 6, 30} < Date{2025, 7, 1});
    CHECK_FALSE(Date{2025, 7, 1} < Date{2025, 7, 1});
}

TEST_CASE("date text: leading zero for days 1-9 and months 1-2 only") {
    CHECK(dateText(Date{2026, 1, 5}) == "ngày 05 tháng 01 năm 2026");
    CHECK(dateText(Date{2026, 2, 5}) == "ngày 05 tháng 02 năm 2026");
    CHECK(dateText(Date{2026, 3, 15}) == "ngày 15 tháng 3 năm 2026");
    CHECK(dateText(Date{2026, 11, 9}) == "ngày 09 tháng 11 năm 2026");
    CHECK(dateText(Date{2026, 12, 31}) == "ngày 31 tháng 12 năm 2026");
    CHECK(dateText(Date{2026, 2, 30}) == "ngày … tháng … năm …");
    CHECK(dateText(Date{}) == "ngày … tháng … năm …");
}

TEST_CASE("date text of an ISO date") {
    CHECK(dateText(std::string_view("2026-01-05")) == "ngày 05 tháng 01 năm 2026");
    CHECK(dateText(std::string_view("2026-03-15")) == "ngày 15 tháng 3 năm 2026");
    CHECK(dateText(std::string_view("")).empty());
    CHECK(dateText(std::string_view("2026-02-30")) == "2026-02-30");
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
