#pragma once
// The CSV file of awards granted before tdkt was used (`tdkt history import`): UTF-8 with or
// without a BOM, "," or ";" between cells (the header line decides), cells quoted as RFC 4180
// and Excel write them, one header row of Vietnamese column names matched ignoring case,
// diacritics and spacing, in any order:
//
//   loại đối tượng          cá nhân / tập thể / hộ gia đình (empty: cá nhân)      optional
//   họ tên (or tên)         the recipient; for a household the head's name        required
//   năm sinh                individuals and household heads                         optional
//   đơn vị                  the recipient's unit                                    optional
//   hình thức khen thưởng   a catalogue id, name or abbreviation, or another name   required
//   năm                     the year the achievement ends in ("2024 - 2025": 2025)   required
//   số quyết định                                                                   required
//   ngày quyết định         dd/mm/yyyy or yyyy-mm-dd                                required
//   cơ quan ban hành                                                                optional
//   sáng kiến               "code: title" items separated by ";"                   optional
//
// Each bad cell is one diagnostic with the file, its line and the column's name (A401-A412).
#include "archive/history.hpp"
#include "pipeline/core/diagnostic.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::archive {

// What the award catalogue calls the kind the file names.
struct ResolvedKind {
    std::string id;   // "lao-dong-tien-tien"
    std::string name; // "Lao động tiên tiến"
};
// Returns std::nullopt for a kind the catalogue lacks (the name is kept as typed, A412 note).
using KindResolver = std::function<std::optional<ResolvedKind>(const std::string& text)>;

// The awards of the file; every problem goes to `diags` (located at `displayName`). The
// result is meaningful only when no error was added. fileName, sha256 and importedAt are left
// to the caller.
HistoryImport readHistoryCsv(const std::string& bytes, const std::string& displayName,
                             const KindResolver& resolve, core::Diagnostics& diags);

// The cells of each record of a CSV text (separator `sep`), with the line each record starts
// on; a quoted cell may hold separators, doubled quotes and line breaks. `unterminated` is the
// line of a quote left open at the end of the text (0 when none). Exposed for tests.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> cells;
};
std::vector<CsvRecord> splitCsv(const std::string& text, char sep, int& unterminated);

} // namespace tdkt::archive
