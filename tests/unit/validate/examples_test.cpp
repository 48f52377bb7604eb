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
                                 "so-y-te.xml", "phuong-cau-giay-tong-ket-2025.xml",
                                 "so-giao-duc-tong-ket-2025.xml"};

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
        return n.nominations.front().achievement;
    }
    FAIL("unknown field in the quirk list: " << field);
    return {};
}

} // namespace

TEST_CASE("examples: every dossier validates clean", "[examples]") {
    std::size_t total = 0;
    std::map<model::NomineeKind, std::size_t> byKind;
    for (const char* name : kExamples) {
        INFO(name);
        const model::Dossier d = readExample(name);
        total += d.nominees.size();
        for (const auto& n : d.nominees) {
            ++byKind[n.kind];
            for (const auto& nom : n.nominations) {
                CHECK(visibleLength(nom.achievement) <= 404);
            }
        }
        CHECK(d.nominees.size() >= 10);
        for (const auto& p : d.proposals) {
            INFO(p.id);
            REQUIRE(p.decisionDate.valid());
            CHECK(p.decisionDate.year == 2026);
            const model::Issuer* is = validator().issuers().find(p.issuerId, p.decisionDate);
            REQUIRE(is);
            CHECK(is->level != "district");
            CHECK(validator().catalogue().authority(p.kindId, is->level, p.decisionDate));
        }
    }
    CHECK(total >= 120);
    CHECK(byKind[model::NomineeKind::Household] >= 8);
    CHECK(byKind[model::NomineeKind::Collective] >= 15);
}

TEST_CASE("examples: the ward's year-end round asks for every grassroots kind", "[examples]") {
    const model::Dossier d = readExample("phuong-cau-giay-tong-ket-2025.xml");
    CHECK(d.schemaVersion == "2.0");
    std::map<std::string, int> perKind;
    for (const auto& p : d.proposals) {
        for (const auto& n : d.nominees) {
            for (const auto& nom : n.nominations) {
                perKind[p.kindId] += nom.proposalId == p.id ? 1 : 0;
            }
        }
    }
    for (const char* kind :
         {"lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien",
          "gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa", "giay-khen", "bang-khen-tinh"}) {
        INFO(kind);
        CHECK(perKind[kind] >= 1);
    }
    // The CSTĐ cơ sở nominees are also nominated for Lao động tiên tiến, with their history.
    int both = 0;
    for (const auto& n : d.nominees) {
        if (n.nominations.size() == 2) {
            ++both;
            CHECK_FALSE(n.history.ratings.empty());
            CHECK_FALSE(n.history.initiatives.empty());
        }
    }
    CHECK(both >= 4);
    // The tờ trình carries its PDF, checked against its SHA-256.
    const model::DossierDocument* tt = d.firstDocument(model::DocumentKind::Submission);
    REQUIRE(tt);
    CHECK(tt->file == "documents/to-trinh-12-ttr-ubnd.pdf");
    CHECK(tt->fileSha256.size() == 64);
}

TEST_CASE("examples: the city round holds CSTĐ Thành phố, Tập thể LĐXS, Cờ thi đua and Bằng khen",
          "[examples]") {
    const model::Dossier d = readExample("so-giao-duc-tong-ket-2025.xml");
    std::map<std::string, const model::Proposal*> byKind;
    for (const auto& p : d.proposals) {
        byKind[p.kindId] = &p;
        CHECK(p.issuerId == "ubnd-tp-hanoi");
    }
    for (const char* kind : {"chien-si-thi-dua-tinh", "tap-the-lao-dong-xuat-sac",
                             "co-thi-dua-tinh", "bang-khen-tinh"}) {
        CHECK(byKind.count(kind) == 1);
    }
    bool enterprise = false;
    for (const auto& n : d.nominees) {
        enterprise = enterprise || n.enterprise;
    }
    CHECK(enterprise);
}

TEST_CASE("examples: the school proposes Giấy khen of phường Ba Đình, incl. Nguyễn Thị Đào",
          "[examples]") {
    const model::Dossier d = readExample("truong-thcs-nguyen-trai.xml");
    REQUIRE(d.proposals.size() == 1);
    CHECK(d.proposals[0].kindId == "giay-khen");
    CHECK(d.proposals[0].issuerId == "ubnd-p-badinh");
    CHECK(d.proposingUnit.name == "Trường THCS Nguyễn Trãi");
    const model::Nominee* dao = nominee(d, "gv03");
    REQUIRE(dao);
    // Stored in NFC exactly, because the end-to-end search for "nguyen thi dao" relies on it.
    CHECK(dao->name == "Nguyễn Thị Đào");
}

TEST_CASE("examples: the ward proposes the city's Bằng khen", "[examples]") {
    const model::Dossier d = readExample("phuong-cau-giay.xml");
    REQUIRE(d.proposals.size() == 1);
    CHECK(d.proposals[0].kindId == "bang-khen-tinh");
    CHECK(d.proposals[0].issuerId == "ubnd-tp-hanoi");
    CHECK_THAT(d.round.movement, Catch::Contains("Toàn dân đoàn kết xây dựng đời sống văn hóa"));
}

TEST_CASE("examples: the health department asks for two forms in one dossier", "[examples]") {
    const model::Dossier d = readExample("so-y-te.xml");
    REQUIRE(d.proposals.size() == 2);
    std::map<std::string, const model::Proposal*> byId;
    for (const auto& p : d.proposals) {
        byId[p.id] = &p;
    }
    REQUIRE(byId.count("bk"));
    REQUIRE(byId.count("gk"));
    CHECK(byId["bk"]->kindId == "bang-khen-tinh");
    CHECK(byId["bk"]->issuerId == "ubnd-tp-hanoi");
    CHECK(byId["gk"]->kindId == "giay-khen");
    CHECK(byId["gk"]->issuerId == "so-yte-hanoi");
    std::map<std::string, int> perAward;
    for (const auto& n : d.nominees) {
        ++perAward[n.nominations.front().proposalId];
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
