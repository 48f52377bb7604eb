// Two size savings of the certificate files (issue 4, <= 30 KB each), checked on real output:
// the four corner ornaments are one image XObject drawn under mirroring `cm` matrices
// (<image flip="h|v|hv">), and Info strings are literal strings (UTF-16BE bytes escaped only
// where PDF requires), read back by qpdf and pdfinfo with their diacritics.
#include "pipeline/render/pdf_fixup.hpp"
#include "pipeline/render/renderer.hpp"
#include "tests/unit/render/render_test_support.hpp"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

using namespace tdkt;
using tmpl::Value;
using namespace rendertest;

namespace {

// Diacritics, parentheses (one unbalanced) and backslashes: each needs its escape.
const char* const kTitle = "Bằng khen (đợt 2) tặng bà Đào \\ tổ 3) C:\\kho\\";

Value certificate(const std::string& title) {
    return certificateContext({title});
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

void checkTitleReadBack(const fs::path& pdf) {
    INFO(pdf.string());
    CHECK(run("qpdf --check " + quoted(pdf)).find("No syntax or stream encoding errors") !=
          std::string::npos);
    const std::string info = run("pdfinfo " + quoted(pdf));
    CHECK(info.find(std::string("Title:           ") + kTitle + "\n") != std::string::npos);
    CHECK(info.find("Author:          Ủy ban nhân dân thành phố Hà Nội\n") != std::string::npos);
    // qpdf parses the same string (its JSON shows the decoded text string).
    const std::string json = run("qpdf --json --json-key=qpdf " + quoted(pdf));
    CHECK(json.find("\"/Title\": \"u:Bằng khen (đợt 2) tặng bà Đào \\\\ tổ 3) C:\\\\kho\\\\\"") !=
          std::string::npos);
    // Written as a literal: no hex UTF-16 left in the Info dictionary.
    const std::string raw = run("cat " + quoted(pdf));
    CHECK(raw.find("/Title <feff") == std::string::npos);
    CHECK(raw.find("/Title (\xFE\xFF") != std::string::npos);
}

} // namespace

TEST_CASE("pdfTextString: ASCII as it is, else UTF-16BE, only ( ) \\ CR LF escaped",
          "[render][info]") {
    CHECK(render::pdfTextString("tdkt (a\\b)\r\n") == "(tdkt \\(a\\\\b\\)\\r\\n)");
    // "Đ(" = U+0110 U+0028: BOM, 01 10, 00 '(' escaped.
    CHECK(render::pdfTextString("Đ(") == std::string("(\xFE\xFF\x01\x10\x00\\(", 8) + ")");
    // A UTF-16 unit whose byte is 0x0A or 0x0D (U+010A, U+0D0D) keeps the byte escaped.
    CHECK(render::pdfTextString("Ċ") == std::string("(\xFE\xFF\x01\\n)", 7));
}

TEST_CASE("four corners: one image XObject drawn under four mirroring matrices", "[render][flip]") {
    for (const char* name : {"certificate-giay-khen", "certificate-bang-khen"}) {
        INFO(name);
        auto renderer = render::DocumentRenderer::load(testEnv(), name);
        REQUIRE(renderer.ok());
        TempDir tmp;
        const fs::path out = tmp.path / "c.pdf";
        REQUIRE(renderer->render(certificate("Bằng khen"), out).ok());
        const std::string qdf = run("qpdf --qdf --object-streams=disable " + quoted(out) + " -");
        // The corner (18 mm = 51.02362 pt) at 13 mm and 266 mm across, 13 mm and 179 mm down:
        // flip="h" moves the origin right by the width, flip="v" up by the height.
        const std::regex corner(
            R"((-?)51\.02362 0 0 (-?)51\.02362 ([0-9.]+) ([0-9.]+) cm\n(/X\d+) Do)");
        std::set<std::string> placements;
        std::set<std::string> xobjects;
        for (std::sregex_iterator it(qdf.begin(), qdf.end(), corner), end; it != end; ++it) {
            const std::smatch& m = *it;
            placements.insert(m[1].str() + m[2].str() + " " + m[3].str() + " " + m[4].str());
            xobjects.insert(m[5]);
        }
        CHECK(placements == std::set<std::string>{" 36.8504 507.40158", "- 805.03937 507.40158",
                                                  "- 36.8504 87.87402", "-- 805.03937 87.87402"});
        CHECK(xobjects.size() == 1);
        CHECK(countOf(qdf, "/Subtype /Image") == 2); // the corner and the emblem
    }
}

TEST_CASE("blank mode draws no image", "[render][flip]") {
    render::LayoutOptions options;
    options.mode = render::PrintMode::Blank;
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen", options);
    REQUIRE(renderer.ok());
    TempDir tmp;
    const fs::path out = tmp.path / "c.pdf";
    REQUIRE(renderer->render(certificate("Bằng khen"), out).ok());
    const std::string qdf = run("qpdf --qdf --object-streams=disable " + quoted(out) + " -");
    CHECK(countOf(qdf, "/Subtype /Image") == 0);
    CHECK(countOf(qdf, " Do\n") == 0);
}

TEST_CASE("Info literal strings read back: single file, one file per document, print file",
          "[render][info]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(renderer.ok());
    TempDir tmp;
    // fixupPdf
    REQUIRE(renderer->render(certificate(kTitle), tmp.path / "one.pdf").ok());
    checkTitleReadBack(tmp.path / "one.pdf");
    // PdfPageSplitter
    render::ContextSource source = [](std::size_t) -> core::Result<Value> {
        return certificate(kTitle);
    };
    auto each = renderer->renderEach(
        2, source, [&](std::size_t i) { return tmp.path / ("each" + std::to_string(i) + ".pdf"); });
    REQUIRE(each.ok());
    checkTitleReadBack(tmp.path / "each1.pdf");
    // PdfConcatWriter
    render::PdfInfo info;
    info.title = kTitle;
    info.author = "Ủy ban nhân dân thành phố Hà Nội";
    REQUIRE(renderer->renderCombined(2, source, info, tmp.path / "print.pdf").ok());
    checkTitleReadBack(tmp.path / "print.pdf");
}
