#pragma once
// The PDF/A-1b checks of ../shared/notes/libharu.md ("Pitfalls" 5 and 6) on one real file, with
// qpdf, pdfinfo, pdffonts and pdftotext. Shared by the render unit tests and the end-to-end
// tests (tests/e2e/pdfa_e2e_test.cpp); Catch2 assertions, so only for test programs.
// (No PDF/A validator is packaged in Debian; these checks stand in for one.)
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/fs.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace pdfa {

inline std::string q(const tdkt::fs::path& p) {
    return "'" + p.string() + "'";
}

inline std::string run(const std::string& cmd, bool withStderr = false) {
    std::string full = cmd + (withStderr ? " 2>&1" : " 2>/dev/null");
    std::string out;
    FILE* p = popen(full.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        out.append(buf.data(), n);
    }
    pclose(p);
    return out;
}

inline std::size_t countOf(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos;
         at = hay.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

// Checks every PDF/A-1b requirement on one file: its Info and XMP carry `title` and `author`
// (the same in both), and `someText` is extracted through the ToUnicode maps without warnings.
// Checks every PDF/A-1b requirement on one file.
// `pages`: pdftotext's page range for the extraction check (e.g. "-l 4"): poppler sets up the
// OutputIntent's colour transform for every page (~40 ms each), too slow for thousands.
inline void checkPdfA(const tdkt::fs::path& pdf, const std::string& title,
                      const std::string& author, const std::string& someText,
                      const std::string& pages = "") {
    INFO(pdf.string());
    auto bytes = tdkt::core::readFile(pdf);
    REQUIRE(bytes.ok());
    // PDF 1.4 header followed by a binary comment line.
    CHECK(bytes->rfind("%PDF-1.4\n%", 0) == 0);
    // Structurally valid.
    CHECK(run("qpdf --check " + q(pdf), true).find("No syntax or stream encoding errors") !=
          std::string::npos);
    const std::string qdf =
        run("qpdf --qdf --object-streams=disable --decode-level=none " + q(pdf) + " -");
    // Info: non-ASCII strings as UTF-16BE with BOM, dates from the clock.
    CHECK(std::regex_search(qdf, std::regex("/Title <feff[0-9a-f]+>")));
    CHECK(std::regex_search(qdf, std::regex("/Author <feff[0-9a-f]+>")));
    CHECK(qdf.find("/CreationDate (D:20260101000000Z)") != std::string::npos);
    CHECK(qdf.find("/ModDate (D:20260101000000Z)") != std::string::npos);
    // A file identifier.
    CHECK(std::regex_search(qdf, std::regex("/ID \\[\\s*<[0-9a-f]{32}>\\s*<[0-9a-f]{32}>")));
    // XMP: /Type /Metadata /Subtype /XML, unfiltered, never libharu's "/SubType".
    CHECK(qdf.find("/SubType") == std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(qdf, m, std::regex("<<[^>]*/Subtype /XML[^>]*>>")));
    CHECK(m.str().find("/Type /Metadata") != std::string::npos);
    CHECK(m.str().find("/Filter") == std::string::npos);
    // XMP equal to Info.
    const std::string meta = run("pdfinfo -meta " + q(pdf));
    CHECK(meta.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(meta.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(meta.find("<rdf:li xml:lang=\"x-default\">" + title + "</rdf:li>") != std::string::npos);
    CHECK(meta.find("<dc:creator><rdf:Seq><rdf:li>" + author) != std::string::npos);
    CHECK(meta.find("<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>") != std::string::npos);
    CHECK(meta.find("<xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate>") != std::string::npos);
    const std::string info = run("pdfinfo " + q(pdf));
    // Keywords and subject of the Info dictionary, the same in XMP.
    std::smatch field;
    REQUIRE(std::regex_search(info, field, std::regex("Keywords: +([^\n]+)")));
    CHECK(meta.find("<pdf:Keywords>" + field[1].str() + "</pdf:Keywords>") != std::string::npos);
    if (std::regex_search(info, field, std::regex("Subject: +([^\n]+)"))) {
        CHECK(meta.find("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
                        field[1].str() + "</rdf:li>") != std::string::npos);
    }
    CHECK(info.find("Title:           " + title) != std::string::npos);
    CHECK(info.find("Author:          " + author) != std::string::npos);
    // sRGB OutputIntent with an ICC v2 profile of 3 components.
    CHECK(qdf.find("/S /GTS_PDFA1") != std::string::npos);
    CHECK(qdf.find("/OutputConditionIdentifier (sRGB IEC61966-2.1)") != std::string::npos);
    // (object numbers from the file itself: --qdf renumbers)
    REQUIRE(std::regex_search(bytes.value(), m, std::regex("/DestOutputProfile (\\d+) 0 R")));
    const std::string icc =
        run("qpdf --show-object=" + m[1].str() + " --filtered-stream-data " + q(pdf));
    REQUIRE(icc.size() > 128);
    CHECK(icc[8] == 2); // ICC major version 2 (PDF 1.4)
    CHECK(icc.substr(16, 4) == "RGB ");
    // Every font embedded as a subset with a correct ToUnicode map and a CIDSet.
    std::istringstream fonts(run("pdffonts " + q(pdf)));
    std::string line;
    int fontCount = 0;
    while (std::getline(fonts, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) {
            continue;
        }
        INFO(line);
        std::istringstream tokens(line);
        std::vector<std::string> t;
        for (std::string s; tokens >> s;) {
            t.push_back(s);
        }
        REQUIRE(t.size() >= 6);
        CHECK(t[t.size() - 5] == "yes"); // embedded
        CHECK(t[t.size() - 4] == "yes"); // subset
        CHECK(t[t.size() - 3] == "yes"); // ToUnicode
        ++fontCount;
    }
    CHECK(fontCount >= 1);
    CHECK(countOf(qdf, "/FontFile2") == static_cast<std::size_t>(fontCount));
    CHECK(countOf(qdf, "/CIDSet") == static_cast<std::size_t>(fontCount));
    CHECK(qdf.find("begincidrange") == std::string::npos);
    // Text extraction through the ToUnicode map, without poppler warnings.
    const std::string text = run("pdftotext -layout " + pages + " " + q(pdf) + " -", true);
    CHECK(text.find("Syntax") == std::string::npos);
    CHECK(text.find(someText) != std::string::npos);
    // Nothing PDF/A-1 forbids: transparency, encryption, JavaScript, LZW.
    for (const char* banned : {"/SMask", "/CA ", "/ca ", "/Transparency", "/Encrypt", "/JavaScript",
                               "/LZWDecode", "/EmbeddedFiles"}) {
        INFO(banned);
        CHECK(qdf.find(banned) == std::string::npos);
    }
}

} // namespace pdfa
