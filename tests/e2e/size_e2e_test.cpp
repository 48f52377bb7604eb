// Size of the one-PDF-per-certificate files (issue 4: at most 30 KB each) on what `tdkt issue`
// really writes for the bundled examples. A size is a property of the output, not a timing: it
// follows from the embedded font subsets, the image assets and the PDF/A objects, and grows
// silently when any of them does. The files are checked to still be the full design (frame and
// emblem images, two embedded fonts, the recipient's text), so that a file cannot meet the limit
// by losing part of the certificate.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <regex>

using tdkt::fs::path;

namespace {

const std::vector<std::string>& kExamples = e2e::exampleDossiers();

constexpr std::uintmax_t kMaxCertificateBytes = 30000;

std::vector<path> certificateFiles(const path& archive) {
    std::vector<path> files;
    for (tdkt::fs::recursive_directory_iterator it(archive), end; it != end; ++it) {
        const path& p = it->path();
        if (p.extension() == ".pdf" && p.parent_path().filename() == "certificates") {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

int countMatches(const std::string& text, const std::regex& re) {
    return static_cast<int>(
        std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

} // namespace

TEST_CASE("every certificate file of the examples is at most 30,000 bytes, design included") {
    e2e::TempDir tmp;
    const path archive = tmp.path / "kho";
    std::vector<std::string> args = {"issue"};
    args.insert(args.end(), kExamples.begin(), kExamples.end());
    args.insert(args.end(), {"--archive", archive.string()});
    e2e::Run run = e2e::runTdkt(args);
    INFO(run.out << run.err);
    REQUIRE(run.exitCode == 0);

    const std::vector<path> files = certificateFiles(archive);
    REQUIRE(files.size() >= 10);
    bool bangKhen = false;
    bool giayKhen = false;
    for (const path& pdf : files) {
        INFO(pdf.string());
        CHECK(tdkt::fs::file_size(pdf) <= kMaxCertificateBytes);

        // Full design: four corner ornaments and the emblem (pdfimages lists one row per image).
        const std::string images = e2e::shell("pdfimages -list " + e2e::quote(pdf.string()));
        CHECK(countMatches(images, std::regex(R"(\n\s*1\s+\d+\s+image\s)")) == 5);
        // Both text styles embedded (pdffonts: "emb" column "yes").
        const std::string fonts = e2e::shell("pdffonts " + e2e::quote(pdf.string()));
        CHECK(countMatches(fonts, std::regex(R"(CID TrueType\s+Identity-H\s+yes)")) == 2);

        const std::string text = e2e::pdfText(pdf);
        CHECK(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
        CHECK(text.find("Quyết định số:") != std::string::npos);
        bangKhen = bangKhen || text.find("BẰNG KHEN") != std::string::npos;
        giayKhen = giayKhen || text.find("GIẤY KHEN") != std::string::npos;
    }
    // The limit holds for both certificate templates.
    CHECK(bangKhen);
    CHECK(giayKhen);
}
