// `tdkt text ...`: the line filter other tools call. One output line per input line, in order.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace {

struct Filtered {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Feeds `input` (bytes, as is) to `tdkt text <args>` on standard input.
Filtered filter(const std::string& args, const std::string& input) {
    e2e::TempDir tmp;
    const std::string in = (tmp.path / "in").string();
    const std::string err = (tmp.path / "err").string();
    std::ofstream(in, std::ios::binary) << input;
    Filtered f;
    f.out = e2e::shell(e2e::quote(TDKT_BINARY) + " text " + args + " <" + e2e::quote(in) + " 2>" +
                           e2e::quote(err),
                       &f.exitCode);
    f.err = e2e::readAll(err);
    return f;
}

} // namespace

TEST_CASE("text normalize writes one line per input line, in order") {
    const std::string input = "Nguyễn Thị Hoà\n"
                              "  UỶ  BAN\tNHÂN DÂN \n"
                              "\n"
                              "NguyÔn V\xC2\xA8n An\n" // TCVN3 read as Latin-1: "NguyÔn V¨n An"
                              "Nguye^~n Va(n Hu\xC3\xA2\xCC\x80ng\r\n" // VIQR mixed with NFD, CRLF
                              "Tô Hoài\n"
                              "Café Müller"; // last line without a newline
    const Filtered f = filter("normalize", input);
    CHECK(f.exitCode == 0);
    CHECK(f.err.empty());
    CHECK(f.out == "Nguyễn Thị Hòa\n"
                   "ỦY BAN NHÂN DÂN\n"
                   "\n"
                   "Nguyễn Văn An\n"
                   "Nguye^~n Va(n Huầng\n"
                   "Tô Hoài\n"
                   "Café Müller\n");
}

TEST_CASE("text normalize --tone-style=new puts the tone on the second vowel") {
    const Filtered f = filter("normalize --tone-style=new", "hòa khỏe thủy\nQuý Hoàng\n");
    CHECK(f.exitCode == 0);
    CHECK(f.out == "hoà khoẻ thuỷ\nQuý Hoàng\n");
    const Filtered classic = filter("normalize --tone-style=classic", "hoà khoẻ thuỷ\n");
    CHECK(classic.out == "hòa khỏe thủy\n");
}

TEST_CASE("text search-key, title-case and upper") {
    CHECK(filter("search-key", "Nguyễn Thị Đào\nThuỷ “Sao Đỏ”\n").out ==
          "nguyen thi dao\nthuy \"sao do\"\n");
    CHECK(filter("title-case", "NGUYỄN văn a\nđặng THỊ ánh\n").out ==
          "Nguyễn Văn A\nĐặng Thị Ánh\n");
    CHECK(filter("upper", "Nguyễn Thị Đào\n").out == "NGUYỄN THỊ ĐÀO\n");
}

TEST_CASE("text reports invalid UTF-8 by line number and passes the line through") {
    const Filtered f = filter("normalize", "An\nB\xFF"
                                           "c\nDũng\n");
    CHECK(f.exitCode == 0);
    CHECK(f.out == "An\nB\xEF\xBF\xBD"
                   "c\nDũng\n");
    CHECK(f.err.find("dòng 2:") != std::string::npos);
    CHECK(f.err.find("dòng 1:") == std::string::npos);
    CHECK(f.err.find("dòng 3:") == std::string::npos);
}

TEST_CASE("text streams a large input line by line") {
    std::string input;
    const int lines = 200000;
    for (int i = 0; i < lines; ++i) {
        input += i % 2 ? "Nguye\xCC\x82\xCC\x83n Văn Hoà\n" : "Trần Thị Bình\n";
    }
    const Filtered f = filter("normalize", input);
    CHECK(f.exitCode == 0);
    std::string expected;
    for (int i = 0; i < lines; ++i) {
        expected += i % 2 ? "Nguyễn Văn Hòa\n" : "Trần Thị Bình\n";
    }
    CHECK(f.out == expected);
}

TEST_CASE("text usage errors exit 64") {
    CHECK(filter("", "").exitCode == 64);
    CHECK(filter("frobnicate", "").exitCode == 64);
    const Filtered bad = filter("normalize --tone-style=modern", "x\n");
    CHECK(bad.exitCode == 64);
    CHECK(bad.err.find("--tone-style") != std::string::npos);
    CHECK(filter("upper --tone-style=new", "x\n").exitCode == 64);
}

TEST_CASE("validate shows each normalisation with its Vietnamese reason before printing") {
    e2e::TempDir tmp;
    std::string xml = e2e::readAll(e2e::repo("examples/truong-thcs-nguyen-trai.xml"));
    const std::string typed = "Nguyễn  Văn  Hùng";
    const auto at = xml.find(typed);
    REQUIRE(at != std::string::npos);
    xml.replace(at, typed.size(), "NguyÔn V\u00A8n H\u00EFng"); // typed in TCVN3 (ABC)
    const std::string file = (tmp.path / "tcvn3.xml").string();
    std::ofstream(file, std::ios::binary) << xml;
    const e2e::Run r = e2e::runTdkt({"validate", file});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    const std::string all = r.out + r.err;
    CHECK(all.find("«NguyÔn V\u00A8n H\u00EFng» → «Nguyễn Văn Hùng» (chuyển mã TCVN3 (ABC) → "
                   "Unicode)") != std::string::npos);
    CHECK(all.find("«Nguyễn Thị Hoà» → «Nguyễn Thị Hòa» (sửa vị trí dấu thanh)") !=
          std::string::npos);
}
