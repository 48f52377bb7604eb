#include "pipeline/job/decision_builder.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;

namespace {

model::Nominee person(const std::string& id, const std::string& award, const std::string& name) {
    model::Nominee n;
    n.kind = model::NomineeKind::Individual;
    n.id = id;
    n.awardId = award;
    n.name = name;
    n.position = "Giáo viên";
    n.workplace = "Trường THCS Nguyễn Trãi";
    n.gender = model::Gender::Female;
    n.birthYear = 1985;
    return n;
}

model::Nominee collective(const std::string& id, const std::string& award,
                          const std::string& name) {
    model::Nominee n;
    n.kind = model::NomineeKind::Collective;
    n.id = id;
    n.awardId = award;
    n.name = name;
    n.parentUnit = "Trường THCS Nguyễn Trãi";
    return n;
}

model::Dossier sample() {
    model::Dossier d;
    d.sourceFile = "a.xml";
    d.sha256 = "abc";
    d.proposingUnit = {"THCS-NT", "Trường THCS Nguyễn Trãi"};
    model::AwardRequest gk;
    gk.id = "gk";
    gk.form = model::AwardFormKind::GiayKhen;
    gk.issuerId = "ubnd-ba-dinh";
    gk.reason = "đã có thành tích xuất sắc";
    d.awards.push_back(gk);
    d.nominees = {person("p1", "gk", "Nguyễn Thị Đào"), collective("c1", "gk", "Tổ Toán"),
                  person("p2", "other", "Lê Văn Bình"), person("p3", "gk", "Trần Văn Cường"),
                  collective("c2", "gk", "Tổ Văn")};
    return d;
}

model::Issuer issuer() {
    model::Issuer i;
    i.id = "ubnd-ba-dinh";
    i.code = "UBND-BA-DINH";
    i.notation = "UBND";
    i.name = "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH";
    i.place = "Hà Nội";
    return i;
}

} // namespace

TEST_CASE("a decision lists the award's collectives first, then individuals, in dossier order") {
    auto d = sample();
    auto decision = job::buildDecision(d, d.awards[0], issuer(), {2026, 1, 5}, 5);
    CHECK(decision.numberText == "05/QĐ-UBND");
    REQUIRE(decision.awardees.size() == 4);
    CHECK(decision.awardees[0].name == "Tổ Toán");
    CHECK(decision.awardees[0].ordinal == 1);
    CHECK(decision.awardees[1].name == "Tổ Văn");
    CHECK(decision.awardees[1].ordinal == 2);
    CHECK(decision.awardees[2].name == "Nguyễn Thị Đào");
    CHECK(decision.awardees[2].ordinal == 1); // numbering restarts per section
    CHECK(decision.awardees[3].name == "Trần Văn Cường");
    CHECK(decision.awardees[3].certificateFile == "certificates/0004.pdf");
    CHECK(decision.awardees[2].searchName == "nguyen thi dao");
    CHECK(decision.subject.find("Giấy khen") != std::string::npos);
    CHECK(decision.reason == "đã có thành tích xuất sắc");
}

TEST_CASE("the decision date is the planned one, else the run's, else today in Vietnam") {
    model::AwardRequest a;
    CHECK(job::decisionDateFor(a, model::Date{2026, 3, 1}, 0).iso() == "2026-03-01");
    CHECK(job::decisionDateFor(a, std::nullopt, 1767225600).iso() == "2026-01-01");
    a.decisionDate = {2026, 5, 20};
    CHECK(job::decisionDateFor(a, model::Date{2026, 3, 1}, 0).iso() == "2026-05-20");
}
