// The command line as a clerk meets it: help, usage errors, exit codes, rejected input.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <regex>
#include <vector>

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

namespace {

const std::string kDossier = "examples/truong-thcs-nguyen-trai.xml";

// build/tdkt with `env` ("NAME=value ..." for the shell) in front, in the repository root.
e2e::Run runWithEnv(const std::string& env, const std::vector<std::string>& args) {
    return e2e::runProgram("env " + env + " " + e2e::quote(TDKT_BINARY), args);
}

// tdkt-full beside build/tdkt: every command, where `tdkt` hands what it does not run itself.
e2e::Run runFull(const std::vector<std::string>& args) {
    return e2e::runProgram(
        e2e::quote((tdkt::fs::path(TDKT_BINARY).parent_path() / "tdkt-full").string()), args);
}

} // namespace

TEST_CASE("the general option --data-dir works before the command and after it") {
    e2e::TempDir tmp;
    // A folder without schemas/ and config/: validating then fails naming it, which shows that
    // the option was taken.
    const std::string empty = (tmp.path / "khong-co-du-lieu").string();
    const std::string repo = TDKT_SOURCE_DIR;
    const std::vector<std::vector<std::string>> spellings = {
        {"--data-dir", "DIR", "validate", kDossier}, {"--data-dir=DIR", "validate", kDossier},
        {"validate", "--data-dir", "DIR", kDossier}, {"validate", kDossier, "--data-dir=DIR"},
        {"validate", kDossier, "--data-dir", "DIR"},
    };
    for (const auto& spelling : spellings) {
        auto with = [&](const std::string& dir) {
            std::vector<std::string> args;
            for (std::string a : spelling) {
                if (a == "DIR") {
                    a = dir;
                } else if (a == "--data-dir=DIR") {
                    a = "--data-dir=" + dir;
                }
                args.push_back(a);
            }
            return args;
        };
        auto bad = e2e::runTdkt(with(empty));
        INFO(spelling[0] << " " << spelling[1] << "\n" << bad.err);
        CHECK(bad.exitCode != 0);
        CHECK(bad.exitCode != 64);
        CHECK(bad.err.find(empty) != std::string::npos);
        auto good = e2e::runTdkt(with(repo));
        INFO(good.err);
        CHECK(good.exitCode == 0);
        CHECK(good.out.find("Đã kiểm tra 1 hồ sơ") != std::string::npos);
    }
}

TEST_CASE(
    "the general option --data-dir goes before TDKT_DATA_DIR, which goes before the default") {
    e2e::TempDir tmp;
    const std::string empty = (tmp.path / "khong-co-du-lieu").string();
    const std::string repo = TDKT_SOURCE_DIR;
    auto envOnly = runWithEnv("TDKT_DATA_DIR=" + e2e::quote(empty), {"validate", kDossier});
    CHECK(envOnly.exitCode != 0);
    CHECK(envOnly.err.find(empty) != std::string::npos);
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--data-dir", repo, "validate", kDossier},
                                               {"validate", kDossier, "--data-dir", repo}}) {
        auto r = runWithEnv("TDKT_DATA_DIR=" + e2e::quote(empty), args);
        INFO(r.err);
        CHECK(r.exitCode == 0);
    }
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--data-dir", empty, "validate", kDossier},
                                               {"validate", kDossier, "--data-dir", empty}}) {
        auto r = runWithEnv("TDKT_DATA_DIR=" + e2e::quote(repo), args);
        CHECK(r.exitCode != 0);
        CHECK(r.err.find(empty) != std::string::npos);
    }
}

TEST_CASE("the general option --help (-h) works before the command and after it") {
    for (const char* command : {"validate", "issue", "search", "verify", "text"}) {
        auto after = e2e::runTdkt({command, "--help"});
        INFO(command);
        CHECK(after.exitCode == 0);
        CHECK(after.out.find(std::string("Cách dùng: tdkt ") + command) != std::string::npos);
        for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
                 {"--help", command},
                 {"-h", command},
                 {command, "-h"},
                 {"help", command},
                 {"--data-dir", TDKT_SOURCE_DIR, "--help", command}}) {
            auto r = e2e::runTdkt(args);
            INFO(args[0] << " " << args[1]);
            CHECK(r.exitCode == 0);
            CHECK(r.out == after.out);
        }
    }
    auto main = e2e::runTdkt({"--help"});
    CHECK(main.exitCode == 0);
    CHECK(main.out.find("Tùy chọn chung (đặt trước hoặc sau tên lệnh)") != std::string::npos);
    CHECK(e2e::runTdkt({"-h"}).out == main.out);
    CHECK(e2e::runTdkt({"--data-dir", TDKT_SOURCE_DIR, "--help"}).out == main.out);
}

TEST_CASE("the general option --version works before the command and after it") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"--version"},
             {"--version", "validate"},
             {"validate", "--version"},
             {"--version", "search"},
             {"search", "--version"},
             {"search", "nguyen", "--archive", "/khong-co", "--version"},
             {"--data-dir", TDKT_SOURCE_DIR, "--version"},
             {"issue", kDossier, "--version", "--archive", "/khong-co"}}) {
        auto r = e2e::runTdkt(args);
        INFO(args[0]);
        CHECK(r.exitCode == 0);
        CHECK(r.out == "tdkt 0.1.0\n");
        CHECK(r.err.empty());
    }
}

TEST_CASE("options before the command other than the general ones exit 64 in Vietnamese") {
    struct Case {
        std::vector<std::string> args;
        const char* expect;
    } cases[] = {
        {{"--bogus", "validate", kDossier}, "tùy chọn không hợp lệ «bogus»"},
        {{"--archive", "/tmp/x", "search", "nguyen"}, "chỉ dùng được tùy chọn chung"},
        {{"-x", "--version"}, "tùy chọn không hợp lệ «x»"},
        {{"--data-dir"}, "tùy chọn «data-dir» cần một giá trị"},
        {{"--data-dir", "/a", "validate", "--data-dir", "/b", kDossier}, "«data-dir» bị lặp lại"},
        {{"search", "nguyen", "--archive", "/tmp/x", "--bogus"}, "tùy chọn không hợp lệ «bogus»"},
        {{"validate", kDossier, "--bogus"}, "tùy chọn không hợp lệ «bogus»"},
    };
    for (const auto& c : cases) {
        auto r = e2e::runTdkt(c.args);
        INFO(c.args[0] << "\n" << r.err);
        CHECK(r.exitCode == 64);
        CHECK(r.err.find(c.expect) != std::string::npos);
        CHECK(r.out.empty());
    }
}

TEST_CASE("search reads no schema, template or catalogue unless --award needs the catalogue") {
    e2e::TempDir tmp;
    const std::string archive = e2e::filledArchive(tmp);
    const std::string empty = (tmp.path / "khong-co-du-lieu").string();
    // No data folder at all: the quick `tdkt` searches the index and nothing else.
    auto plain = e2e::runTdkt({"--data-dir", empty, "search", "nguyen", "--archive", archive});
    INFO(plain.err);
    CHECK(plain.exitCode == 0);
    CHECK(plain.out.find("Nguyễn") != std::string::npos);
    // --award reads the catalogue (in tdkt-full) from the data folder given.
    auto award = e2e::runTdkt(
        {"--data-dir", empty, "search", "", "--award", "Giấy khen", "--archive", archive});
    CHECK(award.exitCode == 78);
    CHECK(award.err.find(empty) != std::string::npos);
    auto awardHere = e2e::runTdkt({"search", "", "--award", "Giấy khen", "--archive", archive,
                                   "--data-dir", TDKT_SOURCE_DIR});
    INFO(awardHere.err);
    CHECK(awardHere.exitCode == 0);
    CHECK(awardHere.out.find("Giấy khen") != std::string::npos);
}

TEST_CASE("tdkt answers a search exactly as tdkt-full does") {
    e2e::TempDir tmp;
    const std::string archive = e2e::filledArchive(tmp);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"search", "nguyen thi dao", "--archive", archive},
             {"search", "Đào", "--archive", archive, "--json"},
             {"search", "nguyen", "--archive", archive, "--year", "2026", "--limit", "3"},
             {"search", "", "--unit", "SYT-HN", "--archive", archive, "--all-versions"},
             {"search", "khong co ai", "--archive", archive},
             {"search", "nguyen", "--archive", tmp.path.string() + "/khong-co-kho"},
             {"search", "--archive", archive},
             {"search", "nguyen", "--archive", archive, "--limit", "x"},
             {"search", "--json", "dao", "--archive=" + archive, "--year=2026", "--limit", "2"},
             {"search", "nguyen", "--archive", archive, "--issuer", "UBND-TP-HANOI", "--number",
              "01/QĐ-UBND"},
             // What the quick program hands to tdkt-full gets the same answer either way.
             {"search", "nguyen", "--archive", archive, "--award", "Bằng khen"},
             {"search", "nguyen", "--archive"},
             {"search", "nguyen", "-a", archive},
             {"search", "nguyen", "--archive", archive, "--json", "--json"}}) {
        auto quick = e2e::runTdkt(args);
        auto full = runFull(args);
        INFO(args[1] << " " << args.back());
        CHECK(quick.exitCode == full.exitCode);
        CHECK(quick.out == full.out);
        CHECK(quick.err == full.err);
    }
    // The point of the quick program: none of the libraries only other commands need.
    const std::string libraries = e2e::shell("ldd " + e2e::quote(TDKT_BINARY));
    CHECK(libraries.find("libPoco") == std::string::npos);
    CHECK(libraries.find("libxml2") == std::string::npos);
    CHECK(libraries.find("libcrypto") == std::string::npos);
}

TEST_CASE("tdkt config check lists every unverified configuration fact with its file and line") {
    auto r = runTdkt({"config", "check"});
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    // The base salary from 01/07/2026 (config/award-money.xml line 22) is marked unverified.
    CHECK(r.out.find("config/award-money.xml:22: cảnh báo [M020] tiền thưởng baseSalary"
                     "[@from=\"2026-07-01\"]: chưa xác minh: amount=2530000") != std::string::npos);
    CHECK(r.out.find("căn cứ: NĐ 161/2026/NĐ-CP") != std::string::npos);
    CHECK(r.out.find("config/retention.xml:") != std::string::npos);
    CHECK(r.out.find("[A070]") != std::string::npos);
    CHECK(r.out.find("config/award-catalogue.xml:") != std::string::npos);
    CHECK(r.out.find("[K020]") != std::string::npos);
    // Each fact once: as many lines as the files mark.
    std::size_t marked = 0;
    for (const char* file : {"issuers.xml", "award-catalogue.xml", "award-money.xml",
                             "retention.xml", "rules.xml", "printers.xml"}) {
        static const std::regex comment("<!--[\\s\\S]*?-->");
        static const std::regex mark("verified=\"false\"|status=\"(unverified|probable)\"");
        const std::string text =
            std::regex_replace(e2e::readAll(e2e::repo(std::string("config/") + file)), comment, "");
        marked += static_cast<std::size_t>(
            std::distance(std::sregex_iterator(text.begin(), text.end(), mark), {}));
    }
    std::size_t lines = 0;
    const std::string facts = r.out.substr(0, r.out.find("\nQuy tắc kiểm tra hồ sơ"));
    for (std::size_t at = 0; (at = facts.find("\n", at)) != std::string::npos; ++at) {
        ++lines;
    }
    CHECK(lines == marked);
    // Every rule of config/rules.xml with its code, period and basis.
    CHECK(r.out.find("config/rules.xml:") != std::string::npos);
    CHECK(r.out.find("  L010  lỗi  từ 01/01/2024  Bằng khen cấp tỉnh cho cá nhân") !=
          std::string::npos);
    CHECK(r.out.find("  L021  lỗi  từ 01/01/2024 đến trước 01/07/2025") != std::string::npos);
    CHECK(r.out.find("(căn cứ: NĐ 152/2025/NĐ-CP, Điều 4)") != std::string::npos);
    CHECK(r.out.find("  L020  cảnh báo, chưa xác minh  ") != std::string::npos);

    auto json = runTdkt({"config", "check", "--json"});
    REQUIRE(json.exitCode == 0);
    CHECK(json.out.find("\"facts\"") != std::string::npos);
    CHECK(json.out.find("\"line\": 22,") != std::string::npos);
    CHECK(json.out.find("\"code\": \"L033\"") != std::string::npos);

    CHECK(runTdkt({"config", "verify"}).exitCode == 64);
}

TEST_CASE("tdkt config check names the broken configuration file and line, exit 78") {
    e2e::TempDir tmp;
    const tdkt::fs::path data = tmp.path / "data";
    tdkt::fs::create_directories(data);
    for (const char* dir : {"templates", "schemas", "config"}) {
        e2e::shell("cp -r " + e2e::quote(e2e::repo(dir)) + " " + e2e::quote(data.string()));
    }
    std::string money = e2e::readAll(data / "config" / "award-money.xml");
    const std::string salary = "amount=\"2530000\"";
    REQUIRE(money.find(salary) != std::string::npos);
    money.replace(money.find(salary), salary.size(), "amount=\"hai triệu\"");
    std::ofstream((data / "config" / "award-money.xml").string(), std::ios::binary) << money;
    auto r = runWithEnv("TDKT_DATA_DIR=" + e2e::quote(data.string()), {"config", "check"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 78);
    CHECK(r.err.find("award-money.xml: lỗi [M011]") != std::string::npos);
    // libxml2 gives the line where the start tag ends (the element runs over lines 22–23).
    CHECK(r.err.find("award-money.xml:23: lỗi [X010] baseSalary/@amount") != std::string::npos);
}

TEST_CASE("tdkt codes lists the registry of diagnostic codes") {
    auto all = runTdkt({"codes"});
    REQUIRE(all.exitCode == 0);
    CHECK(all.out.find("L005  lỗi  ") != std::string::npos);
    CHECK(all.out.find("A293  ghi chú  ") != std::string::npos);
    auto one = runTdkt({"codes", "R001", "--json"});
    CHECK(one.exitCode == 0);
    CHECK(one.out.find("\"code\": \"R001\"") != std::string::npos);
    CHECK(one.out.find("V006") == std::string::npos);
    CHECK(runTdkt({"codes", "Z999"}).exitCode == 65);
}
