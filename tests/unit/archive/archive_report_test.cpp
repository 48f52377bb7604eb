// tdkt report numbers: reporting period, counts by form and unit, money, direct-worker and
// small-collective shares, read from the tree.
#include "archive/report.hpp"
#include "archive/tree.hpp"
#include "archive_test_support.hpp"

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

AwardeeRecord collective(int ordinal, const std::string& name, long long amount) {
    AwardeeRecord a;
    a.kind = model::NomineeKind::Collective;
    a.ordinal = ordinal;
    a.name = name;
    a.unit = "Trường THCS Nguyễn Trãi";
    a.achievement = "Hoàn thành xuất sắc nhiệm vụ";
    a.certificateFile = "certificates/" + std::string(ordinal < 10 ? "000" : "00") +
                        std::to_string(ordinal) + ".pdf";
    a.amount = amount;
    return a;
}

SmallCollectiveRule smallRule() {
    SmallCollectiveRule rule;
    rule.prefixes = {"Tổ", "Khoa", "Tổ dân phố", "Thôn"};
    return rule;
}

// Reporting year 2026 = 01/12/2025 .. 30/11/2026:
//   2025 no. 7, 2025-11-30  outside (the 2025 reporting year)
//   2025 no. 8, 2025-12-01  inside: Bằng khen, unit Nguyễn Trãi, 2 individuals (1 direct worker)
//   2026 no. 1, 2026-01-05  inside: Giấy khen, unit Chu Văn An, 3 collectives (2 small)
//   2026 no. 2, 2026-11-30  inside: Bằng khen, unit Nguyễn Trãi, 2 individuals, no amounts
//   2026 no. 3, 2026-12-01  outside (the 2027 reporting year)
void fillArchive(const fs::path& root) {
    Archive archive = openArchive(root);
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());

    auto r7 = sampleRecord(7, 2025);
    r7.date = "2025-11-30";
    r7.awardees[0].amount = 1000;
    r7.awardees[1].amount = 1000;
    REQUIRE(fileDecision(archive, lock.value(), r7).ok());

    auto r8 = sampleRecord(8, 2025);
    r8.date = "2025-12-01";
    r8.awardees[0].amount = 2340000; // DirectWorker
    r8.awardees[1].amount = 2340000; // OtherLeader
    REQUIRE(fileDecision(archive, lock.value(), r8).ok());

    auto r1 = sampleRecord(1, 2026);
    r1.date = "2026-01-05";
    setAward(r1, "giay-khen", "Giấy khen");
    r1.unitCode = "HN-THPT-CHUVANAN";
    r1.unitName = "Trường THPT Chu Văn An";
    r1.awardees = {collective(1, "Tổ Toán - Tin", 3510000),
                   collective(2, "Khoa Nội tổng hợp", 3510000),
                   collective(3, "Tổng công ty Điện lực", 3510000)};
    REQUIRE(fileDecision(archive, lock.value(), r1).ok());

    auto r2 = sampleRecord(2, 2026);
    r2.date = "2026-11-30";
    REQUIRE(fileDecision(archive, lock.value(), r2).ok());

    auto r3 = sampleRecord(3, 2026);
    r3.date = "2026-12-01";
    r3.awardees[0].amount = 5;
    REQUIRE(fileDecision(archive, lock.value(), r3).ok());
}

YearReport build(const fs::path& root, std::optional<std::string> unit = std::nullopt) {
    ReportOptions options;
    options.year = 2026;
    options.unit = std::move(unit);
    options.small = smallRule();
    auto r = buildReport(root, schemasDir(), options, foldKey);
    INFO((r.ok() ? std::string() : core::format(r.error())));
    REQUIRE(r.ok());
    return std::move(r.value());
}

} // namespace

TEST_CASE("report: reporting period is 01/12 of the year before to 30/11", "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const YearReport r = build(tmp.path());
    CHECK(r.periodFrom == "2025-12-01");
    CHECK(r.periodTo == "2026-11-30");
    CHECK(r.decisions == 3);
    CHECK(r.total.individuals == 4);
    CHECK(r.total.collectives == 3);
    CHECK(r.total.total() == 7);
}

TEST_CASE("report: counts and money by award form", "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const YearReport r = build(tmp.path());
    REQUIRE(r.byKind.size() == 2);
    // First appearance by decision date: Bằng khen (2025-12-01) before Giấy khen (2026-01-05).
    CHECK(r.byKind[0].key == "bang-khen-tinh");
    CHECK(r.byKind[0].name == "Bằng khen");
    CHECK(r.byKind[0].individuals == 4);
    CHECK(r.byKind[0].collectives == 0);
    CHECK(r.byKind[0].directWorkers == 2);
    CHECK(r.byKind[0].money == 4680000);
    CHECK(r.byKind[0].withoutAmount == 2);
    CHECK(r.byKind[1].key == "giay-khen");
    CHECK(r.byKind[1].collectives == 3);
    CHECK(r.byKind[1].smallCollectives == 2);
    CHECK(r.byKind[1].money == 10530000);
    CHECK(r.total.money == 15210000);
}

TEST_CASE("report: units in Vietnamese order, shares of direct workers and small collectives",
          "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const YearReport r = build(tmp.path());
    REQUIRE(r.byUnit.size() == 2);
    // "Trường THCS ..." sorts before "Trường THPT ..." ("C" < "P").
    CHECK(r.byUnit[0].key == "HN-THCS-NGUYENTRAI");
    CHECK(r.byUnit[0].individuals == 4);
    CHECK(r.byUnit[1].key == "HN-THPT-CHUVANAN");
    CHECK(r.byUnit[1].collectives == 3);
    CHECK(r.total.directWorkers == 2);
    CHECK(r.total.smallCollectives == 2);
    CHECK(r.directWorkerShare() == Approx(100.0 * 2 / 7));
    CHECK(r.smallCollectiveShare() == Approx(100.0 * 2 / 7));
}

TEST_CASE("report: --unit keeps only that proposing unit", "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const YearReport r = build(tmp.path(), std::string("HN-THPT-CHUVANAN"));
    CHECK(r.decisions == 1);
    REQUIRE(r.byUnit.size() == 1);
    CHECK(r.total.collectives == 3);
    CHECK(r.total.individuals == 0);
}

TEST_CASE("report: small collectives match whole words, case and diacritics ignored",
          "[archive][report]") {
    const SmallCollectiveRule rule = smallRule();
    CHECK(isSmallCollective("Tổ Văn", rule, foldKey));
    CHECK(isSmallCollective("TỔ DÂN PHỐ SỐ 5", rule, foldKey));
    CHECK(isSmallCollective("thôn Đông", rule, foldKey));
    CHECK_FALSE(isSmallCollective("Tổng công ty Điện lực", rule, foldKey));
    CHECK_FALSE(isSmallCollective("Trường THCS Tô Hoàng", rule, foldKey));
    CHECK_FALSE(isSmallCollective("Khoảng", rule, foldKey));
}

TEST_CASE("report: the prefix list is read from a file", "[archive][report]") {
    TempDir tmp;
    writeFile(tmp.path() / "small.txt", "# comment\n\nTổ\n  Khoa  \r\n");
    auto rule = SmallCollectiveRule::load(tmp.path() / "small.txt");
    REQUIRE(rule.ok());
    CHECK(rule->prefixes == std::vector<std::string>{"Tổ", "Khoa"});
    CHECK_FALSE(SmallCollectiveRule::load(tmp.path() / "missing.txt").ok());
}

TEST_CASE("report: a damaged decision.xml is an error naming the file", "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const auto bags = listTree(tmp.path()).bags;
    REQUIRE(!bags.empty());
    writeFile(tmp.path() / bags.back() / "data" / "decision.xml", "<broken");
    ReportOptions options;
    options.year = 2026;
    auto r = buildReport(tmp.path(), schemasDir(), options, foldKey);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "A502");
    CHECK(r.error().message.find(bags.back()) != std::string::npos);
}

TEST_CASE("report: a decision superseded by a corrected one is not counted", "[archive][report]") {
    TempDir tmp;
    fillArchive(tmp.path());
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        // Correction of 2026 no. 1 (Giấy khen, 3 collectives), filed as no. 4: one collective.
        auto r4 = sampleRecord(4, 2026);
        r4.date = "2026-02-01";
        setAward(r4, "giay-khen", "Giấy khen");
        r4.unitCode = "HN-THPT-CHUVANAN";
        r4.unitName = "Trường THPT Chu Văn An";
        r4.awardees = {collective(1, "Tổ Toán - Tin", 3510000)};
        r4.supersedesDir = "2026/UBND-TP-HANOI/01-qd-ubnd";
        r4.supersedesNumberText = "01/QĐ-UBND";
        REQUIRE(fileDecision(archive, lock.value(), r4).ok());
    }
    const YearReport r = build(tmp.path());
    CHECK(r.decisions == 3);
    CHECK(r.total.collectives == 1);
    CHECK(r.total.smallCollectives == 1);
    CHECK(r.total.individuals == 4);
    CHECK(r.total.money == 4680000 + 3510000);
}
