#include "xml_sniff.hpp"

#include "utf8.hpp"
#include "xml_codes.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace tdkt::core {
namespace {

bool startsWith(std::string_view s, std::string_view prefix, std::size_t at = 0) {
    return s.size() >= at + prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

bool contains(std::string_view s, std::string_view what) {
    return s.find(what) != std::string_view::npos;
}

// A zip's entry names are stored in plain text in front of each entry: Office Open XML and
// OpenDocument files are told apart by the folders they hold.
std::string zipKind(std::string_view bytes) {
    if (contains(bytes, "word/")) {
        return "tệp Word (.docx, một tệp nén zip)";
    }
    if (contains(bytes, "xl/")) {
        return "tệp Excel (.xlsx, một tệp nén zip)";
    }
    if (contains(bytes, "ppt/")) {
        return "tệp PowerPoint (.pptx, một tệp nén zip)";
    }
    if (contains(bytes, "application/vnd.oasis.opendocument")) {
        return "tệp OpenDocument (.odt/.ods, một tệp nén zip)";
    }
    return "tệp nén zip (có thể là tệp Word .docx hoặc Excel .xlsx)";
}

std::string lowerPrefix(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < n; ++i) {
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))));
    }
    return out;
}

std::string_view skipBomAndSpace(std::string_view bytes) {
    if (startsWith(bytes, "\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    while (!bytes.empty() &&
           (bytes[0] == ' ' || bytes[0] == '\t' || bytes[0] == '\r' || bytes[0] == '\n')) {
        bytes.remove_prefix(1);
    }
    return bytes;
}

std::string formatName(std::string_view b) {
    struct Signature {
        std::string_view magic;
        std::size_t at;
        const char* name;
    };
    static constexpr Signature kSignatures[] = {
        {"%PDF-", 0, "tệp PDF"},
        {"\x89PNG\r\n\x1A\n", 0, "ảnh PNG"},
        {"\xFF\xD8\xFF", 0, "ảnh JPEG"},
        {"GIF87a", 0, "ảnh GIF"},
        {"GIF89a", 0, "ảnh GIF"},
        {std::string_view("II*\0", 4), 0, "ảnh TIFF"},
        {std::string_view("MM\0*", 4), 0, "ảnh TIFF"},
        {"WEBP", 8, "ảnh WebP"},
        {"ftypheic", 4, "ảnh HEIC (ảnh chụp từ điện thoại)"},
        {"ftypmif1", 4, "ảnh HEIC (ảnh chụp từ điện thoại)"},
        {"BM", 0, "ảnh BMP"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0, "tệp Office cũ (.doc/.xls)"},
        {"{\\rtf", 0, "tệp RTF (văn bản Word)"},
        {"\x1F\x8B", 0, "tệp nén gzip"},
        {"Rar!\x1A\x07", 0, "tệp nén RAR"},
        {"7z\xBC\xAF\x27\x1C", 0, "tệp nén 7-Zip"},
        {"\x7F"
         "ELF",
         0, "tệp chương trình"},
        {"MZ", 0, "tệp chương trình Windows (.exe)"},
    };
    if (startsWith(b, "PK\x03\x04") || startsWith(b, "PK\x05\x06") || startsWith(b, "PK\x07\x08")) {
        return zipKind(b);
    }
    for (const Signature& s : kSignatures) {
        if (startsWith(b, s.magic, s.at)) {
            return s.name;
        }
    }
    const std::string head = lowerPrefix(skipBomAndSpace(b), 14);
    if (startsWith(head, "<!doctype html") || startsWith(head, "<html")) {
        return "trang web HTML";
    }
    return {};
}

} // namespace

std::optional<XmlProblem> sniffOtherFormat(std::string_view bytes) {
    const std::string name = formatName(bytes);
    if (name.empty()) {
        return std::nullopt;
    }
    return XmlProblem{kXmlNotXml, 1, std::string(),
                      "không phải tệp XML: đây là " + name +
                          "; hãy kiểm tra lại, có thể đã gửi nhầm tệp"};
}

std::optional<XmlProblem> sniffOtherEncoding(std::string_view b) {
    auto at = [&](std::size_t i) {
        return i < b.size() ? static_cast<unsigned char>(b[i]) : 0xFFu;
    };
    const char* name = nullptr;
    bool bom = true;
    if (startsWith(b, std::string_view("\0\0\xFE\xFF", 4))) {
        name = "UTF-32 big-endian";
    } else if (startsWith(b, std::string_view("\xFF\xFE\0\0", 4))) {
        name = "UTF-32 little-endian";
    } else if (startsWith(b, "\xFE\xFF")) {
        name = "UTF-16 big-endian";
    } else if (startsWith(b, "\xFF\xFE")) {
        name = "UTF-16 little-endian";
    } else {
        // Without a byte-order mark, XML's first character ('<' or white space) is ASCII: its
        // zero bytes show the width and the order (XML 1.0, Appendix F).
        bom = false;
        const bool z0 = at(0) == 0, z1 = at(1) == 0, z2 = at(2) == 0, z3 = at(3) == 0;
        if (z0 && z1 && z2 && !z3 && b.size() >= 4) {
            name = "UTF-32 big-endian";
        } else if (!z0 && z1 && z2 && z3 && b.size() >= 4) {
            name = "UTF-32 little-endian";
        } else if (z0 && !z1 && b.size() >= 2) {
            name = "UTF-16 big-endian";
        } else if (!z0 && z1 && b.size() >= 2) {
            name = "UTF-16 little-endian";
        }
    }
    if (!name) {
        return std::nullopt;
    }
    return XmlProblem{kXmlEncoding, 1, std::string(),
                      std::string("tệp được lưu dạng ") + name +
                          (bom ? " (có BOM)" : " (không có BOM)") +
                          "; chỉ chấp nhận UTF-8: hãy mở tệp và lưu lại dưới dạng UTF-8"};
}

std::optional<XmlProblem> sniffNotMarkup(std::string_view bytes) {
    const std::string_view rest = skipBomAndSpace(bytes);
    if (rest.empty()) {
        return XmlProblem{kXmlSyntax, 1, std::string(), "tệp rỗng, không có nội dung XML"};
    }
    if (rest[0] == '<') {
        return std::nullopt;
    }
    // Quote the start of what is there (at most 20 characters of its first line).
    std::size_t end = 0;
    for (int n = 0; n < 20 && end < rest.size() && rest[end] != '\n' && rest[end] != '\r'; ++n) {
        char32_t cp = 0;
        end += std::max<std::size_t>(1, decodeUtf8(rest, end, cp));
    }
    const bool cut = end < rest.size() && rest[end] != '\n' && rest[end] != '\r';
    const int line = 1 + static_cast<int>(std::count(bytes.begin(), rest.begin(), '\n'));
    const std::string quoted = std::string(rest.substr(0, end)) + (cut ? "…" : "");
    return XmlProblem{kXmlNotXml, line, std::string(),
                      "không phải tệp XML: nội dung bắt đầu bằng «" + quoted +
                          "», không phải bằng một thẻ «<»"};
}

} // namespace tdkt::core
