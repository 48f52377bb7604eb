// `tdkt`: runs `tdkt search` and `tdkt --version` itself and hands every other command line to
// tdkt-full beside it (execv: the same process, arguments and environment).
//
// Why two programs: a process's start-up was most of a search. Loading the 39 shared libraries
// every command together needs (qpdf, libharu, libarchive, libxml2, OpenSSL and GnuTLS, ICU,
// Poco, ...) took 40-100 ms before main() ran, relocations and page faults, while the search
// itself takes a few. This program links only SQLite, ICU and Boost.Filesystem: measured on 2
// cores, Poco's libraries alone (with libstdc++, expat, pcre) added ≈ 8 ms to every start and
// libxml2 + OpenSSL ≈ 4 ms, against a target of 20 ms per search. So the command line of a
// plain search is read here by hand; anything else — --help, --award (which needs the award
// catalogue), --data-dir, a short or abbreviated option, a value that is not a number, a
// missing argument — goes to tdkt-full, whose parser (Poco::Util) gives every usage message.
#include "hits_output.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"
#include "version.hpp"

#include <cerrno>
#include <climits>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using tdkt::archive::SearchQuery;

struct QuickSearch {
    SearchQuery query;
    std::string archive;
    bool json = false;
};

// "2026" -> 2026; nullopt unless it is a plain number tdkt-full would also accept.
std::optional<int> plainNumber(const std::string& s) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoi(s);
}

// `search QUERY --archive DIR [--year Y] [--unit C] [--issuer C] [--number S] [--limit N]
// [--all-versions] [--json]`, long options as `--name value` or `--name=value`, each once;
// nullopt for any other command line (tdkt-full then reads it).
std::optional<QuickSearch> parseSearch(const std::vector<std::string>& args) {
    if (args.empty() || args[0] != "search") {
        return std::nullopt;
    }
    static const std::set<std::string> valued = {"archive", "year",   "unit",
                                                 "issuer",  "number", "limit"};
    static const std::set<std::string> flags = {"json", "all-versions"};
    QuickSearch s;
    std::set<std::string> seen;
    std::vector<std::string> positional;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.empty() || a[0] != '-') {
            positional.push_back(a);
            continue;
        }
        if (a.size() < 3 || a[1] != '-') {
            return std::nullopt; // "-", a short option
        }
        const auto eq = a.find('=');
        const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        if (!seen.insert(name).second) {
            return std::nullopt;
        }
        if (flags.count(name)) {
            if (eq != std::string::npos) {
                return std::nullopt;
            }
            if (name == "json") {
                s.json = true;
            } else {
                s.query.allVersions = true;
            }
            continue;
        }
        if (!valued.count(name)) {
            return std::nullopt;
        }
        std::string value;
        if (eq != std::string::npos) {
            value = a.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return std::nullopt;
        }
        if (name == "archive") {
            s.archive = value;
        } else if (name == "unit") {
            s.query.unit = value;
        } else if (name == "issuer") {
            s.query.issuer = value;
        } else if (name == "number") {
            s.query.numberText = value;
        } else {
            const auto n = plainNumber(value);
            if (!n) {
                return std::nullopt;
            }
            if (name == "year") {
                s.query.year = *n;
            } else {
                s.query.limit = *n;
            }
        }
    }
    if (positional.size() != 1 || s.archive.empty()) {
        return std::nullopt;
    }
    s.query.text = positional[0];
    return s;
}

int runSearch(const QuickSearch& s) {
    const auto env = tdkt::core::Environment::fromProcess();
    auto hits = tdkt::job::search(env, s.archive, s.query);
    if (!hits) {
        std::cerr << "tdkt: " << tdkt::core::format(hits.error()) << '\n';
        return tdkt::core::exitCodeFor(hits.error().kind);
    }
    if (s.json) {
        tdkt::app::printHitsJson(hits.value(), std::cout);
    } else {
        tdkt::app::printHitsTable(hits.value(), std::cout);
    }
    std::cout.flush();
    return tdkt::core::ExitOk;
}

// tdkt-full in the folder of this program.
std::string fullProgram() {
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string();
    dir = dir.substr(0, dir.find_last_of('/') + 1);
    return dir + "tdkt-full";
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 1 && args[0] == "--version") {
        std::cout << tdkt::app::kVersionLine;
        return tdkt::core::ExitOk;
    }
    if (const auto search = parseSearch(args)) {
        try {
            return runSearch(*search);
        } catch (const std::exception& e) {
            // Only a bug gets here: stages return errors as values.
            std::cerr << "tdkt: lỗi nội bộ [U999]: " << e.what() << '\n';
            return tdkt::core::ExitSoftware;
        }
    }
    const std::string full = fullProgram();
    ::execv(full.c_str(), argv);
    std::cerr << "tdkt: lỗi nội bộ [U998]: không chạy được " << full << ": "
              << tdkt::core::systemErrorText(errno) << '\n';
    return tdkt::core::ExitSoftware;
}
