#pragma once
// <root>/index.sqlite: a rebuildable SQLite FTS5 index of filed decisions and their awardees.
// The tree is the truth; the index only makes search and idempotency checks fast.
#include "archive/archive.hpp"
#include "archive/sqlite.hpp"

#include <optional>
#include <string>

namespace tdkt::archive {

class Metadata;

fs::path indexFile(const fs::path& root);

class IndexWriter {
public:
    // Opens (creating the schema when new) and starts one transaction.
    static core::Result<IndexWriter> begin(const fs::path& file);
    // Replaces whatever the index held for `relativeDir`.
    core::Status add(const std::string& relativeDir, const DecisionRecord& record,
                     const SearchKeyFn& searchKey);
    core::Status commit();

private:
    Database m_db;
    Statement m_deleteDecision, m_deleteAwardees, m_insertDecision, m_insertAwardee;
    int m_added = 0;
};

// The filed decision for this dossier and award according to the index; std::nullopt when
// not found, an error when the index cannot be read (callers then scan the tree).
core::Result<std::optional<FiledDecision>>
findInIndex(const fs::path& root, const std::string& dossierSha256, const std::string& awardId);

// Rebuilds the index from every decision.xml of the tree into a temporary database that is
// renamed over index.sqlite. Call with the archive lock held. Returns awardees indexed.
core::Result<int> rebuildIndex(const fs::path& root, const Metadata& metadata,
                               const SearchKeyFn& searchKey);

} // namespace tdkt::archive
