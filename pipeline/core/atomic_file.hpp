#pragma once
// Durable writes: a file is written under a temporary name in the same folder, fsynced and
// renamed into place, so a crash never leaves a half-written file under its real name.
#include "error.hpp"
#include "fs.hpp"

#include <string_view>

namespace tdkt::core {

Status writeFileAtomic(const fs::path& target, std::string_view bytes);
Status fsyncPath(const fs::path& fileOrDir);
// Rename `from` to `to` (same filesystem) and fsync the parent folder of `to`.
Status renameDurable(const fs::path& from, const fs::path& to);
Result<std::string> readFile(const fs::path& file);

} // namespace tdkt::core
