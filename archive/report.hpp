#pragma once
// `tdkt report`: counts and money of the awards of one reporting year, read from the tree's
// decision.xml files (the tree is the truth; the index is never consulted).
//
// The reporting year of thi đua, khen thưởng is not the calendar year: report year Y covers
// decisions dated 01/12/(Y-1) to 30/11/Y (TT 02/2023/TT-BNV; practice.md §1).
#include "archive/archive.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tdkt::archive {

// Which collectives count as "small" (tổ, đội, khoa, phòng, thôn, tổ dân phố ...): a
// collective whose name starts with one of these prefixes, compared as search keys (case and
// diacritics ignored) and only on whole words ("Tổ" matches "Tổ Văn" but not "Tổng công ty").
struct SmallCollectiveRule {
    std::vector<std::string> prefixes;
    // One prefix a line; blank lines and lines starting with '#' are ignored. Errors: A501.
    static core::Result<SmallCollectiveRule> load(const fs::path& file);
};

struct ReportOptions {
    int year = 0;
    std::optional<std::string> unit; // proposing unit code or issuer code
    SmallCollectiveRule small;
};

// One line of a report table.
struct ReportRow {
    std::string key;  // award kind ("bang-khen-tinh") or unit code
    std::string name; // "Bằng khen" or the unit's name
    int individuals = 0;
    int collectives = 0;
    int households = 0;
    int directWorkers = 0;    // individuals of category directWorker
    int smallCollectives = 0; // collectives matching SmallCollectiveRule
    int enterprises = 0;      // collectives that are enterprises
    long long money = 0;      // đồng, sum of awardee/@amount
    int withoutAmount = 0;    // awardees whose decision.xml carries no amount (no money)
    int total() const { return individuals + collectives + households; }
};

struct YearReport {
    int year = 0;
    std::string periodFrom; // ISO, inclusive
    std::string periodTo;   // ISO, inclusive
    std::optional<std::string> unit;
    int decisions = 0;
    std::vector<ReportRow> byKind; // award kinds by rank (thứ bậc), highest first
    std::vector<ReportRow> byUnit; // Vietnamese collation order of the unit names
    ReportRow total;
    // Shares in percent of all awardees (0 when there are none).
    double directWorkerShare() const;
    double smallCollectiveShare() const;
};

// Reads every decision.xml of the reporting period (year folders Y-1 and Y) and sums them.
// A decision superseded by a corrected one (supersedes in a decision.xml of years Y-1..Y+1)
// is left out: only the current version of each round's decision counts.
// A decision.xml that fails its schema is an error (A502, VerifyFailed: exit 65) naming the file: a
// report must not silently leave out a damaged decision.
core::Result<YearReport> buildReport(const fs::path& root, const fs::path& schemasDir,
                                     const ReportOptions& options, const SearchKeyFn& searchKey);

// True when `collectiveName` matches one of the prefixes (see SmallCollectiveRule).
bool isSmallCollective(const std::string& collectiveName, const SmallCollectiveRule& rule,
                       const SearchKeyFn& searchKey);

} // namespace tdkt::archive
