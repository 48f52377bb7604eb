// Hostile input (issue 10): what core refuses before libxml2 parses (other formats and
// encodings, limits against quadratic work), the reasons it gives for syntax errors and where,
// floods of one schema error, operating-system errors in Vietnamese and terminal-safe text.
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/terminal_text.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/core/xml_scan.hpp"

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>

using namespace tdkt;
using Catch::Contains;
using Catch::StartsWith;

namespace {

struct Parsed {
    bool ok = false;
    core::Diagnostics diags;
    const core::Diagnostic& first() const { return diags.items().at(0); }
};

Parsed parse(const std::string& bytes) {
    Parsed p;
    p.ok = core::parseXml(bytes, "h.xml", p.diags).ok();
    return p;
}

// The bytes are refused with exactly one diagnostic, of this code; returns it.
core::Diagnostic refusal(const std::string& bytes, const char* code) {
    Parsed p = parse(bytes);
    REQUIRE_FALSE(p.ok);
    REQUIRE(p.diags.items().size() == 1);
    CHECK(p.first().code == code);
    return p.first();
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

std::string attributes(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += " a" + std::to_string(i) + "=\"x\"";
    }
    return out;
}

std::string utf32(const std::string& ascii, bool bigEndian) {
    std::string out;
    for (char c : ascii) {
        out += bigEndian ? std::string{'\0', '\0', '\0', c} : std::string{c, '\0', '\0', '\0'};
    }
    return out;
}

std::string utf16(const std::string& ascii, bool bigEndian) {
    std::string out;
    for (char c : ascii) {
        out += bigEndian ? std::string{'\0', c} : std::string{c, '\0'};
    }
    return out;
}

fs::path tempDir() {
    fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-input-%%%%%%");
    fs::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("another file format sent as XML is named for what it is (X005)", "[input]") {
    struct Case {
        std::string bytes;
        const char* named;
    };
    const Case cases[] = {
        {std::string("PK\x03\x04\x14\0\0\0", 8) + "[Content_Types].xml...xl/workbook.xml",
         "tệp Excel (.xlsx"},
        {std::string("PK\x03\x04\x14\0\0\0", 8) + "word/document.xml", "tệp Word (.docx"},
        {std::string("PK\x03\x04\x14\0\0\0", 8) + "data.bin", "tệp nén zip"},
        {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "tệp PDF"},
        {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", "ảnh PNG"},
        {"\xFF\xD8\xFF\xE0\0\x10JFIF", "ảnh JPEG"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "tệp Office cũ"},
        {"<!DOCTYPE html>\n<html><body>x</body></html>", "trang web HTML"},
    };
    for (const Case& c : cases) {
        INFO(c.named);
        const core::Diagnostic d = refusal(c.bytes, "X005");
        CHECK(d.where.line == 1);
        CHECK_THAT(d.message, StartsWith("không phải tệp XML: đây là "));
        CHECK_THAT(d.message, Contains(c.named));
    }
    // Text that is no markup at all is quoted, never called empty.
    const core::Diagnostic text = refusal("\n\nHọ và tên;Năm sinh\nNguyễn Văn An;1980\n", "X005");
    CHECK(text.where.line == 3);
    CHECK_THAT(text.message, Contains("«Họ và tên;Năm sinh»"));
    CHECK(refusal(" \n\t", "X001").message == "tệp rỗng, không có nội dung XML");
    CHECK(refusal("", "X001").message == "tệp rỗng, không có nội dung XML");
}

TEST_CASE("UTF-32 and UTF-16, with or without a byte-order mark, are named exactly (X002)",
          "[input]") {
    const std::string xml = "<?xml version=\"1.0\"?><a/>";
    struct Case {
        std::string bytes;
        const char* named;
    };
    const Case cases[] = {
        {std::string("\xFF\xFE\0\0", 4) + utf32(xml, false), "UTF-32 little-endian (có BOM)"},
        {std::string("\0\0\xFE\xFF", 4) + utf32(xml, true), "UTF-32 big-endian (có BOM)"},
        {"\xFF\xFE" + utf16(xml, false), "UTF-16 little-endian (có BOM)"},
        {"\xFE\xFF" + utf16(xml, true), "UTF-16 big-endian (có BOM)"},
        {utf32(xml, false), "UTF-32 little-endian (không có BOM)"},
        {utf32(xml, true), "UTF-32 big-endian (không có BOM)"},
        {utf16(xml, false), "UTF-16 little-endian (không có BOM)"},
        {utf16("\n" + xml, true), "UTF-16 big-endian (không có BOM)"},
    };
    for (const Case& c : cases) {
        INFO(c.named);
        const core::Diagnostic d = refusal(c.bytes, "X002");
        CHECK_THAT(d.message, Contains(c.named));
        CHECK_THAT(d.message, Contains("UTF-8"));
    }
}

TEST_CASE("limits no schema needs are refused before parsing, with element and line",
          "[input][limits]") {
    SECTION("64 attributes pass, 65 are X006") {
        CHECK(parse("<a" + attributes(64) + "/>").ok);
        const core::Diagnostic d = refusal("<a>\n<b>\n<c" + attributes(65) + "/></b></a>", "X006");
        CHECK(d.where.line == 3);
        CHECK(d.field == "c");
        CHECK_THAT(d.message, Contains("hơn 64 thuộc tính"));
    }
    SECTION("200,000 attributes on one element are refused at once") {
        const std::string bytes = "<a" + attributes(200000) + "/>";
        const auto start = std::chrono::steady_clock::now();
        refusal(bytes, "X006");
        const auto took = std::chrono::steady_clock::now() - start;
        // A sanity bound, not a benchmark: libxml2 alone needs minutes for this file.
        CHECK(took < std::chrono::seconds(5));
    }
    SECTION("64 levels pass, 65 are X007") {
        CHECK(parse(repeat("<e>", 64) + repeat("</e>", 64)).ok);
        const core::Diagnostic d =
            refusal(repeat("<e>\n", 100000) + repeat("</e>", 100000), "X007");
        CHECK(d.where.line == 65);
        CHECK(d.field == "e");
    }
    SECTION("a text node or an attribute value over 100,000 bytes is X008") {
        CHECK(parse("<a><b>" + std::string(100000, 'x') + "</b></a>").ok);
        const core::Diagnostic text =
            refusal("<a>\n<name>" + repeat("Nguyễn ", 20000) + "</name></a>", "X008");
        CHECK(text.where.line == 2);
        CHECK(text.field == "name");
        // CDATA is text: it counts with the text around it.
        refusal("<a>" + std::string(60000, 'x') + "<![CDATA[" + std::string(60000, 'y') + "]]></a>",
                "X008");
        const core::Diagnostic attr =
            refusal("<a>\n<unit code=\"" + std::string(100001, 'A') + "\"/></a>", "X008");
        CHECK(attr.field == "unit/@code");
    }
    SECTION("markup inside comments, CDATA and values is not counted") {
        CHECK(parse("<a><!-- <b" + attributes(100) + "> --><![CDATA[<b" + attributes(100) +
                    ">]]></a>")
                  .ok);
    }
}

TEST_CASE("a syntax error says what is wrong and names the element or attribute (X001)",
          "[input][syntax]") {
    struct Case {
        std::string bytes;
        int line;
        std::string field;
        std::string reason;
    };
    const Case cases[] = {
        {"<dossier>\n<unit>\n<unitCode>HN&#0;01</unitCode></unit></dossier>", 3, "unitCode",
         "tham chiếu ký tự «&#0;» chỉ tới mã U+0000"},
        {"<dossier>\n<proposingUnit code=\"HN-P&#0;\"/></dossier>", 2, "proposingUnit/@code",
         "tham chiếu ký tự «&#0;»"},
        {"<a>\n<b>Đào\x01</b></a>", 2, "b", "ký tự điều khiển U+0001"},
        {"<a>\n<b x=\"1\" x=\"2\"/></a>", 2, "b/@x", "thuộc tính «x» xuất hiện hai lần"},
        {"<a>\n<b>&nbsp;</b></a>", 2, "b", "tham chiếu thực thể (entity) «&nbsp;»"},
        {"<a>\n<b>Công ty A & B</b></a>", 2, "b", "ký tự «&» phải viết là «&amp;»"},
        {"<a>\n<b>x</c></a>", 2, "b", "thẻ đóng </c> không khớp với thẻ mở <b> ở dòng 2"},
        {"<a>\n<b>\n<c>cắt", 3, "c", "tệp hết khi phần tử <c> (mở ở dòng 3) chưa đóng"},
        {"<a>\n<b x=\"1></b></a>", 2, "b/@x", "giá trị thuộc tính chứa «<»"},
        {"<a/>\n<b/>", 2, "", "có nội dung sau thẻ đóng của phần tử gốc"},
        {"<a>\n<!-- chú thích </a>", 2, "a", "chú thích «<!--» không có «-->» đóng"},
    };
    for (const Case& c : cases) {
        INFO(c.bytes);
        const core::Diagnostic d = refusal(c.bytes, "X001");
        CHECK(d.where.line == c.line);
        CHECK(d.field == c.field);
        CHECK_THAT(d.message, StartsWith("XML không đúng cú pháp: "));
        CHECK_THAT(d.message, Contains(c.reason));
    }
}

TEST_CASE("XmlLocator: positions in document order, and out of order", "[input][syntax]") {
    const std::string bytes = "<a>\n<b x=\"1\">text</b>\n<c/>\n</a>";
    core::XmlLocator at(bytes);
    CHECK(at.fieldAt(1, 3) == "a");    // inside <a itself: the tag is being read
    CHECK(at.fieldAt(2, 8) == "b/@x"); // the value of x
    CHECK(at.fieldAt(2, 14) == "b");   // the text of b
    CHECK(at.fieldAt(3, 1) == "a");    // between b and c
    CHECK(at.fieldAt(2, 14) == "b");   // back again: walked from the start
    CHECK(at.fieldAt(4, 5) == "");     // after </a>: every element closed
}

TEST_CASE("a flood of one schema error is listed 100 times and summed up once (X011)",
          "[input][flood]") {
    const fs::path dir = tempDir();
    std::ofstream(dir / "t.xsd") << R"(<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="list"><xs:complexType><xs:sequence>
    <xs:element name="n" type="xs:int" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>)";
    auto schema = core::XmlSchema::load(dir / "t.xsd");
    REQUIRE(schema.ok());
    // 70,000 lines: line numbers past 65,535 stay right.
    std::string bytes = "<list>\n" + repeat("<n>1</n>\n", 69000) + repeat("<n>x</n>\n", 300) +
                        "<n>y</n>\n</list>\n";
    core::Diagnostics diags;
    auto doc = schema->parseAndValidate(bytes, "flood.xml", diags);
    REQUIRE_FALSE(doc.ok());
    std::size_t listed = 0;
    std::vector<core::Diagnostic> summaries;
    for (const auto& d : diags.items()) {
        (d.code == "X011" ? summaries.push_back(d) : void(++listed));
    }
    CHECK(listed == 101); // 100 × «x», 1 × «y»
    CHECK(diags.items()[0].where.line == 69002);
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].field == "n");
    CHECK(summaries[0].where.line == 69102);
    CHECK_THAT(summaries[0].message,
               StartsWith("còn 200 lỗi giống hệt lỗi trên (dòng 69102–69301)"));

    // 1,200 different errors: 1,000 listed, the rest summed up as others.
    std::string different = "<list>\n";
    for (int i = 0; i < 1200; ++i) {
        different += "<n>x" + std::to_string(i) + "</n>\n";
    }
    core::Diagnostics many;
    REQUIRE_FALSE(schema->parseAndValidate(different + "</list>\n", "many.xml", many).ok());
    REQUIRE(many.items().size() == 1001);
    CHECK(many.items().back().code == "X011");
    CHECK(many.items().back().field.empty());
    CHECK_THAT(many.items().back().message, StartsWith("còn 200 lỗi khác (dòng 1002–1201)"));
    fs::remove_all(dir);
}

TEST_CASE("operating-system errors are Vietnamese, never strerror's English", "[input][errno]") {
    for (int e : {ENOSPC, EACCES, EPERM, EROFS, ENOENT, EEXIST, EISDIR, ENOTDIR, EMFILE,
                  ENAMETOOLONG, EIO, EDQUOT, EXDEV, ENFILE, ELOOP, ENOMEM, EBUSY}) {
        INFO(e);
        const std::string text = core::systemErrorText(e);
        CHECK_FALSE(text.empty());
        CHECK(text != std::strerror(e));
        CHECK(text.find("lỗi hệ thống") == std::string::npos); // each has its own wording
    }
    CHECK(core::systemErrorText(ENOSPC) == "ổ đĩa đã hết chỗ trống");
    CHECK(core::systemErrorText(ENOLINK) == "lỗi hệ thống ENOLINK");
    CHECK(core::systemErrorText(0) == "lỗi không rõ nguyên nhân");
    CHECK(core::systemErrorText(boost::system::error_code(
              EACCES, boost::system::system_category())) == core::systemErrorText(EACCES));
}

TEST_CASE("readFile: the reason in Vietnamese, a folder refused, a size limit before reading",
          "[input][read]") {
    const fs::path dir = tempDir();
    auto missing = core::readFile(dir / "khong-co.xml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == core::ErrorKind::InputMissing);
    CHECK(missing.error().message == "không mở được tệp: không có tệp hoặc thư mục này");

    auto folder = core::readFile(dir);
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message == "không mở được tệp: đây là một thư mục, không phải tệp");

    std::ofstream(dir / "big.xml") << std::string(3 * 1024 * 1024 + 1, 'x');
    auto big = core::readFile(dir / "big.xml", 3 * core::kMegabyte);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == "C006");
    CHECK(big.error().kind == core::ErrorKind::InputRejected);
    CHECK(big.error().message == "tệp lớn 3,1 MB, quá giới hạn 3 MB");
    CHECK(core::readFile(dir / "big.xml", 4 * core::kMegabyte).ok());

    if (::geteuid() != 0) { // root reads anything
        std::ofstream(dir / "locked.xml") << "<a/>";
        fs::permissions(dir / "locked.xml", fs::no_perms);
        auto locked = core::readFile(dir / "locked.xml");
        REQUIRE_FALSE(locked.ok());
        CHECK_THAT(locked.error().message, Contains("không có quyền truy cập"));
    }
    CHECK(core::megabytes(100 * core::kMegabyte) == "100 MB");
    CHECK(core::megabytes(core::kMegabyte + 1) == "1,1 MB");
    fs::remove_all(dir);
}

TEST_CASE("TDKT_MAX_DOSSIER_MB sets the dossier size limit; a bad value is a setting problem",
          "[input][environment]") {
    ::unsetenv("TDKT_MAX_DOSSIER_MB");
    CHECK(core::Environment::fromProcess().maxDossierBytes == 32 * core::kMegabyte);
    ::setenv("TDKT_MAX_DOSSIER_MB", "1", 1);
    CHECK(core::Environment::fromProcess().maxDossierBytes == core::kMegabyte);
    CHECK(core::Environment::fromProcess().settingProblem.empty());
    for (const char* bad : {"0", "-5", "abc", "12MB", "5000"}) {
        INFO(bad);
        ::setenv("TDKT_MAX_DOSSIER_MB", bad, 1);
        const core::Environment env = core::Environment::fromProcess();
        CHECK_THAT(env.settingProblem, Contains("TDKT_MAX_DOSSIER_MB"));
        CHECK(env.maxDossierBytes == 32 * core::kMegabyte);
    }
    ::unsetenv("TDKT_MAX_DOSSIER_MB");
}

TEST_CASE("text for a terminal shows control, bidi and invisible characters escaped",
          "[input][terminal]") {
    CHECK(core::terminalSafe("Nguyễn Thị Đào, Hòa, m², ½") == "Nguyễn Thị Đào, Hòa, m², ½");
    CHECK(core::terminalSafe("Nguy\u202Eễn") == "Nguy«\\u202E»ễn");
    CHECK(core::terminalSafe("a\u200Bb\u2066c\u2069d\u200Ee\uFEFF") ==
          "a«\\u200B»b«\\u2066»c«\\u2069»d«\\u200E»e«\\uFEFF»");
    CHECK(core::terminalSafe("\x1B[2J\x7F\xC2\x9B") == "«\\u001B»[2J«\\u007F»«\\u009B»");
    CHECK(core::terminalSafe("a\nb\tc\r") == "a«\\u000A»b«\\u0009»c«\\u000D»");
    CHECK(core::terminalSafe("a\nb", core::Newlines::Keep) == "a\nb");
    CHECK(core::terminalSafe("Nguy\xEAn") == "Nguy«\\xEA»n"); // not UTF-8

    const core::Diagnostic note{core::Severity::Note,
                                "N001",
                                {"ds\u202E.xml", 7, 0},
                                "fullName",
                                "«Nguyễn\u202E Văn An» → «Nguyễn Văn An» (bỏ ký tự ẩn)"};
    CHECK(core::format(note) == "ds«\\u202E».xml:7: ghi chú [N001] fullName: «Nguyễn«\\u202E» "
                                "Văn An» → «Nguyễn Văn An» (bỏ ký tự ẩn)");
    // An error's details stay one line each.
    core::Error e = core::makeError(core::ErrorKind::InputRejected, "V000", "hồ sơ\nbị từ chối");
    e.details.push_back({core::Severity::Error, "V001", {"a.xml", 2, 0}, {}, "x\u202Ey"});
    CHECK(core::format(e) ==
          "lỗi [V000] hồ sơ«\\u000A»bị từ chối\na.xml:2: lỗi [V001] x«\\u202E»y");
}
