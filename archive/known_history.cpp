#include "archive/known_history.hpp"

#include "archive/index.hpp"
#include "archive/sqlite.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <thread>
#include <tuple>

namespace tdkt::archive {
namespace {

// Only awards of current decisions: a decision replaced by a corrected one granted nothing.
std::string currentDecisionJoin(const std::string& alias) {
    return " JOIN decisions d ON d.id = " + awardeeDecisionSql(alias) + " AND d.superseded_by = ''";
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace

struct ArchiveHistory::Impl {
    Database db;
    // Mutable: a lookup is const for the caller, but binds and steps the statement.
    mutable Statement awards;
    mutable Statement uses;
    mutable Statement year;
    mutable std::map<int, bool> years; // coversYear's answers
    fs::path root;                     // for a second connection (awardsOfEach)
    bool available = false;
};

ArchiveHistory::ArchiveHistory() : m_impl(std::make_unique<Impl>()) {}
ArchiveHistory::ArchiveHistory(ArchiveHistory&&) noexcept = default;
ArchiveHistory& ArchiveHistory::operator=(ArchiveHistory&&) noexcept = default;
ArchiveHistory::~ArchiveHistory() = default;

ArchiveHistory ArchiveHistory::open(const fs::path& root) {
    ArchiveHistory h;
    if (!indexIsCurrent(indexFile(root))) {
        return h;
    }
    auto db = Database::open(indexFile(root), true);
    if (!db) {
        return h;
    }
    auto awards = db->prepare(
        "SELECT k.kind_id, k.kind_name, k.year, k.period, k.decision_number, k.decision_date, "
        "k.issuer, k.unit, k.initiative_keys, k.source, k.dossier_sha256, k.round_key, k.id "
        "FROM known_awards k" +
        currentDecisionJoin("k") +
        " WHERE k.person_key = ?1 AND k.nominee_kind = ?2 AND (?3 = 0 OR k.birth_year = 0 OR "
        "k.birth_year = ?3)");
    auto uses = db->prepare("SELECT k.name, k.kind_name, k.year, k.decision_number, k.source, "
                            "k.dossier_sha256, k.round_key "
                            "FROM initiative_uses u JOIN known_awards k ON k.id = u.award_id" +
                            currentDecisionJoin("k") +
                            " WHERE u.initiative_key = ?1 ORDER BY k.year, k.decision_date, k.id");
    auto year = db->prepare("SELECT 1 FROM known_awards WHERE year = ?1 LIMIT 1");
    if (!awards || !uses || !year) {
        return h;
    }
    h.m_impl->year = std::move(year.value());
    // One read transaction for the object's life: every lookup of a run reads one snapshot,
    // and SQLite takes its file lock once instead of per query (fcntl and fstat were 9 % of a
    // 100,000-nominee validate).
    // The lookups of a big run touch much of the index: read it mapped, not page by page
    // through pread (13 % of that run).
    if (!db->exec("PRAGMA mmap_size = 1073741824") || !db->exec("BEGIN")) {
        return h;
    }
    h.m_impl->db = std::move(db.value());
    h.m_impl->awards = std::move(awards.value());
    h.m_impl->uses = std::move(uses.value());
    h.m_impl->root = root;
    h.m_impl->available = true;
    return h;
}

bool ArchiveHistory::available() const {
    return m_impl && m_impl->available;
}

std::vector<model::KnownAward>
ArchiveHistory::awardsOf(model::NomineeKind kind, const std::string& nameKey, int birthYear) const {
    std::vector<model::KnownAward> out;
    if (!available() || nameKey.empty()) {
        return out;
    }
    Statement& s = m_impl->awards;
    s.bind(1, nameKey).bind(2, std::string(model::toString(kind)));
    s.bind(3, static_cast<long long>(birthYear));
    std::vector<long long> ids;
    for (auto row = s.step(); row && row.value(); row = s.step()) {
        ids.push_back(s.integer(12));
        model::KnownAward a;
        a.kindId = s.text(0);
        a.kindName = s.text(1);
        a.year = static_cast<int>(s.integer(2));
        a.period = s.text(3);
        a.decisionNumber = s.text(4);
        a.decisionDate = model::Date::parseIso(s.text(5)).value_or(model::Date{});
        a.issuer = s.text(6);
        a.unit = s.text(7);
        a.initiativeKeys = lines(s.text(8));
        a.source = s.text(9);
        if (std::string sha = s.text(10); !sha.empty()) {
            a.dossierSha256.push_back(std::move(sha));
        }
        a.roundKey = s.text(11);
        out.push_back(std::move(a));
    }
    s.reset();
    // In the order the awards were granted. Sorted here: a person has a handful, and SQLite's
    // ORDER BY set up a sorter for each of the run's hundred thousand lookups.
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(out[x].year, out[x].decisionDate, ids[x]) <
               std::tie(out[y].year, out[y].decisionDate, ids[y]);
    });
    std::vector<model::KnownAward> sorted;
    sorted.reserve(out.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(out[i]));
    }
    return sorted;
}

std::vector<std::vector<model::KnownAward>>
ArchiveHistory::awardsOfEach(const std::vector<model::PersonQuery>& queries) const {
    std::vector<std::vector<model::KnownAward>> out(queries.size());
    auto answer = [&](const ArchiveHistory& h, std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            out[i] = h.awardsOf(queries[i].kind, queries[i].nameKey, queries[i].birthYear);
        }
    };
    // A big run on both cores: the second half through a connection of its own (one
    // connection serves one thread at a time). It reads the index as committed now, which a
    // concurrent filing may have moved on from this object's snapshot: its answers are still
    // those of a consistent archive.
    constexpr std::size_t kParallelFrom = 1000;
    std::optional<ArchiveHistory> second;
    if (queries.size() >= kParallelFrom && available() && std::thread::hardware_concurrency() > 1) {
        second = open(m_impl->root);
        if (!second->available()) {
            second.reset();
        }
    }
    if (!second) {
        answer(*this, 0, queries.size());
        return out;
    }
    const std::size_t half = queries.size() / 2;
    std::thread helper([&] { answer(*second, half, queries.size()); });
    answer(*this, 0, half);
    helper.join();
    return out;
}

std::vector<model::InitiativeUse> ArchiveHistory::usesOf(const std::string& key) const {
    std::vector<model::InitiativeUse> out;
    if (!available() || key.empty()) {
        return out;
    }
    Statement& s = m_impl->uses;
    s.bind(1, key);
    for (auto row = s.step(); row && row.value(); row = s.step()) {
        model::InitiativeUse u;
        u.recipient = s.text(0);
        u.kindName = s.text(1);
        u.year = static_cast<int>(s.integer(2));
        u.decisionNumber = s.text(3);
        u.source = s.text(4);
        if (std::string sha = s.text(5); !sha.empty()) {
            u.dossierSha256.push_back(std::move(sha));
        }
        u.roundKey = s.text(6);
        out.push_back(std::move(u));
    }
    s.reset();
    return out;
}

bool ArchiveHistory::coversYear(int year) const {
    if (!available()) {
        return false;
    }
    auto [it, fresh] = m_impl->years.emplace(year, false);
    if (fresh) {
        Statement& s = m_impl->year;
        s.bind(1, static_cast<long long>(year));
        auto row = s.step();
        it->second = row && row.value();
        s.reset();
    }
    return it->second;
}

} // namespace tdkt::archive
