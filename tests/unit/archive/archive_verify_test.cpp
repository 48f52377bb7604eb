// verify: fixity, completeness, metadata and register checks; the BagIt conformance suite.
#include "archive/index.hpp"
#include "archive/sqlite.hpp"
#include "archive_test_support.hpp"

#include <fstream>
#include <map>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

const std::string kBag = "2026/UBND-TP-HANOI/05-qd-ubnd";

void fillArchive(const fs::path& root) {
    Archive archive = openArchive(root);
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(5)).ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(6)).ok());
}

VerifyReport runVerify(const fs::path& root) {
    auto report = verify(root, schemasDir());
    INFO((report.ok() ? std::string() : core::format(report.error())));
    REQUIRE(report.ok());
    return report.value();
}

bool hasProblem(const VerifyReport& r, const std::string& code, const std::string& path) {
    for (const auto& p : r.problems) {
        if (p.code == code && p.where.file == path) {
            return true;
        }
    }
    return false;
}

std::string describe(const VerifyReport& r) {
    std::string out;
    for (const auto& p : r.problems) {
        out += p.code + " " + p.where.file + ": " + p.message + "\n";
    }
    return out;
}

void flipByte(const fs::path& file, std::streamoff offset) {
    std::fstream f(file.string(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    char c = 0;
    f.get(c);
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x20));
}

} // namespace

TEST_CASE("verify passes a clean archive", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK(r.ok());
    CHECK(r.bagsChecked == 2);
    CHECK(r.filesChecked == 16); // 8 per bag: with data/dossier-meta.xml
    CHECK(r.notes.empty());
}

TEST_CASE("verify names a payload file whose bytes changed", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    flipByte(tmp.path() / kBag / "data/decision.pdf", 3);
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "A201");
    CHECK(r.problems[0].where.file == kBag + "/data/decision.pdf");
    CHECK(r.problems[0].message == "mã băm SHA-256 không khớp");
}

TEST_CASE("verify names a deleted file", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    fs::remove(tmp.path() / kBag / "data/certificates/0002.pdf");
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK_FALSE(r.ok());
    CHECK(hasProblem(r, "A202", kBag + "/data/certificates/0002.pdf"));
    CHECK(hasProblem(r, "A206", kBag + "/bag-info.txt")); // Payload-Oxum
    CHECK(r.problems.size() == 2);
}

TEST_CASE("verify names an extra file under data/", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    writeFile(tmp.path() / kBag / "data/notes.txt", "ghi chú\n");
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK(hasProblem(r, "A203", kBag + "/data/notes.txt"));
    CHECK(hasProblem(r, "A206", kBag + "/bag-info.txt")); // Payload-Oxum no longer matches
    CHECK(r.problems.size() == 2);
}

TEST_CASE("verify names a corrupt decision.xml", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const fs::path xml = tmp.path() / kBag / "data/decision.xml";
    std::string text = readText(xml);
    text.replace(text.find("<language>vi</language>"), 23, "<language></language>");
    writeFile(xml, text);
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK(hasProblem(r, "A201", kBag + "/data/decision.xml"));
    CHECK(hasProblem(r, "A209", kBag + "/data/decision.xml"));

    writeFile(xml, "<decision");
    r = runVerify(tmp.path());
    CHECK(hasProblem(r, "A209", kBag + "/data/decision.xml"));
}

TEST_CASE("verify checks the tag manifest and bagit.txt", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const fs::path info = tmp.path() / kBag / "bag-info.txt";
    writeFile(info, readText(info) + "Contact-Name: ai đó\n");
    writeFile(tmp.path() / kBag / "bagit.txt", "BagIt-Version : 1.0\n");
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK(hasProblem(r, "A204", kBag + "/bag-info.txt"));
    CHECK(hasProblem(r, "A204", kBag + "/bagit.txt"));
    CHECK(hasProblem(r, "A200", kBag + "/bagit.txt"));
}

TEST_CASE("verify checks the register against filed numbers", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const fs::path reg = tmp.path() / "registers/UBND-TP-HANOI.2026.txt";
    writeFile(reg, "issuer: UBND-TP-HANOI\nyear: 2026\nlast: 5\n");
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "A211");
    CHECK(r.problems[0].where.file == "registers/UBND-TP-HANOI.2026.txt");

    fs::remove(reg);
    r = runVerify(tmp.path());
    CHECK(hasProblem(r, "A213", "registers/UBND-TP-HANOI.2026.txt"));

    writeFile(reg, "garbage");
    r = runVerify(tmp.path());
    CHECK(hasProblem(r, "A213", "registers/UBND-TP-HANOI.2026.txt"));
}

TEST_CASE("verify reports a number filed twice and a bag in the wrong place", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    // A copy of bag 05 under another folder name: same number twice, and misplaced.
    fs::path copy = tmp.path() / "2026/UBND-TP-HANOI/05-qd-ubnd-copy";
    fs::create_directories(copy);
    for (fs::recursive_directory_iterator it(tmp.path() / kBag), end; it != end; ++it) {
        fs::path target = copy / it->path().lexically_relative(tmp.path() / kBag);
        if (fs::is_directory(it->path())) {
            fs::create_directories(target);
        } else {
            fs::copy_file(it->path(), target);
        }
    }
    VerifyReport r = runVerify(tmp.path());
    INFO(describe(r));
    CHECK(hasProblem(r, "A212", kBag));
    CHECK(hasProblem(r, "A216", "2026/UBND-TP-HANOI/05-qd-ubnd-copy/data/decision.xml"));
}

// The Library of Congress BagIt conformance suite, every version folder present: valid bags
// pass, invalid and linux-only bags fail with a problem, warning bags pass with a warning.
// windows-only bags are Windows path tricks (C:\, UNC): on Linux they are ordinary names and
// are not judged here.
TEST_CASE("verifyBag judges the whole BagIt conformance suite", "[archive][verify]") {
    const fs::path suite = fs::path(TDKT_SHARED_DIR) / "conformance/bagit";
    if (!fs::is_directory(suite)) {
        WARN("BagIt conformance suite not found: " << suite);
        return;
    }
    std::map<std::string, int> judged;
    for (fs::directory_iterator v(suite), vend; v != vend; ++v) {
        if (!fs::is_directory(v->path())) {
            continue;
        }
        for (const char* kind : {"valid", "invalid", "linux-only", "warning"}) {
            const fs::path dir = v->path() / kind;
            if (!fs::is_directory(dir)) {
                continue;
            }
            for (fs::directory_iterator it(dir), end; it != end; ++it) {
                if (!fs::is_directory(it->path())) {
                    continue; // the suite's Makefile
                }
                VerifyReport r = verifyBag(it->path());
                const std::string k = kind;
                INFO(v->path().filename().string()
                     << "/" << k << "/" << it->path().filename().string() << "\n"
                     << describe(r));
                if (k == "valid") {
                    CHECK(r.ok());
                } else if (k == "warning") {
                    CHECK(r.ok());
                    CHECK_FALSE(r.warnings.empty());
                } else {
                    CHECK_FALSE(r.ok());
                    for (const auto& p : r.problems) {
                        CHECK_FALSE(p.message.empty());
                    }
                }
                ++judged[k];
            }
        }
    }
    CHECK(judged["valid"] >= 20);
    CHECK(judged["invalid"] >= 10);
    CHECK(judged["linux-only"] >= 1);
    CHECK(judged["warning"] >= 1);
}

TEST_CASE("verify refuses a root that does not exist", "[archive][verify]") {
    TempDir tmp;
    auto report = verify(tmp.path() / "no-such-archive", schemasDir());
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == "A606");
    CHECK(report.error().kind == core::ErrorKind::InputMissing);
}

TEST_CASE("verify compares the index with the tree", "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    VerifyOptions options;
    options.searchKey = foldKey;
    auto clean = verify(tmp.path(), schemasDir(), options);
    REQUIRE(clean.ok());
    INFO(describe(clean.value()));
    CHECK(clean->ok());

    // A bag the index does not know (e.g. copied in by hand), and an index row whose bag is
    // gone.
    fs::rename(tmp.path() / kBag, tmp.path() / "2026/UBND-TP-HANOI/05-qd-ubnd-moved");
    auto r = verify(tmp.path(), schemasDir(), options);
    REQUIRE(r.ok());
    INFO(describe(r.value()));
    CHECK(hasProblem(r.value(), "A221", "2026/UBND-TP-HANOI/05-qd-ubnd-moved"));
    CHECK(hasProblem(r.value(), "A222", kBag));

    // After reindex the index agrees again (only the misplaced bag remains a problem).
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    auto again = verify(tmp.path(), schemasDir(), options);
    REQUIRE(again.ok());
    for (const auto& p : again->problems) {
        CHECK(p.code == "A216");
    }
}

TEST_CASE("verify finds a decision whose decision-level search keys are missing from the index",
          "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path());
    VerifyOptions options;
    options.searchKey = foldKey;
    {
        auto db = Database::open(indexFile(tmp.path()), false);
        REQUIRE(db);
        auto del = db->prepare("DELETE FROM decision_keys WHERE rowid IN (SELECT max(rowid) "
                               "FROM decision_keys)");
        REQUIRE(del);
        REQUIRE(del->run());
    }
    auto r = verify(tmp.path(), schemasDir(), options);
    REQUIRE(r.ok());
    INFO(describe(r.value()));
    REQUIRE_FALSE(r->ok());
    bool found = false;
    for (const auto& p : r->problems) {
        found = found || p.code == "A223";
    }
    CHECK(found);
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    auto again = verify(tmp.path(), schemasDir(), options);
    REQUIRE(again.ok());
    INFO(describe(again.value()));
    CHECK(again->ok());
}

TEST_CASE("verify --since checks only bags the journal records from that date",
          "[archive][verify]") {
    TempDir tmp;
    fillArchive(tmp.path()); // sampleRecord dates: journal times from the record date
    flipByte(tmp.path() / kBag / "data/decision.pdf", 3);
    VerifyOptions late;
    late.since = "2999-01-01";
    auto skipped = verify(tmp.path(), schemasDir(), late);
    REQUIRE(skipped.ok());
    CHECK(skipped->bagsChecked == 0);
    CHECK(skipped->ok());

    VerifyOptions early;
    early.since = "2000-01-01";
    auto checked = verify(tmp.path(), schemasDir(), early);
    REQUIRE(checked.ok());
    CHECK(checked->bagsChecked == 2);
    CHECK(hasProblem(checked.value(), "A201", kBag + "/data/decision.pdf"));

    // A bag the journal never recorded is checked whatever the date.
    fs::rename(tmp.path() / kBag, tmp.path() / "2026/UBND-TP-HANOI/05-qd-ubnd-moved");
    auto unknown = verify(tmp.path(), schemasDir(), late);
    REQUIRE(unknown.ok());
    CHECK(unknown->bagsChecked == 1);
    CHECK(hasProblem(unknown.value(), "A201",
                     "2026/UBND-TP-HANOI/05-qd-ubnd-moved/data/decision.pdf"));
}
