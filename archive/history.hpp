#pragma once
// Awards granted before tdkt was used, imported from a CSV file (`tdkt history import`) and kept
// in the archive beside the bags, so that the history the business rules read survives a
// reindex:
//
//   <root>/history/<sha256>.csv    the file exactly as received
//   <root>/history/<sha256>.json   its record: original name, sha256, import time, row count
//                                  and every award as it was read (kinds resolved through the
//                                  award catalogue at import time)
//
// The record is written last (atomically): a CSV without its record is an interrupted import
// that running the same import again completes. The index holds each import as one
// pseudo-decision per decision number of the file (historyDecisions), so search finds the
// imported awards and the known_awards table answers for them like for filed decisions.
#include "archive/archive.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/model/dossier.hpp"

#include <string>
#include <vector>

namespace tdkt::archive {

inline constexpr const char* kHistoryDir = "history";
inline constexpr const char* kHistoryFormat = "tdkt-history-import-1";

// One initiative (sáng kiến) an imported award used.
struct ImportedInitiative {
    std::string code;
    std::string title;
};

// One award of an imported file.
struct ImportedAward {
    int line = 0; // in the CSV file, 1-based (the header is line 1)
    model::NomineeKind kind = model::NomineeKind::Individual;
    std::string name; // for a household: the head's name
    int birthYear = 0;
    std::string unit;
    std::string kindId;   // catalogue id; "" when the file named a kind the catalogue lacks
    std::string kindName; // the catalogue's name, else as typed
    int year = 0;         // the year the achievement ends in
    std::string decisionNumber;
    std::string decisionDate; // ISO
    std::string issuer;       // may be empty
    std::vector<ImportedInitiative> initiatives;
};

// One imported file.
struct HistoryImport {
    std::string fileName;   // the original name, without its folder
    std::string sha256;     // of its bytes
    std::string importedAt; // ISO 8601, the run's clock
    std::vector<ImportedAward> awards;
};

// "history/<sha256>.csv" and "history/<sha256>.json", relative to the archive root.
std::string historyCopyPath(const std::string& sha256);
std::string historyRecordPath(const std::string& sha256);

// The record as JSON, and back; A431 when the text is not such a record.
std::string historyRecordJson(const HistoryImport& import);
core::Result<HistoryImport> parseHistoryRecord(const std::string& json,
                                               const std::string& displayName);

// The imports recorded in <root>/history (the .json records), in name order. A record that
// cannot be read is skipped here (verify reports it).
std::vector<HistoryImport> readHistoryImports(const fs::path& root);

// "nhập từ lich-su.csv, dòng 14": KnownAward::source of an imported award.
std::string importedSource(const HistoryImport& import, const ImportedAward& award);

// An import as the index holds it: one decision per decision number, date and issuer of the
// file (rel = "history/<sha256>.csv#N", N from 1 in the order of first appearance), its
// awardees in file order, each with its KnownAward::source.
struct HistoryDecision {
    std::string rel;
    DecisionRecord record;
    std::vector<std::string> sources; // per awardee
};
std::vector<HistoryDecision> historyDecisions(const HistoryImport& import);
// The relative dirs of the index's history decisions all start with this.
inline constexpr const char* kHistoryRelPrefix = "history/";

// Writes the copy and then the record (each atomically, the folder synced). Call with the
// archive lock held.
core::Status storeHistoryImport(const fs::path& root, const HistoryImport& import,
                                const std::string& bytes);

// What verify checks of <root>/history: every record readable and consistent (A431), every
// copy's SHA-256 equal to its name and record (A430), nothing else in the folder (A432), a
// copy without its record noted (A433). Adds to `report`; returns the imports it read.
std::vector<HistoryImport> verifyHistory(const fs::path& root, VerifyReport& report);

} // namespace tdkt::archive
