#pragma once
// The shared text layer's search key, handed to the archive as a function.
#include "archive/archive.hpp"
#include "pipeline/text/search_key.hpp"

namespace tdkt::job {

inline archive::SearchKeyFn searchKeyFn() {
    return [](const std::string& s) { return text::searchKey(s); };
}

} // namespace tdkt::job
