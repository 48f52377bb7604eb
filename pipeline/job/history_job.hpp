#pragma once
// `tdkt history import`: awards granted before tdkt was used, read from a CSV file
// (archive/history_csv.hpp) with their kinds resolved through the award catalogue, and kept in
// the archive (Archive::importHistory) so that search, reindex and the business rules
// (model::KnownHistory, archive/known_history.hpp) see them.
#include "archive/archive.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"

#include <string>

namespace tdkt::job {

struct HistoryImportReport {
    std::string file; // as the clerk named it
    // Every problem of the file (A401-A412), located at file:line with the column's name. When
    // one is an error nothing is imported.
    core::Diagnostics diagnostics;
    archive::StoredImport stored; // what was kept (when ok())
    bool ok() const { return !diagnostics.hasErrors(); }
};

// Reads and checks the whole file, then, when no row is bad, stores it under the archive
// lock. Errors: the file missing (C003) or too large (C006), the catalogue broken (Config),
// the archive locked or not writable.
core::Result<HistoryImportReport> importHistory(const core::Environment& env,
                                                const fs::path& archiveRoot,
                                                const fs::path& csvFile, int lockWaitSeconds = 30);

} // namespace tdkt::job
