// tdkt export: the transfer list (mục lục hồ sơ) read from a small tree, refusal on a damaged
// bag, and the package: a BagIt bag in a tar whose bytes depend only on the tree and the clock.
#include "archive/export.hpp"
#include "archive_test_support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

constexpr std::int64_t kClock = 1767225600; // 2026-01-01T00:00:00Z = 07:00 in Hà Nội

// 2026: UBND-TP-HANOI no. 1 (Nguyễn Trãi), no. 2 (Chu Văn An, certificate pages known),
//       SYT-HANOI no. 1 (Nguyễn Trãi);
// 2025: UBND-TP-HANOI no. 7 (not exported for 2026);
// 2027: UBND-TP-HANOI no. 1, a correction superseding 2026 no. 1.
void fillArchive(const fs::path& root) {
    Archive archive = openArchive(root);
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1, 2026)).ok());

    auto r2 = sampleRecord(2, 2026);
    r2.unitCode = "HN-THPT-CHUVANAN";
    r2.unitName = "Trường THPT Chu Văn An";
    r2.roundName = "Tổng kết năm học; đợt 2"; // a ';' must be quoted in the CSV
    r2.certificatePages = 2;
    REQUIRE(fileDecision(archive, lock.value(), r2).ok());

    auto s1 = sampleRecord(1, 2026, "SYT-HANOI");
    s1.issuerName = "SỞ Y TẾ";
    s1.issuerLevel = "department";
    s1.numberText = "01/QĐ-SYT";
    REQUIRE(fileDecision(archive, lock.value(), s1).ok());

    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(7, 2025)).ok());

    auto c = sampleRecord(1, 2027);
    c.dossierSha256 = core::sha256Hex("corrected");
    c.supersedesDir = "2026/UBND-TP-HANOI/01-qd-ubnd";
    c.supersedesNumberText = "01/QĐ-UBND";
    REQUIRE(fileDecision(archive, lock.value(), c).ok());
}

ExportPlan plan(const fs::path& root, std::optional<std::string> unit = std::nullopt,
                std::optional<std::string> issuer = std::nullopt) {
    ExportOptions options;
    options.year = 2026;
    options.unit = std::move(unit);
    options.issuer = std::move(issuer);
    auto p = planExport(root, schemasDir(), options, kClock);
    INFO((p.ok() ? std::string() : core::format(p.error())));
    REQUIRE(p.ok());
    return std::move(p).value();
}

struct TarEntry {
    std::string path;
    bool dir = false;
    int mode = 0;
    long long uid = -1, gid = -1;
    std::string bytes;
};

// Reads the tar back with libarchive (in C.UTF-8 for this thread, as the writer: the tests run
// in the "C" locale, where libarchive cannot convert a UTF-8 name).
std::vector<TarEntry> readTar(const fs::path& file) {
    std::vector<TarEntry> out;
    locale_t cUtf8 = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
    REQUIRE(cUtf8);
    locale_t previous = ::uselocale(cUtf8);
    struct archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    REQUIRE(archive_read_open_filename(a, file.c_str(), 10240) == ARCHIVE_OK);
    struct archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        TarEntry t;
        const char* utf8 = archive_entry_pathname_utf8(e);
        t.path = utf8 ? utf8 : archive_entry_pathname(e);
        t.dir = archive_entry_filetype(e) == AE_IFDIR;
        t.mode = static_cast<int>(archive_entry_perm(e));
        t.uid = archive_entry_uid(e);
        t.gid = archive_entry_gid(e);
        char buf[8192];
        la_ssize_t n;
        while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
            t.bytes.append(buf, static_cast<std::size_t>(n));
        }
        out.push_back(std::move(t));
    }
    archive_read_free(a);
    ::uselocale(previous);
    ::freelocale(cUtf8);
    return out;
}

const TarEntry* find(const std::vector<TarEntry>& entries, const std::string& path) {
    for (const auto& e : entries) {
        if (e.path == path) {
            return &e;
        }
    }
    return nullptr;
}

std::vector<ExtraFile> csvOnly(const ExportPlan& p) {
    std::vector<ExtraFile> extras(1);
    extras[0].name = "muc-luc-ho-so.csv";
    extras[0].bytes = transferListCsv(p.list);
    return extras;
}

bool hasTempLeftovers(const fs::path& dir) {
    for (fs::directory_iterator it(dir), end; it != end; ++it) {
        if (it->path().filename().string().find(".tmp-") != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("export: one transfer-list row per filed decision of the year", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const ExportPlan p = plan(tmp.path());
    const TransferList& list = p.list;
    REQUIRE(list.rows.size() == 3);
    CHECK(list.date == "2026-01-01");
    // By issuer code, then number.
    CHECK(list.rows[0].fileCode == "SYT-HANOI.2026.01.HS");
    CHECK(list.rows[1].fileCode == "UBND-TP-HANOI.2026.01.HS");
    CHECK(list.rows[2].fileCode == "UBND-TP-HANOI.2026.02.HS");
    CHECK(list.rows[0].ordinal == 1);
    CHECK(list.rows[2].ordinal == 3);
    CHECK(list.fonds == std::vector<std::string>{"SỞ Y TẾ", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"});

    const TransferListRow& first = list.rows[1];
    CHECK(first.bag == "2026/UBND-TP-HANOI/01-qd-ubnd");
    CHECK(first.title.find("Quyết định số 01/QĐ-UBND") != std::string::npos);
    CHECK(first.title.find("Trường THCS Nguyễn Trãi") != std::string::npos);
    CHECK(first.startDate == "2026-01-05");
    CHECK(first.endDate == "2026-01-05");
    CHECK(first.documents == 4); // decision, two certificates, the proposal dossier
    // Thời hạn bảo quản and chế độ sử dụng as the bag's dossier metadata says.
    const std::string meta = readText(tmp.path() / first.bag / "data" / "dossier-meta.xml");
    CHECK_FALSE(first.retention.empty());
    CHECK(meta.find("<maintenance>" + first.retention + "</maintenance>") != std::string::npos);
    CHECK(first.accessMode == "Công khai");
    // Superseded by the 2027 correction; its certificate pages were never counted.
    CHECK(first.note.find("Bị thay thế bởi Quyết định số 01/QĐ-UBND năm 2027") !=
          std::string::npos);
    CHECK(first.note.find("Số trang chưa gồm bằng/giấy khen") != std::string::npos);
    CHECK(first.pages == 2);

    const TransferListRow& second = list.rows[2];
    CHECK(second.pages == 4); // 2 decision pages + 2 certificate pages
    CHECK(second.note.empty());
    CHECK(list.documents() == 12);
    CHECK(list.pages() == 2 + 2 + 4);
    CHECK(p.bags == std::vector<std::string>{"2026/SYT-HANOI/01-qd-syt",
                                             "2026/UBND-TP-HANOI/01-qd-ubnd",
                                             "2026/UBND-TP-HANOI/02-qd-ubnd"});

    // --unit and --issuer narrow the set.
    const ExportPlan byUnit = plan(tmp.path(), std::string("HN-THPT-CHUVANAN"));
    REQUIRE(byUnit.list.rows.size() == 1);
    CHECK(byUnit.list.rows[0].bag == "2026/UBND-TP-HANOI/02-qd-ubnd");
    CHECK(byUnit.list.rows[0].ordinal == 1);
    const ExportPlan byIssuer = plan(tmp.path(), std::nullopt, std::string("SYT-HANOI"));
    REQUIRE(byIssuer.list.rows.size() == 1);
    CHECK(byIssuer.list.fonds == std::vector<std::string>{"SỞ Y TẾ"});

    ExportOptions none;
    none.year = 2024;
    auto empty = planExport(tmp.path(), schemasDir(), none, kClock);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == "A605");
}

TEST_CASE("export: the CSV is Excel's: BOM, semicolons, CRLF, quoted fields", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const std::string csv = transferListCsv(plan(tmp.path()).list);
    CHECK(csv.rfind("\xEF\xBB\xBFSTT;Mã hồ sơ;Tiêu đề hồ sơ;Thời gian bắt đầu;", 0) == 0);
    int lines = 0;
    for (std::size_t at = csv.find("\r\n"); at != std::string::npos;
         at = csv.find("\r\n", at + 2)) {
        ++lines;
    }
    CHECK(lines == 4); // heading + 3 rows
    CHECK(csv.find("\n") == csv.find("\r\n") + 1);
    CHECK(csv.find("\r\n2;UBND-TP-HANOI.2026.01.HS;Hồ sơ khen thưởng Bằng khen") !=
          std::string::npos);
    CHECK(csv.find(";05/01/2026;05/01/2026;4;2;20 năm;Công khai;") != std::string::npos);
    // The title holding "; đợt 2" is one quoted field.
    CHECK(csv.find(";\"Hồ sơ khen thưởng Bằng khen — Tổng kết năm học; đợt 2") !=
          std::string::npos);
}

TEST_CASE("export: a damaged bag refuses the export and is named", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const fs::path pdf = tmp.path() / "2026/UBND-TP-HANOI/02-qd-ubnd/data/decision.pdf";
    std::string bytes = readText(pdf);
    bytes[5] = bytes[5] == 'x' ? 'y' : 'x'; // same size, other content
    writeFile(pdf, bytes);
    fs::remove(tmp.path() / "2026/SYT-HANOI/01-qd-syt/data/certificates/0002.pdf");

    ExportOptions options;
    options.year = 2026;
    auto p = planExport(tmp.path(), schemasDir(), options, kClock);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == "A601");
    CHECK(p.error().kind == core::ErrorKind::VerifyFailed);
    CHECK(p.error().message.find("2 gói") != std::string::npos);
    CHECK(p.error().message.find("2026/UBND-TP-HANOI/02-qd-ubnd") != std::string::npos);
    CHECK(p.error().message.find("2026/SYT-HANOI/01-qd-syt") != std::string::npos);
    CHECK(p.error().message.find("01-qd-ubnd") == std::string::npos);
    bool hashProblem = false;
    bool missingProblem = false;
    for (const auto& d : p.error().details) {
        hashProblem |=
            d.code == "A201" && d.where.file == "2026/UBND-TP-HANOI/02-qd-ubnd/data/decision.pdf";
        missingProblem |= d.code == "A202" &&
                          d.where.file == "2026/SYT-HANOI/01-qd-syt/data/certificates/0002.pdf";
    }
    CHECK(hashProblem);
    CHECK(missingProblem);

    // A damaged bag outside the selection does not stop the others.
    options.unit = "HN-THCS-NGUYENTRAI";
    options.issuer = "UBND-TP-HANOI";
    auto narrowed = planExport(tmp.path(), schemasDir(), options, kClock);
    INFO((narrowed.ok() ? std::string() : core::format(narrowed.error())));
    REQUIRE(narrowed.ok());
    CHECK(narrowed->list.rows.size() == 1);

    // Unreadable metadata: named with the manifest problem that explains it; with --unit such
    // a bag may belong to the unit, so it refuses the export too.
    writeFile(tmp.path() / "2026/UBND-TP-HANOI/02-qd-ubnd/data/decision.xml", "<hỏng");
    options.issuer = "UBND-TP-HANOI";
    auto unreadable = planExport(tmp.path(), schemasDir(), options, kClock);
    REQUIRE_FALSE(unreadable.ok());
    bool schemaProblem = false;
    bool xmlHash = false;
    for (const auto& d : unreadable.error().details) {
        schemaProblem |= d.code == "A209";
        xmlHash |=
            d.code == "A201" && d.where.file == "2026/UBND-TP-HANOI/02-qd-ubnd/data/decision.xml";
    }
    CHECK(schemaProblem);
    CHECK(xmlHash);
}

TEST_CASE("export: the package is a BagIt bag with deterministic bytes", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    // A payload file with a Vietnamese name: the tar keeps it in UTF-8.
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        auto staging = archive.stage();
        REQUIRE(staging.ok());
        auto r = sampleRecord(3, 2026);
        r.dossierSha256 = core::sha256Hex("third");
        writeFile(staging->data() / r.decisionFile, "%PDF-1.4\n% quyết định\n");
        writeFile(staging->data() / "dossier.xml", "<hoSo/>\n");
        writeFile(staging->data() / "tài liệu kèm theo.txt", "Biên bản họp Hội đồng\n");
        for (const auto& a : r.awardees) {
            writeFile(staging->data() / a.certificateFile, "%PDF-1.4\n% " + a.name + "\n");
        }
        REQUIRE(archive.commit(std::move(staging.value()), r, lock.value()).ok());
    }
    const ExportPlan p = plan(tmp.path());
    const fs::path outA = tmp.path() / "a" / "nop-luu-2026.tar";
    const fs::path outB = tmp.path() / "b" / "nop-luu-2026.tar";
    fs::create_directories(outA.parent_path());
    fs::create_directories(outB.parent_path());
    PackageOptions options;
    options.clock = kClock;
    auto a = writePackage(p, csvOnly(p), outA, options);
    INFO((a.ok() ? std::string() : core::format(a.error())));
    REQUIRE(a.ok());
    CHECK(a->bags == 4);
    auto b = writePackage(plan(tmp.path()), csvOnly(p), outB, options);
    REQUIRE(b.ok());
    CHECK(readText(outA) == readText(outB));
    CHECK_FALSE(hasTempLeftovers(outA.parent_path()));

    const auto entries = readTar(outA);
    REQUIRE(entries.size() > 10);
    // Fixed order: the bag declaration first, the manifests last, the payload sorted between.
    CHECK(entries[0].path == "nop-luu-2026/");
    CHECK(entries[1].path == "nop-luu-2026/bagit.txt");
    CHECK(entries[2].path == "nop-luu-2026/bag-info.txt");
    CHECK(entries[entries.size() - 2].path == "nop-luu-2026/manifest-sha256.txt");
    CHECK(entries.back().path == "nop-luu-2026/tagmanifest-sha256.txt");
    for (std::size_t i = 4; i + 3 < entries.size(); ++i) {
        CHECK(entries[i - 1].path < entries[i].path);
    }
    for (const auto& e : entries) {
        CHECK(e.uid == 0);
        CHECK(e.gid == 0);
        CHECK(e.mode == (e.dir ? 0755 : 0644));
    }
    const std::string bagDir = "nop-luu-2026/data/2026/UBND-TP-HANOI/03-qd-ubnd/";
    const TarEntry* vietnamese = find(entries, bagDir + "data/tài liệu kèm theo.txt");
    REQUIRE(vietnamese);
    CHECK(vietnamese->bytes == "Biên bản họp Hội đồng\n");
    REQUIRE(find(entries, bagDir + "manifest-sha256.txt"));
    CHECK(find(entries, "nop-luu-2026/data/2025/UBND-TP-HANOI/07-qd-ubnd/bagit.txt") == nullptr);
    CHECK(find(entries, "nop-luu-2026/data/2027/UBND-TP-HANOI/01-qd-ubnd/bagit.txt") == nullptr);

    // Every bag file byte for byte as in the tree, and listed in the package's manifest
    // with its SHA-256.
    const std::string manifest = find(entries, "nop-luu-2026/manifest-sha256.txt")->bytes;
    int payload = 0;
    for (const auto& e : entries) {
        const std::string prefix = "nop-luu-2026/data/";
        if (e.dir || e.path.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        ++payload;
        const std::string rel = e.path.substr(prefix.size());
        if (rel != "muc-luc-ho-so.csv") {
            CHECK(readText(tmp.path() / rel) == e.bytes);
        }
        CHECK(manifest.find(core::sha256Hex(e.bytes) + "  data/" + rel + "\n") !=
              std::string::npos);
    }
    CHECK(payload == a->payloadFiles);
    const std::string bagInfo = find(entries, "nop-luu-2026/bag-info.txt")->bytes;
    CHECK(bagInfo.find("Payload-Oxum: " + std::to_string(a->payloadBytes) + "." +
                       std::to_string(payload) + "\n") != std::string::npos);
    CHECK(bagInfo.find("Bagging-Date: 2026-01-01\n") != std::string::npos);
    CHECK(bagInfo.find("Source-Organization: SỞ Y TẾ; ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\n") !=
          std::string::npos);
    const std::string tagManifest = find(entries, "nop-luu-2026/tagmanifest-sha256.txt")->bytes;
    CHECK(tagManifest.find(core::sha256Hex(manifest) + "  manifest-sha256.txt\n") !=
          std::string::npos);
    CHECK(tagManifest.find(core::sha256Hex(bagInfo) + "  bag-info.txt\n") != std::string::npos);
}

TEST_CASE("export: an existing output is kept unless forced", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const ExportPlan p = plan(tmp.path(), std::nullopt, std::string("SYT-HANOI"));
    const fs::path out = tmp.path() / "out.tar";
    writeFile(out, "older");
    PackageOptions options;
    options.clock = kClock;
    auto refused = writePackage(p, csvOnly(p), out, options);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "A602");
    CHECK(refused.error().kind == core::ErrorKind::CannotCreate);
    CHECK(readText(out) == "older");

    options.force = true;
    auto forced = writePackage(p, csvOnly(p), out, options);
    REQUIRE(forced.ok());
    const auto entries = readTar(out);
    CHECK(find(entries, "out/bagit.txt") != nullptr);
    CHECK(find(entries, "out/data/muc-luc-ho-so.csv") != nullptr);
    CHECK_FALSE(hasTempLeftovers(tmp.path()));
}

TEST_CASE("export: a bag file changed after the check stops the packing", "[archive][export]") {
    TempDir tmp;
    fillArchive(tmp.path());
    const ExportPlan p = plan(tmp.path());
    // Same size, other bytes: only the digest taken while packing can tell.
    const fs::path pdf = tmp.path() / "2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.pdf";
    std::string bytes = readText(pdf);
    bytes[6] = bytes[6] == 'x' ? 'y' : 'x';
    writeFile(pdf, bytes);
    const fs::path out = tmp.path() / "out" / "nop-luu.tar";
    fs::create_directories(out.parent_path());
    PackageOptions options;
    options.clock = kClock;
    auto r = writePackage(p, csvOnly(p), out, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "A604");
    CHECK(r.error().kind == core::ErrorKind::VerifyFailed);
    CHECK_FALSE(fs::exists(out));
    CHECK(fs::is_empty(out.parent_path())); // no temporary file left either
}
