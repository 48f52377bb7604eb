// The command line as a clerk meets it: help, usage errors, exit codes, rejected input.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

using e2e::runTdkt;

TEST_CASE("help lists every command in Vietnamese") {
    auto r = runTdkt({"--help"});
    CHECK(r.exitCode == 0);
    for (const char* c : {"validate", "issue", "search", "verify", "reindex"}) {
        CHECK(r.out.find(c) != std::string::npos);
    }
    CHECK(r.out.find("Mã thoát") != std::string::npos);
    auto h = runTdkt({"issue", "--help"});
    CHECK(h.exitCode == 0);
    CHECK(h.out.find("--archive") != std::string::npos);
}

TEST_CASE("usage errors exit 64 with a Vietnamese message") {
    auto unknown = runTdkt({"frobnicate"});
    CHECK(unknown.exitCode == 64);
    CHECK(unknown.err.find("lệnh không hợp lệ") != std::string::npos);

    auto badOption = runTdkt({"verify", "--archive", "/tmp/x", "--bogus"});
    CHECK(badOption.exitCode == 64);
    CHECK(badOption.err.find("tùy chọn không hợp lệ") != std::string::npos);

    auto noArchive = runTdkt({"issue", "examples/truong-thcs-nguyen-trai.xml"});
    CHECK(noArchive.exitCode == 64);
    CHECK(noArchive.err.find("--archive") != std::string::npos);

    auto noArgs = runTdkt({});
    CHECK(noArgs.exitCode == 64);
}

TEST_CASE("a missing dossier exits 66 naming the file") {
    auto r = runTdkt({"validate", "khong-co-tep-nay.xml"});
    CHECK(r.exitCode == 66);
    CHECK(r.err.find("khong-co-tep-nay.xml") != std::string::npos);
}

TEST_CASE("the bundled examples validate, with the normalisation changes listed") {
    auto r = runTdkt({"validate", "examples/truong-thcs-nguyen-trai.xml",
                      "examples/phuong-cau-giay.xml", "examples/so-y-te.xml"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("Đã kiểm tra 3 hồ sơ: 3 hợp lệ") != std::string::npos);
    // The examples hold clerk-typed quirks (NFD, double spaces, zero-width spaces).
    CHECK(r.out.find("[N001]") != std::string::npos);
}

TEST_CASE("rejected dossiers exit 65 and write nothing to the archive") {
    e2e::TempDir tmp;
    const std::string archive = (tmp.path / "kho").string();
    struct Case {
        const char* file;
        const char* expect;
    } cases[] = {
        {"tests/data/e2e/malformed.xml", "[X001]"},
        {"tests/data/e2e/schema-invalid.xml", "[X010]"},
        {"tests/data/e2e/xxe.xml", "[X004]"},
        {"tests/data/e2e/latin1.xml", "[X002]"},
    };
    for (const auto& c : cases) {
        auto r = runTdkt({"issue", c.file, "--archive", archive, "--date", "2026-01-15"});
        INFO(c.file << "\n" << r.err);
        CHECK(r.exitCode == 65);
        CHECK(r.err.find(c.file) != std::string::npos);
        CHECK(r.err.find(c.expect) != std::string::npos);
        CHECK(r.err.find("/etc/passwd") == std::string::npos);
        CHECK(e2e::findFiles(archive, "bagit.txt").empty());
        CHECK(e2e::findFiles(archive, "decision.pdf").empty());
    }
    // A good dossier in the same batch as a bad one is not issued either.
    auto mixed = runTdkt({"issue", "examples/so-y-te.xml", "tests/data/e2e/schema-invalid.xml",
                          "--archive", archive});
    CHECK(mixed.exitCode == 65);
    CHECK(e2e::findFiles(archive, "bagit.txt").empty());
}

TEST_CASE("the tone style is chosen on the command line") {
    auto classic = runTdkt({"validate", "examples/truong-thcs-nguyen-trai.xml"});
    CHECK(classic.exitCode == 0);
    CHECK(classic.out.find("«Nguyễn Thị Hoà» → «Nguyễn Thị Hòa» (sửa vị trí dấu thanh)") !=
          std::string::npos);
    auto textbook =
        runTdkt({"validate", "examples/truong-thcs-nguyen-trai.xml", "--tone-style=new"});
    CHECK(textbook.exitCode == 0);
    CHECK(textbook.out.find("«Giáo viên Hóa học» → «Giáo viên Hoá học»") != std::string::npos);
    CHECK(textbook.out.find("→ «Nguyễn Thị Hòa»") == std::string::npos);
    auto bad = runTdkt({"issue", "examples/so-y-te.xml", "--archive", "/tmp/unused-archive",
                        "--tone-style=sideways"});
    CHECK(bad.exitCode == 64);
    CHECK(bad.err.find("--tone-style") != std::string::npos);
}
