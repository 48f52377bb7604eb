#include "archive/index.hpp"

#include "archive/metadata.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"

#include <unistd.h>

namespace tdkt::archive {
namespace {

// Raw columns are UNINDEXED (returned, filtered on, never matched); the *_key columns hold
// the injected SearchKeyFn's folding and are the only ones MATCH sees.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS decisions(
  id INTEGER PRIMARY KEY,
  rel_dir TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  issuer_code TEXT NOT NULL,
  issuer_name TEXT NOT NULL,
  number INTEGER NOT NULL,
  number_text TEXT NOT NULL,
  date TEXT NOT NULL,
  award_id TEXT NOT NULL,
  award_form_name TEXT NOT NULL,
  dossier_sha256 TEXT NOT NULL,
  dossier_file TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  decision_path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_dossier ON decisions(dossier_sha256, award_id);
CREATE VIRTUAL TABLE IF NOT EXISTS awardees USING fts5(
  name_key, unit_key, position_key, award_key, issuer_key, number_key,
  rel_dir UNINDEXED, name UNINDEXED, kind UNINDEXED, position UNINDEXED, unit UNINDEXED,
  award_form_name UNINDEXED, issuer_name UNINDEXED, number_text UNINDEXED, date UNINDEXED,
  year UNINDEXED, unit_code UNINDEXED, issuer_code UNINDEXED, decision_path UNINDEXED,
  certificate_path UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2');
PRAGMA user_version = 1;
)sql";

std::string oneLine(std::string s) {
    for (char& c : s) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return s;
}

} // namespace

fs::path indexFile(const fs::path& root) {
    return root / "index.sqlite";
}

core::Result<IndexWriter> IndexWriter::begin(const fs::path& file) {
    auto db = Database::open(file, false);
    if (!db) {
        return db.error();
    }
    IndexWriter w;
    w.m_db = std::move(db.value());
    // Rollback journal, not WAL: reindex renames a new file over index.sqlite, and a WAL
    // file left beside it would then belong to the wrong database.
    if (auto st = w.m_db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;"); !st) {
        return st.error();
    }
    if (auto st = w.m_db.exec(kSchema); !st) {
        return st.error();
    }
    if (auto st = w.m_db.exec("BEGIN IMMEDIATE"); !st) {
        return st.error();
    }
    auto prep = [&](Statement& s, const char* sql) -> core::Status {
        auto r = w.m_db.prepare(sql);
        if (!r) {
            return r.error();
        }
        s = std::move(r.value());
        return {};
    };
    for (auto st : {
             prep(w.m_deleteDecision, "DELETE FROM decisions WHERE rel_dir = ?1"),
             prep(w.m_deleteAwardees, "DELETE FROM awardees WHERE rel_dir = ?1"),
             prep(w.m_insertDecision,
                  "INSERT INTO decisions(rel_dir, year, issuer_code, issuer_name, number, "
                  "number_text, date, award_id, award_form_name, dossier_sha256, dossier_file, "
                  "unit_code, unit_name, decision_path) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"),
             prep(w.m_insertAwardee,
                  "INSERT INTO awardees(name_key, unit_key, position_key, award_key, "
                  "issuer_key, number_key, rel_dir, name, kind, position, unit, "
                  "award_form_name, issuer_name, number_text, date, year, unit_code, "
                  "issuer_code, decision_path, certificate_path) "
                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
                  "?20)"),
         }) {
        if (!st) {
            return st.error();
        }
    }
    return w;
}

core::Status IndexWriter::add(const std::string& rel, const DecisionRecord& r,
                              const SearchKeyFn& key) {
    if (auto st = m_deleteDecision.bind(1, rel).run(); !st) {
        return st;
    }
    if (auto st = m_deleteAwardees.bind(1, rel).run(); !st) {
        return st;
    }
    const std::string issuerName = oneLine(r.issuerName);
    const std::string decisionPath = rel + "/data/" + r.decisionFile;
    auto st = m_insertDecision.bind(1, rel)
                  .bind(2, static_cast<long long>(r.year))
                  .bind(3, r.issuerCode)
                  .bind(4, issuerName)
                  .bind(5, static_cast<long long>(r.number))
                  .bind(6, r.numberText)
                  .bind(7, r.date)
                  .bind(8, r.awardId)
                  .bind(9, r.awardFormName)
                  .bind(10, r.dossierSha256)
                  .bind(11, r.dossierFile)
                  .bind(12, r.unitCode)
                  .bind(13, r.unitName)
                  .bind(14, decisionPath)
                  .run();
    if (!st) {
        return st;
    }
    // Fold the values shared by every awardee of the decision once.
    const std::string awardKey = key(r.awardFormName);
    const std::string issuerKey = key(issuerName);
    const std::string numberKey = key(r.numberText);
    for (const auto& a : r.awardees) {
        st = m_insertAwardee.bind(1, key(a.name))
                 .bind(2, key(a.unit))
                 .bind(3, key(a.position))
                 .bind(4, awardKey)
                 .bind(5, issuerKey)
                 .bind(6, numberKey)
                 .bind(7, rel)
                 .bind(8, a.name)
                 .bind(9, a.kind)
                 .bind(10, a.position)
                 .bind(11, a.unit)
                 .bind(12, r.awardFormName)
                 .bind(13, issuerName)
                 .bind(14, r.numberText)
                 .bind(15, r.date)
                 .bind(16, static_cast<long long>(r.year))
                 .bind(17, r.unitCode)
                 .bind(18, r.issuerCode)
                 .bind(19, decisionPath)
                 .bind(20, a.certificateFile.empty() ? std::string()
                                                     : rel + "/data/" + a.certificateFile)
                 .run();
        if (!st) {
            return st;
        }
        ++m_added;
    }
    return {};
}

core::Status IndexWriter::commit() {
    auto st = m_db.exec("COMMIT");
    m_deleteDecision = m_deleteAwardees = m_insertDecision = m_insertAwardee = Statement();
    m_db.close();
    return st;
}

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
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<FiledDecision>();
    }
    FiledDecision f;
    f.relativeDir = stmt->text(0);
    f.bagDir = root / f.relativeDir;
    f.number = static_cast<int>(stmt->integer(1));
    f.numberText = stmt->text(2);
    f.alreadyFiled = true;
    return std::optional<FiledDecision>(std::move(f));
}

core::Result<int> rebuildIndex(const fs::path& root, const Metadata& metadata,
                               const SearchKeyFn& searchKey) {
    const fs::path tmp = root / (".index-rebuild-" + std::to_string(::getpid()) + ".sqlite");
    boost::system::error_code ec;
    fs::remove(tmp, ec);
    fs::remove(fs::path(tmp.string() + "-journal"), ec);
    auto writer = IndexWriter::begin(tmp);
    if (!writer) {
        return writer.error();
    }
    int awardees = 0;
    for (const auto& rel : listTree(root).bags) {
        core::Diagnostics diags;
        auto record = metadata.readDecision(root / rel / "data" / "decision.xml",
                                            rel + "/data/decision.xml", diags);
        if (!record) {
            continue; // verify reports a damaged decision.xml; the rest stays searchable
        }
        if (auto st = writer->add(rel, record.value(), searchKey); !st) {
            fs::remove(tmp, ec);
            return st.error();
        }
        awardees += static_cast<int>(record->awardees.size());
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
