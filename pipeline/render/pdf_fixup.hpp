#pragma once
// Last step of every PDF: libharu's output is rewritten with libqpdf to fix what libharu 2.3.0
// gets wrong or leaves out (see ../shared/notes/libharu.md):
//  - its ToUnicode CMaps use `begincidrange` where `bfrange` belongs, so text extraction
//    (pdftotext, search, screen readers) only works through a fallback; they are replaced;
//  - the Info dictionary is written here, with Unicode strings as UTF-16BE (libharu stores raw
//    UTF-8 under its UTF-8 encoder) and dates from the run's clock;
//  - a deterministic /ID (a hash of the content), so equal input gives byte-identical files.
#include "pipeline/core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace tdkt::render {

struct PdfInfo {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator = "tdkt";
    std::int64_t created = 0; // seconds since the epoch, UTC
};

// "D:20260101000000Z" for the PDF date fields.
std::string pdfDate(std::int64_t epochSeconds);

core::Result<std::string> fixupPdf(std::string_view pdf, const PdfInfo& info);

} // namespace tdkt::render
