// core's small writers: the Excel CSV every clerk-facing CSV goes through, and the incremental
// digest (checked against known SHA-256 values and against the one-shot function).
#include "pipeline/core/excel_csv.hpp"
#include "pipeline/core/sha256.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;

TEST_CASE("ExcelCsv: BOM, semicolons, CRLF, quoting only where needed", "[core][csv]") {
    core::ExcelCsv csv({"STT", "Họ và tên"});
    csv.row({"1", "Nguyễn Thị Đào"});
    csv.row({"2", "Tổ \"Văn\"; khối 6"});
    csv.row({"3", "hai\ndòng"});
    csv.row({"4", ""});
    CHECK(csv.text() == "\xEF\xBB\xBFSTT;Họ và tên\r\n"
                        "1;Nguyễn Thị Đào\r\n"
                        "2;\"Tổ \"\"Văn\"\"; khối 6\"\r\n"
                        "3;\"hai\ndòng\"\r\n"
                        "4;\r\n");
    CHECK(core::csvCell("a,b") == "a,b"); // ',' is not the separator
    CHECK(core::csvCell("x\r") == "\"x\r\"");
}

TEST_CASE("Digest: incremental SHA-256 equals the one-shot value", "[core][digest]") {
    auto d = core::Digest::sha256();
    d.update("ab", 2);
    d.update("c", 1);
    const std::string abc = d.finishHex();
    CHECK(abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(core::sha256Hex("abc") == abc);
    CHECK(core::Digest::sha256().finishHex() ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    auto md5 = core::Digest::create("md5");
    REQUIRE(md5);
    md5->update("abc", 3);
    CHECK(md5->finishHex() == "900150983cd24fb0d6963f7d28e17f72");
    auto unknown = core::Digest::create("no-such-digest");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "C005");
}
