#pragma once
// <root>/index.sqlite: a rebuildable SQLite FTS5 index of filed decisions and their awardees.
// The tree is the truth; the index only makes search and idempotency checks fast.
#include "archive/archive.hpp"
#include "archive/sqlite.hpp"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace tdkt::archive {

class Metadata;
struct PreparedDecision;
struct HistoryImport;

fs::path indexFile(const fs::path& root);

// Schema version in PRAGMA user_version; an index of another version is rebuilt from the tree.
constexpr int kIndexVersion = 8;

// An FTS5 rowid is (year << kYearShift) | (decision id << kRowidShift) | awardee ordinal:
// - a year filter is a rowid range, which FTS5 seeks to in every doclist (the most common
//   filter then costs nothing but the rows of that year);
// - the awardees of one decision are a rowid range, so replacing them is a range delete (no
//   scan of the FTS table), and an awardee's decision is awardeeDecisionSql (joined to
//   `decisions`).
constexpr int kRowidShift = 20; // up to 1,048,576 awardees per decision
constexpr int kYearShift = 44;  // up to 16,777,216 decisions in the index
long long awardeeRowid(int year, long long decisionId, long long ordinal);
// SQL for the decision id of the FTS5 row `alias`.rowid.
std::string awardeeDecisionSql(const std::string& alias);

// "uhnthcsnguyentrai", "fbangkhen": one token of the FTS5 `facets` column (lower-case ASCII
// letters and digits; other ASCII dropped, non-ASCII bytes as hex) so filters narrow the match
// inside the full-text index. Search re-checks the exact value on `decisions`, so two codes
// that differ only in punctuation are still told apart.
std::string facetToken(char kind, const std::string& value);
// A facet token every awardee row holds (no facetToken is a lone letter 'z'): search ORs it
// with a term its decision_keys row matched, and checks per candidate which one held.
constexpr const char* kAllFacet = "z";

class IndexWriter {
public:
    enum class Mode {
        Update, // an existing (or new) index.sqlite: durable, replaces a decision's rows
        Fresh,  // a new temporary file renamed into place afterwards: no journal, no fsync per
                // transaction, no deletes (a crash leaves only a temp file that is removed)
    };
    // Opens (creating the schema when new) and starts one transaction. A Fresh file must not
    // exist yet.
    static core::Result<IndexWriter> begin(const fs::path& file, Mode mode = Mode::Update);
    // Replaces whatever the index held for `relativeDir`.
    core::Status add(const std::string& relativeDir, const DecisionRecord& record,
                     const SearchKeyFn& searchKey);
    // One decision for addAll: std::nullopt ends the stream.
    using Next =
        std::function<core::Result<std::optional<std::pair<std::string, DecisionRecord>>>()>;
    // Adds every decision `next` yields, using both cores: `next` and the key folding run on a
    // worker thread (a bounded queue ahead) while this thread inserts. What reindex and the
    // benchmark do. Returns the number of awardees added.
    core::Result<long long> addAll(const Next& next, const SearchKeyFn& searchKey);
    // Adds the awards of one history import (archive/history.hpp): one decision row per
    // decision of the file (historyDecisions), replacing what the index held for them.
    core::Status addHistory(const HistoryImport& import, const SearchKeyFn& searchKey);
    core::Status commit();

private:
    // The folding half of add (no SQLite: may run on another thread) and the inserting half.
    PreparedDecision prepare(std::string relativeDir, DecisionRecord record,
                             const SearchKeyFn& searchKey);
    core::Status write(const PreparedDecision& d);
    // The known_awards row (and initiative_uses rows) of awardee `index` of `d`.
    core::Status writeKnown(const PreparedDecision& d, std::size_t index, long long rowid);

    Database m_db;
    Mode m_mode = Mode::Update;
    Statement m_findDecision, m_deleteDecision, m_deleteAwardees, m_insertDecision, m_insertAwardee,
        m_markSuperseded, m_deleteKeys, m_insertKeys, m_insertKnown, m_insertUse, m_deleteKnown,
        m_deleteUses;
    std::unordered_map<std::string, std::string> m_keyCache;
    std::unordered_set<std::string> m_terms; // for the vocab table, written by commit
    int m_added = 0;
};

// Whether the index file exists and has the current schema version.
bool indexIsCurrent(const fs::path& file);
// Whether the index holds a decision row for `relativeDir` (false when it cannot be read).
bool indexHasDecision(const fs::path& root, const std::string& relativeDir);

// The filed decision for this dossier and award according to the index; std::nullopt when
// not found, an error when the index cannot be read (callers then scan the tree).
core::Result<std::optional<FiledDecision>>
findInIndex(const fs::path& root, const std::string& dossierSha256, const std::string& awardId);

// The current (not superseded) decision of this round according to the index; an error when
// the index is missing or of another version (callers then scan the tree).
core::Result<std::optional<FiledDecision>> findCurrentInIndex(const fs::path& root,
                                                              const RoundKey& key);

// Rebuilds the index from every decision.xml of the tree into a temporary database that is
// renamed over index.sqlite. Call with the archive lock held. Returns awardees indexed.
core::Result<int> rebuildIndex(const fs::path& root, const Metadata& metadata,
                               const SearchKeyFn& searchKey);

} // namespace tdkt::archive
