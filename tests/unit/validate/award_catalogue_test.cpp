// The award catalogue: the shipped config/award-catalogue.xml (kinds, dated authority, aliases,
// rules in force) and every way a catalogue file is refused.
#include "pipeline/core/exit_code.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "pipeline/validate/codes.hpp"
#include "validate_test_support.hpp"

#include <fstream>

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;
using model::Date;

namespace {

const AwardCatalogue& shipped() {
    return validator().catalogue();
}

// The shipped file with one edit, loaded from a temporary folder.
core::Result<AwardCatalogue> loadEdited(const std::string& from, const std::string& to) {
    auto bytes = core::readFile(testEnvironment().configDir() / "award-catalogue.xml");
    REQUIRE(bytes.ok());
    const std::string text = edit(bytes.value(), from, to);
    const fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-cat-%%%%%%%%");
    fs::create_directories(dir);
    REQUIRE(core::writeFileAtomic(dir / "award-catalogue.xml", text).ok());
    auto r = AwardCatalogue::load(dir / "award-catalogue.xml", testEnvironment().schemasDir());
    fs::remove_all(dir);
    return r;
}

} // namespace

TEST_CASE("the shipped catalogue holds every kind a round needs", "[catalogue]") {
    for (const char* id :
         {"bang-khen-tinh", "giay-khen", "lao-dong-tien-tien", "chien-si-thi-dua-co-so",
          "chien-si-thi-dua-tinh", "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac",
          "co-thi-dua-tinh", "gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa"}) {
        INFO(id);
        auto k = shipped().at(id, Date{2026, 1, 15});
        REQUIRE(k);
        CHECK_FALSE(k->subjectPattern.empty());
        CHECK(k->rank > 0);
        CHECK(k->hasArtefactFile() == (std::string(id) != "lao-dong-tien-tien"));
    }
    auto ldtt = shipped().at("lao-dong-tien-tien", Date{2026, 1, 15});
    CHECK(ldtt->awardClass == model::AwardClass::Title);
    CHECK(ldtt->artefact == model::ArtefactKind::None);
    CHECK(ldtt->moneyForm == "lao-dong-tien-tien");
    CHECK(ldtt->accepts(model::NomineeKind::Individual));
    CHECK_FALSE(ldtt->accepts(model::NomineeKind::Household));
    auto gdvh = shipped().at("gia-dinh-van-hoa", Date{2026, 1, 15});
    CHECK_FALSE(gdvh->hasMoney());
    CHECK(gdvh->recipients == std::vector<model::NomineeKind>{model::NomineeKind::Household});
    auto flag = shipped().at("co-thi-dua-tinh", Date{2026, 1, 15});
    CHECK(flag->artefact == model::ArtefactKind::Flag);
    CHECK_FALSE(flag->inscriptionPattern.empty());
    CHECK(flag->statisticsForm == "0603");
    // Before Law 06/2022 there is no rule at all.
    CHECK_FALSE(shipped().at("giay-khen", Date{2023, 12, 31}));
    CHECK_FALSE(shipped().at("khong-co", Date{2026, 1, 1}));
}

TEST_CASE("ranks order the kinds high to low, state awards first", "[catalogue]") {
    auto rank = [](const char* id) { return shipped().at(id, Date{2026, 1, 15})->rank; };
    CHECK(rank("bang-khen-thu-tuong") < rank("co-thi-dua-tinh"));
    CHECK(rank("co-thi-dua-tinh") < rank("chien-si-thi-dua-tinh"));
    CHECK(rank("chien-si-thi-dua-tinh") < rank("bang-khen-tinh"));
    CHECK(rank("bang-khen-tinh") < rank("chien-si-thi-dua-co-so"));
    CHECK(rank("chien-si-thi-dua-co-so") < rank("giay-khen"));
    CHECK(rank("giay-khen") < rank("lao-dong-tien-tien"));
    CHECK(rank("lao-dong-tien-tien") < rank("gia-dinh-van-hoa"));
}

TEST_CASE("authority by level and date: no district after 30/06/2025, communes gain titles",
          "[catalogue]") {
    const Date before{2025, 6, 30};
    const Date after{2025, 7, 1};
    CHECK(shipped().authority("giay-khen", "district", before));
    CHECK_FALSE(shipped().authority("giay-khen", "district", after));
    CHECK_FALSE(shipped().authority("chien-si-thi-dua-co-so", "commune", before));
    CHECK(shipped().authority("chien-si-thi-dua-co-so", "commune", after));
    CHECK_FALSE(shipped().authority("tap-the-lao-dong-tien-tien", "commune", before));
    CHECK(shipped().authority("tap-the-lao-dong-tien-tien", "commune", after));
    CHECK(shipped().authority("lao-dong-tien-tien", "commune", before));
    CHECK(shipped().authority("gia-dinh-van-hoa", "commune", before));
    CHECK(shipped().authority("bang-khen-tinh", "province", after));
    CHECK_FALSE(shipped().authority("bang-khen-tinh", "commune", after));
    CHECK_FALSE(shipped().authority("giay-khen", "province", after));
    CHECK_FALSE(shipped().authority("bang-khen-thu-tuong", "province", after));
    const auto ward = shipped().grantable("commune", after);
    REQUIRE(ward.size() == 6);
    CHECK(ward.front()->id == "chien-si-thi-dua-co-so"); // highest rank first
    CHECK(kindNames(ward).find("Gia đình văn hóa") != std::string::npos);
}

TEST_CASE("kinds are found however units write them", "[catalogue]") {
    auto id = [](const char* text) {
        const CatalogueEntry* e = shipped().lookup(text);
        return e ? e->id : std::string("<none>");
    };
    CHECK(id("LĐTT") == "lao-dong-tien-tien");
    CHECK(id("ldtt") == "lao-dong-tien-tien");
    CHECK(id("Lao động tiên tiến") == "lao-dong-tien-tien");
    CHECK(id("LAO ĐỘNG TIÊN TIẾN") == "lao-dong-tien-tien");
    CHECK(id("lao-dong-tien-tien") == "lao-dong-tien-tien");
    CHECK(id("CSTĐCS") == "chien-si-thi-dua-co-so");
    CHECK(id("CSTĐ TP") == "chien-si-thi-dua-tinh");
    CHECK(id("Chiến sĩ thi đua Thành phố") == "chien-si-thi-dua-tinh");
    CHECK(id("TTLĐTT") == "tap-the-lao-dong-tien-tien");
    CHECK(id("TTLĐXS") == "tap-the-lao-dong-xuat-sac");
    CHECK(id("BK") == "bang-khen-tinh");
    CHECK(id("Bằng khen của Chủ tịch UBND Thành phố") == "bang-khen-tinh");
    CHECK(id("GK") == "giay-khen");
    CHECK(id("GĐVH") == "gia-dinh-van-hoa");
    CHECK(id("Gia đình văn hoá") == "gia-dinh-van-hoa");
    CHECK(id("BangKhen") == "bang-khen-tinh");
    CHECK(id("huân chương vàng") == "<none>");
    CHECK(id("") == "<none>");
}

TEST_CASE("a catalogue that contradicts itself is refused with exit code 78",
          "[catalogue][errors]") {
    SECTION("two rules of one kind on one day") {
        auto r = loadEdited("<rule from=\"2024-01-01\" basis=\"Luật Thi đua, khen thưởng 2022, "
                            "Điều 74\">",
                            "<rule from=\"2024-01-01\" basis=\"x\"><recipients>individual"
                            "</recipients><rank>1</rank><achievement>optional</achievement>"
                            "<artefact kind=\"none\"/><money none=\"true\" basis=\"x\"/></rule>"
                            "<rule from=\"2025-01-01\" basis=\"Luật Thi đua, khen thưởng 2022, "
                            "Điều 74\">");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(core::exitCodeFor(r.error().kind) == 78);
        bool overlap = false;
        for (const auto& d : r.error().details) {
            overlap = overlap || d.code == codes::kCatalogueRulesOverlap;
        }
        CHECK(overlap);
    }
    SECTION("one alias for two kinds") {
        auto r = loadEdited("<alias>GĐVH</alias>", "<alias>GĐVH</alias><alias>LĐTT</alias>");
        REQUIRE_FALSE(r.ok());
        REQUIRE_FALSE(r.error().details.empty());
        CHECK(r.error().details.front().code == codes::kCatalogueAliasShared);
        CHECK_THAT(r.error().details.front().message, Catch::Contains("lao-dong-tien-tien"));
    }
    SECTION("a grantable kind without a template for its artefact") {
        auto r = loadEdited("template=\"certificate-chung-nhan\"/>\n      <money none=\"true\"",
                            "/>\n      <money none=\"true\"");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().details.front().code == codes::kCatalogueNotIssuable);
    }
    SECTION("money both none and a form") {
        auto r = loadEdited("<money none=\"true\" basis=\"NĐ 86/2023/NĐ-CP\" verified=\"false\"/>",
                            "<money none=\"true\" form=\"x\" basis=\"NĐ 86/2023/NĐ-CP\"/>");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().details.front().code == codes::kCatalogueBadRule);
    }
    SECTION("a schema violation names its line") {
        auto r = loadEdited("<rank>43</rank>", "<rank>zero</rank>");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == codes::kCatalogueInvalid);
        REQUIRE_FALSE(r.error().details.empty());
        CHECK(r.error().details.front().where.line > 0);
    }
}
