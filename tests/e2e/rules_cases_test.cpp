// The rules of config/rules.xml tested as data: each tests/rules/NAME.case builds a run (a base
// dossier with small edits, other dossiers, an archive filled first), runs the real
// `tdkt validate --verbose` on it, and compares the exit code and the whole report with
// tests/rules/NAME.expected. TDKT_ACCEPT=1 writes the expected files anew (review the diff).
// The case format is described in tests/rules/README.md.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace fs = tdkt::fs;

namespace {

const fs::path& casesDir() {
    static const fs::path dir = fs::path(TDKT_SOURCE_DIR) / "tests" / "rules";
    return dir;
}

struct Case {
    std::string base;                  // bases/FILE, written as NAME.xml
    std::vector<std::string> also;     // bases/FILE, copied under their own names
    std::vector<std::string> issued;   // bases/FILE, issued into the archive first
    std::vector<std::string> imported; // FILE.csv, imported into the archive first
    std::vector<std::string> args;     // more arguments of validate
    std::vector<std::pair<std::string, std::string>> edits;
    bool archive = false; // validate --archive (implied by issued and imported)
};

// "\n" in a replace/with line stands for a line break.
std::string unescape(std::string s) {
    for (std::size_t i = s.find("\\n"); i != std::string::npos; i = s.find("\\n", i + 1)) {
        s.replace(i, 2, "\n");
    }
    return s;
}

Case readCase(const fs::path& file) {
    Case c;
    std::istringstream in(e2e::readAll(file));
    std::string line;
    std::optional<std::string> pending; // a replace waiting for its with
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const std::size_t space = line.find(' ');
        const std::string word = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        INFO(file.filename().string() << ":" << lineNo);
        if (word == "base") {
            c.base = rest;
        } else if (word == "also") {
            c.also.push_back(rest);
        } else if (word == "issued") {
            c.issued.push_back(rest);
            c.archive = true;
        } else if (word == "imported") {
            c.imported.push_back(rest);
            c.archive = true;
        } else if (word == "archive") {
            c.archive = true;
        } else if (word == "args") {
            std::istringstream words(rest);
            for (std::string a; words >> a;) {
                c.args.push_back(a);
            }
        } else if (word == "replace") {
            REQUIRE(!pending);
            pending = unescape(rest);
        } else if (word == "with") {
            REQUIRE(pending);
            c.edits.emplace_back(*pending, unescape(rest));
            pending.reset();
        } else {
            FAIL("unknown directive «" << word << "»");
        }
    }
    REQUIRE(!pending);
    REQUIRE(!c.base.empty());
    return c;
}

std::string applyEdits(std::string text, const Case& c, const std::string& name) {
    for (const auto& [from, to] : c.edits) {
        const std::size_t at = text.find(from);
        INFO(name << ": «" << from << "» must occur in the base dossier");
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    return text;
}

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file.string(), std::ios::binary);
    out << text;
}

// Temporary folder names vary; the report shows them as TMP.
std::string stable(std::string text, const fs::path& tmp) {
    const std::string dir = tmp.string();
    for (std::size_t i = text.find(dir); i != std::string::npos; i = text.find(dir, i)) {
        text.replace(i, dir.size(), "TMP");
    }
    return text;
}

std::string runCase(const std::string& name, const Case& c) {
    e2e::TempDir tmp;
    const fs::path bases = casesDir() / "bases";
    const std::string tdkt =
        "cd " + e2e::quote(tmp.path.string()) + " && " + e2e::quote(TDKT_BINARY);
    std::string prelude;
    if (c.archive) {
        for (const std::string& f : c.issued) {
            fs::copy_file(bases / f, tmp.path / fs::path(f).filename());
            auto r = e2e::runProgram(
                tdkt, {"issue", "--archive", "kho", fs::path(f).filename().string()});
            INFO(name << ": issuing " << f << " into the archive first\n" << r.out << r.err);
            REQUIRE(r.exitCode == 0);
        }
        for (const std::string& f : c.imported) {
            auto r = e2e::runProgram(
                tdkt, {"history", "import", (casesDir() / f).string(), "--archive", "kho"});
            INFO(name << ": importing " << f << "\n" << r.out << r.err);
            REQUIRE(r.exitCode == 0);
        }
    }
    const std::string file = name + ".xml";
    write(tmp.path / file, applyEdits(e2e::readAll(bases / c.base), c, name));
    std::vector<std::string> args = {"validate", "--verbose", file};
    for (const std::string& f : c.also) {
        const std::string other = fs::path(f).filename().string();
        if (!fs::exists(tmp.path / other)) {
            fs::copy_file(bases / f, tmp.path / other);
        }
        args.push_back(other);
    }
    if (c.archive) {
        args.push_back("--archive");
        args.push_back("kho");
    }
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = e2e::runProgram(tdkt, args);
    return stable("exit " + std::to_string(r.exitCode) + "\n" + r.out + r.err, tmp.path);
}

} // namespace

TEST_CASE("every rule case of tests/rules gives exactly its expected report", "[rules][golden]") {
    std::vector<fs::path> cases;
    for (fs::directory_iterator it(casesDir()), end; it != end; ++it) {
        if (it->path().extension() == ".case") {
            cases.push_back(it->path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(!cases.empty());
    const char* accept = std::getenv("TDKT_ACCEPT");
    for (const fs::path& file : cases) {
        const std::string name = file.stem().string();
        DYNAMIC_SECTION(name) {
            const std::string actual = runCase(name, readCase(file));
            const fs::path expected = casesDir() / (name + ".expected");
            if (accept && std::string(accept) == "1") {
                write(expected, actual);
            }
            INFO("tests/rules/" << name << ".expected (TDKT_ACCEPT=1 rewrites it)");
            REQUIRE(fs::exists(expected));
            CHECK(actual == e2e::readAll(expected));
        }
    }
}
