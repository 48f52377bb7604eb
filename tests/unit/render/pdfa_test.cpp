// PDF/A-1b, font subsets and the batch APIs: every requirement of ../shared/notes/libharu.md
// "Pitfalls" 5 and 6 is checked on real files with qpdf, pdfinfo, pdffonts, pdftotext and
// hb-shape. (No PDF/A validator is packaged in Debian; these checks stand in for one.)
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/render/font_subset.hpp"
#include "pipeline/render/renderer.hpp"
#include "tests/unit/render/render_test_support.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

using namespace tdkt;
using tmpl::Value;
using namespace rendertest;
using pdfa::q;

namespace {

const char* const kTitle = "Bằng khen tặng bà Nguyễn Thị Đào";
const char* const kAuthor = kCertificateAuthor;

Value certificate(const std::string& name, const std::string& achievement) {
    return certificateContext({std::string("Bằng khen tặng bà ") + name, name, achievement});
}

const char* const kNames[] = {"Nguyễn Thị Đào", "Phạm Quốc Hưng", "Đặng Thùy Dương", "Lê Văn Lực",
                              "Vũ Ngọc Ánh"};

void checkPdfA(const fs::path& pdf, const std::string& title) {
    pdfa::checkPdfA(pdf, title, kAuthor, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
}

} // namespace

TEST_CASE("PDF/A-1b: a certificate meets each requirement", "[render][pdfa]") {
    TempDir tmp("tdkt-pdfa");
    auto cert = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(cert.ok());
    REQUIRE(cert->render(certificate("Nguyễn Thị Đào", "Hoàn thành xuất sắc nhiệm vụ."),
                         tmp.path / "c.pdf")
                .ok());
    checkPdfA(tmp.path / "c.pdf", kTitle);
}

TEST_CASE("the XMP packet escapes markup and lists each keyword", "[render][pdfa]") {
    render::PdfInfo info;
    info.title = "A & B <C>";
    info.keywords = "thi đua, khen thưởng";
    info.created = 1767225600;
    const std::string x = render::xmpPacket(info);
    CHECK(x.find("A &amp; B &lt;C&gt;") != std::string::npos);
    CHECK(x.find("<rdf:li>thi đua</rdf:li><rdf:li>khen thưởng</rdf:li>") != std::string::npos);
    CHECK(x.rfind("<?xpacket begin=\"\xEF\xBB\xBF\"", 0) == 0);
    CHECK(x.find("<?xpacket end=\"w\"?>") != std::string::npos);
}

// The length of a TrueType table from the font's table directory (0 when absent).
static std::uint32_t tableLength(const fs::path& font, const std::string& tag) {
    std::ifstream in(font.string(), std::ios::binary);
    std::vector<unsigned char> head(12);
    in.read(reinterpret_cast<char*>(head.data()), 12);
    const unsigned tables = (head[4] << 8) | head[5];
    for (unsigned i = 0; i < tables && in; ++i) {
        std::vector<unsigned char> rec(16);
        in.read(reinterpret_cast<char*>(rec.data()), 16);
        if (std::string(rec.begin(), rec.begin() + 4) == tag) {
            return (std::uint32_t(rec[12]) << 24) | (std::uint32_t(rec[13]) << 16) |
                   (std::uint32_t(rec[14]) << 8) | rec[15];
        }
    }
    return 0;
}

TEST_CASE("the font subsets hold every Vietnamese letter, ASCII and the punctuation used",
          "[render][fonts]") {
    const fs::path dir = render::fontSubsetDir();
    REQUIRE_FALSE(dir.empty());
    std::string text = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
                       "uùúủũụưừứửữựyỳýỷỹỵđ"
                       "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"
                       "UÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
                       "“”‘’–—…•№₫«»°·×";
    for (char c = 0x21; c < 0x7F; ++c) {
        if (c != '\'' && c != '\\') {
            text.push_back(c);
        }
    }
    for (const char* font : {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                             "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"}) {
        INFO(font);
        const fs::path file = dir / font;
        REQUIRE(fs::exists(file));
        CHECK(fs::file_size(file) < 40000); // a subset, not the 400 KB original
        // hb-shape prints one glyph id per character; 0 would be .notdef (a missing glyph).
        std::string out = run("hb-shape --no-glyph-names --no-positions --no-clusters " + q(file) +
                              " '" + text + "'");
        REQUIRE(out.size() > 2);
        CHECK(std::regex_search(out, std::regex("^\\[[0-9|]+\\]")));
        CHECK_FALSE(std::regex_search(out, std::regex("[\\[|]0[\\]|]")));
        // libharu fails to save (0x1033) when a table it requires is missing at the end of an
        // embedded font whose size falls on its 4 KB buffer; the build adds a 'prep' (last).
        CHECK(tableLength(file, "prep") > 0);
        // The renderer embeds the subset in place of the Debian file it was made from.
        const fs::path debian = core::findFont(testEnv(), font);
        CHECK(render::preferredFontFile(debian) == file);
    }
    // A font that is not the source of a subset is embedded as found.
    CHECK(render::preferredFontFile("/nonexistent/LiberationSerif-Regular.ttf") ==
          fs::path("/nonexistent/LiberationSerif-Regular.ttf"));
}

TEST_CASE("combined print file: documents in order, duplex blank pages, PDF/A", "[render][batch]") {
    TempDir tmp("tdkt-pdfa");
    auto r = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(r.ok());
    render::ContextSource source = [](std::size_t i) -> core::Result<Value> {
        return certificate(kNames[i], "Hoàn thành xuất sắc nhiệm vụ năm 2025.");
    };
    render::PdfInfo info;
    info.title = kTitle;
    info.author = kAuthor;
    info.keywords = "thi đua, khen thưởng, Bằng khen";
    auto plain = r->renderCombined(5, source, info, tmp.path / "print.pdf");
    REQUIRE(plain.ok());
    CHECK(plain->pageCount == 5);
    render::CombinedOptions duplex;
    duplex.duplex = true;
    auto both = r->renderCombined(5, source, info, tmp.path / "duplex.pdf", duplex);
    REQUIRE(both.ok());
    CHECK(both->pageCount == 10);

    const std::string text = run("pdftotext -layout " + q(tmp.path / "duplex.pdf") + " -");
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
        pages.push_back(text.substr(start, ff - start));
    }
    REQUIRE(pages.size() == 10);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(pages[2 * i].find(kNames[i]) != std::string::npos);
        CHECK(pages[2 * i + 1].find_first_not_of(" \n") == std::string::npos); // blank back
    }
    checkPdfA(tmp.path / "print.pdf", kTitle);
    // The fonts are embedded once for the whole file, not once per certificate.
    CHECK(fs::file_size(tmp.path / "print.pdf") < 5 * 20000);
}

TEST_CASE("one file per document in parallel: PDF/A, small, independent of the thread count",
          "[render][batch]") {
    TempDir tmp("tdkt-pdfa");
    auto r = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(r.ok());
    render::ContextSource source = [](std::size_t i) -> core::Result<Value> {
        return certificate(kNames[i % 5], "Hoàn thành xuất sắc nhiệm vụ năm 2025.");
    };
    auto runWith = [&](unsigned threads, const std::string& sub) {
        fs::create_directories(tmp.path / sub);
        render::EachOptions options;
        options.threads = threads;
        options.batchSize = 4;
        auto docs = r->renderEach(
            11, source,
            [&](std::size_t i) { return tmp.path / sub / (std::to_string(i) + ".pdf"); }, options);
        REQUIRE(docs.ok());
        REQUIRE(docs->size() == 11);
        for (const auto& d : docs.value()) {
            CHECK(d.pageCount == 1);
        }
    };
    runWith(1, "one");
    runWith(3, "three");
    for (int i = 0; i < 11; ++i) {
        auto a = core::readFile(tmp.path / "one" / (std::to_string(i) + ".pdf"));
        auto b = core::readFile(tmp.path / "three" / (std::to_string(i) + ".pdf"));
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(a.value() == b.value());
        const std::string text =
            run("pdftotext -layout " + q(tmp.path / "one" / (std::to_string(i) + ".pdf")) + " -");
        CHECK(text.find(kNames[i % 5]) != std::string::npos);
        CHECK(countOf(text, "\f") == 1);
    }
    checkPdfA(tmp.path / "one" / "0.pdf", kTitle);
    CHECK(fs::is_empty(tmp.path / "one") == false);
    for (const auto& e : fs::directory_iterator(tmp.path / "one")) {
        CHECK(e.path().extension() == ".pdf"); // no temporary file left behind
    }
}

TEST_CASE("a batch reports the first failing document", "[render][batch]") {
    TempDir tmp("tdkt-pdfa");
    auto r = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(r.ok());
    std::string tooLong;
    for (int i = 0; i < 60; ++i) {
        tooLong += "Hoàn thành xuất sắc nhiệm vụ được giao trong nhiều năm liền. ";
    }
    render::ContextSource source = [&](std::size_t i) -> core::Result<Value> {
        return certificate(kNames[i % 5], i == 6 || i == 9 ? tooLong : "Tốt.");
    };
    std::size_t failed = 99;
    render::EachOptions options;
    options.threads = 2;
    options.batchSize = 2;
    auto docs = r->renderEach(
        10, source, [&](std::size_t i) { return tmp.path / (std::to_string(i) + ".pdf"); }, options,
        &failed);
    REQUIRE_FALSE(docs.ok());
    CHECK(docs.error().code == "R001");
    CHECK(failed == 6);
    failed = 99;
    auto combined = r->renderCombined(10, source, {}, tmp.path / "print.pdf", {}, &failed);
    REQUIRE_FALSE(combined.ok());
    CHECK(combined.error().code == "R001");
    CHECK(failed == 6);
    CHECK_FALSE(fs::exists(tmp.path / "print.pdf"));
}

TEST_CASE("a character outside the font subset is an R004 error naming field and character",
          "[render]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(renderer.ok());
    // U+4E2D (CJK) has a glyph in neither the subset nor Liberation Serif; U+0110 Đ is in both.
    auto bad = renderer->renderToBytes(certificate("Nguyễn Thị 中 Đào", "Hoàn thành xuất sắc."));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "R004");
    CHECK(bad.error().kind == core::ErrorKind::InputRejected);
    CHECK(bad.error().message.find("“中” (U+4E2D)") != std::string::npos);
    INFO(bad.error().message);
    CHECK(bad.error().message.find("ô trống") != std::string::npos);
    // The same renderer goes on with good input (the missing mark is per document).
    CHECK(renderer->renderToBytes(certificate("Nguyễn Thị Đào", "Hoàn thành xuất sắc.")).ok());
}
