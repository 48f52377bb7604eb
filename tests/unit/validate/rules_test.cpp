// Business rules (V001–V049): each rule fires on the smallest edit of a known-good dossier,
// with its code, line and a message that names the problem, and does not fire otherwise.
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

TEST_CASE("V005: birth year must give an age of 16 to 100 in the round year", "[rules]") {
    struct Case {
        int birthYear;
        bool accepted;
    };
    for (const Case c : {Case{2015, false}, Case{2011, false}, Case{2010, true}, Case{1926, true},
                         Case{1925, false}, Case{1920, false}}) {
        INFO("birth year " << c.birthYear);
        Outcome o = run(edit(valid(), "<birthYear>1985</birthYear>",
                             "<birthYear>" + std::to_string(c.birthYear) + "</birthYear>"));
        INFO(dump(o.diags));
        CHECK(o.ok == c.accepted);
        auto v = withCode(o.diags, codes::kImplausibleAge);
        CHECK(v.size() == (c.accepted ? 0u : 1u));
        if (!v.empty()) {
            CHECK(v[0].where.line == 27);
            CHECK(v[0].field == "individual[@id=\"n1\"]/birthYear");
            CHECK_THAT(v[0].message, Catch::Contains(std::to_string(2026 - c.birthYear)));
        }
    }
}

TEST_CASE("V006: the submission must come before the decision", "[rules][dates]") {
    Outcome o = run(edit(valid(), "<date>2026-05-25</date>", "<date>2026-06-10</date>"));
    INFO(dump(o.diags));
    REQUIRE_FALSE(o.ok);
    // Only the award decided on 2026-06-05 is affected, not the one of 2026-06-20.
    auto v = withCode(o.diags, codes::kSubmissionAfterDecision);
    REQUIRE(v.size() == 1);
    CHECK(v[0].where.line == 12);
    CHECK_THAT(v[0].message, Catch::Contains("10/06/2026"));
    CHECK_THAT(v[0].message, Catch::Contains("05/06/2026"));
    CHECK(o.diags.errorCount() == 1);

    SECTION("the same day is fine") {
        Outcome same = run(edit(valid(), "<date>2026-05-25</date>", "<date>2026-06-05</date>"));
        CHECK(same.ok);
        CHECK(withCode(same.diags, codes::kSubmissionAfterDecision).empty());
    }
}

TEST_CASE("V007: review minutes after the submission is a warning", "[rules][dates]") {
    Outcome o = run(edit(valid(), "<date>2026-05-20</date>", "<date>2026-05-27</date>"));
    INFO(dump(o.diags));
    CHECK(o.ok);
    auto v = withCode(o.diags, codes::kReviewAfterSubmission);
    REQUIRE(v.size() == 1);
    CHECK(v[0].severity == core::Severity::Warning);
    CHECK(v[0].where.line == 24);
    CHECK(v[0].field == "reviewMinutes/date");
    CHECK(o.diags.errorCount() == 0);
}

TEST_CASE("V008: the same nominee twice for one award is an error", "[rules][duplicates]") {
    const std::string second = "<fullName>Trần  Văn Minh </fullName>";
    SECTION("spelled the same way") {
        std::string bytes = edit(valid(), "<individual id=\"n2\" award=\"bk\">",
                                 "<individual id=\"n2\" award=\"gk\">");
        bytes = edit(bytes, second, "<fullName>Nguyễn Thị Đào</fullName>");
        bytes = edit(bytes, "<birthYear>1970</birthYear>", "<birthYear>1985</birthYear>");
        bytes = edit(bytes,
                     "<award id=\"bk\" form=\"BangKhen\" issuer=\"ubnd-tp-hanoi\" "
                     "decisionDate=\"2026-06-20\">\n      <reason>đã có thành tích xuất "
                     "sắc trong phong trào thi đua “Dạy tốt, học tốt”</reason>\n    "
                     "</award>\n",
                     "");
        Outcome o = run(bytes);
        INFO(dump(o.diags));
        REQUIRE_FALSE(o.ok);
        auto v = withCode(o.diags, codes::kDuplicateNominee);
        REQUIRE(v.size() == 1);
        CHECK(v[0].field == "individual[@id=\"n2\"]");
        CHECK_THAT(v[0].message, Catch::Contains("dòng 24"));
        CHECK(o.diags.errorCount() == 1);
    }
    SECTION("spelled as clerks type it: NFD, case, spaces, zero-width space, tone placement") {
        // "Nguyễn Thị Hòa" vs "  NGUYÊ\u0303N  thị\u200B Hoà " are one person.
        std::string bytes = edit(valid(), "<fullName>Nguyễn Thị Đào</fullName>",
                                 "<fullName>Nguyễn Thị Hòa</fullName>");
        bytes = edit(bytes, "<individual id=\"n2\" award=\"bk\">",
                     "<individual id=\"n2\" award=\"gk\">");
        bytes = edit(bytes, second, "<fullName>  NGUYÊ\xCC\x83N  thị\xE2\x80\x8B Hoà </fullName>");
        bytes = edit(bytes, "<birthYear>1970</birthYear>", "<birthYear>1985</birthYear>");
        Outcome o = run(bytes);
        INFO(dump(o.diags));
        REQUIRE_FALSE(o.ok);
        auto v = withCode(o.diags, codes::kDuplicateNominee);
        REQUIRE(v.size() == 1);
        CHECK(v[0].where.line == 36);
        CHECK_THAT(v[0].message, Catch::Contains("dòng 27"));
    }
    SECTION("same name, different birth year: two people") {
        std::string bytes = edit(valid(), "<individual id=\"n2\" award=\"bk\">",
                                 "<individual id=\"n2\" award=\"gk\">");
        bytes = edit(bytes, second, "<fullName>Nguyễn Thị Đào</fullName>");
        Outcome o = run(bytes);
        INFO(dump(o.diags));
        CHECK(withCode(o.diags, codes::kDuplicateNominee).empty());
    }
    SECTION("two collectives of the same name for one award") {
        Outcome o = run(edit(valid(), "<parentUnit>Trường THCS Thử Nghiệm</parentUnit>",
                             "<parentUnit>Trường THCS Thử Nghiệm</parentUnit>\n"
                             "      <achievement>x</achievement>\n    </collective>\n"
                             "    <collective id=\"c2\" award=\"gk\">\n"
                             "      <name>Tổ khoa học tự nhiên</name>\n"
                             "      <parentUnit>Trường THCS Thử Nghiệm</parentUnit>"));
        INFO(dump(o.diags));
        REQUIRE_FALSE(o.ok);
        auto v = withCode(o.diags, codes::kDuplicateNominee);
        REQUIRE(v.size() == 1);
        CHECK(v[0].field == "collective[@id=\"c2\"]");
    }
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

TEST_CASE("V013: one person proposed for two awards is a warning", "[rules][duplicates]") {
    std::string bytes = edit(valid(), "<fullName>Trần  Văn Minh </fullName>",
                             "<fullName>Nguyễn Thị Đào</fullName>");
    bytes = edit(bytes, "<birthYear>1970</birthYear>", "<birthYear>1985</birthYear>");
    Outcome o = run(bytes);
    INFO(dump(o.diags));
    CHECK(o.ok);
    auto v = withCode(o.diags, codes::kSameNomineeTwoAwards);
    REQUIRE(v.size() == 1);
    CHECK(v[0].severity == core::Severity::Warning);
    CHECK(v[0].where.line == 36);
    CHECK_THAT(v[0].message, Catch::Contains("dòng 27"));
}

TEST_CASE("every problem of a file is reported in one run", "[rules]") {
    std::string bytes = edit(valid(), "issuer=\"ubnd-p-badinh\"", "issuer=\"ubnd-q-badinh\"");
    bytes = edit(bytes, "<birthYear>1985</birthYear>", "<birthYear>2015</birthYear>");
    bytes = edit(bytes, "<date>2026-05-20</date>", "<date>2026-05-27</date>");
    bytes = edit(bytes, "decisionDate=\"2026-06-20\"", "decisionDate=\"2026-05-01\"");
    core::Diagnostics diags;
    diags.warning("Z999", {"earlier.xml", 1}, {}, "from an earlier file");
    auto result = validator().read(std::string_view(bytes), "hs.xml", diags);
    INFO(dump(diags));
    REQUIRE_FALSE(result.ok());
    CHECK(withCode(diags, codes::kIssuerNotValid).size() == 1);
    CHECK(withCode(diags, codes::kImplausibleAge).size() == 1);
    CHECK(withCode(diags, codes::kSubmissionAfterDecision).size() == 1);
    CHECK(withCode(diags, codes::kReviewAfterSubmission).size() == 1);
    CHECK(diags.errorCount() == 3);
    // The error's details are this file's diagnostics only, warnings included.
    const core::Error& e = result.error();
    CHECK(e.code == codes::kRejected);
    CHECK_THAT(e.message, Catch::Contains("3 lỗi"));
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

    d.nominees.push_back(n);
    d.nominees.back().id = "2";
    CHECK_FALSE(validator().checkRules(d, diags));
    CHECK(withCode(diags, codes::kDuplicateNominee).size() == 1);
}
