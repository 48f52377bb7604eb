// The whole product path on the bundled examples: issue → PDFs → archive → search → verify.
#include "e2e_support.hpp"
#include "pipeline/core/xml.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

const std::vector<std::string>& kExamples = e2e::exampleDossiers();

// The quirk table of examples/README.md: the raw text of a field as stored in the file → what
// normalisation must make of it (written by hand in the README, checked against the files by
// test_validate). Cells are `"..."` code spans in which \uXXXX stands for that code point.
std::string decodeQuirkCell(const std::string& cell) {
    const auto open = cell.find("`\"");
    const auto close = cell.rfind("\"`");
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);
    const std::string body = cell.substr(open + 2, close - open - 2);
    icu::UnicodeString out;
    for (std::size_t i = 0; i < body.size();) {
        if (body.compare(i, 2, "\\u") == 0 && i + 6 <= body.size()) {
            out.append(static_cast<UChar32>(std::stoul(body.substr(i + 2, 4), nullptr, 16)));
            i += 6;
        } else {
            std::size_t j = body.find("\\u", i + 1);
            out.append(
                icu::UnicodeString::fromUTF8(body.substr(i, j == std::string::npos ? j : j - i)));
            i = j == std::string::npos ? body.size() : j;
        }
    }
    std::string s;
    return out.toUTF8String(s);
}

const std::map<std::string, std::string>& readmeQuirks() {
    static const std::map<std::string, std::string> quirks = [] {
        std::map<std::string, std::string> m;
        std::ifstream in(e2e::repo("examples/README.md"));
        for (std::string line; std::getline(in, line);) {
            std::vector<std::string> cells;
            std::stringstream row(line);
            for (std::string cell; std::getline(row, cell, '|');) {
                cells.push_back(cell);
            }
            // "| file | id | field | quirk | raw | after |" splits into 7 cells, the first empty.
            if (cells.size() == 7 && cells[5].find("`\"") != std::string::npos) {
                m[decodeQuirkCell(cells[5])] = decodeQuirkCell(cells[6]);
            }
        }
        return m;
    }();
    return quirks;
}

// An independent reference for what a printed name must be (ICU itself, not tdkt's text layer,
// so that the check does not grade tdkt by its own functions). For the quirk rows of
// examples/README.md, the "After normalise" column (which includes tone placement: "Hoà" →
// "Hòa"); for every other name, ICU's NFC with invisible characters dropped and white space
// collapsed (those names already use the classic tone placement).
std::string expectedPrinted(const std::string& raw) {
    const auto quirk = readmeQuirks().find(raw);
    if (quirk != readmeQuirks().end()) {
        return quirk->second;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(raw);
    icu::UnicodeString cleaned;
    for (int32_t i = 0; i < u.length(); ++i) {
        UChar c = u.charAt(i);
        if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD) {
            continue;
        }
        cleaned.append(c == 0xA0 || c == 0x09 ? UChar(0x20) : c);
    }
    std::string s;
    nfc->normalize(cleaned, status).toUTF8String(s);
    s = std::regex_replace(s, std::regex("[ \r\n]+"), " ");
    s = std::regex_replace(s, std::regex("^ | $"), "");
    return s;
}

std::vector<std::string> nomineeNames(const std::string& file) {
    tdkt::core::Diagnostics d;
    auto doc = tdkt::core::parseXmlFile(e2e::repo(file), file, d);
    REQUIRE(doc.ok());
    std::vector<std::string> names;
    std::function<void(xmlNode*)> walk = [&](xmlNode* n) {
        for (xmlNode* c = tdkt::core::xml::firstChild(n); c; c = tdkt::core::xml::nextSibling(c)) {
            std::string name = tdkt::core::xml::name(c);
            std::string parent = tdkt::core::xml::name(n);
            if (name == "fullName" || (name == "name" && parent == "collective")) {
                names.push_back(expectedPrinted(tdkt::core::xml::text(c)));
            }
            walk(c);
        }
    };
    walk(doc->root());
    return names;
}

struct Issued {
    e2e::TempDir tmp;
    std::string archive;
    e2e::Run run;
    Issued() {
        archive = (tmp.path / "kho").string();
        std::vector<std::string> args = {"issue"};
        args.insert(args.end(), kExamples.begin(), kExamples.end());
        args.insert(args.end(), {"--archive", archive});
        run = runTdkt(args);
    }
};

std::string allDecisionText(const std::string& archive) {
    std::string all;
    for (const auto& pdf : e2e::findFiles(archive, "decision.pdf")) {
        for (const auto& block : e2e::pdfBlocks(pdf)) {
            all += block + "\n";
        }
    }
    return all;
}

} // namespace

TEST_CASE("issuing the examples files one bag per award form") {
    Issued issued;
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    // Three dossiers; the department's dossier asks for two forms → four decisions.
    auto bags = e2e::findFiles(issued.archive, "bagit.txt");
    CHECK(bags.size() == 4);
    for (const auto& bagit : bags) {
        fs::path bag = bagit.parent_path();
        std::string rel = fs::relative(bag, issued.archive).generic_string();
        INFO(rel);
        // <year>/<issuer-code>/<decision-number-slug>
        CHECK(std::regex_match(rel, std::regex("2026/[A-Z0-9-]+/[0-9]{2,}-qd-[a-z0-9-]+")));
        for (const char* f : {"bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                              "data/decision.pdf", "data/decision.xml", "data/dossier.xml"}) {
            CHECK(fs::exists(bag / f));
        }
        CHECK(!e2e::findFiles(bag / "data" / "certificates", "0001.pdf").empty());
    }
    // One line per decision and the round's summary.
    CHECK(issued.run.out.find("\n  01/QĐ-") != std::string::npos);
    CHECK(issued.run.out.find("Đợt ban hành: 4 quyết định mới") != std::string::npos);
}

TEST_CASE("every awardee's name is printed intact, in NFC, in the decisions and certificates") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    std::string decisions = allDecisionText(issued.archive);
    CHECK_FALSE(e2e::hasCombiningMarks(decisions));
    std::size_t checked = 0;
    for (const auto& file : kExamples) {
        for (const auto& name : nomineeNames(file)) {
            INFO(file << ": " << name);
            CHECK(decisions.find(name) != std::string::npos);
            ++checked;
        }
    }
    CHECK(checked >= 60);
    CHECK(readmeQuirks().size() >= 10); // the reference really used the README's quirk table
    CHECK(decisions.find("Nguyễn Thị Hòa") != std::string::npos); // gv06, typed "Hoà"

    // Each certificate PDF carries its awardee's name.
    std::string certificates;
    int certificateCount = 0;
    for (const auto& bagit : e2e::findFiles(issued.archive, "bagit.txt")) {
        fs::path dir = bagit.parent_path() / "data" / "certificates";
        for (fs::directory_iterator it(dir), end; it != end; ++it) {
            if (it->path().extension() == ".pdf") {
                ++certificateCount;
                CHECK(e2e::pdfPages(it->path()) == 1);
                certificates += e2e::pdfText(it->path());
            }
        }
    }
    CHECK(certificateCount == static_cast<int>(checked));
    CHECK_FALSE(e2e::hasCombiningMarks(certificates));
    CHECK(certificates.find("Nguyễn Thị Đào") != std::string::npos);
}

TEST_CASE("the decision follows the Decree 30 skeleton") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    auto pdfs = e2e::findFiles(issued.archive, "decision.pdf");
    REQUIRE(!pdfs.empty());
    for (const auto& pdf : pdfs) {
        std::string text = e2e::pdfText(pdf);
        INFO(pdf.string() << "\n" << text.substr(0, 3000));
        std::size_t pos = 0;
        for (const char* part :
             {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:", ", ngày",
              "QUYẾT ĐỊNH", "Căn cứ", "Điều 1.", "Điều 2.", "Điều 3.",
              "Nơi nhận:", "- Lưu:", "DANH SÁCH", "Họ và tên"}) {
            std::size_t at = text.find(part, pos);
            CHECK(at != std::string::npos);
            if (at != std::string::npos) {
                pos = at;
            }
        }
        CHECK(std::regex_search(text, std::regex("Số: ?[0-9]{2,}/QĐ-[A-Z]+")));
        CHECK(std::regex_search(text, std::regex("ngày [0-9]{2} tháng ([0-9]|[0-9]{2}) năm 2026")));
        CHECK(e2e::pdfPages(pdf) >= 2);
        std::string fonts = e2e::shell("pdffonts " + e2e::quote(pdf.string()));
        CHECK(fonts.find("LiberationSerif") != std::string::npos);
        CHECK(fonts.find(" no  ") == std::string::npos); // every font embedded
    }
}

TEST_CASE("search finds people without diacritics, with filters, as a table and as JSON") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    auto r = runTdkt({"search", "nguyen thi dao", "--archive", issued.archive});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("Nguyễn Thị Đào") != std::string::npos);

    auto json = runTdkt(
        {"search", "nguyen thi dao", "--archive", issued.archive, "--json", "--year", "2026"});
    CHECK(json.exitCode == 0);
    CHECK(std::regex_search(json.out, std::regex("\"name\" ?: \"Nguyễn Thị Đào\"")));
    CHECK(json.out.find("\"decisionNumber\"") != std::string::npos);

    auto otherYear = runTdkt(
        {"search", "nguyen thi dao", "--archive", issued.archive, "--json", "--year", "2021"});
    CHECK(otherYear.exitCode == 0);
    CHECK(otherYear.out.find("Nguyễn Thị Đào") == std::string::npos);

    auto withMarks = runTdkt({"search", "Đào", "--archive", issued.archive});
    CHECK(withMarks.out.find("Nguyễn Thị Đào") != std::string::npos);

    auto noHit = runTdkt({"search", "khong co ai ten nay", "--archive", issued.archive});
    CHECK(noHit.exitCode == 0);
    CHECK(noHit.out.find("Không tìm thấy") != std::string::npos);
}

TEST_CASE("re-issuing the same dossiers does not issue a second decision") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    auto before = e2e::findFiles(issued.archive, "bagit.txt");
    std::vector<std::string> args = {"issue"};
    args.insert(args.end(), kExamples.begin(), kExamples.end());
    args.insert(args.end(), {"--archive", issued.archive});
    auto again = runTdkt(args);
    INFO(again.out << again.err);
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("không cấp lại") != std::string::npos);
    CHECK(e2e::findFiles(issued.archive, "bagit.txt") == before);
}

TEST_CASE("verify passes on a clean archive and names a corrupted file") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    auto clean = runTdkt({"verify", "--archive", issued.archive});
    INFO(clean.out << clean.err);
    CHECK(clean.exitCode == 0);

    auto certs = e2e::findFiles(issued.archive, "0002.pdf");
    REQUIRE(!certs.empty());
    fs::path victim = certs.front();
    {
        std::fstream f(victim.string(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(200);
        char c = 0;
        f.get(c);
        f.seekp(200);
        f.put(static_cast<char>(c ^ 0x01));
    }
    auto broken = runTdkt({"verify", "--archive", issued.archive});
    CHECK(broken.exitCode == 65);
    std::string rel = fs::relative(victim, issued.archive).generic_string();
    INFO(broken.err);
    CHECK(broken.err.find(rel) != std::string::npos);
}

TEST_CASE("the index rebuilt from the tree answers like the original") {
    Issued issued;
    REQUIRE(issued.run.exitCode == 0);
    auto before =
        runTdkt({"search", "nguyen", "--archive", issued.archive, "--json", "--limit", "500"});
    fs::remove(fs::path(issued.archive) / "index.sqlite");
    auto re = runTdkt({"reindex", "--archive", issued.archive});
    INFO(re.out << re.err);
    CHECK(re.exitCode == 0);
    auto after =
        runTdkt({"search", "nguyen", "--archive", issued.archive, "--json", "--limit", "500"});
    CHECK(after.exitCode == 0);
    CHECK(after.out == before.out);
    CHECK(before.out.find("Nguyễn") != std::string::npos);
}
