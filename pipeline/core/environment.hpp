#pragma once
// Everything a run takes from the outside world is passed in, so that tests get byte-identical
// output: where the data files are, where fonts are, and what time it is.
#include "fs.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tdkt::core {

inline constexpr std::uintmax_t kDefaultMaxDossierMb = 32;
inline constexpr std::uintmax_t kLargestMaxDossierMb = 1024; // libxml2 reads at most 2 GB
inline constexpr const char* kSettingUnusable = "C020"; // Environment::settingProblem (exit 78)

struct Environment {
    fs::path dataDir;               // holds templates/, schemas/, config/
    std::vector<fs::path> fontDirs; // searched in order for template fonts
    std::int64_t now = 0;           // seconds since the epoch, UTC; the run's clock
    // The date the dossiers' dates are checked against ("2026-12-02"; tdkt --as-of or
    // TDKT_AS_OF); empty: the date of `now` in Vietnam.
    std::string asOf;
    // A dossier larger than this is refused before it is read (TDKT_MAX_DOSSIER_MB).
    std::uintmax_t maxDossierBytes = kDefaultMaxDossierMb * 1024u * 1024u;
    // Set (in Vietnamese) when an environment variable holds a value tdkt cannot use; the
    // stage that needs the value refuses to run with it (a configuration error).
    std::string settingProblem;

    fs::path templatesDir() const { return dataDir / "templates"; }
    fs::path schemasDir() const { return dataDir / "schemas"; }
    fs::path configDir() const { return dataDir / "config"; }

    // Defaults: data dir from TDKT_DATA_DIR or the build's configured folder; fonts from
    // TDKT_FONT_DIRS (colon-separated) or the Debian font folders; clock from
    // SOURCE_DATE_EPOCH or the system clock; the dossier size limit from TDKT_MAX_DOSSIER_MB
    // (whole MB, 1–1024, default 32); the date of the checks from TDKT_AS_OF.
    static Environment fromProcess();
};

// Search fontDirs for a file name; empty path when not found.
fs::path findFont(const Environment& env, const std::string& fileName);

} // namespace tdkt::core
