#include "pipeline/normalize/normalizer.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;

namespace {

model::Dossier sampleDossier() {
    model::Dossier d;
    d.sourceFile = "hs-thcs.xml";
    d.proposingUnit = {"HN-THCS-NGUYENTRAI", "Trường  THCS Nguyễn Trãi "};
    d.round = {"Tổng kết năm học 2025-2026", 2026, ""};
    d.schemaVersion = "1.0";
    model::DossierDocument tt;
    tt.id = "submission";
    tt.kind = model::DocumentKind::Submission;
    tt.number = "15/TTr-THCSNT";
    d.documents.push_back(tt);

    model::Proposal award;
    award.id = "bk";
    award.kindId = "bang-khen-tinh";
    award.reason = "đã có thành tích xuất sắc trong công tác giáo du\u0323c";
    award.where = {"hs-thcs.xml", 9, 0};
    d.proposals.push_back(award);

    model::Nominee person;
    person.id = "gv03";
    person.name = "Nguye\u0302\u0303n Văn An";
    person.position = "Giáo viên";
    person.workplace = "Tổ Toán\u200B";
    person.nominations.push_back(
        {"bk", "Hoàn thành xuất sắc nhiệm vụ", {}, {"hs-thcs.xml", 21, 0}});
    person.where = {"hs-thcs.xml", 21, 0};
    d.nominees.push_back(person);

    model::Nominee group;
    group.kind = model::NomineeKind::Collective;
    group.id = "tt01";
    group.name = "Tổ\u00A0Ngữ văn";
    group.parentUnit = "Trường THCS Nguyễn Trãi";
    group.nominations.push_back({"bk", "Tập thể lao động xuất sắc", {}, {"hs-thcs.xml", 30, 0}});
    group.where = {"hs-thcs.xml", 30, 0};
    d.nominees.push_back(group);
    return d;
}

} // namespace

TEST_CASE("normalizeDossier cleans every text field and records each change") {
    model::Dossier d = sampleDossier();
    normalize::normalizeDossier(d);

    CHECK(d.proposingUnit.name == "Trường THCS Nguyễn Trãi");
    CHECK(d.proposingUnit.code == "HN-THCS-NGUYENTRAI");
    CHECK(d.proposals[0].reason == "đã có thành tích xuất sắc trong công tác giáo dục");
    CHECK(d.nominees[0].name == "Nguyễn Văn An");
    CHECK(d.nominees[0].workplace == "Tổ Toán");
    CHECK(d.nominees[1].name == "Tổ Ngữ văn");

    REQUIRE(d.changes.size() == 5);
    const model::FieldChange& unit = d.changes[0];
    CHECK(unit.field == "proposingUnit/name");
    CHECK(unit.before == "Trường  THCS Nguyễn Trãi ");
    CHECK(unit.after == "Trường THCS Nguyễn Trãi");
    CHECK(unit.reason == "bỏ khoảng trắng thừa");
    CHECK(unit.where.file == "hs-thcs.xml");
    CHECK(unit.where.line == 0);

    CHECK(d.changes[1].field == "award[bk]/reason");
    CHECK(d.changes[1].reason == "chuẩn hóa Unicode NFC");
    CHECK(d.changes[1].where.line == 9);

    const model::FieldChange& name = d.changes[2];
    CHECK(name.field == "nominee[gv03]/fullName");
    CHECK(name.before == "Nguye\u0302\u0303n Văn An");
    CHECK(name.after == "Nguyễn Văn An");
    CHECK(name.where.line == 21);

    CHECK(d.changes[3].field == "nominee[gv03]/workplace");
    CHECK(d.changes[3].reason == "bỏ ký tự ẩn");
    CHECK(d.changes[4].field == "nominee[tt01]/name");
    CHECK(d.changes[4].where.line == 30);
}

TEST_CASE("normalizeDossier records nothing for a clean dossier") {
    model::Dossier d = sampleDossier();
    normalize::normalizeDossier(d);
    const model::Dossier once = d;
    d.changes.clear();
    normalize::normalizeDossier(d);
    CHECK(d.changes.empty());
    CHECK(d.nominees[0].name == once.nominees[0].name);
}

TEST_CASE("normalizeDossier cleans the fields of dossier 2.0: households, history, documents") {
    model::Dossier d;
    d.sourceFile = "hs-phuong.xml";
    d.schemaVersion = "2.0";
    model::DossierDocument tt;
    tt.id = "tt";
    tt.kind = model::DocumentKind::Submission;
    tt.signer = "Nguye\u0302\u0303n Văn Ba";
    d.documents.push_back(tt);
    model::Nominee home;
    home.kind = model::NomineeKind::Household;
    home.id = "h1";
    home.headName = "Đào Thị Hoà";
    home.address = "Số 5  ngõ 98";
    home.representative.name = "Lê  Văn Tư";
    home.nominations.push_back({"gdvh", "Gia đình  văn hóa", {}, {"hs-phuong.xml", 40, 0}});
    model::Initiative in;
    in.title = "Số hóa  hồ sơ";
    home.history.initiatives.push_back(in);
    d.nominees.push_back(home);
    normalize::normalizeDossier(d);
    CHECK(d.documents[0].signer == "Nguyễn Văn Ba");
    CHECK(d.nominees[0].headName == "Đào Thị Hòa");
    CHECK(d.nominees[0].address == "Số 5 ngõ 98");
    CHECK(d.nominees[0].representative.name == "Lê Văn Tư");
    CHECK(d.nominees[0].nominations[0].achievement == "Gia đình văn hóa");
    CHECK(d.nominees[0].history.initiatives[0].title == "Số hóa hồ sơ");
    bool pathSeen = false;
    for (const auto& c : d.changes) {
        pathSeen = pathSeen || c.field == "nominee[h1]/nomination[gdvh]/achievement";
    }
    CHECK(pathSeen);
    CHECK(d.changes.front().field == "document[tt]/signer");
}

TEST_CASE("normalizeDossier takes the tone style and reports each repair in Vietnamese") {
    model::Dossier d = sampleDossier();
    d.nominees[0].name = "Nguyễn Thị Hòa";
    d.nominees[0].position = "Tæ tr\u00ADëng"; // TCVN3 "Tổ trưởng" read as Latin-1
    text::Options options;
    options.toneStyle = text::ToneStyle::New;
    normalize::normalizeDossier(d, options);
    CHECK(d.nominees[0].name == "Nguyễn Thị Hoà");
    CHECK(d.nominees[0].position == "Tổ trưởng");
    bool tone = false;
    bool tcvn = false;
    for (const auto& c : d.changes) {
        tone = tone || (c.field == "nominee[gv03]/fullName" && c.reason == "sửa vị trí dấu thanh");
        tcvn = tcvn || (c.field == "nominee[gv03]/position" &&
                        c.reason == "chuyển mã TCVN3 (ABC) → Unicode");
    }
    CHECK(tone);
    CHECK(tcvn);

    model::Dossier classic = sampleDossier();
    classic.nominees[0].name = "Nguyễn Thị Hoà";
    normalize::normalizeDossier(classic); // default: classic
    CHECK(classic.nominees[0].name == "Nguyễn Thị Hòa");
}
