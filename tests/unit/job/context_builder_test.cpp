#include "job_test_support.hpp"
#include "pipeline/job/context_builder.hpp"
#include "pipeline/job/decision_builder.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;

namespace {

model::Decision sampleDecision() {
    model::Decision d;
    d.issuer.name = "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH";
    d.issuer.parentBody = "";
    d.issuer.place = "Hà Nội";
    d.issuer.notation = "UBND";
    d.issuer.authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH";
    d.issuer.signer = {"TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Hùng"};
    d.issuer.legalBases = {"Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
                           "Căn cứ Nghị định số 152/2025/NĐ-CP"};
    d.issuer.recipients = {"Như Điều 3"};
    d.issuer.archiveNote = "VT, TĐKT";
    model::DecisionPart part;
    part.kind = job::test::kindAt("giay-khen");
    part.period.year = 2025;
    part.reason = "đã có thành tích xuất sắc";
    d.parts.push_back(part);
    d.key = "gk";
    d.number = 5;
    d.numberText = "05/QĐ-UBND";
    d.date = {2026, 2, 5};
    d.subject = "Về việc tặng Giấy khen";
    model::DecisionSource source;
    source.proposingUnit = {"THCS-NT", "Trường THCS Nguyễn Trãi"};
    source.submission.kind = model::DocumentKind::Submission;
    source.submission.number = "15/TTr-THCSNT";
    source.submission.date = {2026, 1, 20};
    d.sources.push_back(source);
    model::Awardee a;
    a.kind = model::NomineeKind::Individual;
    a.ordinal = 1;
    a.name = "Nguyễn Thị Đào";
    a.position = "Giáo viên";
    a.unit = "Trường THCS Nguyễn Trãi";
    a.gender = model::Gender::Female;
    d.awardees.push_back(a);
    model::Awardee c;
    c.kind = model::NomineeKind::Collective;
    c.ordinal = 1;
    c.name = "Tổ Toán - Tin";
    c.unit = "Trường THCS Nguyễn Trãi";
    d.awardees.push_back(c);
    return d;
}

std::string at(const tmpl::Value& v, const char* path) {
    const tmpl::Value* f = v.find(path);
    return f ? f->str() : "<missing>";
}

} // namespace

TEST_CASE("the decision context is fully formatted for the template") {
    job::DecisionMoney money;
    money.perAwardee = {710000, 1420000};
    money.perPart = {{1420000, 710000, 0}};
    money.total = 2130000;
    auto ctx = job::decisionContext(sampleDecision(), &money);
    CHECK(at(ctx, "money.eachText") ==
          "Mỗi tập thể được thưởng 1.420.000 đồng, mỗi cá nhân được thưởng 710.000 đồng");
    CHECK(at(ctx, "decision.numberText") == "05/QĐ-UBND");
    CHECK(at(ctx, "decision.dateLine") == "Hà Nội, ngày 05 tháng 02 năm 2026");
    CHECK(at(ctx, "signer.capacityLine") == "TM. ỦY BAN NHÂN DÂN");
    CHECK(at(ctx, "counts.text") == "01 tập thể và 01 cá nhân");
    CHECK(at(ctx, "meta.author") == "ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH");
    CHECK(at(ctx, "proposal") ==
          "Xét đề nghị của Trường THCS Nguyễn Trãi tại Tờ trình số 15/TTr-THCSNT ngày 20 "
          "tháng 01 năm 2026.");
    REQUIRE(ctx.find("issuer.nameLines")->items().size() == 2);
    const auto& bases = ctx.find("legalBases")->items();
    REQUIRE(bases.size() == 2);
    CHECK(bases[1].str().back() == ';');
    const auto& recipients = ctx.find("recipients")->items();
    CHECK(recipients.front().str() == "- Như Điều 3;");
    CHECK(recipients.back().str() == "- Trường THCS Nguyễn Trãi;");
    CHECK(at(ctx, "archiveLine") == "- Lưu: VT, TĐKT.");
    // The list's sections: collectives first, numbered I, II (as the decision builder orders
    // the awardees; here the sample holds the individual first).
    const auto& sections = ctx.find("listSections")->items();
    REQUIRE(sections.size() == 2);
    CHECK(at(sections[0], "title") == "I. TẬP THỂ");
    CHECK(sections[0].find("rows")->items().size() == 1);
    CHECK(at(sections[1], "title") == "II. CÁ NHÂN");
    CHECK(at(ctx, "decision.article1") ==
          "Tặng Giấy khen cho 01 tập thể và 01 cá nhân (có danh sách kèm theo) đã có thành "
          "tích xuất sắc.");
    CHECK(at(ctx, "decision.listTitle") == "Được tặng Giấy khen");
    CHECK(at(ctx, "list.nameTitle") == "Họ và tên");
    CHECK(at(ctx, "recipientsPhrase") == "các tập thể, cá nhân");
}

TEST_CASE("the certificate context addresses the person and keeps every mark") {
    auto d = sampleDecision();
    auto person = job::certificateContext(d, d.awardees[0]);
    CHECK(at(person, "formTitle") == "GIẤY KHEN");
    CHECK(at(person, "recipient.salutation") == "Bà");
    CHECK(at(person, "recipient.nameUpper") == "NGUYỄN THỊ ĐÀO");
    CHECK(at(person, "recipient.unit") == "Giáo viên, Trường THCS Nguyễn Trãi");
    CHECK(at(person, "decision.dateText") == "ngày 05 tháng 02 năm 2026");
    auto group = job::certificateContext(d, d.awardees[1]);
    CHECK(at(group, "recipient.salutation").empty());
    CHECK(at(group, "recipient.unit") == "Trường THCS Nguyễn Trãi");
    CHECK(job::certificateTemplateName(job::test::kindAt("bang-khen-tinh")) ==
          "certificate-bang-khen");
    CHECK(job::certificateTemplateName(job::test::kindAt("lao-dong-tien-tien")).empty());
    CHECK(at(person, "period.text") == "năm 2025");
    CHECK(at(person, "period.textCapital") == "Năm 2025");
    CHECK(at(person, "kind.name") == "Giấy khen");
}

TEST_CASE("a decision without money has no Điều 2 and points «Như Điều 2» at the execution") {
    auto d = sampleDecision();
    d.parts[0].kind = job::test::kindAt("gia-dinh-van-hoa");
    d.awardees.resize(1);
    d.awardees[0].kind = model::NomineeKind::Household;
    d.awardees[0].name = "Hộ bà Đào Thị Hòa";
    job::DecisionMoney none;
    none.perAwardee = {0};
    none.perPart.resize(1);
    auto ctx = job::decisionContext(d, &none);
    CHECK(ctx.find("money") == nullptr);
    CHECK(ctx.find("recipients")->items().front().str() == "- Như Điều 2;");
    CHECK(at(ctx, "list.nameTitle") == "Tên hộ gia đình");
    CHECK(at(ctx, "list.unitTitle") == "Địa chỉ");
    CHECK(at(ctx, "recipientsPhrase") == "các hộ gia đình");
}
