#pragma once
// Everything a run takes from the outside world is passed in, so that tests get byte-identical
// output: where the data files are, where fonts are, and what time it is.
#include "fs.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tdkt::core {

struct Environment {
    fs::path dataDir;               // holds templates/, schemas/, config/
    std::vector<fs::path> fontDirs; // searched in order for template fonts
    std::int64_t now = 0;           // seconds since the epoch, UTC; the run's clock

    fs::path templatesDir() const { return dataDir / "templates"; }
    fs::path schemasDir() const { return dataDir / "schemas"; }
    fs::path configDir() const { return dataDir / "config"; }

    // Defaults: data dir from TDKT_DATA_DIR or the build's configured folder; fonts from
    // TDKT_FONT_DIRS (colon-separated) or the Debian font folders; clock from
    // SOURCE_DATE_EPOCH or the system clock.
    static Environment fromProcess();
};

// Search fontDirs for a file name; empty path when not found.
fs::path findFont(const Environment& env, const std::string& fileName);

} // namespace tdkt::core
