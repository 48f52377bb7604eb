#pragma once
// Last step of every PDF: libharu's output is rewritten with libqpdf into PDF/A-1b, closing
// each gap of libharu 2.3.0 listed in ../shared/notes/libharu.md ("Pitfalls" 5 and 6):
//  - ToUnicode: libharu's CMaps use `begincidrange` where `bfrange` belongs; replaced by one
//    correct identity map (CID = Unicode code point), shared by every font of the file;
//  - Info dictionary: written here, Unicode strings as UTF-16BE with BOM (libharu stores raw
//    UTF-8 under its UTF-8 encoder) in literal strings (half the size of hex), dates from the
//    run's clock;
//  - XMP metadata (dc:title, dc:creator, dc:description, dc:subject, pdf:Keywords,
//    pdf:Producer, xmp:CreateDate/ModifyDate/CreatorTool, pdfaid:part=1, conformance=B),
//    equal to the Info dictionary, in an unfiltered `/Type /Metadata /Subtype /XML` stream
//    (libharu's own PDF/A code writes `/SubType` and drops the XMP in common cases);
//  - an sRGB OutputIntent (GTS_PDFA1) with the ICC profile of Debian's icc-profiles-free;
//  - a CIDSet for every embedded CID font (libharu writes none);
//  - PDF version 1.4, EOL before `endstream`, a deterministic /ID (a hash of the content), so
//    equal input gives byte-identical files;
//  - identical font streams (CIDToGIDMap of fonts with one glyph order) written once.
// Fonts are embedded as subsets by libharu; there is no transparency in what the renderer draws.
#include "pipeline/core/error.hpp"

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

class QPDF;

namespace tdkt::render {

struct PdfInfo {
    std::string title;
    std::string author; // the issuing body
    std::string subject;
    std::string keywords; // comma-separated
    std::string creator = "tdkt";
    std::int64_t created = 0; // seconds since the epoch, UTC
};

// A PDF text string as a literal: "(...)" with ASCII as it is, anything else as UTF-16BE with
// its byte-order mark; only ( ) \ and CR/LF escaped, every other byte raw. Every writer of an
// Info dictionary (fixupPdf, PdfPageSplitter, PdfConcatWriter) uses it.
std::string pdfTextString(std::string_view utf8);
// "D:20260101000000Z" for the PDF date fields.
std::string pdfDate(std::int64_t epochSeconds);
// "2026-01-01T00:00:00Z" for XMP.
std::string xmpDate(std::int64_t epochSeconds);

// The XMP packet written for `info` (exposed for tests).
std::string xmpPacket(const PdfInfo& info);

// Errors: R021 (Internal) the PDF library failed; R022 (Config) the sRGB profile is missing.
core::Result<std::string> fixupPdf(std::string_view pdf, const PdfInfo& info);

// Cuts single-page PDF/A files out of an already fixed-up PDF (fixupPdf's output): each file
// holds one page and only the objects it uses, its own Info and XMP. This is how one PDF per
// certificate is made fast: the fonts are set up once for a batch of pages, not per file (see
// the notes: ~15 ms per libharu document vs ~0.13 ms per page). Not thread-safe; one per thread.
class PdfPageSplitter {
public:
    static core::Result<PdfPageSplitter> open(std::string pdf);
    int pageCount() const;
    // Pages [firstPage, firstPage + pages) as one file (0-based).
    core::Result<std::string> extract(int firstPage, int pages, const PdfInfo& info);

    ~PdfPageSplitter();
    PdfPageSplitter(PdfPageSplitter&&) noexcept;
    PdfPageSplitter& operator=(PdfPageSplitter&&) noexcept;

private:
    PdfPageSplitter();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

namespace detail {

// Pieces of fixupPdf shared with the streamed print-file writer (pdf_concat.cpp).
// The font fixes on a parsed libharu PDF (ToUnicode, CIDSet, shared CIDToGIDMap); throws
// qpdf's exceptions.
void fixFonts(QPDF& q);
// The sRGB profile of the OutputIntent, or null when it cannot be read (R022).
const std::string* srgbIccProfile();
// The Info dictionary of `info`, serialised ("<< /Author (...) ... /Title (\376\377...) >>",
// the strings written by pdfTextString).
std::string infoDictionary(const PdfInfo& info);
core::Error qpdfFailure(const std::exception& e);
core::Error srgbMissing();

} // namespace detail

} // namespace tdkt::render
