// The issuer configuration: the shipped config/issuers.xml, lookups by date, and every way a
// configuration file can be refused.
#include "pipeline/core/exit_code.hpp"
#include "pipeline/validate/codes.hpp"
#include "pipeline/validate/issuer_registry.hpp"
#include "validate_test_support.hpp"

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;
using model::Date;

namespace {

const IssuerRegistry& shipped() {
    static const IssuerRegistry registry = [] {
        auto r = IssuerRegistry::load(testEnvironment());
        if (!r) {
            FAIL(core::format(r.error()));
        }
        return std::move(r).value();
    }();
    return registry;
}

core::Result<IssuerRegistry> loadTestFile(const std::string& name) {
    return IssuerRegistry::load(dataPath(name), testEnvironment().schemasDir());
}

} // namespace

TEST_CASE("the shipped configuration loads with every field", "[issuers]") {
    const IssuerRegistry& r = shipped();
    const model::Issuer* city = r.find("ubnd-tp-hanoi", Date{2026, 1, 15});
    REQUIRE(city);
    CHECK(city->id == "ubnd-tp-hanoi");
    CHECK(city->code == "UBND-TP-HANOI");
    CHECK(city->parentBody.empty());
    CHECK(city->name == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI");
    CHECK(city->notation == "UBND");
    CHECK(city->place == "Hà Nội");
    CHECK(city->authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    CHECK(city->level == "province");
    CHECK(city->validFrom == Date{2025, 7, 1});
    CHECK_FALSE(city->validTo.has_value());
    CHECK(city->signer.capacity == "TM.");
    CHECK(city->signer.capacityBody == "ỦY BAN NHÂN DÂN");
    CHECK(city->signer.title == "CHỦ TỊCH");
    CHECK_FALSE(city->signer.name.empty());
    REQUIRE(city->legalBases.size() >= 3);
    CHECK_THAT(city->legalBases[0],
               Catch::StartsWith("Căn cứ Luật Tổ chức chính quyền địa phương"));
    CHECK_THAT(city->legalBases[1], Catch::Contains("06/2022/QH15"));
    CHECK_THAT(city->legalBases[2], Catch::Contains("152/2025/NĐ-CP"));
    for (const auto& basis : city->legalBases) {
        CHECK(basis.back() != ';');
        CHECK(basis.back() != '.');
    }
    REQUIRE_FALSE(city->recipients.empty());
    CHECK(city->recipients[0] == "Như Điều 3");
    CHECK(city->archiveNote == "VT, TĐKT");

    const model::Issuer* health = r.find("so-yte-hanoi", Date{2026, 1, 12});
    REQUIRE(health);
    CHECK(health->parentBody == "UBND THÀNH PHỐ HÀ NỘI");
    CHECK(health->name == "SỞ Y TẾ");
    CHECK(health->notation == "SYT");
    CHECK(health->signer.capacity.empty());
    CHECK(health->signer.title == "GIÁM ĐỐC");

    const model::Issuer* ward = r.find("ubnd-p-caugiay", Date{2026, 1, 12});
    REQUIRE(ward);
    CHECK(ward->signer.capacity == "KT.");
    CHECK(ward->signer.capacityBody == "CHỦ TỊCH");
    CHECK(ward->signer.title == "PHÓ CHỦ TỊCH");
    CHECK(ward->level == "commune");

    REQUIRE(r.find("ubnd-p-badinh", Date{2026, 6, 5}));
    CHECK(r.source() == testEnvironment().configDir() / "issuers.xml");
}

TEST_CASE("lookups respect validFrom and validTo", "[issuers]") {
    const IssuerRegistry& r = shipped();
    SECTION("the city has two periods with different legal bases") {
        const model::Issuer* before = r.find("ubnd-tp-hanoi", Date{2025, 3, 1});
        const model::Issuer* after = r.find("ubnd-tp-hanoi", Date{2025, 7, 1});
        REQUIRE(before);
        REQUIRE(after);
        CHECK(before != after);
        CHECK_THAT(before->legalBases[2], Catch::Contains("98/2023/NĐ-CP"));
        CHECK_THAT(after->legalBases[2], Catch::Contains("152/2025/NĐ-CP"));
        CHECK(r.find("ubnd-tp-hanoi", Date{2025, 6, 30}) == before);
        CHECK(r.find("ubnd-tp-hanoi", Date{2023, 12, 31}) == nullptr);
        CHECK(r.periods("ubnd-tp-hanoi").size() == 2);
        CHECK(r.periods("ubnd-tp-hanoi")[0]->issuer.validFrom == Date{2024, 1, 1});
    }
    SECTION("a district body ends on 2025-07-01 (exclusive)") {
        REQUIRE(r.find("ubnd-q-badinh", Date{2025, 6, 30}));
        CHECK(r.find("ubnd-q-badinh", Date{2025, 7, 1}) == nullptr);
        CHECK(r.find("ubnd-q-badinh", Date{2026, 1, 1}) == nullptr);
        CHECK(r.contains("ubnd-q-badinh"));
        const model::Issuer* district = r.find("ubnd-q-badinh", Date{2025, 1, 2});
        REQUIRE(district);
        CHECK(district->level == "district");
        REQUIRE(r.entry(*district));
        CHECK_THAT(r.entry(*district)->note, Catch::Contains("01/07/2025"));
    }
    SECTION("new wards exist only from 2025-07-01") {
        CHECK(r.find("ubnd-p-badinh", Date{2025, 6, 30}) == nullptr);
        CHECK(r.find("ubnd-p-badinh", Date{2025, 7, 1}));
    }
    SECTION("unknown ids") {
        CHECK(r.find("khong-co", Date{2026, 1, 1}) == nullptr);
        CHECK_FALSE(r.contains("khong-co"));
        CHECK(r.periods("khong-co").empty());
    }
}

TEST_CASE("issuers name catalogue kinds their own way and choose how to group decisions",
          "[issuers]") {
    const IssuerRegistry& r = shipped();
    const model::Issuer* city = r.find("ubnd-tp-hanoi", Date{2026, 3, 1});
    REQUIRE(city);
    REQUIRE(city->awardName("chien-si-thi-dua-tinh"));
    CHECK(*city->awardName("chien-si-thi-dua-tinh") == "Chiến sĩ thi đua Thành phố");
    CHECK(city->awardName("giay-khen") == nullptr);
    CHECK(city->decisionGrouping == model::DecisionGrouping::PerKind);
    const model::Issuer* ward = r.find("ubnd-p-caugiay", Date{2026, 3, 1});
    REQUIRE(ward);
    REQUIRE(ward->awardName("thon-to-dan-pho-van-hoa"));
    CHECK(*ward->awardName("thon-to-dan-pho-van-hoa") == "Tổ dân phố văn hóa");
}

TEST_CASE("a configuration of issuers 1.0 is refused with what to change", "[issuers][errors]") {
    auto bytes = core::readFile(testEnvironment().configDir() / "issuers.xml");
    REQUIRE(bytes.ok());
    std::string text = bytes.value();
    text = edit(text, "urn:tdkt:issuers:2.0\" schemaVersion=\"2.0\"",
                "urn:tdkt:issuers:1.0\" schemaVersion=\"1.0\"");
    const fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-val-%%%%%%%%");
    fs::create_directories(dir);
    REQUIRE(core::writeFileAtomic(dir / "issuers.xml", text).ok());
    auto r = IssuerRegistry::load(dir / "issuers.xml", testEnvironment().schemasDir());
    fs::remove_all(dir);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ErrorKind::Config);
    CHECK(r.error().code == codes::kIssuersOldVersion);
    REQUIRE(r.error().details.size() == 1);
    CHECK_THAT(r.error().details[0].message, Catch::Contains("award-catalogue.xml"));
}

TEST_CASE("pointers from find stay valid in copies of the registry", "[issuers]") {
    const model::Issuer* city = nullptr;
    IssuerRegistry copy = shipped();
    {
        IssuerRegistry inner = copy;
        city = inner.find("ubnd-tp-hanoi", Date{2026, 1, 1});
    }
    REQUIRE(city);
    CHECK(city->code == "UBND-TP-HANOI");
    CHECK(copy.find("ubnd-tp-hanoi", Date{2026, 1, 1}) == city);
}

TEST_CASE("configuration errors are refused with exit code 78", "[issuers][errors]") {
    SECTION("missing file") {
        auto r = loadTestFile("no-such-issuers.xml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(core::exitCodeFor(r.error().kind) == 78);
        CHECK(r.error().code == codes::kIssuersUnreadable);
    }
    SECTION("missing schema") {
        auto r = IssuerRegistry::load(testEnvironment().configDir() / "issuers.xml",
                                      dataPath("no-schemas-here"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(r.error().code == "X020");
    }
    SECTION("schema violations, each with its line") {
        auto r = loadTestFile("issuers-schema-errors.xml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(r.error().code == codes::kIssuersInvalid);
        const auto& details = r.error().details;
        REQUIRE(details.size() == 2);
        CHECK(details[0].code == "X010");
        CHECK(details[0].where.line == 4);
        CHECK(details[0].field == "issuer/@level");
        CHECK(details[1].where.line == 17);
        CHECK_THAT(details[1].field, Catch::Contains("grants"));
    }
    SECTION("overlapping periods of one body") {
        auto r = loadTestFile("issuers-overlap.xml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        const auto& details = r.error().details;
        REQUIRE(details.size() == 1);
        CHECK(details[0].code == codes::kIssuerPeriodsOverlap);
        CHECK(details[0].where.line == 26);
        CHECK_THAT(details[0].message, Catch::Contains("dòng 4"));
    }
    SECTION("bad period and shared register code: all reported") {
        auto r = loadTestFile("issuers-inconsistent.xml");
        REQUIRE_FALSE(r.ok());
        const auto& details = r.error().details;
        REQUIRE(details.size() == 2);
        auto line = [&](const char* code) {
            for (const auto& d : details) {
                if (d.code == code) {
                    return d.where.line;
                }
            }
            return -1;
        };
        CHECK(line(codes::kIssuerBadPeriod) == 4);
        CHECK(line(codes::kIssuerCodeShared) == 50);
    }
    SECTION("a DOCTYPE in the configuration is refused like in a dossier") {
        auto bytes = core::readFile(testEnvironment().configDir() / "issuers.xml");
        REQUIRE(bytes.ok());
        std::string text = bytes.value();
        const auto at = text.find("<issuers ");
        text.insert(at, "<!DOCTYPE issuers [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n");
        const fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-val-%%%%%%%%");
        fs::create_directories(dir);
        REQUIRE(core::writeFileAtomic(dir / "issuers.xml", text).ok());
        auto r = IssuerRegistry::load(dir / "issuers.xml", testEnvironment().schemasDir());
        fs::remove_all(dir);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        REQUIRE(r.error().details.size() == 1);
        CHECK(r.error().details[0].code == "X004");
    }
}

TEST_CASE("the validator refuses to start without a usable configuration", "[issuers][errors]") {
    core::Environment env = testEnvironment();
    env.dataDir = dataPath("no-data-dir-here");
    auto v = DossierValidator::load(env);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().kind == core::ErrorKind::Config);
}
