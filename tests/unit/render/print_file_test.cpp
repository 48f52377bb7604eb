// The combined print file of a round large enough for several chunks (500 certificates each,
// drawn on several threads and streamed into one file): page order, duplex backs, one copy of
// each font, PDF/A-1b, byte-identical reruns, and a failure in the middle leaving no file.
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/render/renderer.hpp"
#include "tests/unit/render/render_test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

using namespace tdkt;
using rendertest::certificateContext;
using rendertest::countOf;
using rendertest::kCertificateAuthor;
using rendertest::run;
using rendertest::TempDir;
using rendertest::testEnv;
using tmpl::Value;

namespace {

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ"};
const char* const kGiven[] = {"Đào", "Hưng", "Dương", "Hằng", "Tuấn", "Thảo", "Nghĩa", "Yến"};

// A name unique to each index (its number spelled in the name), so page k can be matched to
// awardee k.
std::string nameOf(std::size_t i) {
    return std::string(kFamily[i % 8]) + " " + kGiven[(i / 8) % 8] + " " + std::to_string(i);
}

Value certificate(std::size_t i) {
    // Some certificates use letters no other one does: the fonts must still be one copy.
    Value ctx = certificateContext({"Bằng khen tặng " + nameOf(i), nameOf(i),
                                    i % 97 == 5 ? "Ỹ ỹ Ỷ ỷ Ỵ ỵ Ẳ ẳ - hoàn thành xuất sắc nhiệm vụ."
                                                : "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
                                    i % 2 ? "Ông" : "Bà"});
    Value& signer = ctx.set("signer", Value::map());
    signer.set("capacityLine", "KT. CHỦ TỊCH");
    signer.set("title", "PHÓ CHỦ TỊCH");
    signer.set("name", "Nguyễn Văn Bình");
    ctx.set("goldenBook", std::to_string(1000 + i));
    return ctx;
}

const std::string kTitle = "Bản in Bằng khen kèm Quyết định số 05/QĐ-UBND";
const std::string kAuthor = kCertificateAuthor;

render::PdfInfo printInfo() {
    render::PdfInfo info;
    info.title = kTitle;
    info.author = kAuthor;
    info.subject = "Bản in Bằng khen theo thứ tự danh sách";
    info.keywords = "khen thưởng, Bằng khen, bản in";
    return info;
}

std::vector<std::string> pagesOf(const std::string& text) {
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
        pages.push_back(text.substr(start, ff - start));
    }
    return pages;
}

} // namespace

TEST_CASE("print file of 1,200 certificates (3 chunks), duplex: order, one font copy, PDF/A",
          "[render][batch][print]") {
    constexpr std::size_t kCount = 1200;
    TempDir tmp("tdkt-print");
    auto r = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(r.ok());
    render::ContextSource source = [](std::size_t i) -> core::Result<Value> {
        return certificate(i);
    };
    render::CombinedOptions duplex;
    duplex.duplex = true;
    const fs::path file = tmp.path / "print.pdf";
    auto doc = r->renderCombined(kCount, source, printInfo(), file, duplex);
    REQUIRE(doc.ok());
    CHECK(doc->pageCount == static_cast<int>(2 * kCount));
    CHECK(doc->bytes == fs::file_size(file));
    // Nothing but the file is left in the folder (the temporary name was renamed).
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(tmp.path)) {
        (void)e;
        ++entries;
    }
    CHECK(entries == 1);

    const std::string q = "'" + file.string() + "'";
    CHECK(std::regex_search(run("pdfinfo " + q), std::regex("Pages: +2400\n")));
    // Page 2k+1 is awardee k, page 2k+2 blank: at the start, across the chunk boundaries (500
    // and 1000 certificates) and at the end. (Not every page: poppler needs ~40 ms a page.)
    for (std::size_t from :
         {std::size_t{0}, std::size_t{497}, std::size_t{997}, std::size_t{1197}}) {
        const std::size_t to = std::min(kCount, from + 6);
        const std::vector<std::string> pages =
            pagesOf(run("pdftotext -layout -f " + std::to_string(2 * from + 1) + " -l " +
                        std::to_string(2 * to) + " " + q + " -"));
        REQUIRE(pages.size() == 2 * (to - from));
        for (std::size_t i = from; i < to; ++i) {
            INFO("awardee " << i);
            const std::string& front = pages[2 * (i - from)];
            CHECK((front.find(nameOf(i) + "\n") != std::string::npos ||
                   front.find(nameOf(i) + " ") != std::string::npos));
            CHECK(pages[2 * (i - from) + 1].find_first_not_of(" \n") == std::string::npos);
        }
    }
    // A certificate with letters no other one uses (975 % 97 == 5), in the last chunk.
    CHECK(run("pdftotext -f 1951 -l 1951 " + q + " -").find("Ỹ ỹ Ỷ ỷ Ỵ ỵ Ẳ ẳ") !=
          std::string::npos);

    // One embedded copy of each font for the whole file, not one per chunk.
    const std::string fonts = run("pdffonts " + q);
    const std::size_t fontCount = countOf(fonts, "CID TrueType");
    CHECK(fontCount >= 1);
    const std::string qdf =
        run("qpdf --qdf --object-streams=disable --decode-level=none " + q + " -");
    CHECK(countOf(qdf, "/FontFile2") == fontCount);
    CHECK(countOf(qdf, "/Type /Catalog") == 1);
    CHECK(countOf(qdf, "/Type /OutputIntent") == 1);
    // Every PDF/A-1b check of the other files.
    pdfa::checkPdfA(file, kTitle, kAuthor, nameOf(0), "-l 2");
    // Small: the fonts are shared, each page holds only its own text.
    CHECK(fs::file_size(file) < kCount * 3000);

    // Byte-identical on a rerun.
    const fs::path again = tmp.path / "again.pdf";
    REQUIRE(r->renderCombined(kCount, source, printInfo(), again, duplex).ok());
    auto a = core::readFile(file);
    auto b = core::readFile(again);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() == b.value());
}

TEST_CASE("print file: a failure in a later chunk reports its index and leaves no file",
          "[render][batch][print]") {
    TempDir tmp("tdkt-print");
    auto r = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(r.ok());
    for (std::size_t bad :
         {std::size_t{0}, std::size_t{499}, std::size_t{500}, std::size_t{1137}}) {
        INFO("failing index " << bad);
        render::ContextSource source = [bad](std::size_t i) -> core::Result<Value> {
            if (i == bad || i == bad + 3) {
                return core::makeError(core::ErrorKind::InputRejected, "X001", "hỏng");
            }
            return certificate(i);
        };
        std::size_t failed = 0;
        const fs::path file = tmp.path / "print.pdf";
        auto doc = r->renderCombined(1200, source, printInfo(), file, {}, &failed);
        REQUIRE_FALSE(doc.ok());
        CHECK(doc.error().code == "X001");
        CHECK(failed == bad);
        CHECK_FALSE(fs::exists(file));
        CHECK(fs::is_empty(tmp.path)); // no temporary file left behind either
    }
}
