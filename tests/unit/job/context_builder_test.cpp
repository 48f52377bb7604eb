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
    d.form = model::AwardFormKind::GiayKhen;
    d.number = 5;
    d.numberText = "05/QĐ-UBND";
    d.date = {2026, 2, 5};
    d.subject = "Về việc tặng Giấy khen";
    d.proposingUnit = {"THCS-NT", "Trường THCS Nguyễn Trãi"};
    d.submission = {"15/TTr-THCSNT", {2026, 1, 20}};
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
    auto ctx = job::decisionContext(sampleDecision());
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
    CHECK(ctx.find("individuals")->items().size() == 1);
    CHECK(ctx.find("collectives")->items().size() == 1);
    CHECK(at(ctx, "hasCollectives") == "1");
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
    CHECK(job::certificateTemplateName(model::AwardFormKind::BangKhen) == "certificate-bang-khen");
}
