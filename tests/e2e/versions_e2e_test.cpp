// Corrected dossiers through the real binary: issuing a changed copy of a dossier files a new
// decision that supersedes the first; both bags stay, search shows the current version unless
// asked for all, verify accepts the chain and reindex derives the same index.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

const std::string kDossier = "examples/truong-thcs-nguyen-trai.xml"; // one Giấy khen decision

} // namespace

TEST_CASE("a corrected dossier is filed as a new decision that supersedes the old one",
          "[e2e][archive][versions]") {
    e2e::TempDir tmp;
    const fs::path archive = tmp.path / "kho";
    const fs::path original = tmp.path / "ho-so.xml";
    const fs::path corrected = tmp.path / "ho-so-dinh-chinh.xml";
    std::string text = e2e::readAll(e2e::repo(kDossier));
    std::ofstream(original.string(), std::ios::binary) << text;
    const std::string before = "Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp phường";
    const auto at = text.find(before);
    REQUIRE(at != std::string::npos);
    text.replace(at, before.size(), "Đạt giải Nhì Hội thi giáo viên dạy giỏi cấp quận");
    std::ofstream(corrected.string(), std::ios::binary) << text;

    auto first = runTdkt({"issue", original.string(), "--archive", archive.string()});
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.find("thay thế") == std::string::npos);

    // The same content again is recognised; the corrected one replaces it.
    auto again = runTdkt({"issue", original.string(), "--archive", archive.string()});
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.find("đã có trong kho, không cấp lại") != std::string::npos);

    auto second = runTdkt({"issue", corrected.string(), "--archive", archive.string()});
    INFO(second.out << second.err);
    REQUIRE(second.exitCode == 0);
    CHECK(second.out.find("\n  02/QĐ-") != std::string::npos);
    CHECK(second.out.find("thay thế Quyết định số 01/") != std::string::npos);

    const auto bags = e2e::findFiles(archive, "bagit.txt");
    REQUIRE(bags.size() == 2);
    const auto xmls = e2e::findFiles(archive, "decision.xml");
    int linking = 0;
    for (const auto& x : xmls) {
        linking += e2e::readAll(x).find("<supersedes bag=") != std::string::npos ? 1 : 0;
    }
    CHECK(linking == 1);
    const std::string journal = e2e::readAll(archive / "journal");
    CHECK(e2e::count(journal, "\"action\":\"supersede\"") == 1);
    CHECK(e2e::count(journal, "\"action\":\"file\"") == 2);

    // Search: the current version by default, both with --all-versions.
    auto current = runTdkt({"search", "thanh ha", "--archive", archive.string(), "--json"});
    REQUIRE(current.exitCode == 0);
    CHECK(e2e::count(current.out, "\"decisionNumber\"") == 1);
    CHECK(current.out.find("supersededBy") == std::string::npos);
    auto all =
        runTdkt({"search", "thanh ha", "--archive", archive.string(), "--json", "--all-versions"});
    REQUIRE(all.exitCode == 0);
    CHECK(e2e::count(all.out, "\"decisionNumber\"") == 2);
    CHECK(e2e::count(all.out, "\"supersededBy\"") == 1);
    auto table = runTdkt({"search", "thanh ha", "--archive", archive.string(), "--all-versions"});
    REQUIRE(table.exitCode == 0);
    CHECK(table.out.find("(đã được thay thế bởi 02/") != std::string::npos);

    auto verified = runTdkt({"verify", "--archive", archive.string()});
    INFO(verified.out << verified.err);
    CHECK(verified.exitCode == 0);

    auto re = runTdkt({"reindex", "--archive", archive.string()});
    REQUIRE(re.exitCode == 0);
    auto allAfter =
        runTdkt({"search", "thanh ha", "--archive", archive.string(), "--json", "--all-versions"});
    CHECK(allAfter.out == all.out);
    auto currentAfter = runTdkt({"search", "thanh ha", "--archive", archive.string(), "--json"});
    CHECK(currentAfter.out == current.out);
}
