#include "pipeline/model/date.hpp"

#include <catch2/catch.hpp>

using tdkt::model::Date;

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
    CHECK(Date::fromUnixTime(1767200400).iso() == "2026-01-01");
    CHECK(Date::fromUnixTime(1767225600).iso() == "2026-01-01");
    CHECK(Date::fromUnixTime(0).iso() == "1970-01-01");
}

TEST_CASE("dates order") {
    CHECK(Date{2025, 6, 30} < Date{2025, 7, 1});
    CHECK_FALSE(Date{2025, 7, 1} < Date{2025, 7, 1});
}
