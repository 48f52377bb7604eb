// `tdkt`: runs `tdkt search` and `tdkt --version` itself and hands every other command line to
// tdkt-full beside it (execv: the same process, arguments and environment).
//
// Why two programs: a process's start-up was most of a search. Loading the 39 shared libraries
// every command together needs (qpdf, libharu, libarchive, libxml2, OpenSSL and GnuTLS, ICU,
// Poco, ...) took 40-100 ms before main() ran, relocations and page faults, while the search
// itself takes a few; search needs SQLite, ICU, Poco and Boost.Filesystem. A static link of
// everything is not possible (Debian ships Poco as shared libraries only).
#include "cli.hpp"
#include "command.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/exit_code.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

const tdkt::app::CommandTable& quickCommandTable() {
    // No award catalogue here: a search with --award goes to tdkt-full.
    static const tdkt::app::Command search = tdkt::app::searchCommand(nullptr);
    static const tdkt::app::CommandTable table{{&search}, false};
    return table;
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
    const int code = tdkt::app::run(args, quickCommandTable(), std::cout, std::cerr);
    if (code != tdkt::app::kNotHere) {
        return code;
    }
    const std::string full = fullProgram();
    ::execv(full.c_str(), argv);
    std::cerr << "tdkt: lỗi nội bộ [U998]: không chạy được " << full << ": "
              << tdkt::core::systemErrorText(errno) << '\n';
    return tdkt::core::ExitSoftware;
}
