// `tdkt history import`: awards of before tdkt from a CSV file into an archive, under the real
// binary — kept across reindex, imported once, a bad file refused without a trace, verified.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

const std::string kSample = "examples/lich-su-khen-thuong.csv"; // 21 awards

// Every file of the archive with its bytes (the lock file aside: it is empty).
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> out;
    boost::system::error_code ec;
    if (!fs::exists(root, ec)) {
        return out;
    }
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (fs::is_regular_file(it->path())) {
            out[it->path().lexically_relative(root).generic_string()] = e2e::readAll(it->path());
        }
    }
    return out;
}

std::size_t countHits(const std::string& archive, const std::string& query) {
    auto r = runTdkt({"search", query, "--archive", archive, "--json"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return e2e::count(r.out, "\"decisionNumber\"");
}

} // namespace

TEST_CASE("history import: kept by reindex, imported once, searchable, verified",
          "[e2e][history]") {
    e2e::TempDir tmp;
    const std::string kho = (tmp.path / "kho").string();

    auto first = runTdkt({"history", "import", kSample, "--archive", kho});
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.find("Đã nhập 21 khen thưởng từ " + kSample) != std::string::npos);

    auto search = runTdkt({"search", "le thi mai huong", "--archive", kho, "--json"});
    REQUIRE(search.exitCode == 0);
    CHECK(e2e::count(search.out, "\"decisionNumber\"") == 3);
    CHECK(search.out.find("\"decisionPath\": \"history/") != std::string::npos);
    CHECK(countHits(kho, "Nguyễn Văn Sáu") == 2); // a household, by its head's name

    // The same file again: recognised, nothing changes.
    const auto before = snapshot(kho);
    auto again = runTdkt({"history", "import", kSample, "--archive", kho, "--json"});
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.find("\"alreadyImported\": true") != std::string::npos);
    CHECK(again.out.find("\"imported\": 0") != std::string::npos);
    CHECK(snapshot(kho) == before);
    CHECK(e2e::count(e2e::readAll(fs::path(kho) / "journal"), "\"action\":\"import\"") == 1);

    // The index is rebuilt from the tree: the imported awards are still there.
    fs::remove(fs::path(kho) / "index.sqlite");
    auto reindex = runTdkt({"reindex", "--archive", kho});
    INFO(reindex.err);
    REQUIRE(reindex.exitCode == 0);
    CHECK(reindex.out.find(": 21 người/tập thể") != std::string::npos);
    CHECK(countHits(kho, "le thi mai huong") == 3);

    auto verify = runTdkt({"verify", "--archive", kho});
    INFO(verify.out + verify.err);
    CHECK(verify.exitCode == 0);
}

TEST_CASE("history import of a bad file exits 65 and leaves the archive as it was",
          "[e2e][history]") {
    e2e::TempDir tmp;
    const std::string kho = (tmp.path / "kho").string();
    REQUIRE(runTdkt({"history", "import", kSample, "--archive", kho}).exitCode == 0);
    const auto before = snapshot(kho);

    const fs::path bad = tmp.path / "sai.csv";
    std::ofstream(bad.string(), std::ios::binary)
        << "Họ tên;Hình thức khen thưởng;Năm;Số quyết định;Ngày quyết định\r\n"
           "Lê Văn An;Lao động tiên tiến;2019;12/QĐ-UBND;15/01/2020\r\n"
           "Trần Thị Bình;LĐTT;2019;;15/01/2020\r\n"
           "Đỗ Văn Cường;LĐTT;hai nghìn;12/QĐ-UBND;2020-02-30\r\n";
    auto r = runTdkt({"history", "import", bad.string(), "--archive", kho});
    CHECK(r.exitCode == 65);
    CHECK(r.err.find(bad.string() + ":3: lỗi [A405] số quyết định: thiếu giá trị bắt buộc") !=
          std::string::npos);
    CHECK(r.err.find(bad.string() + ":4: lỗi [A406] năm:") != std::string::npos);
    CHECK(r.err.find(bad.string() + ":4: lỗi [A406] ngày quyết định:") != std::string::npos);
    CHECK(r.err.find("chưa nhập dòng nào") != std::string::npos);
    CHECK(snapshot(kho) == before);
    CHECK(countHits(kho, "le van an") == 0); // the good row is not imported either

    // Into an archive that does not exist yet: nothing is created.
    const std::string fresh = (tmp.path / "moi").string();
    CHECK(runTdkt({"history", "import", bad.string(), "--archive", fresh}).exitCode == 65);
    CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("history import beside filed decisions: both found, verify passes", "[e2e][history]") {
    e2e::TempDir tmp;
    const std::string kho = e2e::filledArchive(tmp);
    const std::size_t filed = countHits(kho, "Nguyễn");
    REQUIRE(filed > 0);
    auto r = runTdkt({"history", "import", kSample, "--archive", kho});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(countHits(kho, "Nguyễn Hoàng Sơn") == 3);
    CHECK(countHits(kho, "Nguyễn") > filed);
    auto verify = runTdkt({"verify", "--archive", kho});
    INFO(verify.out + verify.err);
    CHECK(verify.exitCode == 0);
}
