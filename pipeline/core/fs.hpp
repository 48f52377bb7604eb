#pragma once
// Paths are Boost.Filesystem paths throughout tdkt (the product owner's choice of library).
#include <boost/filesystem.hpp>

namespace tdkt {
namespace fs = boost::filesystem;
} // namespace tdkt
