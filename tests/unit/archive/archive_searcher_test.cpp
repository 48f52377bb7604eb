// Searcher: one open index for many queries, giving what archive::search gives, seeing commits
// and a reindexed file, never blocking a commit.
#include "archive_test_support.hpp"

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

std::vector<std::string> rows(const core::Result<std::vector<SearchHit>>& hits) {
    INFO((hits.ok() ? std::string() : core::format(hits.error())));
    REQUIRE(hits.ok());
    std::vector<std::string> out;
    for (const auto& h : hits.value()) {
        out.push_back(h.name + "|" + h.numberText + "|" + std::to_string(h.year) + "|" +
                      h.certificatePath + "|" + h.supersededBy);
    }
    return out;
}

SearchQuery textQuery(const std::string& text) {
    SearchQuery q;
    q.text = text;
    return q;
}

} // namespace

TEST_CASE("a Searcher reused for many queries gives what search gives", "[archive][search]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(2, 2025)).ok());
    }
    auto searcher = Searcher::open(tmp.path(), foldKey);
    REQUIRE(searcher.ok());
    std::vector<SearchQuery> queries = {textQuery("dao"),         textQuery("Đào"),
                                        textQuery("nguy th"),     textQuery("bang khen dao"),
                                        textQuery("hieu truong"), textQuery("")};
    queries[5].year = 2025;
    SearchQuery form = textQuery("dao");
    form.awardKinds = {"bang-khen-tinh"};
    form.year = 2026;
    queries.push_back(form);
    SearchQuery limited = textQuery("dao");
    limited.limit = 1;
    queries.push_back(limited);
    // Twice over: the prepared statements are reused, and their bindings must not leak from
    // one query into the next.
    for (int round = 0; round < 2; ++round) {
        for (const auto& q : queries) {
            INFO(q.text << " round " << round);
            const auto expected = rows(search(tmp.path(), q, foldKey));
            CHECK(rows(searcher->search(q)) == expected);
        }
    }
    CHECK(rows(searcher->search(textQuery("dao"))).size() == 4);
    CHECK(rows(searcher->search(limited)).size() == 1);
    CHECK(rows(searcher->search(textQuery("khong co ai"))).empty());
}

TEST_CASE("an open Searcher sees new commits and a reindexed file, and blocks no commit",
          "[archive][search]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    core::Result<Searcher> searcher = core::makeError(core::ErrorKind::Io, "X", "not opened");
    {
        auto lock = archive.lock(1);
        REQUIRE(lock.ok());
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(1)).ok());
        searcher = Searcher::open(tmp.path(), foldKey);
        REQUIRE(searcher.ok());
        CHECK(rows(searcher->search(textQuery("dao"))).size() == 2);

        // A commit while the Searcher is open (it holds no read transaction between queries).
        REQUIRE(fileDecision(archive, lock.value(), sampleRecord(2)).ok());
        CHECK(rows(searcher->search(textQuery("dao"))).size() == 4);
    }

    // No index: A015, as search.
    fs::remove(tmp.path() / "index.sqlite");
    auto missing = searcher->search(textQuery("dao"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "A015");
    auto none = Searcher::open(tmp.path(), foldKey);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "A015");

    // reindex renames a new file into place: the Searcher reopens it.
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    CHECK(rows(searcher->search(textQuery("dao"))).size() == 4);
    CHECK(rows(searcher->search(textQuery("dao"))) ==
          rows(search(tmp.path(), textQuery("dao"), foldKey)));
}
