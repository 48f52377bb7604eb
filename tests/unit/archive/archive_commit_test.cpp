// Filing: tree layout, BagIt files, metadata, numbering, idempotency, locking, staging.
#include "archive/metadata.hpp"
#include "archive_test_support.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/core/xml.hpp"

#include <fcntl.h>
#include <set>
#include <sstream>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

std::set<std::string> filesUnder(const fs::path& dir) {
    std::set<std::string> out;
    for (fs::recursive_directory_iterator it(dir), end; it != end; ++it) {
        if (fs::is_regular_file(it->path())) {
            out.insert(it->path().lexically_relative(dir).generic_string());
        }
    }
    return out;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        out.push_back(l);
    }
    return out;
}

std::string manifestLine(const fs::path& bag, const std::string& rel) {
    auto hash = core::sha256File(bag / rel);
    REQUIRE(hash.ok());
    return hash.value() + "  " + rel;
}

} // namespace

TEST_CASE("slugify folds a number and notation into a folder name", "[archive]") {
    CHECK(slugify("05/QĐ-UBND") == "05-qd-ubnd");
    CHECK(slugify("123/QĐ-SNV") == "123-qd-snv");
    CHECK(slugify("  Số 7 / QĐ–ĐHQG ") == "so-7-qd-dhqg");
    CHECK(slugify("Quyết định Ưu tú") == "quyet-dinh-uu-tu");
    CHECK(slugify("Đ\xCC\x81") == "d"); // a combining mark (NFD) is dropped
    CHECK(slugify("///").empty());
}

TEST_CASE("commit files a decision as a BagIt bag at <year>/<issuer>/<slug>", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    auto next = archive.nextNumber("UBND-TP-HANOI", 2026);
    REQUIRE(next.ok());
    REQUIRE(next.value() == 1);

    DecisionRecord record = sampleRecord(5);
    auto filed = fileDecision(archive, lock.value(), record);
    INFO((filed.ok() ? std::string() : core::format(filed.error())));
    REQUIRE(filed.ok());
    CHECK(filed->relativeDir == "2026/UBND-TP-HANOI/05-qd-ubnd");
    CHECK(filed->numberText == "05/QĐ-UBND");
    CHECK_FALSE(filed->alreadyFiled);
    const fs::path bag = tmp.path() / "2026" / "UBND-TP-HANOI" / "05-qd-ubnd";
    CHECK(fs::equivalent(filed->bagDir, bag));

    // Exactly the files of the layout, nothing else.
    const std::set<std::string> expected = {
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "data/decision.pdf",
        "data/decision.xml",
        "data/dossier.xml",
        "data/dossier-meta.xml",
        "data/certificates/0001.pdf",
        "data/certificates/0001.xml",
        "data/certificates/0002.pdf",
        "data/certificates/0002.xml",
    };
    CHECK(filesUnder(bag) == expected);

    CHECK(readText(bag / "bagit.txt") ==
          "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");

    // Manifest re-derived line by line, sorted by path.
    std::vector<std::string> payload;
    std::uintmax_t bytes = 0;
    for (const auto& f : expected) {
        if (f.rfind("data/", 0) == 0) {
            payload.push_back(f);
            bytes += fs::file_size(bag / f);
        }
    }
    std::sort(payload.begin(), payload.end());
    std::vector<std::string> manifest;
    for (const auto& f : payload) {
        manifest.push_back(manifestLine(bag, f));
    }
    CHECK(lines(readText(bag / "manifest-sha256.txt")) == manifest);

    std::vector<std::string> tags;
    for (const char* f : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"}) {
        tags.push_back(manifestLine(bag, f));
    }
    CHECK(lines(readText(bag / "tagmanifest-sha256.txt")) == tags);

    const auto info = lines(readText(bag / "bag-info.txt"));
    const std::set<std::string> infoSet(info.begin(), info.end());
    CHECK(infoSet.count("Bagging-Date: 2026-01-01") == 1); // the run's clock, not the wall clock
    CHECK(infoSet.count("Bag-Software-Agent: tdkt") == 1);
    CHECK(infoSet.count("External-Identifier: 05/QĐ-UBND") == 1);
    CHECK(infoSet.count("Source-Organization: ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") == 1);
    CHECK(infoSet.count("Payload-Oxum: " + std::to_string(bytes) + "." +
                        std::to_string(payload.size())) == 1);

    // Metadata valid against the XSD, read back with the Circular 02/2019 fields.
    auto schema = core::XmlSchema::load(schemasDir() / "archive-metadata-1.0.xsd");
    REQUIRE(schema.ok());
    for (const char* f :
         {"data/decision.xml", "data/certificates/0001.xml", "data/certificates/0002.xml"}) {
        core::Diagnostics diags;
        auto doc = schema->parseAndValidateFile(bag / f, f, diags);
        INFO(f);
        CHECK(doc.ok());
        CHECK(diags.empty());
    }
    const std::string xml = readText(bag / "data/decision.xml");
    CHECK(xml.find("<docCode>UBND-TP-HANOI.2026.05</docCode>") != std::string::npos);
    CHECK(xml.find("<codeNumber>05</codeNumber>") != std::string::npos);
    CHECK(xml.find("<codeNotation>QĐ-UBND</codeNotation>") != std::string::npos);
    CHECK(xml.find("<maintenance>20 năm</maintenance>") != std::string::npos);
    CHECK(xml.find("<language>vi</language>") != std::string::npos);
    CHECK(xml.find("<pageAmount>2</pageAmount>") != std::string::npos);
    const std::string cert = readText(bag / "data/certificates/0001.xml");
    CHECK(cert.find("<docCode>UBND-TP-HANOI.2026.05.0001</docCode>") != std::string::npos);
    CHECK(cert.find("Nguyễn Thị Đào") != std::string::npos);

    auto meta = Metadata::load(schemasDir());
    REQUIRE(meta.ok());
    core::Diagnostics diags;
    auto back = meta->readDecision(bag / "data/decision.xml", "decision.xml", diags);
    REQUIRE(back.ok());
    CHECK(back->numberText == record.numberText);
    CHECK(back->issuerName == record.issuerName);
    CHECK(back->dossierSha256 == record.dossierSha256);
    CHECK(back->retention == "20 năm");
    CHECK(back->accessMode == "Công khai");
    REQUIRE(back->awardees.size() == 2);
    CHECK(back->awardees[0].name == "Nguyễn Thị Đào");
    CHECK(back->awardees[0].birthYear == 1980);
    CHECK(back->awardees[1].certificateFile == "certificates/0002.pdf");

    // Register, journal, no staging leftover.
    CHECK(readText(tmp.path() / "registers" / "UBND-TP-HANOI.2026.txt") ==
          "issuer: UBND-TP-HANOI\nyear: 2026\nlast: 5\n");
    const auto journal = lines(readText(tmp.path() / "journal"));
    REQUIRE(journal.size() == 1);
    CHECK(journal[0] == "{\"time\":\"2026-01-01T07:00:00+07:00\",\"action\":\"file\","
                        "\"dir\":\"2026/UBND-TP-HANOI/05-qd-ubnd\",\"numberText\":\"05/QĐ-UBND\","
                        "\"dossierSha256\":\"" +
                            record.dossierSha256 +
                            "\",\"dossierFile\":\"ho-so-thcs-nguyen-trai.xml\","
                            "\"awardId\":\"bk\"}");
    CHECK(fs::is_empty(tmp.path() / ".staging"));
    CHECK_FALSE(fs::exists(tmp.path() / ".commit-pending"));
}

TEST_CASE("retention by issuing level from config/retention.xml", "[archive]") {
    auto meta = Metadata::load(schemasDir(), shippedRetention());
    REQUIRE(meta.ok());
    DecisionRecord r = sampleRecord(1);
    CHECK(meta->retention(kKindDecision, r)->period == "20 năm");
    r.issuerLevel = "department";
    CHECK(meta->retention(kKindDecision, r)->period == "10 năm");
    r.issuerLevel = "no-such-level";
    CHECK(meta->retention(kKindDecision, r).error().code == "A066");
}

TEST_CASE("numbers run per issuer and year and are consumed only at commit", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());

    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 1);
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 1); // asking consumes nothing
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 2);
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(2)).ok());
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);

    // A new year starts again at 01; another issuer has its own series.
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2027).value() == 1);
    CHECK(archive.nextNumber("SNV-HANOI", 2026).value() == 1);
    auto r2027 = sampleRecord(1, 2027);
    auto filed2027 = fileDecision(archive, lock.value(), r2027);
    REQUIRE(filed2027.ok());
    CHECK(filed2027->relativeDir == "2027/UBND-TP-HANOI/01-qd-ubnd");
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2027).value() == 2);
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1, 2026, "SNV-HANOI")).ok());
    CHECK(archive.nextNumber("SNV-HANOI", 2026).value() == 2);
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);

    // A number already used is refused and changes nothing.
    auto again = fileDecision(archive, lock.value(), sampleRecord(2));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "A006");
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);
    CHECK(fs::is_empty(tmp.path() / ".staging"));

    // A failed commit (payload incomplete) leaves tree, register and journal unchanged.
    auto journalBefore = readText(tmp.path() / "journal");
    auto staging = archive.stage();
    REQUIRE(staging.ok());
    const fs::path stagingDir = staging->dir();
    auto r3 = sampleRecord(3);
    writeFile(staging->data() / "decision.pdf", "%PDF-1.4\n");
    auto failed = archive.commit(std::move(staging.value()), r3, lock.value());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == "A005");
    CHECK_FALSE(fs::exists(stagingDir));
    CHECK_FALSE(fs::exists(tmp.path() / "2026/UBND-TP-HANOI/03-qd-ubnd"));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);
    CHECK(readText(tmp.path() / "journal") == journalBefore);
}

TEST_CASE("a record that the schema rejects is never filed", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    auto bad = sampleRecord(1);
    bad.awardees[0].name = ""; // the schema requires a name
    auto filed = fileDecision(archive, lock.value(), bad);
    REQUIRE_FALSE(filed.ok());
    CHECK(filed.error().code == "A004");
    CHECK_FALSE(filed.error().details.empty());
    CHECK_FALSE(fs::exists(tmp.path() / "2026"));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 1);

    auto unsafe = sampleRecord(1, 2026, "../escape");
    auto refused = fileDecision(archive, lock.value(), unsafe);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "A014");
}

TEST_CASE("findFiled finds a filed dossier+award, from the index or the tree", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    const auto record = sampleRecord(7);
    CHECK_FALSE(archive.findFiled(record.dossierSha256, record.awardId).has_value());
    REQUIRE(fileDecision(archive, lock.value(), record).ok());

    auto found = archive.findFiled(record.dossierSha256, record.awardId);
    REQUIRE(found.has_value());
    CHECK(found->alreadyFiled);
    CHECK(found->relativeDir == "2026/UBND-TP-HANOI/07-qd-ubnd");
    CHECK(found->number == 7);
    CHECK(found->numberText == "07/QĐ-UBND");
    CHECK_FALSE(archive.findFiled(record.dossierSha256, "gk").has_value());
    CHECK_FALSE(archive.findFiled(core::sha256Hex("other"), record.awardId).has_value());

    fs::remove(tmp.path() / "index.sqlite");
    auto fromTree = archive.findFiled(record.dossierSha256, record.awardId);
    REQUIRE(fromTree.has_value());
    CHECK(fromTree->relativeDir == "2026/UBND-TP-HANOI/07-qd-ubnd");
    CHECK_FALSE(archive.findFiled(record.dossierSha256, "gk").has_value());
}

TEST_CASE("the lock is exclusive between open file descriptions", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto first = archive.lock(1);
    REQUIRE(first.ok());
    auto second = archive.lock(0);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().kind == core::ErrorKind::Locked);
    CHECK(second.error().code == "A010");
    CHECK(core::exitCodeFor(second.error().kind) == 75);
    CHECK(second.error().message.find("đang được một tiến trình khác sử dụng") !=
          std::string::npos);

    { Lock released = std::move(first.value()); }
    auto third = archive.lock(1);
    CHECK(third.ok());
}

TEST_CASE("a lock held by another process gives ErrorKind::Locked", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    int ready[2];
    int release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int fd = ::open((tmp.path() / ".lock").c_str(), O_RDWR);
        int ok = fd >= 0 && ::flock(fd, LOCK_EX) == 0 ? 1 : 0;
        char c = static_cast<char>(ok);
        (void)!::write(ready[1], &c, 1);
        (void)!::read(release[0], &c, 1);
        ::_exit(0);
    }
    char c = 0;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    REQUIRE(c == 1);
    auto lock = archive.lock(1); // waits one second, then gives up
    CHECK_FALSE(lock.ok());
    if (!lock.ok()) {
        CHECK(lock.error().kind == core::ErrorKind::Locked);
    }
    (void)!::write(release[1], &c, 1);
    int status = 0;
    ::waitpid(child, &status, 0);
    auto after = archive.lock(5);
    CHECK(after.ok());
    for (int fd : {ready[0], ready[1], release[0], release[1]}) {
        ::close(fd);
    }
}

TEST_CASE("a staging destroyed without commit leaves nothing", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    fs::path dir;
    {
        auto staging = archive.stage();
        REQUIRE(staging.ok());
        dir = staging->dir();
        CHECK(fs::is_directory(staging->data()));
        writeFile(staging->data() / "decision.pdf", "%PDF-1.4\n");
        // A live staging survives another lock's clean-up of abandoned ones.
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        CHECK(fs::exists(dir / "data" / "decision.pdf"));
    }
    CHECK_FALSE(fs::exists(dir));
    CHECK(fs::is_empty(tmp.path() / ".staging"));
    CHECK(filesUnder(tmp.path()) == std::set<std::string>{".lock"});
}

TEST_CASE("a crash leftover in .staging is cleaned at the next lock", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    // What a process killed before its rename leaves: a staging folder nobody holds.
    const fs::path leftover = tmp.path() / ".staging" / "dead-beef";
    writeFile(leftover / "data" / "decision.pdf", "%PDF-1.4\n");
    writeFile(leftover / "bagit.txt", "BagIt-Version: 1.0\n");

    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    CHECK(report->ok());
    CHECK(report->bagsChecked == 0);
    REQUIRE(report->notes.size() == 1);
    CHECK(report->notes[0].code == "A290");
    CHECK(report->notes[0].where.file == ".staging/dead-beef");

    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    CHECK_FALSE(fs::exists(leftover));
}

TEST_CASE("a commit interrupted after its rename is completed at the next lock", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    const auto record = sampleRecord(4);
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), record).ok());
    }
    // Simulate the crash window: bag renamed into place, nothing after it done.
    fs::remove(tmp.path() / "registers" / "UBND-TP-HANOI.2026.txt");
    fs::remove(tmp.path() / "journal");
    fs::remove(tmp.path() / "index.sqlite");
    writeFile(tmp.path() / ".commit-pending", "2026/UBND-TP-HANOI/04-qd-ubnd\n");

    auto found = archive.findFiled(record.dossierSha256, record.awardId); // from the tree
    REQUIRE(found.has_value());

    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    CHECK_FALSE(fs::exists(tmp.path() / ".commit-pending"));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 5);
    CHECK(lines(readText(tmp.path() / "journal")).size() == 1);
    CHECK(fs::exists(tmp.path() / "index.sqlite"));
    auto hits = search(tmp.path(), SearchQuery{"Nguyễn Thị Đào", {}, {}, 10, {}, {}, {}}, foldKey);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK(hits->front().numberText == "04/QĐ-UBND");
    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    CHECK(report->ok());
}

TEST_CASE("a round's bags are published once at its end, or at the next lock after a kill",
          "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        RoundCommit round;
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1), &round).ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(2), &round).ok());
        REQUIRE(
            fileDecision(archive, lock.value(), sampleRecord(1, 2026, "SNV-HANOI"), &round).ok());
        // Filed, not yet published: the marker lists all three, the register is untouched.
        CHECK(lines(readText(tmp.path() / ".commit-pending")).size() == 3);
        CHECK_FALSE(fs::exists(tmp.path() / "journal"));
        REQUIRE(archive.publishRound(round, lock.value()).ok());
        CHECK(round.empty());
        CHECK_FALSE(fs::exists(tmp.path() / ".commit-pending"));
        CHECK(lines(readText(tmp.path() / "journal")).size() == 3);
        CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3);
        CHECK(archive.nextNumber("SNV-HANOI", 2026).value() == 2);
    }
    auto clean = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(clean.ok());
    CHECK(clean->ok());
    CHECK(clean->notes.empty());

    // Killed before publishRound: the bags are in the tree, verify notes them (A293) and the
    // next lock publishes them.
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        RoundCommit round;
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(3), &round).ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(4), &round).ok());
    } // no publishRound: what a kill leaves
    auto interrupted = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(interrupted.ok());
    CHECK(interrupted->ok());
    REQUIRE(interrupted->notes.size() == 2);
    CHECK(interrupted->notes[0].code == "A293");
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 3); // not yet advanced

    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    CHECK_FALSE(fs::exists(tmp.path() / ".commit-pending"));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 5);
    CHECK(lines(readText(tmp.path() / "journal")).size() == 5);
    auto after = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(after.ok());
    CHECK(after->ok());
    CHECK(after->notes.empty());
}

TEST_CASE("a journal write cut short by a kill is ignored by verify and removed at the next lock",
          "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(4)).ok());
    }
    // What core::writeFileAtomic leaves when killed between its write and its rename.
    const fs::path leftover = tmp.path() / "..commit-pending.tmp-7902";
    writeFile(leftover, "2026/UBND-TP-HANOI/05-qd");
    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    CHECK(report->ok());

    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    CHECK_FALSE(fs::exists(leftover));
    CHECK(archive.nextNumber("UBND-TP-HANOI", 2026).value() == 5);
}

TEST_CASE("collectives and individuals are numbered separately in the list", "[archive]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    auto record = sampleRecord(3);
    AwardeeRecord collective;
    collective.kind = model::NomineeKind::Collective;
    collective.ordinal = 1; // as the first individual
    collective.name = "Tổ Toán - Tin";
    collective.unit = "Trường THCS Nguyễn Trãi";
    collective.certificateFile = "certificates/0003.pdf";
    record.awardees.insert(record.awardees.begin(), collective);
    auto filed = fileDecision(archive, lock.value(), record);
    INFO((filed.ok() ? std::string() : core::format(filed.error())));
    REQUIRE(filed.ok());
    const std::string cert = readText(filed->bagDir / "data/certificates/0003.xml");
    CHECK(cert.find("<docCode>UBND-TP-HANOI.2026.03.0003</docCode>") != std::string::npos);

    auto twice = sampleRecord(4);
    twice.awardees[1].ordinal = 1; // two individuals numbered 1
    auto refused = fileDecision(archive, lock.value(), twice);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "A004");
}

TEST_CASE("golden-book numbers are reserved under the lock and consumed only at commit",
          "[archive][goldenbook]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());

    auto reserved = archive.nextGoldenBook("UBND-TP-HANOI", 2026, 2);
    REQUIRE(reserved.ok());
    CHECK(reserved->registerKey == "UBND-TP-HANOI");
    CHECK(reserved->numbers == std::vector<int>{1, 2});
    // Asking again without a commit gives the same numbers: nothing was consumed.
    CHECK(archive.nextGoldenBook("UBND-TP-HANOI", 2026, 2)->numbers == std::vector<int>{1, 2});

    DecisionRecord r = sampleRecord(5);
    r.goldenBookRegister = reserved->registerKey;
    r.awardees[0].goldenBook = reserved->numbers[0];
    r.awardees[1].goldenBook = reserved->numbers[1];
    r.awardees[0].amount = 1'490'000;
    REQUIRE(fileDecision(archive, lock.value(), r).ok());
    CHECK(readText(tmp.path() / "registers/golden-book/UBND-TP-HANOI.txt") ==
          "register: UBND-TP-HANOI\nlast: 2\n");
    const std::string xml =
        readText(tmp.path() / "2026/UBND-TP-HANOI/05-qd-ubnd/data/decision.xml");
    CHECK(xml.find("goldenBookRegister=\"UBND-TP-HANOI\"") != std::string::npos);
    CHECK(xml.find("goldenBook=\"2\"") != std::string::npos);
    CHECK(xml.find("amount=\"1490000\"") != std::string::npos);

    // The book runs on across years unless it restarts yearly.
    CHECK(archive.nextGoldenBook("UBND-TP-HANOI", 2027, 1)->numbers == std::vector<int>{3});
    archive.setGoldenBookYearly(true);
    auto yearly = archive.nextGoldenBook("UBND-TP-HANOI", 2027, 1);
    CHECK(yearly->registerKey == "UBND-TP-HANOI.2027");
    CHECK(yearly->numbers == std::vector<int>{1});

    // A number already used is refused at commit, and nothing is filed.
    DecisionRecord dup = sampleRecord(6);
    dup.goldenBookRegister = "UBND-TP-HANOI";
    dup.awardees[0].goldenBook = 2;
    auto refused = fileDecision(archive, lock.value(), dup);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "A006");
    CHECK_FALSE(fs::exists(tmp.path() / "2026/UBND-TP-HANOI/06-qd-ubnd"));

    // Read back and verified.
    core::Diagnostics diags;
    auto meta = Metadata::load(schemasDir());
    REQUIRE(meta.ok());
    auto back = meta->readDecision(tmp.path() / "2026/UBND-TP-HANOI/05-qd-ubnd/data/decision.xml",
                                   "decision.xml", diags);
    REQUIRE(back.ok());
    CHECK(back->goldenBookRegister == "UBND-TP-HANOI");
    CHECK(back->awardees[1].goldenBook == 2);
    CHECK(back->awardees[0].amount == std::optional<long long>(1'490'000));
    CHECK_FALSE(back->awardees[1].amount.has_value());
    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    CHECK(report->ok());

    // verify notices a golden-book register behind the filed numbers.
    writeFile(tmp.path() / "registers/golden-book/UBND-TP-HANOI.txt",
              "register: UBND-TP-HANOI\nlast: 1\n");
    auto behind = verify(tmp.path(), schemasDir());
    REQUIRE(behind.ok());
    REQUIRE(behind->problems.size() == 1);
    CHECK(behind->problems[0].code == "A224");
}
