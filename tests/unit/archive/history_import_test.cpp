// Awards of before tdkt imported from a CSV file (archive/history_csv.hpp, archive/history.hpp,
// Archive::importHistory): read, checked row by row, kept in history/, indexed, verified.
#include "archive/history.hpp"
#include "archive/history_csv.hpp"
#include "archive/index.hpp"
#include "archive/known_history.hpp"
#include "archive_test_support.hpp"
#include "pipeline/text/name_key.hpp"

#include <algorithm>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

using model::NomineeKind;

// What the job gives: the catalogue's id and name for the kinds it knows.
std::optional<ResolvedKind> resolveKind(const std::string& text) {
    if (text == "LĐTT" || text == "Lao động tiên tiến") {
        return ResolvedKind{"lao-dong-tien-tien", "Lao động tiên tiến"};
    }
    if (text == "Gia đình văn hóa") {
        return ResolvedKind{"gia-dinh-van-hoa", "Gia đình văn hóa"};
    }
    return std::nullopt;
}

// Columns in another order, names typed without diacritics or in capitals, a BOM, ";".
const std::string kGood =
    "\xEF\xBB\xBF"
    "STT;HO TEN;Loại đối tượng;Năm sinh;đơn vị;Hình thức khen thưởng;nam;Số quyết định;"
    "Ngày quyết định;Cơ quan ban hành;Sáng kiến\r\n"
    "1;Phạm Đức Anh;Cá nhân;1985;UBND phường Cầu Giấy;LĐTT;2024;5127/QĐ-UBND;24/12/2024;"
    "Chủ tịch UBND quận Cầu Giấy;\"SK-01/2023: Ứng dụng bản đồ số; Sổ tay tiếp dân\"\r\n"
    "2;Nguyễn Văn Sáu;hộ gia đình;1952;;Gia đình văn hóa;2023;498/QĐ-UBND;2023-12-18;;\r\n"
    ";;;;;;;;;;\r\n"
    "4;Tổ Toán - Tin;Tập thể;;Trường THPT Việt Đức;Huy hiệu Công đoàn;2022 - 2023;"
    "2390/QĐ-SGDĐT;20/8/2023;Sở GD&ĐT;\r\n";

HistoryImport readGood(core::Diagnostics& diags) {
    HistoryImport h = readHistoryCsv(kGood, "lich-su.csv", resolveKind, diags);
    h.fileName = "lich-su.csv";
    h.importedAt = "2026-01-01T07:00:00+07:00";
    return h;
}

std::string formatAll(const core::Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items()) {
        out += core::format(d) + "\n";
    }
    return out;
}

std::vector<std::string> located(const core::Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.items()) {
        out.push_back(d.code + " " + std::to_string(d.where.line) + " " + d.field);
    }
    return out;
}

void importGood(Archive& archive, const Lock& lock, bool already = false) {
    core::Diagnostics diags;
    HistoryImport h = readGood(diags);
    REQUIRE_FALSE(diags.hasErrors());
    auto stored = archive.importHistory(h, kGood, lock);
    INFO((stored.ok() ? std::string() : core::format(stored.error())));
    REQUIRE(stored.ok());
    CHECK(stored->alreadyImported == already);
    CHECK(stored->awards == 3);
    CHECK(stored->copy == "history/" + core::sha256Hex(kGood) + ".csv");
}

void checkImported(const fs::path& root) {
    ArchiveHistory history = ArchiveHistory::open(root);
    REQUIRE(history.available());
    auto anh = history.awardsOf(NomineeKind::Individual, text::nameKey("Phạm Đức Anh"), 1985);
    REQUIRE(anh.size() == 1);
    CHECK(anh[0].kindId == "lao-dong-tien-tien");
    CHECK(anh[0].kindName == "Lao động tiên tiến");
    CHECK(anh[0].year == 2024);
    CHECK(anh[0].decisionNumber == "5127/QĐ-UBND");
    CHECK(anh[0].decisionDate.iso() == "2024-12-24");
    CHECK(anh[0].issuer == "Chủ tịch UBND quận Cầu Giấy");
    CHECK(anh[0].unit == "UBND phường Cầu Giấy");
    CHECK(anh[0].source == "nhập từ lich-su.csv, dòng 2");
    CHECK(anh[0].initiativeKeys.size() == 3); // ma: and ten: of the first, ten: of the second

    auto sau = history.awardsOf(NomineeKind::Household, text::nameKey("Nguyễn Văn Sáu"), 0);
    REQUIRE(sau.size() == 1);
    CHECK(sau[0].year == 2023);
    CHECK(sau[0].source == "nhập từ lich-su.csv, dòng 3");

    auto to = history.awardsOf(NomineeKind::Collective, text::nameKey("Tổ Toán - Tin"), 0);
    REQUIRE(to.size() == 1);
    CHECK(to[0].kindId.empty()); // not in the catalogue: the name as typed
    CHECK(to[0].kindName == "Huy hiệu Công đoàn");
    CHECK(to[0].year == 2023);
    CHECK(to[0].source == "nhập từ lich-su.csv, dòng 5");

    auto uses = history.usesOf(text::initiativeKeys("SK-01/2023", "").front());
    REQUIRE(uses.size() == 1);
    CHECK(uses[0].recipient == "Phạm Đức Anh");
    CHECK(uses[0].kindName == "Lao động tiên tiến");
    CHECK(history.usesOf(text::initiativeKeys("", "sổ tay tiếp dân").front()).size() == 1);

    auto hits = search(root, SearchQuery{"pham duc anh", {}, {}, 50, {}, {}, {}}, foldKey);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).numberText == "5127/QĐ-UBND");
    CHECK(hits->at(0).decisionPath == "history/" + core::sha256Hex(kGood) + ".csv");
    CHECK(hits->at(0).awardKind == "lao-dong-tien-tien");
    auto byAward =
        search(root, SearchQuery{"", {}, {}, 50, {}, {"lao-dong-tien-tien"}, {}}, foldKey);
    REQUIRE(byAward.ok());
    CHECK(byAward->size() == 1);
}

} // namespace

TEST_CASE("a good history file is read row by row", "[archive][history]") {
    core::Diagnostics diags;
    HistoryImport h = readGood(diags);
    INFO(formatAll(diags));
    CHECK_FALSE(diags.hasErrors());
    // The kind the catalogue lacks is noted once, and kept by name.
    CHECK(located(diags) == std::vector<std::string>{"A412 5 hình thức khen thưởng"});
    REQUIRE(h.awards.size() == 3); // the blank row is skipped
    const ImportedAward& a = h.awards[0];
    CHECK(a.line == 2);
    CHECK(a.kind == NomineeKind::Individual);
    CHECK(a.name == "Phạm Đức Anh");
    CHECK(a.birthYear == 1985);
    CHECK(a.kindId == "lao-dong-tien-tien");
    CHECK(a.year == 2024);
    CHECK(a.decisionDate == "2024-12-24");
    REQUIRE(a.initiatives.size() == 2);
    CHECK(a.initiatives[0].code == "SK-01/2023");
    CHECK(a.initiatives[0].title == "Ứng dụng bản đồ số");
    CHECK(a.initiatives[1].code.empty());
    CHECK(a.initiatives[1].title == "Sổ tay tiếp dân");
    CHECK(h.awards[1].kind == NomineeKind::Household);
    CHECK(h.awards[1].decisionDate == "2023-12-18");
    CHECK(h.awards[2].kind == NomineeKind::Collective);
    CHECK(h.awards[2].year == 2023);
    CHECK(h.awards[2].line == 5);
    CHECK(h.awards[2].decisionDate == "2023-08-20");
}

TEST_CASE("a comma-separated file with quoted cells and line breaks", "[archive][history]") {
    const std::string csv = "họ tên,hình thức khen thưởng,năm,số quyết định,ngày quyết định,"
                            "đơn vị\n"
                            "\"Lê Văn \"\"Tí\"\"\",Lao động tiên tiến,2020,12/QĐ-UBND,"
                            "05/01/2021,\"Phòng A,\nTổ B\"\n"
                            "Trần Thị C,LĐTT,2021,15/QĐ-UBND,06/01/2022,\n";
    core::Diagnostics diags;
    HistoryImport h = readHistoryCsv(csv, "a.csv", resolveKind, diags);
    INFO(formatAll(diags));
    CHECK(diags.empty());
    REQUIRE(h.awards.size() == 2);
    CHECK(h.awards[0].name == "Lê Văn \"Tí\"");
    CHECK(h.awards[0].unit == "Phòng A, Tổ B");
    CHECK(h.awards[1].line == 4); // the quoted line break counts
    CHECK(h.awards[1].name == "Trần Thị C");
}

TEST_CASE("every bad row is reported with its line and column", "[archive][history]") {
    const std::string csv =
        "loại đối tượng;họ tên;năm sinh;hình thức khen thưởng;năm;số quyết định;ngày quyết "
        "định;Ghi chú\n"
        "cá nhân;;1980;LĐTT;2024;1/QĐ;01/02/2025;\n"         // 2: no name
        "đoàn thể;Lê A;1980;LĐTT;2024;1/QĐ;01/02/2025;\n"    // 3: unknown kind of recipient
        "cá nhân;Lê B;80;LĐTT;năm ngoái;1/QĐ;31/02/2025;\n"  // 4: birth year, year, date
        "cá nhân;Lê C;1980;;2024;;2025-02-01;\n"             // 5: no award kind, no number
        "cá nhân;Lê D;1980;LĐTT;2024;1/QĐ;01/02/2025;x;y\n"; // 6: a cell too many
    core::Diagnostics diags;
    HistoryImport h = readHistoryCsv(csv, "sai.csv", resolveKind, diags);
    INFO(formatAll(diags));
    CHECK(located(diags) == std::vector<std::string>{
                                "A403 1 Ghi chú",
                                "A405 2 họ tên",
                                "A406 3 loại đối tượng",
                                "A406 4 năm sinh",
                                "A406 4 năm",
                                "A406 4 ngày quyết định",
                                "A405 5 hình thức khen thưởng",
                                "A405 5 số quyết định",
                                "A407 6 ",
                            });
    CHECK(diags.items()[1].where.file == "sai.csv");
    CHECK(core::format(diags.items()[1]) == "sai.csv:2: lỗi [A405] họ tên: thiếu giá trị bắt buộc");
    CHECK(h.awards.empty());
}

TEST_CASE("a header without a required column or a file that is not UTF-8", "[archive][history]") {
    core::Diagnostics missing;
    readHistoryCsv("họ tên;năm;số quyết định;số QĐ\nA;2024;1;1\n", "t.csv", resolveKind, missing);
    CHECK(located(missing) == std::vector<std::string>{"A404 1 số QĐ",
                                                       "A402 1 hình thức khen thưởng",
                                                       "A402 1 ngày quyết định"});
    core::Diagnostics latin1;
    readHistoryCsv("h\xE1 t\xEAn;n\xE3m\n", "t.csv", resolveKind, latin1);
    CHECK(located(latin1) == std::vector<std::string>{"A401 1 "});
    core::Diagnostics empty;
    readHistoryCsv("\xEF\xBB\xBF", "t.csv", resolveKind, empty);
    CHECK(located(empty) == std::vector<std::string>{"A401 1 "});
    core::Diagnostics headerOnly;
    readHistoryCsv("họ tên;hình thức khen thưởng;năm;số quyết định;ngày quyết định\n", "t.csv",
                   resolveKind, headerOnly);
    CHECK(located(headerOnly) == std::vector<std::string>{"A411 1 "});
    core::Diagnostics open;
    readHistoryCsv("họ tên;năm\n\"A;2024\n", "t.csv", resolveKind, open);
    CHECK(located(open) == std::vector<std::string>{"A407 2 "});
}

TEST_CASE("an import is kept, indexed, found and verified", "[archive][history]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
    importGood(archive, lock.value());

    const std::string sha = core::sha256Hex(kGood);
    CHECK(readText(tmp.path() / historyCopyPath(sha)) == kGood);
    auto record = parseHistoryRecord(readText(tmp.path() / historyRecordPath(sha)), "r");
    REQUIRE(record.ok());
    CHECK(record->fileName == "lich-su.csv");
    CHECK(record->sha256 == sha);
    CHECK(record->importedAt == "2026-01-01T07:00:00+07:00");
    CHECK(record->awards.size() == 3);
    CHECK(readText(tmp.path() / "journal").find("\"action\":\"import\"") != std::string::npos);
    checkImported(tmp.path());

    VerifyOptions options;
    options.searchKey = foldKey;
    auto report = verify(tmp.path(), schemasDir(), options);
    REQUIRE(report.ok());
    INFO((report->problems.empty() ? std::string() : core::format(report->problems[0])));
    CHECK(report->ok());
    CHECK(report->notes.empty());

    // The same bytes again: recognised, nothing written, one journal entry.
    importGood(archive, lock.value(), true);
    const std::string journal = readText(tmp.path() / "journal");
    CHECK(std::count(journal.begin(), journal.end(), '\n') == 2); // the decision, the import
    checkImported(tmp.path());
}

TEST_CASE("reindex keeps the imported awards", "[archive][history]") {
    TempDir tmp;
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        importGood(archive, lock.value());
    }
    fs::remove(indexFile(tmp.path()));
    auto n = reindex(tmp.path(), schemasDir(), foldKey);
    REQUIRE(n.ok());
    CHECK(n.value() == 3);
    checkImported(tmp.path());
}

TEST_CASE("an import cut short is completed by importing the file again", "[archive][history]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
    // As if killed right after the record was written: no journal line, nothing indexed.
    core::Diagnostics diags;
    HistoryImport h = readGood(diags);
    h.sha256 = core::sha256Hex(kGood);
    REQUIRE(storeHistoryImport(tmp.path(), h, kGood).ok());
    CHECK(ArchiveHistory::open(tmp.path())
              .awardsOf(NomineeKind::Individual, text::nameKey("Phạm Đức Anh"), 0)
              .empty());
    auto report = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(report.ok());
    CHECK_FALSE(report->ok()); // the index lacks the import (A221): reindex or import again

    importGood(archive, lock.value(), true);
    CHECK(readText(tmp.path() / "journal").find("\"action\":\"import\"") != std::string::npos);
    checkImported(tmp.path());
    report = verify(tmp.path(), schemasDir(), VerifyOptions{{}, foldKey});
    REQUIRE(report.ok());
    CHECK(report->ok());
}

TEST_CASE("verify finds a changed copy, a broken record and foreign files", "[archive][history]") {
    TempDir tmp;
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        importGood(archive, lock.value());
    }
    const std::string sha = core::sha256Hex(kGood);
    writeFile(tmp.path() / historyCopyPath(sha), kGood + "x;y\n");
    writeFile(tmp.path() / "history" / "ghi-chu.txt", "?");
    const std::string other(64, 'a');
    writeFile(tmp.path() / historyRecordPath(other), "{}");
    writeFile(tmp.path() / historyCopyPath(std::string(64, 'b')), "half an import");

    auto report = verify(tmp.path(), schemasDir());
    REQUIRE(report.ok());
    std::vector<std::string> problems;
    for (const auto& p : report->problems) {
        problems.push_back(p.code + " " + p.where.file);
    }
    std::sort(problems.begin(), problems.end());
    CHECK(problems == std::vector<std::string>{"A430 history/" + sha + ".csv",
                                               "A431 history/" + other + ".json",
                                               "A432 history/ghi-chu.txt"});
    REQUIRE(report->notes.size() == 1);
    CHECK(report->notes[0].code == "A433");
}
