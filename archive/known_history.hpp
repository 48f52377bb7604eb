#pragma once
// model::KnownHistory over an archive's index: the awards tdkt filed (every current decision's
// awardees) and the awards imported from before tdkt (`tdkt history import`), as the
// known_awards and initiative_uses tables of <root>/index.sqlite hold them. Both are filled
// when a decision is filed or an import is stored, in the transaction that indexes it, and
// rebuilt by `tdkt reindex` from the bags and history/.
//
//   auto history = archive::ArchiveHistory::open(root);   // never fails
//   auto awards = history.awardsOf(model::NomineeKind::Individual, text::nameKey(name), 1980);
//
// Opening is cheap (one read-only connection, two prepared statements); each lookup is one
// indexed query. An archive without an index, with an index of another version (run `tdkt
// reindex`) or that cannot be read answers nothing: available() tells the caller. Decisions
// replaced by a corrected one are left out. Not thread-safe: one object per thread (the
// statements are reused). It holds one read transaction for its whole life (one snapshot, one
// file lock): destroy it before filing into the same archive (Pipeline::issue does).
#include "pipeline/core/fs.hpp"
#include "pipeline/model/known_history.hpp"

#include <memory>

namespace tdkt::archive {

class ArchiveHistory final : public model::KnownHistory {
public:
    static ArchiveHistory open(const fs::path& root);

    // Whether the index could be opened and has the current version.
    bool available() const;

    std::vector<model::KnownAward> awardsOf(model::NomineeKind kind, const std::string& nameKey,
                                            int birthYear) const override;
    std::vector<std::vector<model::KnownAward>>
    awardsOfEach(const std::vector<model::PersonQuery>& queries) const override;
    std::vector<model::InitiativeUse> usesOf(const std::string& key) const override;
    bool coversYear(int year) const override;

    ArchiveHistory(ArchiveHistory&&) noexcept;
    ArchiveHistory& operator=(ArchiveHistory&&) noexcept;
    ~ArchiveHistory() override;

private:
    ArchiveHistory();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tdkt::archive
