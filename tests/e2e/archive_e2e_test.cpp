// The archive under real processes: several `tdkt issue` at once against one archive, runs
// killed with SIGKILL in the middle of filing, and `tdkt verify --bag` over the bags we write.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

using e2e::quote;
using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

const std::string kDossier = "examples/truong-thcs-nguyen-trai.xml"; // one Giấy khen decision

// A copy of the example for other teachers: the same names born i years earlier, groups of
// another campus (a different
// dossier for the archive, whose awards are not the earlier copies' awards a second time,
// which the rules would refuse: L026), with a comment naming the copy.
fs::path variant(const fs::path& dir, int i) {
    std::string text = e2e::readAll(e2e::repo(kDossier));
    const auto decl = text.find("?>");
    REQUIRE(decl != std::string::npos);
    text.insert(decl + 2, "\n<!-- bản " + std::to_string(i) + " -->");
    static const std::regex birthYear("<birthYear>([0-9]{4})</birthYear>");
    std::string shifted;
    auto last = text.cbegin();
    for (std::sregex_iterator it(text.begin(), text.end(), birthYear), end; it != end; ++it) {
        shifted.append(last, (*it)[0].first);
        shifted += "<birthYear>" + std::to_string(std::stoi((*it)[1]) - i) + "</birthYear>";
        last = (*it)[0].second;
    }
    shifted.append(last, text.cend());
    text = shifted;
    // The school's groups (collectives) of another campus.
    const std::string parent = "<parentUnit>Trường THCS Nguyễn Trãi";
    for (std::size_t at = text.find(parent); i > 0 && at != std::string::npos;
         at = text.find(parent, at + 1)) {
        text.insert(at + parent.size(), " cơ sở " + std::to_string(i + 1));
    }
    const fs::path file = dir / ("ho-so-" + std::to_string(i) + ".xml");
    std::ofstream(file.string(), std::ios::binary) << text;
    return file;
}

std::string env() {
    return "TDKT_DATA_DIR=" + quote(TDKT_SOURCE_DIR) + " SOURCE_DATE_EPOCH=1767225600 ";
}

std::string issueCommand(const fs::path& dossier, const fs::path& archive) {
    return env() + quote(TDKT_BINARY) + " issue " + quote(dossier.string()) + " --archive " +
           quote(archive.string()) + " >/dev/null 2>&1";
}

std::vector<std::string> bagsOf(const fs::path& archive) {
    std::vector<std::string> out;
    for (const auto& f : e2e::findFiles(archive, "bagit.txt")) {
        const std::string rel = f.parent_path().lexically_relative(archive).generic_string();
        if (rel.rfind(".staging/", 0) != 0) { // a bag being built is not in the archive
            out.push_back(rel);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

int lastOf(const fs::path& registerFile) {
    std::smatch m;
    const std::string text = e2e::readAll(registerFile);
    static const std::regex last("last: ([0-9]+)");
    return std::regex_search(text, m, last) ? std::stoi(m[1]) : 0;
}

// "file" entries of the journal, by dir.
std::multiset<std::string> journalDirs(const fs::path& archive) {
    std::multiset<std::string> dirs;
    std::istringstream in(e2e::readAll(archive / "journal"));
    std::string line;
    static const std::regex dir("\"dir\":\"([^\"]+)\"");
    while (std::getline(in, line)) {
        std::smatch m;
        if (line.find("\"action\":\"file\"") != std::string::npos &&
            std::regex_search(line, m, dir)) {
            dirs.insert(m[1]);
        }
    }
    return dirs;
}

std::vector<int> goldenNumbers(const fs::path& archive) {
    std::vector<int> out;
    static const std::regex golden("goldenBook=\"([0-9]+)\"");
    for (const auto& f : e2e::findFiles(archive, "decision.xml")) {
        const std::string text = e2e::readAll(f);
        for (std::sregex_iterator it(text.begin(), text.end(), golden), end; it != end; ++it) {
            out.push_back(std::stoi((*it)[1]));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The whole archive is consistent: verify passes, one journal line per bag, the decision
// register at the highest number with no gap, the golden book 1..N without gap or repeat.
void checkConsistent(const fs::path& archive, int decisions) {
    auto v = runTdkt({"verify", "--archive", archive.string()});
    INFO(v.out << v.err);
    CHECK(v.exitCode == 0);
    const auto bags = bagsOf(archive);
    REQUIRE(bags.size() == static_cast<std::size_t>(decisions));
    for (int n = 1; n <= decisions; ++n) {
        const std::string slug = (n < 10 ? "0" : "") + std::to_string(n) + "-qd-ubnd";
        CHECK(std::count(bags.begin(), bags.end(), "2026/UBND-P-BADINH/" + slug) == 1);
    }
    const auto journal = journalDirs(archive);
    CHECK(journal == std::multiset<std::string>(bags.begin(), bags.end()));
    CHECK(lastOf(archive / "registers/UBND-P-BADINH.2026.txt") == decisions);
    const auto golden = goldenNumbers(archive);
    REQUIRE_FALSE(golden.empty());
    for (std::size_t i = 0; i < golden.size(); ++i) {
        CHECK(golden[i] == static_cast<int>(i) + 1); // sorted 1..N: no gap, no duplicate
    }
    CHECK(lastOf(archive / "registers/golden-book/UBND-P-BADINH.txt") ==
          static_cast<int>(golden.size()));
}

} // namespace

TEST_CASE("several tdkt issue processes at once give no gap and no duplicate number") {
    e2e::TempDir tmp;
    const fs::path archive = tmp.path / "kho";
    constexpr int kProcesses = 6;
    std::string cmd = "pids=''; ";
    for (int i = 0; i < kProcesses; ++i) {
        cmd += issueCommand(variant(tmp.path, i), archive) + " & pids=\"$pids $!\"; ";
    }
    // Every process must succeed: the lock makes the others wait, not fail.
    cmd += "rc=0; for p in $pids; do wait $p || rc=1; done; echo $rc";
    const std::string rc = e2e::shell(cmd);
    CHECK(rc == "0\n");
    checkConsistent(archive, kProcesses);

    // Issuing the same dossiers again files nothing new.
    const std::string again = e2e::shell(issueCommand(variant(tmp.path, 0), archive) + "; echo $?");
    CHECK(again == "0\n");
    CHECK(bagsOf(archive).size() == static_cast<std::size_t>(kProcesses));
}

TEST_CASE("runs killed with SIGKILL while filing leave only complete bags and a rerun completes") {
    e2e::TempDir tmp;
    const fs::path archive = tmp.path / "kho";
    std::mt19937 rng(20260105);
    std::uniform_int_distribution<int> delayMs(0, 400);
    constexpr int kRounds = 8;
    for (int i = 0; i < kRounds; ++i) {
        const fs::path dossier = variant(tmp.path, i);
        const double delay = delayMs(rng) / 1000.0;
        e2e::shell("(" + issueCommand(dossier, archive) + ") & p=$!; sleep " +
                   std::to_string(delay) + "; kill -9 $p 2>/dev/null; wait $p 2>/dev/null");
        // Whatever the moment of the kill, every bag in the tree is complete and valid.
        for (const auto& bag : bagsOf(archive)) {
            auto r = runTdkt({"verify", "--bag", (archive / bag).string()});
            INFO(bag << "\n" << r.err);
            CHECK(r.exitCode == 0);
        }
    }
    // Rerun every dossier: the ones already filed are recognised, the rest are filed.
    for (int i = 0; i < kRounds; ++i) {
        const std::string rc =
            e2e::shell(issueCommand(variant(tmp.path, i), archive) + "; echo $?");
        CHECK(rc == "0\n");
    }
    checkConsistent(archive, kRounds);
    // No staging leftovers once a run has taken the lock.
    CHECK(e2e::shell("ls -A " + quote((archive / ".staging").string())) == "");
}

// Every example dossier in one `tdkt issue`: a consolidated round of several decisions of
// several issuers.
std::string roundCommand(const fs::path& archive) {
    std::string cmd = env() + quote(TDKT_BINARY) + " issue --archive " + quote(archive.string());
    std::vector<std::string> files;
    for (fs::directory_iterator it(e2e::repo("examples")), end; it != end; ++it) {
        if (it->path().extension() == ".xml") {
            files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        cmd += " " + quote(f);
    }
    return cmd + " >/dev/null 2>&1";
}

// register file name ("UBND-TP-HANOI.2026.txt") -> its last number, for every decision register.
std::map<std::string, int> decisionRegisters(const fs::path& archive) {
    std::map<std::string, int> out;
    for (fs::directory_iterator it(archive / "registers"), end; it != end; ++it) {
        if (it->path().extension() == ".txt") {
            out[it->path().filename().string()] = lastOf(it->path());
        }
    }
    return out;
}

TEST_CASE("a consolidated round killed with SIGKILL at random points stays verifiable and a "
          "rerun completes it with the same contiguous numbers") {
    e2e::TempDir tmp;
    const fs::path reference = tmp.path / "mau";
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(e2e::shell(roundCommand(reference) + "; echo $?") == "0\n");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto expected = bagsOf(reference);
    REQUIRE(expected.size() >= 4); // several decisions, or the test proves little

    const fs::path archive = tmp.path / "kho";
    std::mt19937 rng(20260106);
    std::uniform_real_distribution<double> delay(0.0, seconds);
    for (int i = 0; i < 6; ++i) {
        char wait[32];
        std::snprintf(wait, sizeof wait, "%.3f", delay(rng));
        e2e::shell("(" + roundCommand(archive) + ") & p=$!; sleep " + wait +
                   "; kill -9 $p 2>/dev/null; wait $p 2>/dev/null");
        // Whatever the moment, the archive verifies: only complete bags, registers, journal
        // and index agree with them (a commit cut short is finished by the next lock).
        auto v = runTdkt({"verify", "--archive", archive.string()});
        INFO("kill after " << wait << " s\n" << v.out << v.err);
        CHECK(v.exitCode == 0);
        const auto bags = bagsOf(archive);
        for (const auto& b : bags) {
            UNSCOPED_INFO(b);
        }
        CHECK(std::includes(expected.begin(), expected.end(), bags.begin(), bags.end()));
    }
    REQUIRE(e2e::shell(roundCommand(archive) + "; echo $?") == "0\n");
    CHECK(bagsOf(archive) == expected); // the same numbers, none skipped, none twice
    CHECK(decisionRegisters(archive) == decisionRegisters(reference));
    const auto journal = journalDirs(archive);
    CHECK(journal == std::multiset<std::string>(expected.begin(), expected.end()));
    auto v = runTdkt({"verify", "--archive", archive.string()});
    INFO(v.out << v.err);
    CHECK(v.exitCode == 0);
}

TEST_CASE("tdkt verify --bag accepts the bags tdkt writes and names damage") {
    e2e::TempDir tmp;
    const fs::path archive = tmp.path / "kho";
    REQUIRE(runTdkt({"issue", kDossier, "--archive", archive.string()}).exitCode == 0);
    const auto bags = bagsOf(archive);
    REQUIRE(bags.size() == 1);
    const fs::path bag = archive / bags[0];
    auto ok = runTdkt({"verify", "--bag", bag.string()});
    INFO(ok.err);
    CHECK(ok.exitCode == 0);
    CHECK(ok.err.empty()); // not even a warning

    // Every manifest line re-derived independently with sha256sum.
    int code = -1;
    const std::string manifest = e2e::readAll(bag / "manifest-sha256.txt");
    const std::string derived =
        e2e::shell("cd " + quote(bag.string()) +
                       " && find data -type f | LC_ALL=C sort | xargs -d '\\n' sha256sum",
                   &code);
    CHECK(code == 0);
    CHECK(derived == manifest);
    const std::string tags = e2e::shell("cd " + quote(bag.string()) +
                                        " && sha256sum bag-info.txt bagit.txt manifest-sha256.txt");
    CHECK(tags == e2e::readAll(bag / "tagmanifest-sha256.txt"));

    fs::remove(bag / "data/certificates/0002.pdf");
    auto damaged = runTdkt({"verify", "--bag", bag.string()});
    CHECK(damaged.exitCode == 65);
    CHECK(damaged.err.find("data/certificates/0002.pdf") != std::string::npos);

    auto usage = runTdkt({"verify", "--bag", bag.string(), "--since", "2026-01-01"});
    CHECK(usage.exitCode == 64);
}
