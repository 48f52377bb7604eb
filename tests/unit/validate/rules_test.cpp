// Business rules of one dossier (V001–V049; the law of config/rules.xml is tests/rules/): each rule
// fires on the smallest edit of a known-good dossier, with its code, line and a message that names
// the problem, and does not fire otherwise.
#include "pipeline/core/exit_code.hpp"
#include "pipeline/text/name_key.hpp"
#include "pipeline/validate/codes.hpp"
#include "validate_test_support.hpp"

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;

namespace {

struct Outcome {
    bool ok = false;
    core::Diagnostics diags;
    std::optional<core::Error> error;
};

Outcome run(const std::string& bytes) {
    Outcome o;
    auto result = validator().read(std::string_view(bytes), "hs.xml", o.diags);
    o.ok = result.ok();
    if (!result) {
        o.error = result.error();
    }
    return o;
}

const std::string& valid() {
    static const std::string bytes = dataFile("valid.xml");
    return bytes;
}

} // namespace

TEST_CASE("the reference dossier passes every rule", "[rules]") {
    Outcome o = run(valid());
    INFO(dump(o.diags));
    CHECK(o.ok);
    CHECK(o.diags.empty());
}

TEST_CASE("V001: the award's issuer must be configured", "[rules][issuer]") {
    Outcome o = run(edit(valid(), "issuer=\"ubnd-p-badinh\"", "issuer=\"ubnd-p-khong-co\""));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    auto v = withCode(o.diags, codes::kUnknownIssuer);
    REQUIRE(v.size() == 1);
    CHECK(v[0].where.file == "hs.xml");
    CHECK(v[0].where.line == 12);
    CHECK(v[0].field == "award[@id=\"gk\"]/@issuer");
    CHECK_THAT(v[0].message, Catch::Contains("ubnd-p-khong-co"));
    CHECK(o.diags.errorCount() == 1);
}

TEST_CASE("V002: a district body cannot issue after 2025-07-01", "[rules][issuer]") {
    Outcome o = run(edit(valid(), "issuer=\"ubnd-p-badinh\"", "issuer=\"ubnd-q-badinh\""));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    auto v = withCode(o.diags, codes::kIssuerNotValid);
    REQUIRE(v.size() == 1);
    CHECK(v[0].where.line == 12);
    CHECK_THAT(v[0].message, Catch::Contains("QUẬN BA ĐÌNH"));
    CHECK_THAT(v[0].message, Catch::Contains("01/07/2025"));
    CHECK_THAT(v[0].message, Catch::Contains("05/06/2026"));
    CHECK_THAT(v[0].message, Catch::Contains("không còn chính quyền cấp huyện"));
    CHECK(o.diags.errorCount() == 1);
    CHECK(o.error->kind == core::ErrorKind::InputRejected);
    CHECK(o.error->code == codes::kRejected);
    CHECK(core::exitCodeFor(o.error->kind) == 65);
}

TEST_CASE("V002: the same district body was valid before 2025-07-01", "[rules][issuer]") {
    std::string bytes = edit(valid(), "issuer=\"ubnd-p-badinh\" decisionDate=\"2026-06-05\"",
                             "issuer=\"ubnd-q-badinh\" decisionDate=\"2025-06-30\"");
    bytes = edit(bytes, "decisionDate=\"2026-06-20\"", "decisionDate=\"2025-06-30\"");
    bytes = edit(bytes, "<year>2026</year>", "<year>2025</year>");
    bytes = edit(bytes, "<date>2026-05-25</date>", "<date>2025-06-20</date>");
    bytes = edit(bytes, "<date>2026-05-20</date>", "<date>2025-06-18</date>");
    Outcome o = run(bytes);
    INFO(dump(o.diags));
    CHECK(o.ok);
    CHECK(o.diags.empty());
}

TEST_CASE("V002: without a decisionDate the run's date decides", "[rules][issuer]") {
    // The test clock is 2026-01-01, after the district level ended.
    std::string bytes = edit(valid(), "issuer=\"ubnd-p-badinh\" decisionDate=\"2026-06-05\"",
                             "issuer=\"ubnd-q-badinh\"");
    bytes = edit(bytes, "<date>2026-05-25</date>", "<date>2025-12-20</date>");
    bytes = edit(bytes, "<date>2026-05-20</date>", "<date>2025-12-18</date>");
    Outcome o = run(bytes);
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    auto v = withCode(o.diags, codes::kIssuerNotValid);
    REQUIRE(v.size() == 1);
    CHECK_THAT(v[0].message, Catch::Contains("01/01/2026"));
    CHECK_THAT(v[0].message, Catch::Contains("không ghi decisionDate"));
    CHECK(o.diags.errorCount() == 1);
}

TEST_CASE("V003: an issuer may only grant its configured forms", "[rules][issuer]") {
    SECTION("a ward chairman cannot grant a Bằng khen") {
        Outcome o = run(edit(valid(), "form=\"BangKhen\" issuer=\"ubnd-tp-hanoi\"",
                             "form=\"BangKhen\" issuer=\"ubnd-p-badinh\""));
        INFO(dump(o.diags));
        REQUIRE_FALSE(o.ok);
        auto v = withCode(o.diags, codes::kFormNotGranted);
        REQUIRE(v.size() == 1);
        CHECK(v[0].where.line == 15);
        CHECK(v[0].field == "award[@id=\"bk\"]/@form");
        CHECK_THAT(v[0].message, Catch::Contains("Bằng khen"));
        CHECK_THAT(v[0].message, Catch::Contains("được quyết định: "));
        CHECK_THAT(v[0].message, Catch::Contains("Giấy khen"));
        CHECK_THAT(v[0].message, Catch::Contains("Lao động tiên tiến"));
        CHECK(o.diags.errorCount() == 1);
    }
    SECTION("a department director cannot grant a Bằng khen") {
        Outcome o = run(edit(valid(), "issuer=\"ubnd-tp-hanoi\"", "issuer=\"so-yte-hanoi\""));
        REQUIRE_FALSE(o.ok);
        CHECK(withCode(o.diags, codes::kFormNotGranted).size() == 1);
    }
    SECTION("the city chairman grants Bằng khen, not Giấy khen") {
        Outcome o = run(edit(valid(), "issuer=\"ubnd-p-badinh\"", "issuer=\"ubnd-tp-hanoi\""));
        REQUIRE_FALSE(o.ok);
        auto v = withCode(o.diags, codes::kFormNotGranted);
        REQUIRE(v.size() == 1);
        CHECK(v[0].where.line == 12);
    }
}

TEST_CASE("V004: every award needs at least one nominee", "[rules]") {
    Outcome o = run(edit(valid(), "<individual id=\"n2\" award=\"bk\">",
                         "<individual id=\"n2\" award=\"gk\">"));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    auto v = withCode(o.diags, codes::kAwardWithoutNominee);
    REQUIRE(v.size() == 1);
    CHECK(v[0].where.line == 15);
    CHECK(v[0].field == "award[@id=\"bk\"]");
    CHECK(o.diags.errorCount() == 1);
}

TEST_CASE("V009: a decision far from the round year is a warning", "[rules][dates]") {
    Outcome o = run(edit(valid(), "decisionDate=\"2026-06-20\"", "decisionDate=\"2028-01-10\""));
    INFO(dump(o.diags));
    CHECK(o.ok);
    auto v = withCode(o.diags, codes::kRoundYearMismatch);
    REQUIRE(v.size() == 1);
    CHECK(v[0].severity == core::Severity::Warning);
    CHECK(v[0].where.line == 15);

    SECTION("the year after the round is normal") {
        Outcome next =
            run(edit(valid(), "decisionDate=\"2026-06-20\"", "decisionDate=\"2027-01-10\""));
        CHECK(next.ok);
        CHECK(next.diags.empty());
    }
}

TEST_CASE("an achievement longer than the largest certificate box is refused by the schema",
          "[rules][text]") {
    std::string longText;
    while (longText.size() < 600) {
        longText += "Đạt thành tích xuất sắc ";
    }
    Outcome o = run(
        edit(valid(), "Có học sinh đạt giải Nhất kỳ thi học sinh giỏi cấp Thành phố", longText));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    REQUIRE(o.diags.items().size() == 1);
    const auto& d = o.diags.items().front();
    CHECK(d.where.line == 33); // the <achievement> element itself
    CHECK(d.field == "achievement");
    // The limit and the length, in characters.
    CHECK(d.message.find("404") != std::string::npos);
    CHECK(d.message.find(std::to_string(text::visibleLength(longText))) != std::string::npos);
}

TEST_CASE("V012: text made only of invisible characters is empty", "[rules][text]") {
    // Zero-width spaces pass the schema (they are not XML whitespace) but print nothing.
    Outcome o = run(edit(valid(), "<name>Tổ Khoa học Tự nhiên</name>",
                         "<name>\xE2\x80\x8B \xE2\x80\x8B</name>"));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    auto v = withCode(o.diags, codes::kInvisibleText);
    REQUIRE(v.size() == 1);
    CHECK(v[0].where.line == 45);
    CHECK(v[0].field == "collective[@id=\"c1\"]/name");
}

TEST_CASE("every problem of a file is reported in one run", "[rules]") {
    std::string bytes = edit(valid(), "issuer=\"ubnd-p-badinh\"", "issuer=\"ubnd-q-badinh\"");
    bytes = edit(bytes, "<name>Tổ Khoa học Tự nhiên</name>", "<name>\xE2\x80\x8B</name>");
    core::Diagnostics diags;
    diags.warning("Z999", {"earlier.xml", 1}, {}, "from an earlier file");
    auto result = validator().read(std::string_view(bytes), "hs.xml", diags);
    INFO(dump(diags));
    REQUIRE_FALSE(result.ok());
    CHECK(withCode(diags, codes::kIssuerNotValid).size() == 1);
    CHECK(withCode(diags, codes::kInvisibleText).size() == 1);
    CHECK(diags.errorCount() == 2);
    // The error's details are this file's diagnostics only, warnings included.
    const core::Error& e = result.error();
    CHECK(e.code == codes::kRejected);
    CHECK_THAT(e.message, Catch::Contains("2 lỗi"));
    CHECK(e.details.size() == diags.items().size() - 1);
    for (const auto& d : e.details) {
        CHECK(d.where.file == "hs.xml");
        CHECK(d.where.line > 0);
    }
}

TEST_CASE("checkRules works on a dossier built in memory", "[rules]") {
    model::Dossier d;
    d.sourceFile = "excel-import";
    d.round.year = 2026;
    d.schemaVersion = "2.0";
    model::DossierDocument tt;
    tt.id = "tt";
    tt.kind = model::DocumentKind::Submission;
    tt.number = "12/TTr-UBND";
    tt.date = {2026, 5, 25};
    d.documents.push_back(tt);
    model::Proposal gk;
    gk.id = "gk";
    gk.kindId = "giay-khen";
    gk.issuerId = "ubnd-p-caugiay";
    gk.decisionDate = {2026, 6, 1};
    gk.period.year = 2026;
    d.proposals.push_back(gk);
    model::Nominee n;
    n.id = "1";
    n.name = "Phạm Văn Nam";
    n.birthYear = 1990;
    n.nominations.push_back({"gk", "Hoàn thành xuất sắc nhiệm vụ", {}, {}});
    d.nominees.push_back(n);

    core::Diagnostics diags;
    CHECK(validator().checkRules(d, diags));
    CHECK(diags.empty());

    d.nominees.back().nominations[0].proposalId = "khong-co";
    CHECK_FALSE(validator().checkRules(d, diags));
    CHECK(withCode(diags, codes::kAwardWithoutNominee).size() == 1);
}
