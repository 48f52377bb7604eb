#pragma once
// Pre-built font subsets (made at build time by hb-subset, see pipeline/render/CMakeLists.txt).
#include "pipeline/core/fs.hpp"

namespace tdkt::render {

// The folder holding the subsets: TDKT_FONT_SUBSET_DIR from the environment when set (empty =
// no subsets), else the build's own fonts/ folder.
fs::path fontSubsetDir();

// The file to embed for a font found at `found`: the subset made from exactly that file when
// there is one (its sidecar "<name>.source" names the same file), else `found` itself. A font
// a user puts in TDKT_FONT_DIRS is therefore embedded as it is.
fs::path preferredFontFile(const fs::path& found);

} // namespace tdkt::render
