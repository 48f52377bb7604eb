// Search over the FTS5 index, and reindex from the tree.
#include "archive/index.hpp"
#include "archive_test_support.hpp"

#include <algorithm>

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

// Three decisions: two of 2026 (units HN-THCS-NGUYENTRAI and HN-THPT-CHUVANAN), one of 2025.
void fillArchive(const fs::path& root) {
    Archive archive = openArchive(root);
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());

    auto r2 = sampleRecord(2);
    r2.unitCode = "HN-THPT-CHUVANAN";
    r2.unitName = "Trường THPT Chu Văn An";
    r2.awardees.resize(1);
    r2.awardees[0].name = "Phạm Đào";
    r2.awardees[0].unit = "Trường THPT Chu Văn An";
    r2.awardees[0].position = "Giáo viên (Toán)";
    REQUIRE(fileDecision(archive, lock.value(), r2).ok());

    auto r3 = sampleRecord(9, 2025);
    r3.awardees.resize(1);
    r3.awardees[0].name = "Nguyễn Thị Đào";
    REQUIRE(fileDecision(archive, lock.value(), r3).ok());
}

std::vector<std::string> names(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) {
        out.push_back(h.name + "|" + std::to_string(h.year));
    }
    return out;
}

std::vector<SearchHit> run(const fs::path& root, const std::string& text,
                           std::optional<int> year = {}, std::optional<std::string> unit = {}) {
    auto hits = search(root, SearchQuery{text, year, unit, 50, {}, {}, {}}, foldKey);
    INFO(text);
    INFO((hits.ok() ? std::string() : core::format(hits.error())));
    REQUIRE(hits.ok());
    return hits.value();
}

} // namespace

TEST_CASE("the test fold removes Vietnamese diacritics", "[archive][search]") {
    CHECK(foldKey("Nguyễn Thị Đào") == "nguyen thi dao");
    CHECK(foldKey("ỦY BAN") == "uy ban");
}

TEST_CASE("search folds diacritics on both sides", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());

    auto hits = run(tmp.path(), "nguyen thi dao");
    CHECK(names(hits) == std::vector<std::string>{"Nguyễn Thị Đào|2026", "Nguyễn Thị Đào|2025"});
    const SearchHit& h = hits[0];
    CHECK(h.numberText == "01/QĐ-UBND");
    CHECK(h.kind == "individual");
    CHECK(h.position == "Giáo viên");
    CHECK(h.unit == "Trường THCS Nguyễn Trãi");
    CHECK(h.awardKindName == "Bằng khen");
    CHECK(h.awardKind == "bang-khen-tinh");
    CHECK(h.date == "2026-01-05");
    CHECK(h.issuerName == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    CHECK(h.unitCode == "HN-THCS-NGUYENTRAI");
    CHECK(h.decisionPath == "2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.pdf");
    CHECK(h.certificatePath == "2026/UBND-TP-HANOI/01-qd-ubnd/data/certificates/0001.pdf");
    CHECK(fs::exists(tmp.path() / h.decisionPath));
    CHECK(fs::exists(tmp.path() / h.certificatePath));

    // "dao" matches Đào (đ folded) and Dao; prefixes match too.
    auto dao = run(tmp.path(), "dao");
    CHECK(dao.size() == 4);
    // Terms may match different columns: Lê Văn Dao works at Trường THCS Nguyễn Trãi.
    CHECK(names(run(tmp.path(), "nguy th da")) == std::vector<std::string>{"Nguyễn Thị Đào|2026",
                                                                           "Nguyễn Thị Đào|2025",
                                                                           "Lê Văn Dao|2026"});
    CHECK(names(run(tmp.path(), "NGUYỄN")) == std::vector<std::string>{"Nguyễn Thị Đào|2026",
                                                                       "Nguyễn Thị Đào|2025",
                                                                       "Lê Văn Dao|2026"});
    CHECK(run(tmp.path(), "khong co ai").empty());

    // Typed with diacritics: the exact spelling ranks first.
    auto exact = run(tmp.path(), "Đào");
    REQUIRE(exact.size() == 4);
    for (int i = 0; i < 3; ++i) {
        CHECK(exact[static_cast<std::size_t>(i)].name.find("Đào") != std::string::npos);
    }
    CHECK(exact[3].name == "Lê Văn Dao");
    auto plain = run(tmp.path(), "Dao");
    REQUIRE(plain.size() == 4);
    CHECK(plain[0].name == "Lê Văn Dao");

    // Other columns: unit, position, award form, number.
    CHECK(run(tmp.path(), "chu van an").size() == 1);
    CHECK(names(run(tmp.path(), "hieu truong")) == std::vector<std::string>{"Lê Văn Dao|2026"});
    CHECK(names(run(tmp.path(), "02/QĐ-UBND")) == std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(run(tmp.path(), "bang khen dao").size() == 4);
}

TEST_CASE("search filters by year and by unit or issuer code", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    CHECK(names(run(tmp.path(), "dao", 2025)) == std::vector<std::string>{"Nguyễn Thị Đào|2025"});
    CHECK(run(tmp.path(), "dao", 2026).size() == 3);
    CHECK(run(tmp.path(), "dao", 2024).empty());
    CHECK(names(run(tmp.path(), "dao", {}, std::string("HN-THPT-CHUVANAN"))) ==
          std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(run(tmp.path(), "dao", 2026, std::string("HN-THCS-NGUYENTRAI")).size() == 2);
    CHECK(run(tmp.path(), "dao", {}, std::string("UBND-TP-HANOI")).size() == 4);
    CHECK(run(tmp.path(), "dao", {}, std::string("SNV-HANOI")).empty());
    // No text: the filters alone list everyone.
    CHECK(run(tmp.path(), "", 2026).size() == 3);
}

TEST_CASE("FTS syntax in the query is plain text", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    for (const char* q : {"\"", "\"dao", "dao*", "*", "AND", "dao AND", "OR dao", "NOT", "(",
                          "dao)", "NEAR(dao", "name_key:dao", "{name_key}: dao", "^dao",
                          "dao\" OR \"le", "'", "-", "+dao", ";DROP TABLE awardees;--"}) {
        auto hits = search(tmp.path(), SearchQuery{q, {}, {}, 50, {}, {}, {}}, foldKey);
        INFO(q);
        INFO((hits.ok() ? std::string() : core::format(hits.error())));
        CHECK(hits.ok());
    }
    CHECK(run(tmp.path(), "dao*").size() == 4);
    CHECK(run(tmp.path(), "(dao)").size() == 4);
    CHECK(run(tmp.path(), "\"nguyen\" thi").size() == 2);
    CHECK(run(tmp.path(), "and").empty()); // a word, not an operator
    // The table survives.
    CHECK(run(tmp.path(), "dao").size() == 4);
}

TEST_CASE("reindex after deleting index.sqlite gives the same results", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    std::vector<std::vector<std::string>> before;
    const std::vector<std::string> queries = {"dao", "nguyen thi dao", "Đào", "chu van an",
                                              "bang khen"};
    auto snapshot = [&] {
        std::vector<std::vector<std::string>> out;
        for (const auto& q : queries) {
            std::vector<std::string> rows;
            for (const auto& h : run(tmp.path(), q)) {
                rows.push_back(h.name + "|" + h.numberText + "|" + h.decisionPath + "|" +
                               h.certificatePath + "|" + std::to_string(h.year) + "|" + h.unit);
            }
            out.push_back(rows);
        }
        return out;
    };
    before = snapshot();

    fs::remove(tmp.path() / "index.sqlite");
    auto missing = search(tmp.path(), SearchQuery{"dao", {}, {}, 50, {}, {}, {}}, foldKey);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "A015");

    auto n = reindex(tmp.path(), schemasDir(), foldKey);
    INFO((n.ok() ? std::string() : core::format(n.error())));
    REQUIRE(n.ok());
    CHECK(n.value() == 4);
    CHECK(snapshot() == before);
    // Reindexing over an existing index is idempotent.
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    CHECK(snapshot() == before);
}

TEST_CASE("a commit with no index rebuilds it from the whole tree", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    fs::remove(tmp.path() / "index.sqlite");
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(3)).ok());
    CHECK(run(tmp.path(), "dao").size() == 6);
}

TEST_CASE("the limit caps the hits", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    auto hits = search(tmp.path(), SearchQuery{"dao", {}, {}, 2, {}, {}, {}}, foldKey);
    REQUIRE(hits.ok());
    CHECK(hits->size() == 2);
}

TEST_CASE("search filters by issuer, award form and decision number", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    auto query = [&](auto set) {
        SearchQuery q;
        q.text = "dao";
        set(q);
        auto hits = search(tmp.path(), q, foldKey);
        REQUIRE(hits.ok());
        return hits.value();
    };
    const auto all = query([](SearchQuery&) {});
    CHECK(query([](SearchQuery& q) { q.issuer = "UBND-TP-HANOI"; }).size() == 4);
    CHECK(query([](SearchQuery& q) { q.issuer = "HN-THCS-NGUYENTRAI"; }).empty()); // a unit
    CHECK(query([](SearchQuery& q) { q.awardKinds = {"bang-khen-tinh"}; }).size() == all.size());
    CHECK(query([](SearchQuery& q) {
              q.awardKinds = {"giay-khen", "bang-khen-tinh"};
          }).size() == all.size());
    CHECK(query([](SearchQuery& q) { q.awardKinds = {"giay-khen"}; }).empty());
    const std::string number = all.front().numberText;
    const auto byNumber = query([&](SearchQuery& q) { q.numberText = number; });
    REQUIRE_FALSE(byNumber.empty());
    for (const auto& h : byNumber) {
        CHECK(h.numberText == number);
    }
    // Without diacritics too.
    CHECK(query([&](SearchQuery& q) { q.numberText = foldKey(number); }).size() == byNumber.size());
    CHECK(query([](SearchQuery& q) { q.numberText = "99/QĐ-UBND"; }).empty());
}

TEST_CASE("each term matches the awardee or its decision", "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    // The decision-level keys (award form, issuer, number) are stored once per decision, not
    // per awardee: a query mixing them with an awardee's own words still finds it, and only
    // through its own decision.
    CHECK(names(run(tmp.path(), "pham ha noi")) == std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(names(run(tmp.path(), "dao 02")) == std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(names(run(tmp.path(), "chu van an 02 bang")) ==
          std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(run(tmp.path(), "chu van an 01").empty());
    CHECK(run(tmp.path(), "pham giay khen").empty());
    CHECK(names(run(tmp.path(), "dao 09")) == std::vector<std::string>{"Nguyễn Thị Đào|2025"});
    CHECK(names(run(tmp.path(), "dao 09", 2025)) ==
          std::vector<std::string>{"Nguyễn Thị Đào|2025"});
    CHECK(run(tmp.path(), "dao 09", 2026).empty());
    // Only decision-level words: every awardee of the matching decisions.
    CHECK(run(tmp.path(), "ubnd 01").size() == 2);
    CHECK(run(tmp.path(), "thanh pho ha noi", 2026, std::string("HN-THPT-CHUVANAN")).size() == 1);
    CHECK(names(run(tmp.path(), "ubnd", 2025)) == std::vector<std::string>{"Nguyễn Thị Đào|2025"});
    CHECK(run(tmp.path(), "ubnd").size() == 4);
    CHECK(names(run(tmp.path(), "ha noi chu")) == std::vector<std::string>{"Phạm Đào|2026"});
    CHECK(run(tmp.path(), "bang khen dao").size() == 4);
}

TEST_CASE("an index of an older version is rebuilt from the tree by the next commit",
          "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    {
        auto db = Database::open(tmp.path() / "index.sqlite", false);
        REQUIRE(db.ok());
        REQUIRE(db->exec("PRAGMA user_version = " + std::to_string(kIndexVersion - 1)).ok());
    }
    CHECK_FALSE(indexIsCurrent(tmp.path() / "index.sqlite"));
    auto old = search(tmp.path(), SearchQuery{"dao", {}, {}, 50, {}, {}, {}}, foldKey);
    REQUIRE_FALSE(old.ok());
    CHECK(old.error().code == "A015");

    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), sampleRecord(3)).ok());
    CHECK(indexIsCurrent(tmp.path() / "index.sqlite"));
    CHECK(run(tmp.path(), "dao").size() == 6);
    CHECK(names(run(tmp.path(), "dao 02")) == std::vector<std::string>{"Phạm Đào|2026"});
}

TEST_CASE("a word of every decision lists the awardee holding it first, once",
          "[archive][search]") {
    TempDir tmp;
    fillArchive(tmp.path());
    {
        Archive archive = openArchive(tmp.path());
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        auto r = sampleRecord(4);
        r.awardees.resize(1);
        r.awardees[0].name = "Trần Văn Thanh"; // "thanh" is also in every issuer's name
        REQUIRE(fileDecision(archive, lock.value(), r).ok());
    }
    auto hits = run(tmp.path(), "thanh");
    REQUIRE(hits.size() == 5);
    CHECK(hits[0].name == "Trần Văn Thanh");
    std::vector<std::string> all = names(hits);
    std::sort(all.begin(), all.end());
    CHECK(std::adjacent_find(all.begin(), all.end()) == all.end()); // no awardee twice
    CHECK(names(run(tmp.path(), "thanh", 2025)) == std::vector<std::string>{"Nguyễn Thị Đào|2025"});
}
