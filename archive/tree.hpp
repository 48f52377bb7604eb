#pragma once
// Walking the archive tree: <root>/<year>/<issuer-code>/<decision-slug>/ bags, and the
// housekeeping folders beside them (.staging, registers).
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <string>
#include <vector>

namespace tdkt::archive {

struct TreeListing {
    std::vector<std::string> bags;       // "2026/UBND-TP-HANOI/05-qd-ubnd", sorted
    std::vector<std::string> unexpected; // other entries at the year/issuer levels
};

// Names at the root level that are not years: the archive's own files (and history/, the
// imported awards of before tdkt: archive/history.hpp).
bool isHousekeepingName(const std::string& name);

TreeListing listTree(const fs::path& root);

// Removes staging folders whose owner is gone (their flock is free). Returns how many.
int cleanStaging(const fs::path& root);
// A commit journal's temporary file (core::writeFileAtomic's ".NAME.tmp-PID") left by a
// process killed while writing it: meaningless without its rename, ignored by verify and
// removed under the lock. Returns how many were removed.
bool isInterruptedJournalWrite(const std::string& name);
int cleanInterruptedJournalWrites(const fs::path& root);

// The marker a commit writes before renaming its bag into place and removes once register,
// journal and index agree with the tree: its presence means "finish that commit" (at the next
// lock). Holds the bags' folders relative to root, one per line (several for a round).
inline constexpr const char* kPendingCommitFile = ".commit-pending";
// The bags the marker names (none when there is no marker).
std::vector<std::string> pendingCommits(const fs::path& root);

// Staging folders present (relative to root), live or abandoned.
std::vector<std::string> stagingFolders(const fs::path& root);

} // namespace tdkt::archive
