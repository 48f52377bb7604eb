#include "font_subset.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#ifndef TDKT_FONT_SUBSET_DIR
#define TDKT_FONT_SUBSET_DIR ""
#endif

namespace tdkt::render {

fs::path fontSubsetDir() {
    if (const char* dir = std::getenv("TDKT_FONT_SUBSET_DIR")) {
        return fs::path(dir);
    }
    return fs::path(TDKT_FONT_SUBSET_DIR);
}

fs::path preferredFontFile(const fs::path& found) {
    const fs::path dir = fontSubsetDir();
    if (dir.empty() || found.empty()) {
        return found;
    }
    boost::system::error_code ec;
    const fs::path subset = dir / found.filename();
    if (!fs::is_regular_file(subset, ec)) {
        return found;
    }
    std::ifstream in((subset.string() + ".source").c_str());
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const fs::path real = fs::canonical(found, ec);
    if (ec || source.empty() || fs::path(source) != real) {
        return found;
    }
    return subset;
}

} // namespace tdkt::render
