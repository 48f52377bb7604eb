// tdkt export on an archive filled by `tdkt issue` with the three examples: the tar unpacks with
// tar(1) into a BagIt bag whose bags pass `tdkt verify --bag`, whose manifest passes
// `sha256sum -c`, with the transfer list as CSV and PDF; byte-identical reruns; a damaged bag
// refuses the export.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <map>

using e2e::quote;
using e2e::runTdkt;
using e2e::shell;

namespace {

std::string element(const std::string& xml, const std::string& name) {
    const std::string open = "<" + name + ">";
    const auto a = xml.find(open);
    const auto b = a == std::string::npos ? a : xml.find("</" + name + ">", a);
    return b == std::string::npos ? std::string()
                                  : xml.substr(a + open.size(), b - a - open.size());
}

// "&amp;" and friends back to text (titles are written by libxml2).
std::string unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
            s.replace(at, std::strlen(from), to);
        }
    }
    return s;
}

// Mã hồ sơ -> tiêu đề hồ sơ of every bag filed in the tree (its data/dossier-meta.xml).
std::map<std::string, std::string> dossiersIn(const tdkt::fs::path& tree) {
    std::map<std::string, std::string> out;
    for (const auto& file : e2e::findFiles(tree, "dossier-meta.xml")) {
        const std::string xml = e2e::readAll(file);
        out[element(xml, "fileCode")] = unescape(element(xml, "title"));
    }
    return out;
}

std::vector<std::string> csvLines(const std::string& csv) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", start)) {
        lines.push_back(csv.substr(start, at - start));
        start = at + 2;
    }
    CHECK(start == csv.size()); // every line ends in CRLF
    return lines;
}

std::vector<tdkt::fs::path> bagsUnder(const tdkt::fs::path& dir) {
    std::vector<tdkt::fs::path> bags;
    for (const auto& f : e2e::findFiles(dir, "bagit.txt")) {
        bags.push_back(f.parent_path());
    }
    std::sort(bags.begin(), bags.end());
    return bags;
}

} // namespace

TEST_CASE("export: the examples' year unpacks into verified bags with the transfer list",
          "[e2e][export]") {
    e2e::TempDir tmp;
    const std::string kho = e2e::filledArchive(tmp);
    const std::map<std::string, std::string> dossiers = dossiersIn(kho);
    REQUIRE(dossiers.size() == 4); // the three examples file four decisions

    const auto out = tmp.path / "nop-luu-2026.tar";
    auto r = runTdkt({"export", "--archive", kho, "--year", "2026", out.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("Đã xuất 4 hồ sơ") != std::string::npos);

    const auto x = tmp.path / "x";
    int rc = -1;
    shell("mkdir " + quote(x.string()) + " && tar -xf " + quote(out.string()) + " -C " +
              quote(x.string()),
          &rc);
    REQUIRE(rc == 0);
    const auto base = x / "nop-luu-2026";
    REQUIRE(tdkt::fs::is_directory(base / "data"));

    // The package itself and every bag in it pass a full BagIt check.
    const auto bags = bagsUnder(x);
    REQUIRE(bags.size() == 5);
    for (const auto& bag : bags) {
        auto v = runTdkt({"verify", "--bag", bag.string()});
        INFO(bag.string() << "\n" << v.out << v.err);
        CHECK(v.exitCode == 0);
    }
    // The same bags as in the tree, under <year>/<issuer>/<decision>.
    CHECK(bagsUnder(base / "data" / "2026").size() == 4);
    CHECK(tdkt::fs::exists(base / "data/2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.pdf"));

    // sha256sum(1) checks the transfer too: the manifest lines are "<digest>  data/<path>".
    shell("cd " + quote(base.string()) +
              " && sha256sum -c --quiet manifest-sha256.txt && sha256sum -c --quiet "
              "tagmanifest-sha256.txt",
          &rc);
    CHECK(rc == 0);

    // The CSV: BOM, heading, one row per filed decision with its code and title.
    const std::string csv = e2e::readAll(base / "data" / "muc-luc-ho-so.csv");
    REQUIRE(csv.rfind("\xEF\xBB\xBFSTT;Mã hồ sơ;Tiêu đề hồ sơ;", 0) == 0);
    const auto lines = csvLines(csv);
    REQUIRE(lines.size() == 1 + dossiers.size());
    int ordinal = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        CHECK(line.rfind(std::to_string(++ordinal) + ";", 0) == 0);
        const auto codeEnd = line.find(';', line.find(';') + 1);
        const std::string code = line.substr(line.find(';') + 1, codeEnd - line.find(';') - 1);
        auto it = dossiers.find(code);
        INFO(line);
        REQUIRE(it != dossiers.end());
        CHECK(line.find(";" + it->second + ";") != std::string::npos);
    }

    // The PDF shows every row: the code and the title (one table cell each).
    const auto pdf = base / "data" / "muc-luc-ho-so.pdf";
    const std::string text = e2e::pdfFlowText(pdf);
    CHECK(text.find("MỤC LỤC HỒ SƠ NỘP LƯU") != std::string::npos);
    CHECK(text.find("Mục lục này gồm 4 hồ sơ") != std::string::npos);
    const auto blocks = e2e::pdfBlocks(pdf);
    for (const auto& [code, title] : dossiers) {
        INFO(code);
        CHECK(std::find(blocks.begin(), blocks.end(), code) != blocks.end());
        CHECK(std::find(blocks.begin(), blocks.end(), title) != blocks.end());
    }

    // Byte-identical rerun; an existing output is kept unless --force.
    const auto first = tmp.path / "first.tar";
    tdkt::fs::copy_file(out, first);
    auto again = runTdkt({"export", "--archive", kho, "--year", "2026", out.string()});
    CHECK(again.exitCode == 73);
    CHECK(again.err.find("A602") != std::string::npos);
    again = runTdkt({"export", "--archive", kho, "--year", "2026", "--force", out.string()});
    REQUIRE(again.exitCode == 0);
    CHECK(e2e::readAll(first) == e2e::readAll(out));

    // --unit narrows the set to the proposing unit's dossiers.
    const auto unitOut = tmp.path / "so-y-te.tar";
    auto unit = runTdkt(
        {"export", "--archive", kho, "--year", "2026", "--unit", "HN-SO-YTE", unitOut.string()});
    INFO(unit.err);
    REQUIRE(unit.exitCode == 0);
    const std::string listing = shell("tar -tf " + quote(unitOut.string()));
    std::size_t unitBags = 0;
    for (auto at = listing.find("/bagit.txt\n"); at != std::string::npos;
         at = listing.find("/bagit.txt\n", at + 1)) {
        ++unitBags;
    }
    CHECK(unitBags == 1 + 2); // the package + the two decisions on the Sở Y tế dossier
    CHECK(listing.find("so-y-te/data/2026/SYT-HANOI/01-qd-syt/bagit.txt") != std::string::npos);
    CHECK(listing.find("UBND-P-BADINH") == std::string::npos);

    auto none =
        runTdkt({"export", "--archive", kho, "--year", "2020", (tmp.path / "none.tar").string()});
    CHECK(none.exitCode == 66);
    CHECK_FALSE(tdkt::fs::exists(tmp.path / "none.tar"));
}

TEST_CASE("export: a damaged bag refuses the export and leaves no file", "[e2e][export]") {
    e2e::TempDir tmp;
    const std::string kho = e2e::filledArchive(tmp);
    // One payload byte changed, the size kept.
    const auto pdf = tdkt::fs::path(kho) / "2026/SYT-HANOI/01-qd-syt/data/decision.pdf";
    std::string bytes = e2e::readAll(pdf);
    REQUIRE(bytes.size() > 100);
    bytes[100] = static_cast<char>(bytes[100] ^ 0x20);
    {
        std::ofstream o(pdf.string(), std::ios::binary | std::ios::trunc);
        o << bytes;
    }
    const auto outDir = tmp.path / "out";
    tdkt::fs::create_directories(outDir);
    auto r = runTdkt(
        {"export", "--archive", kho, "--year", "2026", (outDir / "nop-luu-2026.tar").string()});
    CHECK(r.exitCode == 65);
    CHECK(r.err.find("A601") != std::string::npos);
    CHECK(r.err.find("2026/SYT-HANOI/01-qd-syt") != std::string::npos);
    CHECK(r.err.find("2026/SYT-HANOI/01-qd-syt/data/decision.pdf") != std::string::npos);
    CHECK(tdkt::fs::is_empty(outDir)); // no OUT.tar, no temporary file

    // Another issuer's bags are still exportable.
    auto other = runTdkt({"export", "--archive", kho, "--year", "2026", "--issuer", "UBND-TP-HANOI",
                          (outDir / "ubnd.tar").string()});
    INFO(other.err);
    CHECK(other.exitCode == 0);
}

TEST_CASE("export: the transfer-list template previews with its sample", "[e2e][export]") {
    e2e::TempDir tmp;
    const auto pdf = tmp.path / "muc-luc.pdf";
    auto r = runTdkt({"preview", "transfer-list", "--sample", "--out", pdf.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const std::string text = e2e::pdfFlowText(pdf);
    CHECK(text.find("MỤC LỤC HỒ SƠ NỘP LƯU") != std::string::npos);
    CHECK(text.find("UBND-TP-HANOI.2026.02.HS") != std::string::npos);
    CHECK(text.find("Bị thay thế bởi Quyết định số 03/QĐ-UBND") != std::string::npos);
}
