// Award money against the worked checks of domain/facts.md §4.3, on the shipped configuration
// (config/award-money.xml) and on small inline configurations for the policies.
#include "pipeline/award/award_money.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tdkt;
using award::RecipientKind;

namespace {

const fs::path kSchemas = fs::path(TDKT_SOURCE_DIR) / "schemas";

award::AwardMoney shipped() {
    auto m =
        award::AwardMoney::load(fs::path(TDKT_SOURCE_DIR) / "config" / "award-money.xml", kSchemas);
    if (!m) {
        FAIL(core::format(m.error()));
    }
    return std::move(m).value();
}

model::Date d(const char* iso) {
    return *model::Date::parseIso(iso);
}

long long vnd(const core::Result<award::Amount>& a) {
    if (!a) {
        FAIL(core::format(a.error()));
    }
    return a->vnd;
}

// A configuration with one base salary, one rounding rule and one regime.
std::string config(const char* rule) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<awardMoney xmlns="urn:tdkt:award-money:1.0" version="1.0">
  <baseSalary from="2024-07-01" amount="2340000" basis="NĐ 73/2024/NĐ-CP" status="verified"/>
  <rounding from="2024-01-01" rule=")") +
           rule + R"(" step="10000" basis="thử" status="verified"/>
  <regime id="nd-152-2025" from="2025-07-01" basis="NĐ 152/2025/NĐ-CP" status="verified">
    <multiplier kind="collective" factor="2" basis="thử" status="verified"/>
    <multiplier kind="household" factor="1.5" basis="thử" status="verified"/>
    <form id="giay-khen" name="Giấy khen" coefficient="0.3" basis="thử" status="verified"/>
    <form id="bang-khen-tinh" name="Bằng khen tỉnh" coefficient="1.5" basis="thử" status="verified"/>
    <form id="tt-ldxs" name="Tập thể lao động xuất sắc" coefficient="1.5" recipient="collective" basis="thử" status="verified"/>
    <form id="cstd-toan-quoc" name="Chiến sĩ thi đua toàn quốc" coefficient="4.5" basis="thử" status="verified"/>
  </regime>
</awardMoney>
)";
}

award::AwardMoney inline_(const char* rule) {
    auto m = award::AwardMoney::parse(config(rule), "inline.xml", kSchemas);
    if (!m) {
        FAIL(core::format(m.error()));
    }
    return std::move(m).value();
}

} // namespace

TEST_CASE("Bằng khen tỉnh, individual, at 2,340,000: 3,510,000") {
    auto money = shipped();
    auto a = money.amountFor("bang-khen-tinh", RecipientKind::Individual, d("2026-01-05"));
    CHECK(vnd(a) == 3510000);
    CHECK(a->unrounded == 3510000);
    CHECK(a->baseSalary == 2340000);
    CHECK(a->coefficientMilli == 1500);
    CHECK(a->formId == "bang-khen-tinh");
    CHECK(a->regimeId == "nd-152-2025");
    // The shipped rounding rule for 152/2025 is flagged unverified (facts.md §4.3).
    CHECK_FALSE(a->verified());
    CHECK(vnd(money.amountFor("bang-khen-tinh", RecipientKind::Individual, d("2026-01-05"))) ==
          3510000);
}

TEST_CASE("Giấy khen 0.3 × 2,340,000 = 702,000 is rounded up to 710,000 by default") {
    auto money = shipped();
    auto a = money.amountFor("giay-khen", RecipientKind::Individual, d("2026-01-05"));
    CHECK(a->unrounded == 702000);
    CHECK(vnd(a) == 710000);
    CHECK(a->rounding == award::RoundingRule::Ceil);
    CHECK(a->roundingStep == 10000);
}

TEST_CASE("Giấy khen under NĐ 98/2023 had coefficient 0.15") {
    auto money = shipped();
    // 2025-06-30: still 98/2023, base 2,340,000 → 351,000 → 360,000.
    auto before = money.amountFor("giay-khen", RecipientKind::Individual, d("2025-06-30"));
    CHECK(before->coefficientMilli == 150);
    CHECK(before->unrounded == 351000);
    CHECK(vnd(before) == 360000);
    CHECK(before->regimeId == "nd-98-2023");
    auto after = money.amountFor("giay-khen", RecipientKind::Individual, d("2025-07-01"));
    CHECK(after->coefficientMilli == 300);
}

TEST_CASE("Money is computed on the base salary in force on the decision date") {
    auto money = shipped();
    // 2024-06-30: 1,800,000 × 0.15 = 270,000 (already a multiple of 10,000).
    CHECK(vnd(money.amountFor("giay-khen", RecipientKind::Individual, d("2024-06-30"))) == 270000);
    // The unverified 2026 step: 2,530,000 × 1.5 = 3,795,000 → 3,800,000, flagged.
    auto a = money.amountFor("bang-khen-tinh", RecipientKind::Individual, d("2026-07-01"));
    CHECK(a->baseSalary == 2530000);
    CHECK(a->unrounded == 3795000);
    CHECK(vnd(a) == 3800000);
    bool flagged = false;
    for (const auto& note : a->unverified) {
        flagged = flagged || note.find("NĐ 161/2026/NĐ-CP") != std::string::npos;
    }
    CHECK(flagged);
}

TEST_CASE("Household 1.5 × and collective 2 × the individual amount") {
    auto none = inline_("none");
    // facts.md: Giấy khen xã, household 1.5 × 702,000 = 1,053,000 (unrounded).
    CHECK(vnd(none.amountFor("giay-khen", RecipientKind::Household, d("2026-01-05"))) == 1053000);
    CHECK(vnd(none.amountFor("giay-khen", RecipientKind::Individual, d("2026-01-05"))) == 702000);
    CHECK(vnd(none.amountFor("bang-khen-tinh", RecipientKind::Collective, d("2026-01-05"))) ==
          7020000);
    CHECK(vnd(none.amountFor("cstd-toan-quoc", RecipientKind::Individual, d("2026-01-05"))) ==
          10530000);
    CHECK(none.amountFor("cstd-toan-quoc", RecipientKind::Individual, d("2026-01-05"))->verified());

    auto ceil = inline_("ceil");
    CHECK(vnd(ceil.amountFor("giay-khen", RecipientKind::Household, d("2026-01-05"))) == 1060000);
    CHECK(vnd(ceil.amountFor("giay-khen", RecipientKind::Collective, d("2026-01-05"))) == 1410000);
    CHECK(vnd(shipped().amountFor("nha-giao-uu-tu", RecipientKind::Individual, d("2026-01-05"))) ==
          21060000);
}

TEST_CASE("A collective title's coefficient is the collective's amount, not multiplied") {
    auto none = inline_("none");
    // 1.5 × 2,340,000 = 3,510,000 for the collective (not 2 × that).
    CHECK(vnd(none.amountFor("tt-ldxs", RecipientKind::Collective, d("2026-01-05"))) == 3510000);
    // The shipped Cờ thi đua cấp tỉnh: 8.0 × 2,340,000 = 18,720,000.
    CHECK(vnd(shipped().amountFor("co-thi-dua-tinh", RecipientKind::Collective, d("2026-01-05"))) ==
          18720000);
    // Lao động tiên tiến 0.3 → 702,000 → 710,000 (shipped rounding).
    CHECK(vnd(shipped().amountFor("lao-dong-tien-tien", RecipientKind::Individual,
                                  d("2026-01-05"))) == 710000);
}

TEST_CASE("Rounding policies: ceil, nearest, none") {
    // 1.5 × 0.3 … use the title 4.5 × 2,340,000 = 10,530,000: a multiple, unchanged by all.
    for (const char* rule : {"ceil", "nearest", "none"}) {
        CHECK(vnd(inline_(rule).amountFor("cstd-toan-quoc", RecipientKind::Individual,
                                          d("2026-01-05"))) == 10530000);
    }
    // 702,000: ceil 710,000; nearest 700,000; none 702,000.
    auto giay = [](const char* rule) {
        return vnd(
            inline_(rule).amountFor("giay-khen", RecipientKind::Individual, d("2026-01-05")));
    };
    CHECK(giay("ceil") == 710000);
    CHECK(giay("nearest") == 700000);
    CHECK(giay("none") == 702000);
}

TEST_CASE("Dates and forms without a rule are clear errors") {
    auto money = inline_("ceil");
    auto early = money.amountFor("giay-khen", RecipientKind::Individual, d("2025-06-30"));
    REQUIRE_FALSE(early);
    CHECK(early.error().code == "M001");
    CHECK(early.error().kind == core::ErrorKind::InputRejected);
    // A collective title's coefficient is the collective's amount: no individual gets it.
    auto person = money.amountFor("tt-ldxs", RecipientKind::Individual, d("2026-01-05"));
    REQUIRE_FALSE(person);
    CHECK(person.error().code == "M006");
    CHECK(person.error().message.find("tập thể") != std::string::npos);
    auto unknown = money.amountFor("khong-co", RecipientKind::Individual, d("2026-01-05"));
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "M004");
}

TEST_CASE("An invalid configuration is a Config error naming the file and line") {
    std::string bad = config("ceil");
    bad.replace(bad.find("coefficient=\"0.3\""), 17, "coefficient=\"-1\"");
    auto m = award::AwardMoney::parse(bad, "bad.xml", kSchemas);
    REQUIRE_FALSE(m);
    CHECK(m.error().code == "M011");
    CHECK(m.error().kind == core::ErrorKind::Config);
    REQUIRE_FALSE(m.error().details.empty());
    CHECK(m.error().details.front().where.file == "bad.xml");
    CHECK(m.error().details.front().where.line == 8);

    std::string clash = config("ceil");
    clash.replace(clash.find("<form id=\"cstd-toan-quoc\""), 0,
                  "<form id=\"giay-khen\" name=\"x\" coefficient=\"1\" "
                  "basis=\"x\" status=\"verified\"/>\n");
    auto c = award::AwardMoney::parse(clash, "clash.xml", kSchemas);
    REQUIRE_FALSE(c);
    CHECK(c.error().code == "M011");

    auto missing = award::AwardMoney::load(fs::path("/nonexistent/award-money.xml"), kSchemas);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == "M010");
}
