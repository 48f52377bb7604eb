// Corrected dossiers: a new decision that supersedes the current one of the same round.
#include "archive/metadata.hpp"
#include "archive_test_support.hpp"

#include <fstream>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

// The record the pipeline builds for a corrected dossier of sampleRecord(1)'s round.
DecisionRecord correction(Archive& archive, int number) {
    DecisionRecord r = sampleRecord(number);
    r.roundYear = 2026;
    r.awardees[0].achievement = "Đã có thành tích xuất sắc (đính chính)";
    auto current = archive.findCurrentVersion(roundKeyOf(r));
    REQUIRE(current);
    r.supersedesDir = current->relativeDir;
    r.supersedesNumberText = current->numberText;
    return r;
}

std::vector<SearchHit> find(const fs::path& root, const std::string& text, bool all) {
    SearchQuery q;
    q.text = text;
    q.allVersions = all;
    auto hits = search(root, q, foldKey);
    REQUIRE(hits.ok());
    return hits.value();
}

std::string journal(const fs::path& root) {
    return readText(root / "journal");
}

} // namespace

TEST_CASE("a corrected dossier supersedes the current decision of its round",
          "[archive][versions]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock();
    REQUIRE(lock.ok());
    DecisionRecord first = sampleRecord(1);
    first.roundYear = 2026;
    REQUIRE(fileDecision(archive, lock.value(), first).ok());

    // Another round (other unit) is not a version of it.
    RoundKey other = roundKeyOf(first);
    other.unitCode = "HN-THCS-KHAC";
    CHECK_FALSE(archive.findCurrentVersion(other));
    RoundKey otherYear = roundKeyOf(first);
    otherYear.roundYear = 2025;
    CHECK_FALSE(archive.findCurrentVersion(otherYear));

    DecisionRecord second = correction(archive, 2);
    CHECK(second.supersedesDir == "2026/UBND-TP-HANOI/01-qd-ubnd");
    CHECK(second.supersedesNumberText == "01/QĐ-UBND");
    auto filed = fileDecision(archive, lock.value(), second);
    REQUIRE(filed.ok());

    // Both bags stay; the link is in the new bag's metadata, and reads back.
    CHECK(fs::exists(tmp.path() / "2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.xml"));
    const std::string xml = readText(filed->bagDir / "data" / "decision.xml");
    CHECK(
        xml.find("<supersedes bag=\"2026/UBND-TP-HANOI/01-qd-ubnd\" numberText=\"01/QĐ-UBND\"/>") !=
        std::string::npos);
    CHECK(readText(tmp.path() / "2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.xml")
              .find("supersedes") == std::string::npos);
    CHECK(journal(tmp.path())
              .find("\"action\":\"supersede\",\"dir\":\"2026/UBND-TP-HANOI/"
                    "02-qd-ubnd\"") != std::string::npos);
    CHECK(journal(tmp.path()).find("\"supersedes\":\"2026/UBND-TP-HANOI/01-qd-ubnd\"") !=
          std::string::npos);

    // The current version is now the new one; a third correction supersedes it, not the first.
    auto current = archive.findCurrentVersion(roundKeyOf(second));
    REQUIRE(current);
    CHECK(current->numberText == "02/QĐ-UBND");

    // Search: current versions by default; all versions marked with their replacement.
    auto hits = find(tmp.path(), "dao", false);
    REQUIRE_FALSE(hits.empty());
    for (const auto& h : hits) {
        CHECK(h.numberText == "02/QĐ-UBND");
        CHECK(h.supersededBy.empty());
    }
    auto all = find(tmp.path(), "dao", true);
    CHECK(all.size() == 2 * hits.size());
    int marked = 0;
    for (const auto& h : all) {
        if (h.numberText == "01/QĐ-UBND") {
            CHECK(h.supersededBy == "02/QĐ-UBND");
            ++marked;
        }
    }
    CHECK(marked == static_cast<int>(hits.size()));

    auto report = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(report.ok());
    CHECK(report->ok());
}

TEST_CASE("reindex derives the version chain from the tree", "[archive][versions]") {
    TempDir tmp;
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock();
        REQUIRE(lock.ok());
        // 100-qd-ubnd is listed before 99-qd-ubnd, which it replaces: the rebuild must link
        // the pair whatever the order of the tree.
        for (int n : {3, 99}) {
            DecisionRecord r = sampleRecord(n);
            r.roundYear = 2026;
            r.unitCode = "UNIT-" + std::to_string(n);
            REQUIRE(fileDecision(archive, lock.value(), r).ok());
        }
        DecisionRecord fix = sampleRecord(100);
        fix.roundYear = 2026;
        fix.unitCode = "UNIT-99";
        auto current = archive.findCurrentVersion(roundKeyOf(fix));
        REQUIRE(current);
        CHECK(current->numberText == "99/QĐ-UBND");
        fix.supersedesDir = current->relativeDir;
        fix.supersedesNumberText = current->numberText;
        REQUIRE(fileDecision(archive, lock.value(), fix).ok());
    }
    auto before = find(tmp.path(), "dao", true);
    auto currentBefore = find(tmp.path(), "dao", false);
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    auto after = find(tmp.path(), "dao", true);
    auto currentAfter = find(tmp.path(), "dao", false);
    REQUIRE(before.size() == after.size());
    CHECK(currentBefore.size() == currentAfter.size());
    CHECK(currentAfter.size() + 2 == after.size()); // the two awardees of 99 (Đào, Dao)
    for (std::size_t i = 0; i < before.size(); ++i) {
        CHECK(before[i].numberText == after[i].numberText);
        CHECK(before[i].supersededBy == after[i].supersededBy);
    }

    // Without an index the tree is scanned and gives the same current version.
    fs::remove(tmp.path() / "index.sqlite");
    Archive archive = openArchive(tmp.path());
    DecisionRecord probe = sampleRecord(13);
    probe.roundYear = 2026;
    probe.unitCode = "UNIT-99";
    auto current = archive.findCurrentVersion(roundKeyOf(probe));
    REQUIRE(current);
    CHECK(current->numberText == "100/QĐ-UBND");
}

TEST_CASE("verify checks the supersede chain", "[archive][versions]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock();
    REQUIRE(lock.ok());
    DecisionRecord first = sampleRecord(1);
    REQUIRE(fileDecision(archive, lock.value(), first).ok());

    SECTION("commit refuses a link to a bag that is not in the archive") {
        DecisionRecord r = sampleRecord(2);
        r.supersedesDir = "2026/UBND-TP-HANOI/99-qd-ubnd";
        r.supersedesNumberText = "99/QĐ-UBND";
        auto filed = fileDecision(archive, lock.value(), r);
        REQUIRE_FALSE(filed.ok());
        CHECK(filed.error().code == "A019");
    }
    SECTION("a bag superseded twice is reported") {
        for (int n : {2, 3}) {
            DecisionRecord r = sampleRecord(n);
            r.supersedesDir = "2026/UBND-TP-HANOI/01-qd-ubnd";
            r.supersedesNumberText = "01/QĐ-UBND";
            REQUIRE(fileDecision(archive, lock.value(), r).ok());
        }
        auto report = verify(tmp.path(), schemasDir());
        REQUIRE(report.ok());
        bool found = false;
        for (const auto& p : report->problems) {
            found = found || (p.code == "A226" && p.where.file == "2026/UBND-TP-HANOI/01-qd-ubnd");
        }
        CHECK(found);
    }
    SECTION("a link to a missing bag is reported") {
        DecisionRecord r = sampleRecord(2);
        r.supersedesDir = "2026/UBND-TP-HANOI/01-qd-ubnd";
        r.supersedesNumberText = "01/QĐ-UBND";
        REQUIRE(fileDecision(archive, lock.value(), r).ok());
        fs::remove_all(tmp.path() / "2026/UBND-TP-HANOI/01-qd-ubnd");
        auto report = verify(tmp.path(), schemasDir());
        REQUIRE(report.ok());
        bool found = false;
        for (const auto& p : report->problems) {
            found = found || (p.code == "A225" &&
                              p.where.file == "2026/UBND-TP-HANOI/02-qd-ubnd/data/decision.xml");
        }
        CHECK(found);
    }
}

TEST_CASE("decision.xml without round year or supersedes stays valid", "[archive][versions]") {
    auto meta = Metadata::load(schemasDir(), shippedRetention());
    REQUIRE(meta.ok());
    DecisionRecord r = sampleRecord(1); // roundYear 0: <round> without @year
    core::Diagnostics diags;
    const std::string xml = meta->decisionXml(r);
    CHECK(xml.find("<round>Tổng kết năm học 2025-2026</round>") != std::string::npos);
    CHECK(meta->check(xml, "decision.xml", diags).ok());
}

TEST_CASE("each bag holds valid dossier metadata that verify checks", "[archive][dossier]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock();
    REQUIRE(lock.ok());
    DecisionRecord r = sampleRecord(5);
    r.certificatePages = 2;
    auto filed = fileDecision(archive, lock.value(), r);
    REQUIRE(filed.ok());
    const fs::path meta = filed->bagDir / "data" / kDossierMetadataFile;
    const std::string xml = readText(meta);
    CHECK(xml.find("<fileCode>UBND-TP-HANOI.2026.05.HS</fileCode>") != std::string::npos);
    CHECK(xml.find("<title>Hồ sơ khen thưởng Bằng khen — Tổng kết năm học 2025-2026 — Trường "
                   "THCS Nguyễn Trãi (Quyết định số 05/QĐ-UBND)</title>") != std::string::npos);
    CHECK(xml.find("<maintenance>20 năm</maintenance>") != std::string::npos); // province
    CHECK(xml.find("<startDate>2026-01-05</startDate>") != std::string::npos);
    CHECK(xml.find("<docTotal>4</docTotal>") != std::string::npos);   // decision, 2 certs, dossier
    CHECK(xml.find("<pageTotal>4</pageTotal>") != std::string::npos); // 2 + 2
    auto clean = verify(tmp.path(), schemasDir());
    REQUIRE(clean.ok());
    CHECK(clean->ok());
    CHECK(clean->warnings.empty());

    // A damaged file: its checksum fails too, and the schema check names the problem.
    std::string bad = xml;
    bad.replace(bad.find("<docTotal>4"), 11, "<docTotal>0");
    writeFile(meta, bad);
    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    bool found = false;
    for (const auto& p : report->problems) {
        found = found ||
                (p.code == "A227" && p.where.file == filed->relativeDir + "/data/dossier-meta.xml");
    }
    CHECK(found);

    // An older bag without it: a warning, not a fault.
    fs::remove(meta);
    auto old = verify(tmp.path(), schemasDir());
    REQUIRE(old.ok());
    bool warned = false;
    for (const auto& w : old->warnings) {
        warned = warned || w.code == "A255";
    }
    CHECK(warned);
}
