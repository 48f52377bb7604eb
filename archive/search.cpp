#include "archive/archive.hpp"
#include "archive/index.hpp"
#include "archive/sqlite.hpp"

#include <Poco/UTF8String.h>
#include <algorithm>
#include <cctype>
#include <sqlite3.h>

namespace tdkt::archive {
namespace {

// The folded query as an FTS5 expression: every term quoted (so FTS5 syntax in user input,
// e.g. `"`, `*`, `AND`, `(`, `:` is just text) and matched as a prefix; terms are ANDed.
std::string ftsQuery(const std::string& folded) {
    std::string out;
    std::string term;
    auto flush = [&] {
        if (term.empty()) {
            return;
        }
        if (!out.empty()) {
            out.push_back(' ');
        }
        out += "\"" + term + "\"*"; // term holds no quote: only letters and digits
        term.clear();
    };
    for (char c : folded) {
        unsigned char u = static_cast<unsigned char>(c);
        // The unicode61 tokenizer splits on the same ASCII punctuation; bytes >= 0x80 are
        // kept so a fold that leaves non-ASCII letters still works.
        if (std::isalnum(u) || u >= 0x80) {
            term.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// utf8_lower(x): Unicode-aware lower case for the exact-diacritics bonus (SQLite's lower()
// folds ASCII only).
void utf8Lower(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const unsigned char* t = sqlite3_value_text(argv[0]);
    if (!t) {
        sqlite3_result_null(ctx);
        return;
    }
    std::string s = Poco::UTF8::toLower(std::string(reinterpret_cast<const char*>(t)));
    sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) {
        return {};
    }
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

} // namespace

core::Result<std::vector<SearchHit>> search(const fs::path& root, const SearchQuery& query,
                                            const SearchKeyFn& searchKey) {
    boost::system::error_code ec;
    if (!fs::exists(indexFile(root), ec)) {
        return core::makeError(core::ErrorKind::InputMissing, "A015",
                               "chưa có chỉ mục tìm kiếm; hãy chạy lệnh «tdkt reindex» để tạo "
                               "lại từ kho lưu trữ",
                               {indexFile(root).string()});
    }
    auto db = Database::open(indexFile(root), true);
    if (!db) {
        return db.error();
    }
    sqlite3_create_function(db->handle(), "utf8_lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                            nullptr, utf8Lower, nullptr, nullptr);

    const std::string raw = trim(query.text);
    const std::string match = raw.empty() ? std::string() : ftsQuery(searchKey(raw));
    if (!raw.empty() && match.empty()) {
        return std::vector<SearchHit>(); // only punctuation: nothing can match
    }
    // Ranking: bm25 with the name weighted highest, plus a large bonus when the query as typed
    // (diacritics included) occurs in the name, so "Đào" lists Đào before Dao.
    std::string sql =
        "SELECT name, kind, position, unit, award_form_name, number_text, date, year, "
        "issuer_name, unit_code, decision_path, certificate_path, ";
    sql += match.empty() ? "0.0" : "-bm25(awardees, 10.0, 2.0, 2.0, 1.0, 1.0, 1.0)";
    sql += " + CASE WHEN ?1 <> '' AND instr(utf8_lower(name), ?1) > 0 THEN 1000.0 ELSE 0.0 END "
           "AS score FROM awardees WHERE ";
    sql += match.empty() ? "1" : "awardees MATCH ?2";
    sql += " AND (?3 IS NULL OR CAST(year AS INTEGER) = ?3)"
           " AND (?4 IS NULL OR unit_code = ?4 OR issuer_code = ?4)"
           " AND (?6 IS NULL OR issuer_code = ?6)"
           // The folded award name without spaces, so "BangKhen" = "Bằng khen".
           " AND (?7 IS NULL OR replace(award_key, ' ', '') = ?7)"
           " AND (?8 IS NULL OR number_key = ?8)"
           " ORDER BY score DESC, CAST(year AS INTEGER) DESC, decision_path, rowid LIMIT ?5";
    auto stmt = db->prepare(sql);
    if (!stmt) {
        return stmt.error();
    }
    stmt->bind(1, Poco::UTF8::toLower(raw));
    if (!match.empty()) {
        stmt->bind(2, match);
    }
    if (query.year) {
        stmt->bind(3, static_cast<long long>(*query.year));
    } else {
        stmt->bindNull(3);
    }
    if (query.unit && !query.unit->empty()) {
        stmt->bind(4, *query.unit);
    } else {
        stmt->bindNull(4);
    }
    stmt->bind(5, static_cast<long long>(query.limit > 0 ? query.limit : 50));
    auto bindOptional = [&](int index, const std::optional<std::string>& value, bool fold,
                            bool squeeze) {
        if (!value || value->empty()) {
            stmt->bindNull(index);
            return;
        }
        std::string v = fold ? searchKey(*value) : *value;
        if (squeeze) {
            v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
        }
        stmt->bind(index, v);
    };
    bindOptional(6, query.issuer, false, false);
    bindOptional(7, query.awardForm, true, true);
    bindOptional(8, query.numberText, true, false);

    std::vector<SearchHit> hits;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            break;
        }
        SearchHit h;
        h.name = stmt->text(0);
        h.kind = stmt->text(1);
        h.position = stmt->text(2);
        h.unit = stmt->text(3);
        h.awardFormName = stmt->text(4);
        h.numberText = stmt->text(5);
        h.date = stmt->text(6);
        h.year = static_cast<int>(stmt->integer(7));
        h.issuerName = stmt->text(8);
        h.unitCode = stmt->text(9);
        h.decisionPath = stmt->text(10);
        h.certificatePath = stmt->text(11);
        h.rank = stmt->real(12);
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace tdkt::archive
