// Hostile and huge dossiers (issue 10) through the real binary: every one is refused by
// `tdkt validate` and `tdkt issue` with exit 65 (66 for a path that is no file), one Vietnamese
// diagnostic naming the file (and the line and element where there are some), nothing filed
// into the archive, and within seconds — the 200,000-attribute file took over 400 s before.
// The small inputs are tests/data/hostile/ (its README lists every case); the large and binary
// ones are made here from an example dossier.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using Catch::Contains;
namespace fs = tdkt::fs;

namespace {

const std::string kExample = "examples/truong-thcs-nguyen-trai.xml";

struct Refusal {
    std::string code;  // "X006"
    int line = 0;      // 0: the whole file (no line)
    std::string field; // the element or attribute named, if any
    std::string says;  // a phrase of the message
    int exitCode = 65;
};

std::string example() {
    return e2e::readAll(e2e::repo(kExample));
}

fs::path write(const e2e::TempDir& tmp, const std::string& name, const std::string& bytes) {
    const fs::path file = tmp.path / name;
    std::ofstream(file.string(), std::ios::binary) << bytes;
    return file;
}

int lineAt(const std::string& text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The example with `insert` put at the start of the first <achievement>'s text.
std::string withAchievement(const std::string& insert, int* line) {
    std::string text = example();
    const std::size_t at = text.find("<achievement>") + std::string("<achievement>").size();
    *line = lineAt(text, at);
    return text.insert(at, insert);
}

// Runs validate, then issue into a fresh archive, and checks the one refusal both give.
void refused(const fs::path& file, const Refusal& r) {
    e2e::TempDir tmp;
    const fs::path archive = tmp.path / "kho";
    const std::vector<std::vector<std::string>> commands = {
        {"validate", file.string()}, {"issue", file.string(), "--archive", archive.string()}};
    for (const auto& args : commands) {
        const auto start = std::chrono::steady_clock::now();
        const e2e::Run run = e2e::runTdkt(args);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        INFO("tdkt " << args[0] << " " << file.filename().string() << ": " << took.count() << " s\n"
                     << run.out << run.err);
        CHECK(run.exitCode == r.exitCode);
        const std::string where =
            file.string() + (r.line > 0 ? ":" + std::to_string(r.line) : std::string());
        CHECK_THAT(run.err, Contains(where + ": lỗi [" + r.code + "] " +
                                     (r.field.empty() ? std::string() : r.field + ": ")));
        CHECK_THAT(run.err, Contains(r.says));
        // One diagnostic of the kind, however large the file.
        std::size_t n = 0;
        for (std::size_t at = 0; (at = run.err.find("[" + r.code + "]", at)) != std::string::npos;
             ++at) {
            ++n;
        }
        CHECK(n == 1);
        for (const char* english : {"rror", "denied", "No such", "expected", "Premature"}) {
            CHECK(run.err.find(english) == std::string::npos);
        }
        CHECK(took.count() < 10.0); // a sanity bound, not a benchmark
    }
    CHECK(e2e::findFiles(archive, "bagit.txt").empty());
}

} // namespace

TEST_CASE("hostile: 200,000 attributes on one element are refused at once (X006)") {
    e2e::TempDir tmp;
    std::string attributes;
    for (int i = 0; i < 200000; ++i) {
        attributes += " a" + std::to_string(i) + "=\"x\"";
    }
    std::string text = example();
    const std::size_t at = text.find("schemaVersion=\"1.0\"") + 19;
    const int line = lineAt(text, at);
    refused(write(tmp, "attributes.xml", text.insert(at, attributes)),
            {"X006", line, "dossier", "có hơn 64 thuộc tính"});
}

TEST_CASE("hostile: deep nesting and a huge text node are refused before parsing") {
    e2e::TempDir tmp;
    int line = 0;
    std::string open, close;
    for (int i = 0; i < 100000; ++i) {
        open += "<x>";
        close += "</x>";
    }
    const std::string deep = withAchievement(open + close, &line);
    refused(write(tmp, "deep.xml", deep), {"X007", line, "x", "lồng sâu quá 64 cấp"});

    std::string huge;
    while (huge.size() < 1000000) {
        huge += "Lãnh đạo nhà trường hoàn thành xuất sắc nhiệm vụ. ";
    }
    const std::string text = withAchievement(huge, &line);
    refused(write(tmp, "text.xml", text), {"X008", line, "achievement", "dài hơn 100000 byte"});
}

TEST_CASE("hostile: a dossier over the size limit is refused unread (X009)") {
    e2e::TempDir tmp;
    // 2 MB against TDKT_MAX_DOSSIER_MB=1 (the variable reaches tdkt through popen's shell).
    std::string text = example();
    text.insert(text.find("?>") + 2, "\n<!--" + std::string(2 * 1024 * 1024, ' ') + "-->");
    ::setenv("TDKT_MAX_DOSSIER_MB", "1", 1);
    refused(write(tmp, "lon.xml", text), {"X009", 0, "", "lớn 2,1 MB, quá giới hạn 1 MB"});
    ::unsetenv("TDKT_MAX_DOSSIER_MB");

    // 100 MB against the default 32 MB: a sparse file, since its bytes are never read.
    const fs::path big = write(tmp, "rat-lon.xml", example());
    fs::resize_file(big, 100u * 1024u * 1024u);
    refused(big, {"X009", 0, "", "lớn 100 MB, quá giới hạn 32 MB"});
}

TEST_CASE("hostile: other encodings and other file formats are named for what they are") {
    e2e::TempDir tmp;
    const std::string source = e2e::quote(e2e::repo(kExample));
    const fs::path utf32 = tmp.path / "utf32.xml";
    e2e::shell("printf '\\377\\376\\0\\0' > " + e2e::quote(utf32.string()) +
               " && iconv -f UTF-8 -t UTF-32LE " + source + " >> " + e2e::quote(utf32.string()));
    refused(utf32, {"X002", 1, "", "UTF-32 little-endian (có BOM)"});
    const fs::path utf16 = tmp.path / "utf16.xml";
    e2e::shell("iconv -f UTF-8 -t UTF-16BE " + source + " > " + e2e::quote(utf16.string()));
    refused(utf16, {"X002", 1, "", "UTF-16 big-endian (không có BOM)"});

    // An Excel workbook: a zip whose first entry is in xl/.
    const std::string zip = std::string("PK\x03\x04\x14\0\0\0\x08\0", 10) + std::string(16, '\0') +
                            std::string("\x0F\0\0\0", 4) + "xl/workbook.xml";
    refused(write(tmp, "danh-sach.xml", zip), {"X005", 1, "", "tệp Excel (.xlsx"});

    const fs::path pdf = tmp.path / "to-trinh.xml";
    fs::copy_file(e2e::repo("examples/documents/to-trinh-12-ttr-ubnd.pdf"), pdf);
    refused(pdf, {"X005", 1, "", "đây là tệp PDF"});
}

TEST_CASE("hostile: syntax errors give the reason and the element") {
    refused(e2e::repo("tests/data/hostile/nul-in-unit-code.xml"),
            {"X001", 4, "proposingUnit/@code", "tham chiếu ký tự «&#0;» chỉ tới mã U+0000"});
    refused(e2e::repo("tests/data/hostile/truncated.xml"),
            {"X001", 31, "birthYear", "tệp hết khi phần tử <birthYear> (mở ở dòng 31) chưa đóng"});
}

TEST_CASE("hostile: entity expansion and external entities stay refused (X004)") {
    refused(e2e::repo("tests/data/hostile/billion-laughs.xml"),
            {"X004", 2, "", "khai báo DOCTYPE/ENTITY"});
    refused(e2e::repo("tests/data/hostile/external-entity.xml"),
            {"X004", 6, "", "khai báo DOCTYPE/ENTITY"});
}

TEST_CASE("hostile: a folder or an unreadable file instead of a dossier") {
    e2e::TempDir tmp;
    const fs::path folder = tmp.path / "thu-muc.xml";
    fs::create_directory(folder);
    refused(folder, {"U010", 0, "", "không tìm thấy tệp hồ sơ", 66});

    if (::geteuid() == 0) {
        WARN("chạy với quyền root: root đọc được mọi tệp, bỏ qua trường hợp chmod 000");
        return;
    }
    const fs::path locked = write(tmp, "khoa.xml", example());
    fs::permissions(locked, fs::no_perms);
    refused(locked, {"C003", 0, "", "không mở được tệp: không có quyền truy cập"});
}

TEST_CASE("hostile: a bidi control in a name is shown escaped in the change note") {
    e2e::TempDir tmp;
    std::string text = example();
    const std::string name = "Đinh Thị Thanh Hà";
    text.replace(text.find(name), name.size(), "Đinh Thị\u202E Thanh Hà");
    const fs::path file = write(tmp, "bidi.xml", text);
    const e2e::Run run = e2e::runTdkt({"validate", file.string()});
    INFO(run.out << run.err);
    CHECK(run.exitCode == 0);
    CHECK_THAT(run.out, Contains("fullName: «Đinh Thị«\\u202E» Thanh Hà» → «Đinh Thị Thanh Hà»"));
    CHECK(run.out.find("\u202E") == std::string::npos);
    CHECK(run.err.find("\u202E") == std::string::npos);
}
