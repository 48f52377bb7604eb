// The shipped examples/ are the product's demo input and the end-to-end tests' data: they must
// validate clean, keep the properties the brief promises, and match their quirk list.
#include "pipeline/text/name_key.hpp"
#include "validate_test_support.hpp"

#include <fstream>
#include <map>
#include <sstream>

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;
using text::nameKey;
using text::visibleLength;

namespace {

const char* const kExamples[] = {"truong-thcs-nguyen-trai.xml", "phuong-cau-giay.xml",
                                 "so-y-te.xml"};

fs::path examplesDir() {
    return fs::path(TDKT_SOURCE_DIR) / "examples";
}

model::Dossier readExample(const std::string& name) {
    core::Diagnostics diags;
    auto result = validator().read(examplesDir() / name, "examples/" + name, diags);
    INFO(dump(diags));
    REQUIRE(result.ok());
    // Clean means clean: not even a warning.
    CHECK(diags.empty());
    return std::move(result).value();
}

const model::Nominee* nominee(const model::Dossier& d, const std::string& id) {
    for (const auto& n : d.nominees) {
        if (n.id == id) {
            return &n;
        }
    }
    return nullptr;
}

// Appends the UTF-8 form of a code point.
void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// A README cell such as `"Le\u0302 Thi\u0323"` → its text.
std::string decodeCell(std::string cell) {
    const auto open = cell.find("`\"");
    const auto close = cell.rfind("\"`");
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);
    cell = cell.substr(open + 2, close - open - 2);
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == 'u') {
            appendUtf8(out, static_cast<unsigned>(std::stoul(cell.substr(i + 2, 4), nullptr, 16)));
            i += 5;
        } else if (cell[i] == '\\' && i + 1 < cell.size()) {
            out += cell[++i];
        } else {
            out += cell[i];
        }
    }
    return out;
}

struct Quirk {
    std::string file, id, field, what, raw, clean;
};

std::vector<Quirk> quirksFromReadme() {
    std::ifstream in((examplesDir() / "README.md").string());
    REQUIRE(in);
    std::vector<Quirk> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0) {
            continue;
        }
        // Split on '|'; the text cells are code spans that hold no '|'.
        std::vector<std::string> cells;
        std::stringstream row(line.substr(1));
        std::string cell;
        while (std::getline(row, cell, '|')) {
            const auto b = cell.find_first_not_of(' ');
            const auto e = cell.find_last_not_of(' ');
            cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
        }
        if (cells.size() != 6 || cells[0].size() < 4 ||
            cells[0].compare(cells[0].size() - 4, 4, ".xml") != 0 ||
            cells[4].find("`\"") == std::string::npos) {
            continue;
        }
        out.push_back(
            {cells[0], cells[1], cells[2], cells[3], decodeCell(cells[4]), decodeCell(cells[5])});
    }
    return out;
}

std::string fieldOf(const model::Nominee& n, const std::string& field) {
    if (field == "fullName" || field == "name") {
        return n.name;
    }
    if (field == "position") {
        return n.position;
    }
    if (field == "workplace") {
        return n.workplace;
    }
    if (field == "parentUnit") {
        return n.parentUnit;
    }
    if (field == "achievement") {
        return n.achievement;
    }
    FAIL("unknown field in the quirk list: " << field);
    return {};
}

} // namespace

TEST_CASE("examples: every dossier validates clean", "[examples]") {
    std::size_t total = 0;
    for (const char* name : kExamples) {
        INFO(name);
        const model::Dossier d = readExample(name);
        total += d.nominees.size();
        std::size_t individuals = 0;
        std::size_t collectives = 0;
        for (const auto& n : d.nominees) {
            (n.kind == model::NomineeKind::Individual ? individuals : collectives) += 1;
            CHECK(visibleLength(n.achievement) <= 200);
        }
        CHECK(individuals >= 10);
        CHECK(collectives >= 2);
        for (const auto& a : d.awards) {
            INFO(a.id);
            REQUIRE(a.decisionDate.valid());
            CHECK(a.decisionDate.year == 2026);
            const model::Issuer* is = validator().issuers().find(a.issuerId, a.decisionDate);
            REQUIRE(is);
            CHECK(is->level != "district");
            CHECK(validator().issuers().grants(*is, a.form, a.decisionDate));
        }
    }
    CHECK(total >= 60);
}

TEST_CASE("examples: the school proposes Giấy khen of phường Ba Đình, incl. Nguyễn Thị Đào",
          "[examples]") {
    const model::Dossier d = readExample("truong-thcs-nguyen-trai.xml");
    REQUIRE(d.awards.size() == 1);
    CHECK(d.awards[0].form == model::AwardFormKind::GiayKhen);
    CHECK(d.awards[0].issuerId == "ubnd-p-badinh");
    CHECK(d.proposingUnit.name == "Trường THCS Nguyễn Trãi");
    const model::Nominee* dao = nominee(d, "gv03");
    REQUIRE(dao);
    // Stored in NFC exactly, because the end-to-end search for "nguyen thi dao" relies on it.
    CHECK(dao->name == "Nguyễn Thị Đào");
}

TEST_CASE("examples: the ward proposes the city's Bằng khen", "[examples]") {
    const model::Dossier d = readExample("phuong-cau-giay.xml");
    REQUIRE(d.awards.size() == 1);
    CHECK(d.awards[0].form == model::AwardFormKind::BangKhen);
    CHECK(d.awards[0].issuerId == "ubnd-tp-hanoi");
    CHECK_THAT(d.round.movement, Catch::Contains("Toàn dân đoàn kết xây dựng đời sống văn hóa"));
}

TEST_CASE("examples: the health department asks for two forms in one dossier", "[examples]") {
    const model::Dossier d = readExample("so-y-te.xml");
    REQUIRE(d.awards.size() == 2);
    std::map<std::string, const model::AwardRequest*> byId;
    for (const auto& a : d.awards) {
        byId[a.id] = &a;
    }
    REQUIRE(byId.count("bk"));
    REQUIRE(byId.count("gk"));
    CHECK(byId["bk"]->form == model::AwardFormKind::BangKhen);
    CHECK(byId["bk"]->issuerId == "ubnd-tp-hanoi");
    CHECK(byId["gk"]->form == model::AwardFormKind::GiayKhen);
    CHECK(byId["gk"]->issuerId == "so-yte-hanoi");
    std::map<std::string, int> perAward;
    for (const auto& n : d.nominees) {
        ++perAward[n.awardId];
    }
    CHECK(perAward["bk"] >= 5);
    CHECK(perAward["gk"] >= 5);
}

TEST_CASE("examples: the quirk list of examples/README.md matches the files", "[examples]") {
    const auto quirks = quirksFromReadme();
    REQUIRE(quirks.size() >= 10);
    std::map<std::string, model::Dossier> dossiers;
    bool nfd = false, zeroWidth = false, noBreak = false, doubleSpace = false, leading = false,
         trailing = false, tonePlacement = false;
    for (const auto& q : quirks) {
        INFO(q.file << " " << q.id << " " << q.field << ": " << q.what);
        if (!dossiers.count(q.file)) {
            dossiers.emplace(q.file, readExample(q.file));
        }
        const model::Nominee* n = nominee(dossiers.at(q.file), q.id);
        REQUIRE(n);
        CHECK(fieldOf(*n, q.field) == q.raw);
        CHECK(q.raw != q.clean);
        // The validator's own comparison key already sees through every quirk.
        CHECK(nameKey(q.raw) == nameKey(q.clean));

        nfd |= q.raw.find("\xCC") != std::string::npos || q.raw.find("\xCD") != std::string::npos;
        zeroWidth |= q.raw.find("\xE2\x80\x8B") != std::string::npos;
        noBreak |= q.raw.find("\xC2\xA0") != std::string::npos;
        doubleSpace |= q.raw.find("  ") != std::string::npos;
        leading |= q.raw.front() == ' ';
        trailing |= q.raw.back() == ' ';
        tonePlacement |=
            q.raw.find("Hoà") != std::string::npos || q.raw.find("Thuỷ") != std::string::npos;
    }
    CHECK(nfd);
    CHECK(zeroWidth);
    CHECK(noBreak);
    CHECK(doubleSpace);
    CHECK(leading);
    CHECK(trailing);
    CHECK(tonePlacement);
}
