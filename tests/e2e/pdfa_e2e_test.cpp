// PDF/A-1b on what `tdkt issue` really writes: a decision, a certificate and the combined print
// file of the bundled examples, each checked against every requirement of
// ../shared/notes/libharu.md with qpdf, pdfinfo, pdffonts and pdftotext (the checker is shared
// with the render unit tests); poppler reads them without a warning; two runs with the same
// SOURCE_DATE_EPOCH (set by CTest) into two archives give byte-identical PDFs.
#include "e2e_support.hpp"
#include "tests/unit/render/pdfa_check.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <regex>

using tdkt::fs::path;

namespace {

const std::vector<std::string>& kExamples = e2e::exampleDossiers();

struct Issued {
    e2e::TempDir tmp;
    std::string archive;
    e2e::Run run;
    explicit Issued(const std::string& name = "kho") {
        // The run's clock, set here rather than trusted from CTest: the dates checked below and
        // the byte-identical reruns depend on it (2026-01-01T00:00:00Z).
        setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
        archive = (tmp.path / name).string();
        std::vector<std::string> args = {"issue"};
        args.insert(args.end(), kExamples.begin(), kExamples.end());
        args.insert(args.end(), {"--archive", archive});
        run = e2e::runTdkt(args);
    }
};

std::string infoField(const path& pdf, const std::string& key) {
    const std::string info = pdfa::run("pdfinfo " + pdfa::q(pdf));
    std::smatch m;
    if (std::regex_search(info, m, std::regex(key + ": +([^\n]+)"))) {
        return m[1].str();
    }
    return {};
}

// The full PDF/A check, with the title and author the file declares (the checker proves the
// XMP says the same), plus: poppler's tools print nothing on stderr (a broken ToUnicode CMap or
// font makes pdftotext and pdffonts warn there).
void checkIssuedPdf(const path& pdf, const std::string& titlePattern, const std::string& text) {
    INFO(pdf.string());
    const std::string title = infoField(pdf, "Title");
    const std::string author = infoField(pdf, "Author");
    CHECK(std::regex_match(title, std::regex(titlePattern)));
    CHECK_FALSE(author.empty());
    pdfa::checkPdfA(pdf, title, author, text);
    CHECK(pdfa::run("pdftotext -layout " + pdfa::q(pdf) + " /dev/null 2>&1") == "");
    CHECK(pdfa::run("pdffonts " + pdfa::q(pdf) + " 2>&1 >/dev/null") == "");
    // Every font embedded (pdffonts' "emb" column) and none of the 14 standard fonts.
    const std::string fonts = pdfa::run("pdffonts " + pdfa::q(pdf));
    CHECK(fonts.find("LiberationSerif") != std::string::npos);
    CHECK(fonts.find(" no ") == std::string::npos);
}

std::map<std::string, std::string> pdfsUnder(const std::string& archive) {
    std::map<std::string, std::string> out;
    for (tdkt::fs::recursive_directory_iterator it(archive), end; it != end; ++it) {
        if (it->path().extension() == ".pdf") {
            out[tdkt::fs::relative(it->path(), archive).generic_string()] =
                e2e::readAll(it->path());
        }
    }
    return out;
}

} // namespace

TEST_CASE("issued decision, certificate and print file are PDF/A-1b") {
    Issued issued;
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    auto decisions = e2e::findFiles(issued.archive, "decision.pdf");
    REQUIRE(decisions.size() == 4);
    for (const auto& pdf : decisions) {
        checkIssuedPdf(pdf, "Quyết định số [0-9]+/QĐ-.+", "QUYẾT ĐỊNH");
    }
    const path bag = decisions.front().parent_path().parent_path();
    const path certificate = bag / "data" / "certificates" / "0001.pdf";
    REQUIRE(tdkt::fs::exists(certificate));
    checkIssuedPdf(certificate, "(Giấy|Bằng) khen - .+", "KHEN");
    auto prints = e2e::findFiles(issued.archive, "certificates-print.pdf");
    REQUIRE(prints.size() == 4);
    for (const auto& pdf : prints) {
        checkIssuedPdf(pdf, "Bản in .+ Quyết định số .+", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    }
}

TEST_CASE("issuing twice with the same clock gives byte-identical PDFs") {
    Issued first("kho-1");
    Issued second("kho-2");
    REQUIRE(first.run.exitCode == 0);
    REQUIRE(second.run.exitCode == 0);
    auto a = pdfsUnder(first.archive);
    auto b = pdfsUnder(second.archive);
    REQUIRE(a.size() > 60); // decisions, every certificate, the print files
    REQUIRE(a.size() == b.size());
    for (const auto& [rel, bytes] : a) {
        INFO(rel);
        REQUIRE(b.count(rel) == 1);
        const bool identical = bytes == b[rel]; // (not CHECK(a == b): it would print the PDFs)
        CHECK(identical);
    }
}
