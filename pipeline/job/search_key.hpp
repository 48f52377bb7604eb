#pragma once
// The normalise stage's search key, handed to the archive (which must not depend on normalise).
#include "archive/archive.hpp"
#include "pipeline/normalize/normalizer.hpp"

namespace tdkt::job {

inline archive::SearchKeyFn searchKeyFn() {
    return [](const std::string& s) { return normalize::searchKey(s); };
}

} // namespace tdkt::job
