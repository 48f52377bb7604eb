#pragma once
// Durable writes: a file is written under a temporary name in the same folder, fsynced and
// renamed into place, so a crash never leaves a half-written file under its real name.
#include "error.hpp"
#include "fs.hpp"

#include <cstdint>
#include <limits>
#include <string_view>

namespace tdkt::core {

Status writeFileAtomic(const fs::path& target, std::string_view bytes);
// A file written whole without fsync, for a folder that is made durable as a whole later (an
// archive staging folder: the commit syncs it once). Replaces an existing file.
Status writeFileUnsynced(const fs::path& target, std::string_view bytes);
Status fsyncPath(const fs::path& fileOrDir);
// Rename `from` to `to` (same filesystem) and fsync the parent folder of `to`.
Status renameDurable(const fs::path& from, const fs::path& to);

inline constexpr std::uintmax_t kMegabyte = 1024u * 1024u;

// The whole file. A missing, unreadable file or a folder is InputMissing (C003, the reason in
// Vietnamese); a file larger than `maxBytes` is InputRejected (C006), found by fstat before any
// byte is read and again while reading (a growing file, a device).
Result<std::string> readFile(const fs::path& file,
                             std::uintmax_t maxBytes = std::numeric_limits<std::uintmax_t>::max());

// "32 MB", "1,1 MB": bytes in MiB rounded up to a tenth, with a Vietnamese decimal comma.
std::string megabytes(std::uintmax_t bytes);

} // namespace tdkt::core
