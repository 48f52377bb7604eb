#include "job_test_support.hpp"
#include "pipeline/job/decision_builder.hpp"
#include "pipeline/job/decision_wording.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;
using job::test::kindAt;
using job::test::wardIssuer;

namespace {

model::Nominee person(const std::string& id, const std::string& proposal, const std::string& name) {
    model::Nominee n;
    n.kind = model::NomineeKind::Individual;
    n.id = id;
    n.nominations.push_back({proposal, "Hoàn thành xuất sắc nhiệm vụ", {}, {}});
    n.name = name;
    n.position = "Giáo viên";
    n.workplace = "Trường THCS Nguyễn Trãi";
    n.gender = model::Gender::Female;
    n.birthYear = 1985;
    return n;
}

model::Nominee collective(const std::string& id, const std::string& proposal,
                          const std::string& name) {
    model::Nominee n;
    n.kind = model::NomineeKind::Collective;
    n.id = id;
    n.nominations.push_back({proposal, "Tập thể tiêu biểu", {}, {}});
    n.name = name;
    n.parentUnit = "Trường THCS Nguyễn Trãi";
    return n;
}

model::Nominee household(const std::string& id, const std::string& proposal,
                         const std::string& head) {
    model::Nominee n;
    n.kind = model::NomineeKind::Household;
    n.id = id;
    n.nominations.push_back({proposal, "", {}, {}});
    n.headName = head;
    n.headGender = model::Gender::Female;
    n.address = "Số 5, ngõ 98 Trần Thái Tông";
    return n;
}

model::Dossier sample() {
    model::Dossier d;
    d.sourceFile = "a.xml";
    d.sha256 = "abc";
    d.proposingUnit = {"THCS-NT", "Trường THCS Nguyễn Trãi"};
    d.round = {"Tổng kết năm 2025", 2025, ""};
    for (const char* id : {"gk", "ldtt", "gdvh"}) {
        model::Proposal p;
        p.id = id;
        p.kindId = std::string(id) == "gk"     ? "giay-khen"
                   : std::string(id) == "ldtt" ? "lao-dong-tien-tien"
                                               : "gia-dinh-van-hoa";
        p.issuerId = "ubnd-ba-dinh";
        p.reason = "đã có thành tích xuất sắc";
        p.period.year = 2025;
        d.proposals.push_back(p);
    }
    d.nominees = {person("p1", "gk", "Nguyễn Thị Đào"), collective("c1", "gk", "Tổ Toán"),
                  person("p2", "ldtt", "Lê Văn Bình"),  person("p3", "gk", "Trần Văn Cường"),
                  collective("c2", "gk", "Tổ Văn"),     household("h1", "gdvh", "Đào Thị Hòa")};
    return d;
}

job::Plan planOf(const model::Dossier& d, const model::Issuer& issuer,
                 std::vector<std::pair<std::string, std::vector<std::string>>> parts) {
    job::Plan plan;
    plan.dossiers = {&d};
    plan.identity = d.sha256;
    plan.issuer = &issuer;
    plan.date = {2026, 1, 5};
    for (auto& [kind, proposals] : parts) {
        job::PlanPart part{kindAt(kind), {}, "", true};
        for (const auto& id : proposals) {
            part.proposals.push_back({&d, d.proposal(id)});
            plan.key += (plan.key.empty() ? "" : "+") + id;
        }
        plan.parts.push_back(std::move(part));
    }
    return plan;
}

} // namespace

TEST_CASE("a decision lists the award's collectives first, then individuals, in dossier order") {
    const auto d = sample();
    const auto issuer = wardIssuer();
    auto decision = job::buildDecision(planOf(d, issuer, {{"giay-khen", {"gk"}}}), 5, "");
    CHECK(decision.numberText == "05/QĐ-UBND");
    REQUIRE(decision.awardees.size() == 4);
    CHECK(decision.awardees[0].name == "Tổ Toán");
    CHECK(decision.awardees[0].ordinal == 1);
    CHECK(decision.awardees[1].name == "Tổ Văn");
    CHECK(decision.awardees[1].ordinal == 2);
    CHECK(decision.awardees[2].name == "Nguyễn Thị Đào");
    CHECK(decision.awardees[2].ordinal == 1); // numbering restarts per section
    CHECK(decision.awardees[2].honorific == "Bà");
    CHECK(decision.awardees[3].name == "Trần Văn Cường");
    CHECK(decision.awardees[3].certificateFile == "certificates/0004.pdf");
    CHECK(decision.awardees[2].searchName == "nguyen thi dao");
    CHECK(decision.subject ==
          "Về việc tặng Giấy khen cho các tập thể, cá nhân thuộc Trường THCS Nguyễn Trãi");
    CHECK(decision.parts[0].reason == "đã có thành tích xuất sắc");
    CHECK(decision.key == "gk");
    CHECK(job::article1Of(decision) == "Tặng Giấy khen cho 02 tập thể và 02 cá nhân (có danh sách "
                                       "kèm theo) đã có thành tích xuất sắc.");
}

TEST_CASE("a title without an artefact has list rows but no certificate files") {
    const auto d = sample();
    const auto issuer = wardIssuer();
    auto decision =
        job::buildDecision(planOf(d, issuer, {{"lao-dong-tien-tien", {"ldtt"}}}), 6, "");
    REQUIRE(decision.awardees.size() == 1);
    CHECK(decision.awardees[0].certificateFile.empty());
    CHECK(decision.subject == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2025");
    CHECK(job::listTitleOf(decision, "") ==
          "Được công nhận danh hiệu “Lao động tiên tiến” năm 2025");
}

TEST_CASE("a household's name comes from its head, with the honorific in lower case") {
    const auto d = sample();
    const auto issuer = wardIssuer();
    auto decision = job::buildDecision(planOf(d, issuer, {{"gia-dinh-van-hoa", {"gdvh"}}}), 7, "");
    REQUIRE(decision.awardees.size() == 1);
    CHECK(decision.awardees[0].name == "Hộ bà Đào Thị Hòa");
    CHECK(decision.awardees[0].unit == "Số 5, ngõ 98 Trần Thái Tông");
    CHECK(job::article1Of(decision) ==
          "Công nhận danh hiệu “Gia đình văn hóa” năm 2025 cho 01 hộ gia đình (có danh sách kèm "
          "theo), đã có thành tích xuất sắc.");
}

TEST_CASE("a decision of several kinds has a part per kind and one Điều 1 of clauses") {
    const auto d = sample();
    const auto issuer = wardIssuer();
    auto decision = job::buildDecision(
        planOf(d, issuer, {{"giay-khen", {"gk"}}, {"lao-dong-tien-tien", {"ldtt"}}}), 8,
        "Về việc khen thưởng {{round.name}}");
    REQUIRE(decision.parts.size() == 2);
    CHECK(decision.key == "gk+ldtt");
    REQUIRE(decision.awardees.size() == 5);
    CHECK(decision.awardees[4].part == 1);
    CHECK(decision.awardees[4].ordinal == 1);
    CHECK(decision.subject == "Về việc khen thưởng Tổng kết năm 2025");
    CHECK(job::article1Of(decision) ==
          "Tặng Giấy khen cho 02 tập thể và 02 cá nhân; công nhận danh hiệu “Lao động tiên tiến” "
          "năm 2025 cho 01 cá nhân (có danh sách kèm theo).");
}

TEST_CASE("a flag's inscription is the catalogue's pattern, one line per '|'") {
    model::Dossier d = sample();
    d.proposals[0].kindId = "co-thi-dua-tinh";
    model::Issuer city = wardIssuer();
    city.name = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI";
    auto decision = job::buildDecision(planOf(d, city, {{"co-thi-dua-tinh", {"gk"}}}), 9, "");
    REQUIRE_FALSE(decision.awardees.empty());
    CHECK(decision.awardees[0].inscription ==
          "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nTẶNG\nTỔ TOÁN\nĐƠN VỊ DẪN ĐẦU PHONG TRÀO THI ĐUA NĂM "
          "2025");
}

TEST_CASE("counts are written with two digits and joined as Vietnamese lists are") {
    CHECK(job::countsText({2, 15, 0}) == "02 tập thể và 15 cá nhân");
    CHECK(job::countsText({1, 3, 6}) == "01 tập thể, 03 cá nhân và 06 hộ gia đình");
    CHECK(job::countsText({0, 0, 120}) == "120 hộ gia đình");
}

TEST_CASE("the decision date is the planned one, else the run's, else today in Vietnam") {
    model::Proposal a;
    CHECK(job::decisionDateFor(a, model::Date{2026, 3, 1}, 0).iso() == "2026-03-01");
    CHECK(job::decisionDateFor(a, std::nullopt, 1767225600).iso() == "2026-01-01");
    a.decisionDate = {2026, 5, 20};
    CHECK(job::decisionDateFor(a, model::Date{2026, 3, 1}, 0).iso() == "2026-05-20");
}
