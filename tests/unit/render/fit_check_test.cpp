// FitChecker: what drawing would reject, found without drawing, and the one achievement limit
// (the certificate boxes' capacity) the dossier schemas state.
#include "pipeline/render/renderer.hpp"
#include "tests/unit/render/render_test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>

using namespace tdkt;
using rendertest::certificateContext;
using rendertest::CertificateFields;
using rendertest::testEnv;

namespace {

render::DocumentRenderer load(const std::string& name) {
    auto r = render::DocumentRenderer::load(testEnv(), name);
    REQUIRE(r);
    return std::move(r).value();
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p.string(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The maxLength of the dossier schema's Achievement type.
int schemaAchievementLimit(const std::string& schema) {
    const std::string xsd = readAll(fs::path(TDKT_SOURCE_DIR) / "schemas" / schema);
    std::smatch m;
    static const std::regex re(
        "<xs:simpleType name=\"Achievement\">[\\s\\S]*?<xs:maxLength value=\"([0-9]+)\"/>");
    REQUIRE(std::regex_search(xsd, m, re));
    return std::stoi(m[1]);
}

std::string repeat(const std::string& s, std::size_t chars) {
    std::string out;
    while (out.size() < chars) {
        out += s;
    }
    return out;
}

} // namespace

TEST_CASE("fit check: a certificate that draws has no problems, an overflowing one has each") {
    auto renderer = load("certificate-bang-khen");
    render::FitChecker checker(renderer);
    auto fine = checker.check(certificateContext({}));
    REQUIRE(fine);
    CHECK(fine->empty());

    CertificateFields f;
    f.achievement = repeat("Hoàn thành xuất sắc nhiệm vụ năm học, bồi dưỡng học sinh giỏi; ", 900);
    f.name = "Nguyễn Thị Đào 😀";
    auto bad = checker.check(certificateContext(f));
    REQUIRE(bad);
    REQUIRE(bad->size() == 2);
    const auto& name = (*bad)[0].code == "R004" ? (*bad)[0] : (*bad)[1];
    const auto& achievement = (*bad)[0].code == "R001" ? (*bad)[0] : (*bad)[1];
    CHECK(name.code == "R004");
    CHECK(name.character == U'\U0001F600');
    CHECK(std::find(name.variables.begin(), name.variables.end(), "recipient.name") !=
          name.variables.end());
    CHECK(achievement.code == "R001");
    CHECK(achievement.maxLines == 4);
    CHECK(achievement.lines > 4);
    CHECK(achievement.capacityChars > 200);
    CHECK(achievement.variables == std::vector<std::string>{"recipient.achievement"});

    // Drawing agrees: the same context is refused with the first of them.
    auto drawn = renderer.renderToBytes(certificateContext(f));
    REQUIRE_FALSE(drawn);
    CHECK((drawn.error().code == "R001" || drawn.error().code == "R004"));
}

TEST_CASE("fit check: the capacity is what drawing holds, to within a word") {
    auto renderer = load("certificate-bang-khen");
    render::FitChecker checker(renderer);
    const int capacity = checker.capacityOf("recipient.achievement");
    REQUIRE(capacity > 0);
    // Ordinary prose of the capacity draws; a fifth more does not.
    const std::string prose = repeat(
        "Đã có thành tích xuất sắc trong công tác chuyên môn, nghiệp vụ và phong trào thi đua "
        "yêu nước, góp phần tích cực vào sự nghiệp giáo dục và đào tạo của Thủ đô. ",
        2000);
    auto cut = [&](int chars) {
        std::string out;
        int n = 0;
        for (std::size_t i = 0; i < prose.size() && n <= chars; ++i) {
            if ((static_cast<unsigned char>(prose[i]) & 0xC0) != 0x80 && ++n > chars) {
                break;
            }
            out += prose[i];
        }
        return out;
    };
    CertificateFields f;
    f.achievement = cut(capacity - 10);
    CHECK(checker.check(certificateContext(f))->empty());
    f.achievement = cut(capacity * 6 / 5);
    CHECK_FALSE(checker.check(certificateContext(f))->empty());
    CHECK(checker.undrawable("Nguyễn Thị Đào") == 0);
    CHECK(checker.undrawable("Nguyễn ☎ Đào") == U'☎');
    CHECK(checker.capacityOf("no.such.field") == 0);
}

TEST_CASE("one achievement limit: the dossier schemas' maxLength is the largest certificate box") {
    int largest = 0;
    std::string where;
    std::string capacities;
    for (const auto& entry : fs::directory_iterator(fs::path(TDKT_SOURCE_DIR) / "templates")) {
        const std::string name = entry.path().filename().string();
        if (!fs::exists(entry.path() / "template.xml") || name == "decision") {
            continue;
        }
        auto renderer = render::DocumentRenderer::load(testEnv(), name);
        if (!renderer) {
            continue; // not a document template (e.g. the alignment sheet's assets)
        }
        render::FitChecker checker(renderer.value());
        const int capacity = checker.capacityOf("recipient.achievement");
        capacities += name + ": " + std::to_string(capacity) + "; ";
        if (capacity > largest) {
            largest = capacity;
            where = name;
        }
    }
    INFO("achievement boxes: " << capacities << "largest: " << where);
    REQUIRE(largest > 0);
    CHECK(schemaAchievementLimit("dossier-2.0.xsd") == largest);
    CHECK(schemaAchievementLimit("dossier-1.0.xsd") == largest);
}
