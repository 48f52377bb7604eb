// Retention periods (thời hạn bảo quản) from config/retention.xml: the loader's checks, the
// choice by date, kind and level, and the periods the archive writes into a bag.
#include "archive/metadata.hpp"
#include "archive/retention.hpp"
#include "archive_test_support.hpp"
#include "pipeline/core/exit_code.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

constexpr const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<retention xmlns=\"urn:tdkt:retention:1.0\" schemaVersion=\"1.0\">\n";
constexpr const char* kTail = "</retention>\n";

// One <rule> line; `extra` holds the optional attributes.
std::string rule(const std::string& kind, const std::string& period,
                 const std::string& extra = {}) {
    return "  <rule kind=\"" + kind + "\" period=\"" + period + "\" basis=\"TT thử\"" +
           (extra.empty() ? "" : " " + extra) + "/>\n";
}

// The three kinds the archive files, for any level, with these periods.
std::string perKind(const std::string& decision, const std::string& certificate,
                    const std::string& dossier) {
    return rule("decision", decision) + rule("certificate", certificate) +
           rule("awardDossier", dossier);
}

core::Result<RetentionTable> parse(const std::string& rules) {
    return RetentionTable::parse(kHead + rules + kTail, "retention.xml", schemasDir());
}

RetentionTable table(const std::string& rules) {
    auto t = parse(rules);
    INFO((t.ok() ? std::string() : core::format(t.error())));
    REQUIRE(t.ok());
    return std::move(t.value());
}

// The problem codes and lines of a rejected table.
std::vector<std::pair<std::string, int>> problems(const core::Result<RetentionTable>& t) {
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == "A061");
    CHECK(core::exitCodeFor(t.error().kind) == core::ExitConfig);
    std::vector<std::pair<std::string, int>> out;
    for (const auto& d : t.error().details) {
        CHECK(d.where.file == "retention.xml");
        out.emplace_back(d.code, d.where.line);
    }
    return out;
}

std::string maintenance(const std::string& xml) {
    const std::string open = "<maintenance>";
    auto at = xml.find(open);
    REQUIRE(at != std::string::npos);
    at += open.size();
    return xml.substr(at, xml.find('<', at) - at);
}

} // namespace

TEST_CASE("shipped table: period by decision date, document kind and issuer level", "[retention]") {
    RetentionTable t = shippedRetention();
    auto at = [&](const char* kind, const char* level, const char* date) {
        auto r = t.find(kind, level, date);
        INFO(kind << " " << level << " " << date);
        REQUIRE(r.ok());
        return r.value();
    };
    CHECK(at(kKindAwardDossier, "national", "2026-01-05").period == "Vĩnh viễn");
    CHECK(at(kKindAwardDossier, "government", "2026-01-05").period == "Vĩnh viễn");
    CHECK(at(kKindAwardDossier, "province", "2026-01-05").period == "20 năm");
    CHECK(at(kKindDecision, "ministry", "2026-01-05").period == "20 năm");
    CHECK(at(kKindDecision, "department", "2026-01-05").period == "10 năm");
    CHECK(at(kKindCertificate, "commune", "2026-01-05").period == "10 năm");
    CHECK(at(kKindDecisionRegister, "commune", "2026-01-05").period == "Vĩnh viễn");

    // Circular 10/2022 from 15/02/2023; the day before falls under 09/2011.
    const RetentionRule before = at(kKindAwardDossier, "province", "2023-02-14");
    const RetentionRule from = at(kKindAwardDossier, "province", "2023-02-15");
    CHECK(before.basis.find("09/2011") != std::string::npos);
    CHECK(from.basis.find("10/2022") != std::string::npos);
    CHECK(at(kKindAwardDossier, "district", "2012-03-01").basis.find("09/2011") !=
          std::string::npos);
    // facts.md marks the commendation rows [U]: every shipped rule is unverified.
    CHECK_FALSE(before.verified);
    CHECK_FALSE(from.verified);
    CHECK(unverifiedRetentionNote(from).find("chưa xác minh") != std::string::npos);

    auto unknown = t.find(kKindDecision, "galaxy", "2026-01-05");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "A066");
    CHECK(core::exitCodeFor(unknown.error().kind) == core::ExitConfig);
}

TEST_CASE("a rule listing the level wins over the rule for any level", "[retention]") {
    RetentionTable t = table(perKind("10 năm", "5 năm", "10 năm") +
                             rule("decision", "Vĩnh viễn", "issuerLevels=\"national\""));
    CHECK(t.find(kKindDecision, "national", "2026-01-05")->period == "Vĩnh viễn");
    CHECK(t.find(kKindDecision, "commune", "2026-01-05")->period == "10 năm");
    CHECK(t.find(kKindCertificate, "national", "2026-01-05")->period == "5 năm");

    // The rules of one decision: its decision, certificates and dossier, each rule once.
    auto used = t.rulesFor("commune", "2026-01-05", true);
    REQUIRE(used.size() == 3);
    CHECK(used[0].kind == "decision");
    CHECK(used[1].kind == "certificate");
    CHECK(used[2].kind == "awardDossier");
    CHECK(t.rulesFor("commune", "2026-01-05", false).size() == 2);
}

TEST_CASE("schema errors carry the file and line", "[retention]") {
    auto t = parse(perKind("10 năm", "5 năm", "10 năm") +
                   rule("decision", "mãi mãi", "issuerLevels=\"national\""));
    auto found = problems(t);
    REQUIRE_FALSE(found.empty());
    CHECK(found[0].first.substr(0, 1) == "X");
    CHECK(found[0].second == 6); // the fourth rule
    CHECK(core::format(t.error()).find("retention.xml:6:") != std::string::npos);

    auto level = problems(parse(perKind("10 năm", "5 năm", "10 năm") +
                                rule("decision", "10 năm", "issuerLevels=\"galaxy\"")));
    REQUIRE_FALSE(level.empty());
    CHECK(level[0].second == 6);
}

TEST_CASE("overlapping periods are refused", "[retention]") {
    // Two open-ended rules for national decisions.
    auto twice = problems(parse(perKind("10 năm", "5 năm", "10 năm") +
                                rule("decision", "Vĩnh viễn", "issuerLevels=\"national\"") +
                                rule("decision", "20 năm", "issuerLevels=\"province national\"")));
    CHECK(twice == std::vector<std::pair<std::string, int>>{{"A062", 7}});

    // A period that runs past the start of the next.
    auto past = problems(parse(rule("certificate", "5 năm") + rule("awardDossier", "10 năm") +
                               rule("decision", "10 năm", "validTo=\"2023-03-01\"") +
                               rule("decision", "20 năm", "validFrom=\"2023-02-15\"")));
    CHECK(past == std::vector<std::pair<std::string, int>>{{"A062", 6}});

    auto reversed = problems(parse(
        perKind("10 năm", "5 năm", "10 năm") +
        rule("decisionRegister", "Vĩnh viễn", "validFrom=\"2023-02-15\" validTo=\"2023-02-15\"")));
    REQUIRE_FALSE(reversed.empty());
    CHECK(reversed[0] == std::make_pair(std::string("A063"), 6));
}

TEST_CASE("missing periods are refused", "[retention]") {
    // A gap between 09/2011 and 10/2022.
    auto gap = problems(parse(rule("certificate", "5 năm") + rule("awardDossier", "10 năm") +
                              rule("decision", "10 năm", "validTo=\"2023-02-14\"") +
                              rule("decision", "20 năm", "validFrom=\"2023-02-15\"")));
    CHECK(gap == std::vector<std::pair<std::string, int>>{{"A064", 6}});
    CHECK(parse(rule("certificate", "5 năm") + rule("awardDossier", "10 năm") +
                rule("decision", "10 năm", "validTo=\"2023-02-14\"") +
                rule("decision", "20 năm", "validFrom=\"2023-02-15\""))
              .error()
              .details[0]
              .message.find("14/02/2023") != std::string::npos);

    // The last period ends: nothing after it.
    auto ends = problems(parse(rule("certificate", "5 năm") + rule("awardDossier", "10 năm") +
                               rule("decision", "10 năm", "validTo=\"2030-01-01\"")));
    CHECK(ends == std::vector<std::pair<std::string, int>>{{"A064", 5}});

    // One level starts later than the rest of its kind.
    auto late = problems(
        parse(perKind("10 năm", "5 năm", "10 năm") +
              rule("decision", "20 năm", "issuerLevels=\"province\" validFrom=\"2023-02-15\"")));
    CHECK(late == std::vector<std::pair<std::string, int>>{{"A064", 6}});

    // A kind the archive files has no rule at all.
    auto none = problems(parse(rule("decision", "10 năm") + rule("awardDossier", "10 năm")));
    CHECK(none == std::vector<std::pair<std::string, int>>{{"A065", 0}});
}

TEST_CASE("an unreadable retention file is a configuration error", "[retention]") {
    auto t = RetentionTable::load(fs::path(TDKT_TEST_DATA) / "no-such-retention.xml", schemasDir());
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == "A060");
    CHECK(core::exitCodeFor(t.error().kind) == core::ExitConfig);
    CHECK(RetentionTable().find(kKindDecision, "province", "2026-01-05").error().code == "A066");
}

TEST_CASE("decision, certificates and dossier each get the period of their kind",
          "[retention][archive]") {
    TempDir tmp;
    const fs::path bag = tmp.path() / "2026/UBND-TP-HANOI/01-qd-ubnd/data";
    const fs::path bag2 = tmp.path() / "2026/UBND-TP-HANOI/02-qd-ubnd/data";
    {
        // The shipped table: province level, 20 years for all three.
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
        CHECK(maintenance(readText(bag / "decision.xml")) == "20 năm");
        CHECK(maintenance(readText(bag / "certificates/0001.xml")) == "20 năm");
        CHECK(maintenance(readText(bag / "dossier-meta.xml")) == "20 năm");
    }
    {
        // A table injected by the test: each kind its own period.
        Archive archive = openArchive(tmp.path(), table(perKind("30 năm", "5 năm", "Vĩnh viễn")));
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(2)).ok());
        CHECK(maintenance(readText(bag2 / "decision.xml")) == "30 năm");
        CHECK(maintenance(readText(bag2 / "certificates/0001.xml")) == "5 năm");
        CHECK(maintenance(readText(bag2 / "certificates/0002.xml")) == "5 năm");
        CHECK(maintenance(readText(bag2 / "dossier-meta.xml")) == "Vĩnh viễn");
        // The bag filed under the other table keeps what it recorded.
        CHECK(maintenance(readText(bag / "decision.xml")) == "20 năm");
        CHECK(maintenance(readText(bag / "dossier-meta.xml")) == "20 năm");
    }
    // Periods are never recomputed: verify accepts both bags whatever the table says now.
    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    for (const auto& p : report->problems) {
        UNSCOPED_INFO(p.code << " " << p.where.file << " " << p.message);
    }
    CHECK(report->ok());
    CHECK(report->bagsChecked == 2);
}

TEST_CASE("no rule for the issuer's level or date: nothing is filed", "[retention][archive]") {
    TempDir tmp;
    // Only province rules; a commune decision has none.
    const std::string levels = "issuerLevels=\"province\"";
    Archive archive = openArchive(tmp.path(), table(rule("decision", "20 năm", levels) +
                                                    rule("certificate", "20 năm", levels) +
                                                    rule("awardDossier", "20 năm", levels)));
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    DecisionRecord r = sampleRecord(1);
    r.issuerLevel = "commune";
    auto filed = fileDecision(archive, lock.value(), r);
    REQUIRE_FALSE(filed.ok());
    CHECK(filed.error().code == "A066");
    CHECK_FALSE(fs::exists(tmp.path() / "2026"));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 1);

    // An archive opened without a table (as reindex opens it) cannot file either.
    auto bare = Archive::open(tmp.path(), schemasDir(), foldKey);
    REQUIRE(bare.ok());
    auto none = fileDecision(bare.value(), lock.value(), sampleRecord(1));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "A066");
}
