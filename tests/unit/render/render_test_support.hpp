#pragma once
// Helpers shared by the render test programs: a pinned environment and a temporary folder.
// Running tools and counting matches come from pdfa_check.hpp.
#include "pipeline/core/environment.hpp"
#include "tests/unit/render/pdfa_check.hpp"

#include <string>

namespace rendertest {

// The repository's data files and a fixed clock (2026-01-01T00:00:00Z), so output is
// reproducible.
inline tdkt::core::Environment testEnv() {
    tdkt::core::Environment env = tdkt::core::Environment::fromProcess();
    env.dataDir = TDKT_SOURCE_DIR;
    env.now = 1767225600;
    return env;
}

struct TempDir {
    tdkt::fs::path path;
    explicit TempDir(const std::string& prefix = "tdkt-render") {
        path = tdkt::fs::temp_directory_path() / tdkt::fs::unique_path(prefix + "-%%%%-%%%%-%%%%");
        tdkt::fs::create_directories(path);
    }
    ~TempDir() {
        boost::system::error_code ec;
        tdkt::fs::remove_all(path, ec);
    }
};

using pdfa::countOf;
using pdfa::run;

} // namespace rendertest
