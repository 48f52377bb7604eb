#include "archive/index.hpp"

#include "archive/history.hpp"
#include "archive/metadata.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/text/name_key.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>
#include <unordered_set>

namespace tdkt::archive {
namespace {

// The FTS5 table `awardees` holds what is per awardee (the folded *_key columns MATCH sees and
// the display columns) plus the filter tokens in `facets`. The decision-level keys (award form,
// issuer, number) are in `decision_keys`, one row per decision (rowid = awardee rowid >>
// kRowidShift: year and decision id), and search combines the two, so free text like "bang
// khen dao" still matches across an awardee and its decision. Until index version 3 they were
// repeated in every awardee row: ~24 tokens per row, of which 12 were the decision's; now ~13
// (measured in IndexWriter::begin). Everything else about a decision is in `decisions`, joined
// by rowid >> kRowidShift.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS decisions(
  id INTEGER PRIMARY KEY,
  rel_dir TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  issuer_code TEXT NOT NULL,
  issuer_name TEXT NOT NULL,
  number INTEGER NOT NULL,
  number_text TEXT NOT NULL,
  number_key TEXT NOT NULL,
  date TEXT NOT NULL,
  award_id TEXT NOT NULL,
  award_kind_name TEXT NOT NULL, -- the awards' names joined by ", "
  award_key TEXT NOT NULL,
  dossier_sha256 TEXT NOT NULL,
  dossier_file TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  decision_path TEXT NOT NULL,
  awardee_count INTEGER NOT NULL,
  award_kind TEXT NOT NULL,      -- the awards' catalogue ids joined by "+"
  round_name TEXT NOT NULL,
  round_year INTEGER NOT NULL,
  supersedes TEXT NOT NULL,      -- rel_dir of the decision this one replaces ('' = none)
  superseded_by TEXT NOT NULL);  -- number_text of the decision replacing it ('' = current)
CREATE INDEX IF NOT EXISTS decisions_dossier ON decisions(dossier_sha256, award_id);
CREATE INDEX IF NOT EXISTS decisions_round ON decisions(issuer_code, unit_code, round_name);
-- columnsize=0: no %_docsize row per awardee; tdkt_rank damps by token position and never asks
-- for a column's size.
CREATE VIRTUAL TABLE IF NOT EXISTS awardees USING fts5(
  name_key, unit_key, position_key, facets,
  name UNINDEXED, kind UNINDEXED, position UNINDEXED, unit UNINDEXED,
  certificate_file UNINDEXED, award_kind UNINDEXED, award_name UNINDEXED, unit_code UNINDEXED,
  tokenize = 'ascii', columnsize = 0);
CREATE VIRTUAL TABLE IF NOT EXISTS decision_keys USING fts5(
  award_key, issuer_key, number_key, tokenize = 'ascii', columnsize = 0);
-- Every token of the *_key columns: search expands a typed prefix into the few whole tokens it
-- stands for (fast streaming doclists) instead of an FTS5 prefix query, which first merges the
-- doclists of every matching token in every segment. Never pruned: a token no longer in the
-- index only adds an empty OR branch.
CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY) WITHOUT ROWID;
-- What the archive knows of each recipient's earlier awards (archive/known_history.hpp): one row
-- per awardee, id = its awardees rowid (so a decision's rows are a range, like the awardees').
-- person_key is text::nameKey of the name (a household's head); year the year the achievement
-- ends in; initiative_keys the text::initiativeKeys of the initiatives the award used, one per
-- line; source the bag's folder, or "nhập từ FILE, dòng N" for an imported award.
CREATE TABLE IF NOT EXISTS known_awards(
  id INTEGER PRIMARY KEY,
  person_key TEXT NOT NULL,
  nominee_kind TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind_id TEXT NOT NULL,
  kind_name TEXT NOT NULL,
  year INTEGER NOT NULL,
  period TEXT NOT NULL,
  decision_number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  issuer TEXT NOT NULL,
  unit TEXT NOT NULL,
  initiative_keys TEXT NOT NULL,
  source TEXT NOT NULL,
  dossier_sha256 TEXT NOT NULL, -- the dossier the award was decided from ('' if imported)
  round_key TEXT NOT NULL);     -- awardRoundKey: a corrected dossier's awards replace these
CREATE INDEX IF NOT EXISTS known_awards_person ON known_awards(person_key, nominee_kind);
-- Each initiative key of each award that used an initiative (award_id = known_awards.id).
CREATE TABLE IF NOT EXISTS initiative_uses(
  initiative_key TEXT NOT NULL,
  award_id INTEGER NOT NULL,
  PRIMARY KEY(initiative_key, award_id)) WITHOUT ROWID;
PRAGMA user_version = 8;
)sql";

std::string oneLine(std::string s) {
    for (char& c : s) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return s;
}

// Adds the tokens of a folded key as the `ascii` tokenizer splits it (ASCII letters and digits
// and every non-ASCII byte are token characters).
void collectTokens(const std::string& key, std::unordered_set<std::string>& out) {
    std::string token;
    for (char c : key) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            token.push_back(static_cast<char>(std::tolower(u)));
        } else if (!token.empty()) {
            out.insert(token);
            token.clear();
        }
    }
    if (!token.empty()) {
        out.insert(token);
    }
}

std::string squeeze(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

// The year an award's achievement ends in: the last run of exactly four digits in its period
// ("năm học 2024 - 2025" -> 2025), else `fallback` (the decision's year).
int periodEndYear(const std::string& period, int fallback) {
    int year = fallback;
    for (std::size_t i = 0; i < period.size();) {
        if (!std::isdigit(static_cast<unsigned char>(period[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < period.size() && std::isdigit(static_cast<unsigned char>(period[j]))) {
            ++j;
        }
        if (j - i == 4) {
            year = std::stoi(period.substr(i, 4));
        }
        i = j;
    }
    return year;
}

// The text::initiativeKeys of the initiatives an awardee's award used (its `initiatives` ids
// looked up in its history), each once.
std::vector<std::string> usedInitiativeKeys(const AwardeeRecord& a) {
    std::vector<std::string> keys;
    for (const auto& id : a.initiatives) {
        for (const auto& initiative : a.history.initiatives) {
            if (initiative.id != id) {
                continue;
            }
            for (auto& key : text::initiativeKeys(initiative.code, initiative.title)) {
                if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                    keys.push_back(std::move(key));
                }
            }
        }
    }
    return keys;
}

} // namespace

bool indexIsCurrent(const fs::path& file) {
    boost::system::error_code ec;
    if (!fs::exists(file, ec)) {
        return false;
    }
    auto db = Database::open(file, true);
    if (!db) {
        return false;
    }
    auto stmt = db->prepare("PRAGMA user_version");
    if (!stmt) {
        return false;
    }
    auto row = stmt->step();
    return row && row.value() && stmt->integer(0) == kIndexVersion;
}

bool indexHasDecision(const fs::path& root, const std::string& relativeDir) {
    auto db = Database::open(indexFile(root), true);
    if (!db) {
        return false;
    }
    auto stmt = db->prepare("SELECT 1 FROM decisions WHERE rel_dir = ?1");
    if (!stmt) {
        return false;
    }
    stmt->bind(1, relativeDir);
    auto row = stmt->step();
    return row && row.value();
}

core::Result<IndexWriter> IndexWriter::begin(const fs::path& file, Mode mode) {
    auto db = Database::open(file, false);
    if (!db) {
        return db.error();
    }
    IndexWriter w;
    w.m_db = std::move(db.value());
    w.m_mode = mode;
    // Update: rollback journal, not WAL: reindex renames a new file over index.sqlite, and a
    // WAL file left beside it would then belong to the wrong database. Fresh: the file is a
    // temporary that only becomes index.sqlite after it is complete and fsynced, so it needs
    // neither a journal nor a sync per write.
    // What a fresh build costs (bench/archive.sh, 1M records, 2-core build machine shared with
    // other jobs, so CPU times vary +-15% between runs): index version 3 took 13.9 s CPU on
    // one thread (72,000 records/s). Now, each change measured alone, CPU of the inserting
    // thread (the build's critical path):
    // - decision-level keys in decision_keys instead of every awardee row (~24 -> ~13 tokens
    //   per row) and columnsize=0: 13.9 -> ~12.4 s;
    // - reading, folding and collecting vocab on addAll's worker thread: inserting thread
    //   ~8.7 s (+1 s commit), the worker ~1.5-2.5 s;
    // - SQLITE_STATIC bindings of the awardee row: ~8.1-8.8 s (within noise, kept: no copy);
    // - Fresh only: FTS5 automerge 0 and hashsize 32 MB (below): 8.1-8.8 -> 6.1-6.2 s (+0.75 s
    //   commit, where 'optimize' writes the one segment): the default 1 MB pending-terms
    //   hash flushed a segment every ~80,000 rows and automerge rewrote them level by level.
    //   64 MB: 6.6-7.0 s; 8 MB: 6.1-7.5 s.
    // About 140,000 records/s on two idle cores. page_size 16384 or 65536 was within noise.
    const char* pragmas = mode == Mode::Fresh
                              ? "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                                "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-131072;"
                              : "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;";
    if (auto st = w.m_db.exec(pragmas); !st) {
        return st.error();
    }
    // The schema is created inside the write transaction: a run killed while creating a new
    // index leaves no half-made file that verify would call an index of another version.
    if (auto st = w.m_db.exec("BEGIN IMMEDIATE"); !st) {
        return st.error();
    }
    if (auto st = w.m_db.exec(kSchema); !st) {
        return st.error();
    }
    if (mode == Mode::Fresh) { // see the numbers above; commit() optimizes to one segment
        if (auto st =
                w.m_db.exec("INSERT INTO awardees(awardees, rank) VALUES('automerge', 0); "
                            "INSERT INTO awardees(awardees, rank) VALUES('hashsize', 33554432)");
            !st) {
            return st.error();
        }
    }
    auto prep = [&](Statement& s, const std::string& sql) -> core::Status {
        auto r = w.m_db.prepare(sql);
        if (!r) {
            return r.error();
        }
        s = std::move(r.value());
        return {};
    };
    for (auto st : {
             prep(w.m_findDecision, "SELECT id, year FROM decisions WHERE rel_dir = ?1"),
             prep(w.m_deleteDecision, "DELETE FROM decisions WHERE id = ?1"),
             prep(w.m_deleteAwardees, "DELETE FROM awardees WHERE rowid BETWEEN ?1 AND ?2"),
             prep(w.m_deleteKeys, "DELETE FROM decision_keys WHERE rowid = ?1"),
             prep(w.m_insertKeys, "INSERT INTO decision_keys(rowid, award_key, issuer_key, "
                                  "number_key) VALUES(?1,?2,?3,?4)"),
             prep(w.m_insertDecision,
                  std::string("INSERT INTO decisions(rel_dir, year, issuer_code, issuer_name, "
                              "number, number_text, number_key, date, award_id, "
                              "award_kind_name, award_key, dossier_sha256, dossier_file, "
                              "unit_code, unit_name, decision_path, awardee_count, award_kind, "
                              "round_name, round_year, supersedes, superseded_by) "
                              "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
                              "?17,?18,?19,?20,?21,") +
                      // A bag re-added (recovery) keeps the link of a newer bag replacing it.
                      // A fresh build links every pair once at commit instead: this lookup
                      // scans `decisions` (no index on supersedes), which per insert made a
                      // 10,000-decision rebuild quadratic.
                      (mode == Mode::Fresh ? "'')"
                                           : "coalesce((SELECT number_text FROM decisions "
                                             "WHERE supersedes = ?1), ''))")),
             prep(w.m_markSuperseded, "UPDATE decisions SET superseded_by = ?2 WHERE rel_dir = ?1"),
             prep(w.m_deleteKnown, "DELETE FROM known_awards WHERE id BETWEEN ?1 AND ?2"),
             prep(w.m_deleteUses, "DELETE FROM initiative_uses WHERE award_id BETWEEN ?1 AND ?2"),
             prep(w.m_insertKnown,
                  "INSERT INTO known_awards(id, person_key, nominee_kind, birth_year, name, "
                  "kind_id, kind_name, year, period, decision_number, decision_date, issuer, "
                  "unit, initiative_keys, source, dossier_sha256, round_key) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"),
             prep(w.m_insertUse,
                  "INSERT OR IGNORE INTO initiative_uses(initiative_key, award_id) VALUES(?1,?2)"),
             prep(w.m_insertAwardee,
                  "INSERT INTO awardees(rowid, name_key, unit_key, position_key, facets, name, "
                  "kind, position, unit, certificate_file, award_kind, award_name, unit_code) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)"),
         }) {
        if (!st) {
            return st.error();
        }
    }
    return w;
}

// A decision with every key folded: what IndexWriter::write inserts.
struct PreparedDecision {
    std::string rel;
    DecisionRecord record;
    std::string issuerName, awardKey, issuerKey, numberKey;
    // Per awardee group (award part × proposing unit): the decision's facets, the award kind's
    // and the unit's; `facetOf[i]` indexes `facets` for awardee i.
    std::vector<std::string> facets;
    std::vector<std::size_t> facetOf;
    std::vector<std::string> ownKeys; // name, unit, position key per awardee
    std::string decisionPath;         // relative to root: the decision PDF (an import's copy)
    // What known_awards holds per awardee: the person key, the achievement's year and the
    // initiatives' keys; the source when it is not the bag's folder (imported awards).
    std::vector<std::string> personKeys;
    std::vector<int> years;
    std::vector<std::vector<std::string>> initiativeKeys;
    std::vector<std::string> sources;
};

PreparedDecision IndexWriter::prepare(std::string rel, DecisionRecord r, const SearchKeyFn& key) {
    PreparedDecision d;
    d.issuerName = oneLine(r.issuerName);
    // Fold the values shared by every awardee of the decision once.
    d.awardKey = key(r.awardKindName);
    d.issuerKey = key(d.issuerName);
    d.numberKey = key(r.numberText);
    // kAllFacet in every row: search ORs it with a term its decision matches (see search.cpp).
    const std::string common =
        facetToken('i', r.issuerCode) + " " + facetToken('n', d.numberKey) + " " + kAllFacet;
    std::map<std::pair<int, std::string>, std::size_t> groups;
    for (const auto& a : r.awardees) {
        const std::string& unit = unitCodeOf(r, a);
        auto [it, fresh] = groups.emplace(std::make_pair(a.part, unit), d.facets.size());
        if (fresh) {
            const AwardRecord* award = awardOf(r, a);
            d.facets.push_back(common + " " + facetToken('u', unit) +
                               (award ? " " + facetToken('k', award->kind) : std::string()));
        }
        d.facetOf.push_back(it->second);
    }
    for (const auto* k : {&d.awardKey, &d.issuerKey, &d.numberKey}) {
        collectTokens(*k, m_terms);
    }
    // Units and positions repeat across a decision's awardees (one school, "Giáo viên"):
    // fold each distinct one once. Bounded so a long rebuild does not grow it without end.
    auto cachedKey = [&](const std::string& value) -> const std::string& {
        if (m_keyCache.size() > 4096) {
            m_keyCache.clear();
        }
        auto [it, inserted] = m_keyCache.try_emplace(value);
        if (inserted) {
            it->second = key(value);
            collectTokens(it->second, m_terms);
        }
        return it->second;
    };
    d.ownKeys.reserve(3 * r.awardees.size());
    for (const auto& a : r.awardees) {
        d.ownKeys.push_back(key(a.name));
        collectTokens(d.ownKeys.back(), m_terms);
        d.ownKeys.push_back(cachedKey(a.unit));
        d.ownKeys.push_back(cachedKey(a.position));
    }
    d.personKeys.reserve(r.awardees.size());
    for (const auto& a : r.awardees) {
        const bool household = a.kind == model::NomineeKind::Household && !a.headName.empty();
        d.personKeys.push_back(text::nameKey(household ? a.headName : a.name));
        const AwardRecord* award = awardOf(r, a);
        d.years.push_back(periodEndYear(award ? award->period : std::string(), r.year));
        d.initiativeKeys.push_back(usedInitiativeKeys(a));
    }
    d.decisionPath = rel + "/data/" + r.decisionFile;
    d.rel = std::move(rel);
    d.record = std::move(r);
    return d;
}

core::Status IndexWriter::addHistory(const HistoryImport& import, const SearchKeyFn& key) {
    for (auto& h : historyDecisions(import)) {
        PreparedDecision d = prepare(h.rel, std::move(h.record), key);
        d.decisionPath = historyCopyPath(import.sha256);
        d.sources = std::move(h.sources);
        if (auto st = write(d); !st) {
            return st;
        }
    }
    return {};
}

core::Status IndexWriter::writeKnown(const PreparedDecision& d, std::size_t index,
                                     long long rowid) {
    const DecisionRecord& r = d.record;
    const AwardeeRecord& a = r.awardees[index];
    const AwardRecord* award = awardOf(r, a);
    static const std::string kNone;
    std::string keys;
    for (const auto& k : d.initiativeKeys[index]) {
        keys += (keys.empty() ? "" : "\n") + k;
    }
    if (auto st = m_insertKnown.bind(1, rowid)
                      .bindStatic(2, d.personKeys[index])
                      .bind(3, std::string(model::toString(a.kind)))
                      .bind(4, static_cast<long long>(a.birthYear))
                      .bindStatic(5, a.name)
                      .bindStatic(6, award ? award->kind : kNone)
                      .bindStatic(7, award ? award->name : kNone)
                      .bind(8, static_cast<long long>(d.years[index]))
                      .bindStatic(9, award ? award->period : kNone)
                      .bindStatic(10, r.numberText)
                      .bindStatic(11, r.date)
                      .bindStatic(12, d.issuerName)
                      .bindStatic(13, a.unit.empty() ? unitNameOf(r, a) : a.unit)
                      .bind(14, keys)
                      .bindStatic(15, d.sources.empty() ? d.rel : d.sources[index])
                      .bindStatic(16, dossierOf(r, a))
                      .bind(17, d.sources.empty() ? awardRoundKey(r, a) : std::string())
                      .run();
        !st) {
        return st;
    }
    for (const auto& k : d.initiativeKeys[index]) {
        if (auto st = m_insertUse.bind(1, k).bind(2, rowid).run(); !st) {
            return st;
        }
    }
    return {};
}

core::Status IndexWriter::add(const std::string& rel, const DecisionRecord& r,
                              const SearchKeyFn& key) {
    return write(prepare(rel, r, key));
}

core::Status IndexWriter::write(const PreparedDecision& d) {
    const std::string& rel = d.rel;
    const DecisionRecord& r = d.record;
    if (m_mode == Mode::Update) {
        m_findDecision.bind(1, rel);
        auto row = m_findDecision.step();
        if (!row) {
            m_findDecision.reset();
            return row.error();
        }
        const long long old = row.value() ? m_findDecision.integer(0) : 0;
        const int oldYear = row.value() ? static_cast<int>(m_findDecision.integer(1)) : 0;
        m_findDecision.reset();
        if (row.value()) {
            if (auto st = m_deleteAwardees.bind(1, awardeeRowid(oldYear, old, 0))
                              .bind(2, awardeeRowid(oldYear, old + 1, 0) - 1)
                              .run();
                !st) {
                return st;
            }
            if (auto st = m_deleteKeys.bind(1, awardeeRowid(oldYear, old, 0) >> kRowidShift).run();
                !st) {
                return st;
            }
            for (Statement* range : {&m_deleteKnown, &m_deleteUses}) {
                if (auto st = range->bind(1, awardeeRowid(oldYear, old, 0))
                                  .bind(2, awardeeRowid(oldYear, old + 1, 0) - 1)
                                  .run();
                    !st) {
                    return st;
                }
            }
            if (auto st = m_deleteDecision.bind(1, old).run(); !st) {
                return st;
            }
        }
    }
    if (r.awardees.size() >= (std::size_t{1} << kRowidShift) || r.year < 0 ||
        r.year >= (1 << (62 - kYearShift))) {
        return core::makeError(core::ErrorKind::Io, "A013",
                               "quyết định có quá nhiều người/tập thể cho chỉ mục tìm kiếm", {rel});
    }
    const std::string& issuerName = d.issuerName;
    const std::string& awardKey = d.awardKey;
    const std::string& issuerKey = d.issuerKey;
    const std::string& numberKey = d.numberKey;
    auto st = m_insertDecision.bind(1, rel)
                  .bind(2, static_cast<long long>(r.year))
                  .bind(3, r.issuerCode)
                  .bind(4, issuerName)
                  .bind(5, static_cast<long long>(r.number))
                  .bind(6, r.numberText)
                  .bind(7, numberKey)
                  .bind(8, r.date)
                  .bind(9, r.awardId)
                  .bind(10, r.awardKindName)
                  .bind(11, squeeze(awardKey))
                  .bind(12, r.dossierSha256)
                  .bind(13, r.dossierFile)
                  // The version key's unit: a consolidated decision's units stand for one.
                  .bind(14, roundKeyOf(r).unitCode)
                  .bind(15, r.unitName)
                  .bind(16, d.decisionPath)
                  .bind(17, static_cast<long long>(r.awardees.size()))
                  .bind(18, r.awardKind)
                  .bind(19, r.roundName)
                  .bind(20, static_cast<long long>(r.roundYear))
                  .bind(21, r.supersedesDir)
                  .run();
    if (!st) {
        return st;
    }
    const long long id = sqlite3_last_insert_rowid(m_db.handle());
    // Fresh rebuilds link every pair at commit (a replacing bag may be listed before the
    // bag it replaces); an update marks the older row, which is already indexed, now.
    if (m_mode == Mode::Update && !r.supersedesDir.empty()) {
        if (auto marked = m_markSuperseded.bind(1, r.supersedesDir).bind(2, r.numberText).run();
            !marked) {
            return marked;
        }
    }
    if (id >= (1LL << (kYearShift - kRowidShift))) {
        return core::makeError(core::ErrorKind::Io, "A013",
                               "chỉ mục tìm kiếm đã đầy; hãy chạy «tdkt reindex»", {rel});
    }
    if (auto keys = m_insertKeys.bind(1, awardeeRowid(r.year, id, 0) >> kRowidShift)
                        .bind(2, awardKey)
                        .bind(3, issuerKey)
                        .bind(4, numberKey)
                        .run();
        !keys) {
        return keys;
    }
    long long ordinal = 0;
    const std::string* own = d.ownKeys.data();
    static const std::string kNone;
    std::size_t index = 0;
    for (const auto& a : r.awardees) {
        const AwardRecord* award = awardOf(r, a);
        const std::string& facets = d.facets[d.facetOf[index]];
        const long long rowid = awardeeRowid(r.year, id, ordinal++);
        if (auto known = writeKnown(d, index++, rowid); !known) {
            return known;
        }
        // Static bindings: `d` outlives the statement's run (which resets it).
        st = m_insertAwardee.bind(1, rowid)
                 .bindStatic(2, own[0])
                 .bindStatic(3, own[1])
                 .bindStatic(4, own[2])
                 .bindStatic(5, facets)
                 .bindStatic(6, a.name)
                 .bind(7, std::string(model::toString(a.kind)))
                 .bindStatic(8, a.position)
                 .bindStatic(9, a.unit)
                 .bindStatic(10, a.certificateFile)
                 .bindStatic(11, award ? award->kind : kNone)
                 .bindStatic(12, award ? award->name : kNone)
                 .bindStatic(13, unitCodeOf(r, a))
                 .run();
        if (!st) {
            return st;
        }
        own += 3;
        ++m_added;
    }
    return {};
}

core::Result<long long> IndexWriter::addAll(const Next& next, const SearchKeyFn& key) {
    // Reading decisions and folding their keys (a third of a rebuild's CPU time with
    // decision.xml parsing, a sixth with the benchmark's synthetic records) overlaps with the
    // FTS5 inserts, which only this thread does: the connection is never shared. The worker
    // stays at most kAhead decisions ahead, so memory stays bounded on a large tree. Only the
    // worker touches m_terms and m_keyCache until it is joined.
    constexpr std::size_t kAhead = 64;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<PreparedDecision> queue;
    bool done = false;
    bool stop = false;
    std::optional<core::Error> failed;
    std::thread worker([&] {
        try {
            for (;;) {
                auto item = next();
                if (!item) {
                    std::lock_guard<std::mutex> lock(mutex);
                    failed = item.error();
                    break;
                }
                if (!item.value()) {
                    break;
                }
                PreparedDecision d =
                    prepare(std::move(item.value()->first), std::move(item.value()->second), key);
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return queue.size() < kAhead || stop; });
                if (stop) {
                    break;
                }
                queue.push_back(std::move(d));
                changed.notify_all();
            }
        } catch (const std::exception& e) { // nothing may escape a thread
            std::lock_guard<std::mutex> lock(mutex);
            failed = core::makeError(core::ErrorKind::Io, "A013",
                                     std::string("lỗi khi đọc kho để lập chỉ mục: ") + e.what());
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            failed = core::makeError(core::ErrorKind::Io, "A013", "lỗi khi đọc kho để lập chỉ mục");
        }
        std::lock_guard<std::mutex> lock(mutex);
        done = true;
        changed.notify_all();
    });
    long long added = 0;
    core::Status status;
    for (;;) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) {
            break;
        }
        PreparedDecision d = std::move(queue.front());
        queue.pop_front();
        changed.notify_all();
        lock.unlock();
        status = write(d);
        if (!status) {
            lock.lock();
            stop = true;
            changed.notify_all();
            break;
        }
        added += static_cast<long long>(d.record.awardees.size());
    }
    worker.join();
    if (!status) {
        return status.error();
    }
    if (failed) {
        return *failed;
    }
    return added;
}

core::Status IndexWriter::commit() {
    {
        auto insertTerm = m_db.prepare("INSERT OR IGNORE INTO vocab(term) VALUES(?1)");
        if (!insertTerm) {
            return insertTerm.error();
        }
        for (const auto& term : m_terms) {
            if (auto st = insertTerm->bind(1, term).run(); !st) {
                return st;
            }
        }
        m_terms.clear();
    }
    if (m_mode == Mode::Fresh) {
        // Each replaced decision gets the number of the decision replacing it (the first by
        // rel_dir when several claim it: min() picks the row number_text is read from). One
        // grouped scan: the correlated subquery per row it replaces took 14 s of CPU for 10,000
        // decisions (the 1M-record benchmark), quadratic in their number.
        if (auto st = m_db.exec(
                "UPDATE decisions SET superseded_by = n.number_text FROM (SELECT supersedes, "
                "number_text, min(rel_dir) FROM decisions WHERE supersedes <> '' GROUP BY "
                "supersedes) AS n WHERE decisions.rel_dir = n.supersedes");
            !st) {
            return st;
        }
        // One b-tree segment instead of a dozen: every query term is then one lookup.
        if (auto st = m_db.exec("INSERT INTO awardees(awardees) VALUES('optimize'); "
                                "INSERT INTO decision_keys(decision_keys) VALUES('optimize')");
            !st) {
            return st;
        }
    }
    auto st = m_db.exec("COMMIT");
    m_findDecision = m_deleteDecision = m_deleteAwardees = m_insertDecision = m_insertAwardee =
        m_markSuperseded = m_deleteKeys = m_insertKeys = m_insertKnown = m_insertUse =
            m_deleteKnown = m_deleteUses = Statement();
    m_db.close();
    return st;
}

namespace {

// The first row of a `SELECT rel_dir, number, number_text FROM decisions ...` as a filed
// decision; std::nullopt when there is none.
core::Result<std::optional<FiledDecision>> firstFiled(Statement& stmt, const fs::path& root) {
    auto row = stmt.step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<FiledDecision>();
    }
    FiledDecision f;
    f.relativeDir = stmt.text(0);
    f.bagDir = root / f.relativeDir;
    f.number = static_cast<int>(stmt.integer(1));
    f.numberText = stmt.text(2);
    return std::optional<FiledDecision>(std::move(f));
}

} // namespace

core::Result<std::optional<FiledDecision>>
findInIndex(const fs::path& root, const std::string& dossierSha256, const std::string& awardId) {
    boost::system::error_code ec;
    if (!fs::exists(indexFile(root), ec)) {
        return core::makeError(core::ErrorKind::InputMissing, "A015", "chưa có chỉ mục tìm kiếm",
                               {indexFile(root).string()});
    }
    auto db = Database::open(indexFile(root), true);
    if (!db) {
        return db.error();
    }
    auto stmt = db->prepare("SELECT rel_dir, number, number_text FROM decisions "
                            "WHERE dossier_sha256 = ?1 AND award_id = ?2 ORDER BY rel_dir LIMIT 1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, dossierSha256).bind(2, awardId);
    auto filed = firstFiled(stmt.value(), root);
    if (filed && *filed) {
        (*filed)->alreadyFiled = true;
    }
    return filed;
}

core::Result<std::optional<FiledDecision>> findCurrentInIndex(const fs::path& root,
                                                              const RoundKey& key) {
    if (!indexIsCurrent(indexFile(root))) {
        return core::makeError(core::ErrorKind::InputMissing, "A015", "chưa có chỉ mục tìm kiếm",
                               {indexFile(root).string()});
    }
    auto db = Database::open(indexFile(root), true);
    if (!db) {
        return db.error();
    }
    auto stmt = db->prepare("SELECT rel_dir, number, number_text FROM decisions WHERE "
                            "issuer_code = ?1 AND unit_code = ?2 AND round_name = ?3 AND "
                            "round_year = ?4 AND award_id = ?5 AND award_kind = ?6 AND "
                            "superseded_by = '' ORDER BY year DESC, number DESC LIMIT 1");
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, key.issuerCode)
        .bind(2, key.unitCode)
        .bind(3, key.roundName)
        .bind(4, static_cast<long long>(key.roundYear))
        .bind(5, key.awardId)
        .bind(6, key.awardKind);
    return firstFiled(stmt.value(), root);
}

core::Result<int> rebuildIndex(const fs::path& root, const Metadata& metadata,
                               const SearchKeyFn& searchKey) {
    const fs::path tmp = root / (".index-rebuild-" + std::to_string(::getpid()) + ".sqlite");
    boost::system::error_code ec;
    fs::remove(tmp, ec);
    fs::remove(fs::path(tmp.string() + "-journal"), ec);
    auto writer = IndexWriter::begin(tmp, IndexWriter::Mode::Fresh);
    if (!writer) {
        return writer.error();
    }
    const std::vector<std::string> bags = listTree(root).bags;
    std::size_t nextBag = 0;
    // Runs on addAll's worker thread (parsing decision.xml overlaps with the inserts).
    auto next = [&]() -> core::Result<std::optional<std::pair<std::string, DecisionRecord>>> {
        while (nextBag < bags.size()) {
            const std::string& rel = bags[nextBag++];
            core::Diagnostics diags;
            auto record = metadata.readDecision(root / rel / "data" / "decision.xml",
                                                rel + "/data/decision.xml", diags);
            if (record) { // verify reports a damaged decision.xml; the rest stays searchable
                return std::optional<std::pair<std::string, DecisionRecord>>(
                    std::make_pair(rel, std::move(record.value())));
            }
        }
        return std::optional<std::pair<std::string, DecisionRecord>>();
    };
    auto added = writer->addAll(next, searchKey);
    if (!added) {
        fs::remove(tmp, ec);
        return added.error();
    }
    int awardees = static_cast<int>(added.value());
    // The awards imported from before tdkt (history/): kept by reindex like the bags.
    for (const auto& import : readHistoryImports(root)) {
        if (auto st = writer->addHistory(import, searchKey); !st) {
            fs::remove(tmp, ec);
            return st.error();
        }
        awardees += static_cast<int>(import.awards.size());
    }
    if (auto st = writer->commit(); !st) {
        fs::remove(tmp, ec);
        return st.error();
    }
    // A hot journal of the old database must not be replayed into the new one.
    fs::remove(fs::path(indexFile(root).string() + "-journal"), ec);
    if (auto st = core::fsyncPath(tmp); !st) {
        return st.error();
    }
    if (auto st = core::renameDurable(tmp, indexFile(root)); !st) {
        fs::remove(tmp, ec);
        return st.error();
    }
    return awardees;
}

} // namespace tdkt::archive
