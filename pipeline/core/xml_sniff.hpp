#pragma once
// What a file is when it is not UTF-8 XML, judged by its first bytes, so that the clerk is told
// "this is an Excel file" or "this is saved as UTF-32" rather than "empty" or "not UTF-8".
// Internal to core's XML input (xml.cpp).
#include "xml_scan.hpp"

#include <optional>
#include <string_view>

namespace tdkt::core {

// Another file format sent instead of XML (X005): a zip (which .docx, .xlsx and .odt files are),
// an old Office file, a PDF, an image, an archive, a program, a web page.
std::optional<XmlProblem> sniffOtherFormat(std::string_view bytes);

// XML in another Unicode encoding (X002): UTF-32 or UTF-16, little- or big-endian, with or
// without a byte-order mark.
std::optional<XmlProblem> sniffOtherEncoding(std::string_view bytes);

// Content that is not markup at all (X005), or nothing but white space (X001): what comes
// first, after a UTF-8 byte-order mark and white space, must be '<'. Bytes are valid UTF-8.
std::optional<XmlProblem> sniffNotMarkup(std::string_view bytes);

} // namespace tdkt::core
