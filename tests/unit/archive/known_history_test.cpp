// What the archive knows about earlier awards (archive/known_history.hpp): the known_awards and
// initiative_uses tables filled when a decision is filed and by reindex.
#include "archive/index.hpp"
#include "archive/known_history.hpp"
#include "archive_test_support.hpp"
#include "pipeline/text/name_key.hpp"

using namespace tdkt;
using namespace tdkt::archive;
using namespace tdkt::archive::test;

namespace {

using model::NomineeKind;

const std::string kCode = "SKTP-2025-041";
const std::string kTitle = "Xây dựng mô hình trường học số";

// Decision 1 (2026, "năm học 2024 - 2025"): Nguyễn Thị Đào (1980) with an initiative, Lê Văn
// Dao (1975). Decision 2 (2026, no period): a household and a collective.
DecisionRecord schoolDecision() {
    DecisionRecord r = sampleRecord(1);
    r.awards[0].period = "năm học 2024 - 2025";
    model::Initiative initiative;
    initiative.id = "sk1";
    initiative.code = kCode;
    initiative.title = kTitle;
    r.awardees[0].history.initiatives.push_back(initiative);
    model::Initiative unused = initiative;
    unused.id = "sk2";
    unused.code = "SK-OLD-1";
    unused.title = "Sáng kiến cũ không dùng lần này";
    r.awardees[0].history.initiatives.push_back(unused);
    r.awardees[0].initiatives = {"sk1"};
    return r;
}

DecisionRecord wardDecision() {
    DecisionRecord r = sampleRecord(2);
    setAward(r, "gia-dinh-van-hoa", "Gia đình văn hóa", "gdvh");
    r.awardees.resize(2);
    AwardeeRecord& h = r.awardees[0];
    h.kind = NomineeKind::Household;
    h.name = "Hộ ông Nguyễn Văn Sáu";
    h.headName = "Nguyễn Văn Sáu";
    h.birthYear = 1952;
    h.unit.clear();
    h.certificateFile.clear();
    AwardeeRecord& c = r.awardees[1];
    c.kind = NomineeKind::Collective;
    c.name = "Tổ dân phố số 5";
    c.birthYear = 0;
    c.unit.clear();
    c.certificateFile.clear();
    return r;
}

void fill(const fs::path& root) {
    Archive archive = openArchive(root);
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    REQUIRE(fileDecision(archive, lock.value(), schoolDecision()).ok());
    REQUIRE(fileDecision(archive, lock.value(), wardDecision()).ok());
}

void checkAnswers(const fs::path& root) {
    ArchiveHistory history = ArchiveHistory::open(root);
    REQUIRE(history.available());

    auto dao = history.awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 1980);
    REQUIRE(dao.size() == 1);
    CHECK(dao[0].kindId == "bang-khen-tinh");
    CHECK(dao[0].kindName == "Bằng khen");
    CHECK(dao[0].year == 2025); // the period's last year, not the decision's 2026
    CHECK(dao[0].period == "năm học 2024 - 2025");
    CHECK(dao[0].decisionNumber == "01/QĐ-UBND");
    CHECK(dao[0].decisionDate.iso() == "2026-01-05");
    CHECK(dao[0].issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    CHECK(dao[0].unit == "Trường THCS Nguyễn Trãi");
    CHECK(dao[0].source == "2026/UBND-TP-HANOI/01-qd-ubnd");
    CHECK(dao[0].initiativeKeys == text::initiativeKeys(kCode, kTitle));

    // Spelling, case and tone placement do not matter; the birth year does.
    CHECK(history.awardsOf(NomineeKind::Individual, text::nameKey("NGUYỄN THỊ  ĐÀO"), 0).size() ==
          1);
    CHECK(history.awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 1981).empty());
    CHECK(history.awardsOf(NomineeKind::Collective, text::nameKey("Nguyễn Thị Đào"), 0).empty());
    CHECK(history.awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Dao"), 0).empty());

    // A household is known by its head; a decision without a period counts its own year.
    auto sau = history.awardsOf(NomineeKind::Household, text::nameKey("Nguyễn Văn Sáu"), 1952);
    REQUIRE(sau.size() == 1);
    CHECK(sau[0].kindId == "gia-dinh-van-hoa");
    CHECK(sau[0].year == 2026);
    CHECK(sau[0].unit == "Trường THCS Nguyễn Trãi"); // the proposing unit when none recorded
    auto to5 = history.awardsOf(NomineeKind::Collective, text::nameKey("tổ dân phố số 5"), 0);
    REQUIRE(to5.size() == 1);
    CHECK(to5[0].decisionNumber == "02/QĐ-UBND");

    // The initiative the award used, under both its keys; the unused one is not recorded.
    for (const auto& key : text::initiativeKeys("sktp 2025 041", "")) {
        auto uses = history.usesOf(key);
        REQUIRE(uses.size() == 1);
        CHECK(uses[0].recipient == "Nguyễn Thị Đào");
        CHECK(uses[0].kindName == "Bằng khen");
        CHECK(uses[0].year == 2025);
        CHECK(uses[0].decisionNumber == "01/QĐ-UBND");
        CHECK(uses[0].source == "2026/UBND-TP-HANOI/01-qd-ubnd");
    }
    CHECK(history.usesOf(text::initiativeKeys("", kTitle).front()).size() == 1);
    CHECK(history.usesOf(text::initiativeKeys("SK-OLD-1", "").front()).empty());
}

} // namespace

TEST_CASE("filing a decision records its awards and initiatives for the rules",
          "[archive][history]") {
    TempDir tmp;
    fill(tmp.path());
    checkAnswers(tmp.path());
}

TEST_CASE("reindex rebuilds the known awards from the bags", "[archive][history]") {
    TempDir tmp;
    fill(tmp.path());
    fs::remove(indexFile(tmp.path()));
    CHECK_FALSE(ArchiveHistory::open(tmp.path()).available()); // no index: answers nothing
    CHECK(ArchiveHistory::open(tmp.path())
              .awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 0)
              .empty());
    REQUIRE(reindex(tmp.path(), schemasDir(), foldKey).ok());
    checkAnswers(tmp.path());
}

TEST_CASE("a whole run's lookups at once answer as one lookup each, on both cores",
          "[archive][history]") {
    TempDir tmp;
    fill(tmp.path());
    ArchiveHistory history = ArchiveHistory::open(tmp.path());
    REQUIRE(history.available());
    // More queries than the batch answers on one connection: the second half goes to a
    // connection of its own.
    const std::vector<model::PersonQuery> some = {
        {NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 1980},
        {NomineeKind::Household, text::nameKey("Nguyễn Văn Sáu"), 1952},
        {NomineeKind::Collective, text::nameKey("Tổ dân phố số 5"), 0},
        {NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 1981},
        {NomineeKind::Individual, text::nameKey("Lê Văn Dao"), 0},
        {NomineeKind::Individual, "", 0},
    };
    std::vector<model::PersonQuery> queries;
    for (int i = 0; i < 2500; ++i) {
        queries.push_back(some[static_cast<std::size_t>(i) % some.size()]);
    }
    const auto answers = history.awardsOfEach(queries);
    REQUIRE(answers.size() == queries.size());
    std::size_t found = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto one =
            history.awardsOf(queries[i].kind, queries[i].nameKey, queries[i].birthYear);
        REQUIRE(answers[i].size() == one.size());
        for (std::size_t k = 0; k < one.size(); ++k) {
            CHECK(answers[i][k].kindId == one[k].kindId);
            CHECK(answers[i][k].decisionNumber == one[k].decisionNumber);
            CHECK(answers[i][k].source == one[k].source);
        }
        found += one.size();
    }
    CHECK(found > queries.size() / 2); // most of them hit
}

TEST_CASE("a round's decisions are recorded when the round is published", "[archive][history]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    RoundCommit round;
    REQUIRE(fileDecision(archive, lock.value(), schoolDecision(), &round).ok());
    REQUIRE(fileDecision(archive, lock.value(), wardDecision(), &round).ok());
    REQUIRE(archive.publishRound(round, lock.value()).ok());
    checkAnswers(tmp.path());
}

TEST_CASE("an empty archive or an old index answers nothing", "[archive][history]") {
    TempDir tmp;
    CHECK_FALSE(ArchiveHistory::open(tmp.path() / "missing").available());
    fill(tmp.path());
    {
        auto db = Database::open(indexFile(tmp.path()), false);
        REQUIRE(db.ok());
        REQUIRE(db->exec("PRAGMA user_version = " + std::to_string(kIndexVersion - 1)).ok());
    }
    ArchiveHistory history = ArchiveHistory::open(tmp.path());
    CHECK_FALSE(history.available());
    CHECK(history.awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 0).empty());
    CHECK(history.usesOf(text::initiativeKeys(kCode, "").front()).empty());
}

TEST_CASE("a decision replaced by a corrected one no longer counts", "[archive][history]") {
    TempDir tmp;
    Archive archive = openArchive(tmp.path());
    auto lock = archive.lock(1);
    REQUIRE(lock.ok());
    auto first = fileDecision(archive, lock.value(), schoolDecision());
    REQUIRE(first.ok());
    DecisionRecord corrected = schoolDecision();
    corrected.number = 3;
    corrected.numberText = "03/QĐ-UBND";
    corrected.dossierSha256 = core::sha256Hex("corrected");
    corrected.supersedesDir = first->relativeDir;
    corrected.supersedesNumberText = first->numberText;
    REQUIRE(fileDecision(archive, lock.value(), corrected).ok());

    ArchiveHistory history = ArchiveHistory::open(tmp.path());
    auto dao = history.awardsOf(NomineeKind::Individual, text::nameKey("Nguyễn Thị Đào"), 1980);
    REQUIRE(dao.size() == 1);
    CHECK(dao[0].decisionNumber == "03/QĐ-UBND");
    auto uses = history.usesOf(text::initiativeKeys(kCode, "").front());
    REQUIRE(uses.size() == 1);
    CHECK(uses[0].decisionNumber == "03/QĐ-UBND");
}

TEST_CASE("one lookup is indexed", "[archive][history]") {
    TempDir tmp;
    fill(tmp.path());
    auto db = Database::open(indexFile(tmp.path()), true);
    REQUIRE(db.ok());
    auto plan = db->prepare("EXPLAIN QUERY PLAN SELECT * FROM known_awards WHERE person_key = 'x' "
                            "AND nominee_kind = 'individual'");
    REQUIRE(plan.ok());
    std::string details;
    for (auto row = plan->step(); row && row.value(); row = plan->step()) {
        details += plan->text(3) + "\n";
    }
    CHECK(details.find("known_awards_person") != std::string::npos);
}
