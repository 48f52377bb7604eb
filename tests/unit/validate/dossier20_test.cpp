// Dossier 2.0: the model it reads into, the rules only a 2.0 dossier can break (V014–V029), its
// attached documents, and the 2.0 writer that `tdkt upgrade` uses (read → write → read again).
#include "pipeline/core/exit_code.hpp"
#include "pipeline/validate/codes.hpp"
#include "pipeline/validate/dossier_writer.hpp"
#include "validate_test_support.hpp"

#include <fstream>

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;

namespace {

struct Outcome {
    bool ok = false;
    core::Diagnostics diags;
    std::optional<model::Dossier> dossier;
};

// Read as if the file lay in tests/data/validate (so its attachment is found there).
Outcome run(const std::string& bytes) {
    Outcome o;
    auto result = validator().read(std::string_view(bytes), "hs2.xml", o.diags,
                                   dataPath("valid-2.0.xml").parent_path());
    o.ok = result.ok();
    if (result) {
        o.dossier = std::move(result).value();
    }
    return o;
}

const std::string& valid() {
    static const std::string bytes = dataFile("valid-2.0.xml");
    return bytes;
}

std::vector<core::Diagnostic> only(const Outcome& o, const std::string& code) {
    INFO(dump(o.diags));
    return withCode(o.diags, code);
}

} // namespace

TEST_CASE("a 2.0 dossier reads into the model with documents, proposals, nominees and history",
          "[dossier20]") {
    Outcome o = run(valid());
    INFO(dump(o.diags));
    REQUIRE(o.ok);
    CHECK(o.diags.empty());
    const model::Dossier& d = *o.dossier;
    CHECK(d.schemaVersion == "2.0");
    REQUIRE(d.documents.size() == 4);
    const model::DossierDocument* tt = d.firstDocument(model::DocumentKind::Submission);
    REQUIRE(tt);
    CHECK(tt->number == "12/TTr-UBND");
    CHECK(tt->signer == "Nguyễn Văn Thử");
    CHECK(tt->file == "attachments/to-trinh.pdf");
    CHECK(tt->fileSha256 == "a937b627aca0b5a5c55599cceae8ecca6bc35c2db3e237ce93831eca95ed66eb");
    CHECK(d.documents[2].nomineeIds == std::vector<std::string>{"n1"});
    CHECK(d.documents[3].initiativeIds == std::vector<std::string>{"sk1"});

    REQUIRE(d.proposals.size() == 4);
    CHECK(d.proposals[0].kindId == "lao-dong-tien-tien");
    CHECK(d.proposals[0].period.text() == "năm 2025");
    CHECK(d.proposals[0].mode == model::AwardMode::Regular);

    REQUIRE(d.nominees.size() == 3);
    const model::Nominee& lan = d.nominees[0];
    CHECK(lan.honorific == "Bà");
    CHECK(lan.birthDate == model::Date{1984, 3, 12});
    CHECK(lan.birthYear == 1984);
    REQUIRE(lan.nominations.size() == 2);
    CHECK(lan.nominations[1].proposalId == "cstd");
    CHECK(lan.nominations[1].initiativeIds == std::vector<std::string>{"sk1"});
    REQUIRE(lan.history.awards.size() == 1);
    CHECK(lan.history.awards[0].kindId == "lao-dong-tien-tien");
    CHECK(lan.history.awards[0].decisionDate == model::Date{2024, 12, 20});
    REQUIRE(lan.history.ratings.size() == 2);
    CHECK(lan.history.ratings[1].value == model::TaskRating::Excellent);
    REQUIRE(lan.history.initiatives.size() == 1);
    CHECK(lan.history.initiatives[0].scope == model::InitiativeScope::Base);

    const model::Nominee& group = d.nominees[1];
    CHECK(group.kind == model::NomineeKind::Collective);
    CHECK(group.representative.name == "Lê Văn Hải");
    CHECK(group.representative.position == "Tổ trưởng");

    const model::Nominee& home = d.nominees[2];
    CHECK(home.kind == model::NomineeKind::Household);
    CHECK(home.name.empty());
    CHECK(model::displayName(home) == "Hộ ông Trần Văn Tư");
    CHECK(model::honorificOf(home) == "Ông");
    CHECK(home.headBirthYear == 1960);
    CHECK(home.address == "Số 7, ngõ 3, Tổ dân phố số 3");
}

TEST_CASE("V014: a kind not in the catalogue names the kinds the issuer may grant",
          "[dossier20][rules]") {
    Outcome o = run(edit(valid(), "award=\"gia-dinh-van-hoa\"", "award=\"gia-dinh-the-thao\""));
    REQUIRE_FALSE(o.ok);
    auto v = only(o, codes::kUnknownAwardKind);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "proposal[@id=\"gdvh\"]/@award");
    CHECK_THAT(v[0].message, Catch::Contains("gia-dinh-the-thao"));
    CHECK_THAT(v[0].message, Catch::Contains("Gia đình văn hóa"));
    CHECK_THAT(v[0].message, Catch::Contains("Lao động tiên tiến"));
}

TEST_CASE("V003: authority follows the issuer's level and the date", "[dossier20][rules]") {
    SECTION("CSTĐ cơ sở: a ward chairman from 01/07/2025, a district chairman until then") {
        Outcome after = run(valid());
        CHECK(after.ok);
        // The same ward did not exist before the reform; a district did, and granted it then.
        Outcome before = run(edit(edit(valid(),
                                       "award=\"chien-si-thi-dua-co-so\" issuer=\"ubnd-p-caugiay\" "
                                       "decisionDate=\"2026-01-15\"",
                                       "award=\"chien-si-thi-dua-co-so\" issuer=\"ubnd-q-badinh\" "
                                       "decisionDate=\"2025-06-20\""),
                                  "<date>2026-01-08</date>", "<date>2025-06-10</date>"));
        INFO(dump(before.diags));
        CHECK(only(before, codes::kFormNotGranted).empty());
    }
    SECTION("a ward chairman cannot grant the city's titles") {
        Outcome o = run(edit(valid(), "award=\"gia-dinh-van-hoa\"", "award=\"co-thi-dua-tinh\""));
        REQUIRE_FALSE(o.ok);
        auto v = only(o, codes::kFormNotGranted);
        REQUIRE(v.size() == 1);
        CHECK_THAT(v[0].message, Catch::Contains("Cờ thi đua cấp tỉnh"));
    }
}

TEST_CASE("V016: a kind goes only to the recipients the catalogue names", "[dossier20][rules]") {
    Outcome o =
        run(edit(valid(), "<nomination proposal=\"gdvh\"/>", "<nomination proposal=\"ldtt\"/>"));
    REQUIRE_FALSE(o.ok);
    auto v = only(o, codes::kRecipientNotAccepted);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "household[@id=\"h1\"]/nomination[@proposal=\"ldtt\"]");
    CHECK_THAT(v[0].message, Catch::Contains("hộ gia đình"));
    CHECK_THAT(v[0].message, Catch::Contains("chỉ dành cho: cá nhân"));
    // The proposal it left is now empty.
    CHECK(only(o, codes::kAwardWithoutNominee).size() == 1);
}

TEST_CASE("V017: a form printed on a certificate needs the achievement", "[dossier20][rules]") {
    Outcome o = run(edit(valid(), "<achievement>Tập thể tiêu biểu năm 2025</achievement>", ""));
    REQUIRE_FALSE(o.ok);
    auto v = only(o, codes::kAchievementMissing);
    REQUIRE(v.size() == 1);
    CHECK_THAT(v[0].message, Catch::Contains("Giấy khen"));
}

TEST_CASE("V018 and V019: references must name what the dossier holds", "[dossier20][rules]") {
    SECTION("an initiative of someone else's history") {
        Outcome o = run(edit(valid(), "initiatives=\"sk1\"/>", "initiatives=\"sk9\"/>"));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kUnknownInitiative).size() == 1);
    }
    SECTION("a report about an unknown nominee, a proof of an unknown initiative") {
        Outcome o = run(edit(edit(valid(), "nominees=\"n1\"", "nominees=\"n1 n7\""),
                             "initiatives=\"sk1\">", "initiatives=\"sk2\">"));
        REQUIRE_FALSE(o.ok);
        auto v = only(o, codes::kUnknownReference);
        REQUIRE(v.size() == 2);
        CHECK_THAT(v[0].message, Catch::Contains("n7"));
        CHECK_THAT(v[1].message, Catch::Contains("sk2"));
    }
}

TEST_CASE("V020–V022: attachments are beside the dossier, PDFs, and what the dossier says",
          "[dossier20][attachments]") {
    SECTION("missing") {
        Outcome o = run(edit(valid(), ">attachments/to-trinh.pdf<", ">attachments/khong-co.pdf<"));
        REQUIRE_FALSE(o.ok);
        auto v = only(o, codes::kAttachmentMissing);
        REQUIRE(v.size() == 1);
        CHECK(v[0].where.line == 12);
        CHECK_THAT(v[0].message, Catch::Contains("khong-co.pdf"));
    }
    SECTION("checksum") {
        Outcome o = run(edit(valid(), "a937b627aca0", "0000b627aca0"));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kAttachmentChecksum).size() == 1);
    }
    SECTION("read from bytes with nowhere to look") {
        core::Diagnostics diags;
        auto r = validator().read(std::string_view(valid()), "hs2.xml", diags);
        REQUIRE_FALSE(r.ok());
        CHECK(withCode(diags, codes::kAttachmentMissing).size() == 1);
    }
    SECTION("not a PDF, and a link to a file outside the dossier's folder") {
        const fs::path root = fs::temp_directory_path() / fs::unique_path("tdkt-val-%%%%%%%%");
        const fs::path dir = root / "hs";
        fs::create_directories(dir / "attachments");
        {
            std::ofstream out((dir / "attachments" / "to-trinh.pdf").string());
            out << "PK\x03\x04 a zip file";
        }
        std::string bytes = edit(
            valid(), " sha256=\"a937b627aca0b5a5c55599cceae8ecca6bc35c2db3e237ce93831eca95ed66eb\"",
            "");
        core::Diagnostics diags;
        CHECK_FALSE(validator().read(std::string_view(bytes), "hs2.xml", diags, dir).ok());
        CHECK(withCode(diags, codes::kAttachmentNotPdf).size() == 1);

        fs::remove(dir / "attachments" / "to-trinh.pdf");
        fs::create_symlink(dataPath("attachments/to-trinh.pdf"),
                           dir / "attachments" / "to-trinh.pdf");
        core::Diagnostics linked;
        CHECK_FALSE(validator().read(std::string_view(bytes), "hs2.xml", linked, dir).ok());
        CHECK(withCode(linked, codes::kAttachmentMissing).size() == 1);
        fs::remove_all(root);
    }
    SECTION("the schema refuses a path that climbs out") {
        Outcome o = run(edit(valid(), ">attachments/to-trinh.pdf<", ">../../etc/passwd.pdf<"));
        REQUIRE_FALSE(o.ok);
        CHECK_FALSE(withCode(o.diags, "X010").empty());
    }
}

TEST_CASE("V024–V028: nominated twice, no tờ trình, bad periods, unnamed prior awards",
          "[dossier20][rules]") {
    SECTION("V024") {
        Outcome o = run(
            edit(valid(), "<nomination proposal=\"ldtt\"/>", "<nomination proposal=\"cstd\"/>"));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kNominatedTwice).size() == 1);
    }
    SECTION("V025: a tờ trình without a number cannot be cited") {
        Outcome o = run(edit(valid(), "<number>12/TTr-UBND</number>", ""));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kNoSubmission).size() == 1);
    }
    SECTION("V026: a school year of two years that do not follow") {
        Outcome o =
            run(edit(valid(),
                     "<proposal id=\"gk\" award=\"giay-khen\" issuer=\"ubnd-p-caugiay\" "
                     "decisionDate=\"2026-01-15\">\n      <period><year>2025</year></period>",
                     "<proposal id=\"gk\" award=\"giay-khen\" issuer=\"ubnd-p-caugiay\" "
                     "decisionDate=\"2026-01-15\">\n      "
                     "<period><schoolYear>2024-2026</schoolYear></period>"));
        REQUIRE_FALSE(o.ok);
        auto v = only(o, codes::kBadPeriod);
        REQUIRE(v.size() == 1);
        CHECK_THAT(v[0].message, Catch::Contains("2024-2026"));
    }
    SECTION("V026: an act after the decision") {
        Outcome o =
            run(edit(valid(),
                     "<proposal id=\"gk\" award=\"giay-khen\" issuer=\"ubnd-p-caugiay\" "
                     "decisionDate=\"2026-01-15\">\n      <period><year>2025</year></period>",
                     "<proposal id=\"gk\" award=\"giay-khen\" issuer=\"ubnd-p-caugiay\" "
                     "decisionDate=\"2026-01-15\" mode=\"adHoc\">\n      "
                     "<period><act>2026-02-01</act></period>"));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kBadPeriod).size() == 1);
    }
    SECTION("V027 and V028") {
        Outcome o =
            run(edit(edit(valid(), "<priorAward year=\"2024\" kind=\"gia-dinh-van-hoa\"/>",
                          "<priorAward year=\"2024\"/>"),
                     "kind=\"lao-dong-tien-tien\" issuer", "kind=\"huy-chuong-vang\" issuer"));
        REQUIRE_FALSE(o.ok);
        CHECK(only(o, codes::kPriorAwardUnnamed).size() == 1);
        CHECK(only(o, codes::kUnknownPriorKind).size() == 1);
    }
}

TEST_CASE("LĐTT and CSTĐ cơ sở for one person is normal; two forms is a warning",
          "[dossier20][rules]") {
    CHECK(run(valid()).diags.empty());
    Outcome o = run(edit(valid(), "<nomination proposal=\"ldtt\"/>",
                         "<nomination proposal=\"gk\"><achievement>Xuất sắc</achievement>"
                         "</nomination><nomination proposal=\"ldtt\"/>"));
    INFO(dump(o.diags));
    CHECK(o.ok);
    CHECK(only(o, codes::kSameNomineeTwoAwards).empty()); // a form and two titles
}

TEST_CASE("the 2.0 writer round-trips: read, write, read gives the same model", "[dossier20]") {
    Outcome first = run(valid());
    REQUIRE(first.ok);
    const std::string written = writeDossier20(*first.dossier);
    Outcome second = run(written);
    INFO(written << dump(second.diags));
    REQUIRE(second.ok);
    const model::Dossier& a = *first.dossier;
    const model::Dossier& b = *second.dossier;
    CHECK(b.documents.size() == a.documents.size());
    CHECK(b.documents[0].fileSha256 == a.documents[0].fileSha256);
    CHECK(b.proposals.size() == a.proposals.size());
    REQUIRE(b.nominees.size() == a.nominees.size());
    for (std::size_t i = 0; i < a.nominees.size(); ++i) {
        CHECK(b.nominees[i].name == a.nominees[i].name);
        CHECK(b.nominees[i].nominations.size() == a.nominees[i].nominations.size());
        CHECK(b.nominees[i].history.awards.size() == a.nominees[i].history.awards.size());
        CHECK(b.nominees[i].history.initiatives.size() == a.nominees[i].history.initiatives.size());
    }
    // Writing what was read back gives the same bytes.
    CHECK(writeDossier20(b) == written);
}

TEST_CASE("a 1.0 dossier written as 2.0 validates and keeps its text as typed", "[dossier20]") {
    core::Diagnostics diags;
    auto old = validator().read(dataPath("valid.xml"), "valid.xml", diags);
    REQUIRE(old.ok());
    const std::string written = writeDossier20(old.value());
    CHECK(written.find("urn:tdkt:dossier:2.0") != std::string::npos);
    CHECK(written.find("<fullName>Trần  Văn Minh </fullName>") != std::string::npos);
    CHECK(written.find("award=\"giay-khen\"") != std::string::npos);
    core::Diagnostics again;
    auto upgraded = validator().read(std::string_view(written), "valid-2.0.xml", again);
    INFO(written << dump(again));
    REQUIRE(upgraded.ok());
    CHECK(upgraded->proposals.size() == old->proposals.size());
    CHECK(upgraded->firstDocument(model::DocumentKind::Submission)->number == "15/TTr-THCSTN");
}
