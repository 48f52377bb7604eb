#include "pipeline/core/xml.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace tdkt;

namespace {

fs::path writeTemp(const std::string& name, const std::string& content) {
    fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-core-%%%%%%");
    fs::create_directories(dir);
    fs::path p = dir / name;
    std::ofstream(p.string(), std::ios::binary) << content;
    return p;
}

const char* kXsd = R"(<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t"
  elementFormDefault="qualified">
  <xs:element name="root">
    <xs:complexType><xs:sequence>
      <xs:element name="name" type="xs:string"/>
      <xs:element name="year" type="xs:int"/>
    </xs:sequence><xs:attribute name="id" type="xs:string" use="required"/></xs:complexType>
  </xs:element>
</xs:schema>)";

} // namespace

TEST_CASE("well-formed UTF-8 XML parses and keeps line numbers") {
    core::Diagnostics d;
    auto doc = core::parseXml("<a>\n<b>Nguyễn Thị Đào</b>\n</a>", "t.xml", d);
    REQUIRE(doc.ok());
    auto* b = core::xml::firstChild(doc->root(), "b");
    REQUIRE(b);
    CHECK(core::xml::text(b) == "Nguyễn Thị Đào");
    CHECK(core::xml::line(b) == 2);
}

TEST_CASE("malformed XML is rejected with file and line") {
    core::Diagnostics d;
    auto doc = core::parseXml("<a>\n<b></c>\n</a>", "bad.xml", d);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().kind == core::ErrorKind::InputRejected);
    REQUIRE(d.hasErrors());
    CHECK(d.items()[0].where.file == "bad.xml");
    CHECK(d.items()[0].where.line == 2);
    CHECK(core::format(d.items()[0]).find("bad.xml:2: lỗi [X001]") == 0);
}

TEST_CASE("DOCTYPE and external entities are refused before parsing") {
    core::Diagnostics d;
    auto doc = core::parseXml("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "
                              "\"file:///etc/passwd\">]>\n<a>&x;</a>",
                              "xxe.xml", d);
    REQUIRE_FALSE(doc.ok());
    CHECK(d.items()[0].code == "X004");
    CHECK(d.items()[0].where.line == 2);
}

TEST_CASE("non-UTF-8 bytes are rejected naming the line") {
    core::Diagnostics d;
    auto doc = core::parseXml("<a>\n<b>ok</b>\n<c>Nguy\xEAn</c></a>", "latin1.xml", d);
    REQUIRE_FALSE(doc.ok());
    CHECK(d.items()[0].code == "X002");
    CHECK(d.items()[0].where.line == 3);
    CHECK(core::firstInvalidUtf8Line("\xC0\xAF") == 1); // overlong
    CHECK(core::firstInvalidUtf8Line("ổn định") == 0);
}

TEST_CASE("a declared legacy encoding is rejected") {
    core::Diagnostics d;
    auto doc = core::parseXml("<?xml version=\"1.0\" encoding=\"windows-1258\"?><a/>", "e.xml", d);
    REQUIRE_FALSE(doc.ok());
    CHECK(d.items()[0].code == "X003");
}

TEST_CASE("schema validation reports every error with its line") {
    fs::path xsd = writeTemp("t.xsd", kXsd);
    auto schema = core::XmlSchema::load(xsd);
    REQUIRE(schema.ok());
    core::Diagnostics ok;
    CHECK(schema
              ->parseAndValidate(
                  "<root xmlns=\"urn:t\" id=\"a\"><name>x</name><year>2026</year></root>", "ok.xml",
                  ok)
              .ok());
    CHECK(ok.empty());

    core::Diagnostics d;
    auto bad = schema->parseAndValidate(
        "<root xmlns=\"urn:t\">\n<name>x</name>\n<year>năm</year>\n</root>", "bad.xml", d);
    REQUIRE_FALSE(bad.ok());
    REQUIRE(d.errorCount() == 2); // missing @id and a bad int
    bool sawYear = false;
    for (const auto& item : d.items()) {
        if (item.field == "year") {
            sawYear = true;
            CHECK(item.where.line == 3);
            CHECK(item.message.find("không đúng kiểu dữ liệu") != std::string::npos);
        }
    }
    CHECK(sawYear);
}

TEST_CASE("a missing schema is a configuration error") {
    auto schema = core::XmlSchema::load("/nonexistent/x.xsd");
    REQUIRE_FALSE(schema.ok());
    CHECK(schema.error().kind == core::ErrorKind::Config);
}
