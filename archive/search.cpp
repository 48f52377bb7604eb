#include "archive/archive.hpp"
#include "archive/index.hpp"
#include "archive/sqlite.hpp"

#include <Poco/UTF8String.h>
#include <algorithm>
#include <cctype>
#include <sqlite3.h>

namespace tdkt::archive {
namespace {

// The folded query's terms, split as the index's `ascii` tokenizer splits the keys, so FTS5
// syntax in user input (`"`, `*`, `AND`, `(`, `:`) is just text.
std::vector<std::string> queryTerms(const std::string& folded) {
    std::vector<std::string> terms;
    std::string term;
    for (char c : folded) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            term.push_back(static_cast<char>(std::tolower(u)));
        } else if (!term.empty()) {
            terms.push_back(std::move(term));
            term.clear();
        }
    }
    if (!term.empty()) {
        terms.push_back(std::move(term));
    }
    return terms;
}

// Every term matches as a prefix, terms ANDed. A prefix standing for at most kMaxExpansion
// whole tokens (from the vocab table) becomes an OR of those tokens, which FTS5 streams and
// seeks through; a shorter, vaguer prefix stays an FTS5 prefix query. Returns std::nullopt
// when some term matches no token at all (then nothing can match).
constexpr int kMaxExpansion = 48;
// How many best-ranked matches get the exact-spelling bonus and the final order (see search).
constexpr long long kCandidates = 250;

core::Result<std::optional<std::string>> ftsExpression(const Database& db,
                                                       const std::vector<std::string>& terms) {
    auto stmt = db.prepare("SELECT term FROM vocab WHERE term >= ?1 AND term < ?2 LIMIT " +
                           std::to_string(kMaxExpansion + 1));
    if (!stmt) {
        return stmt.error();
    }
    std::string out;
    for (const auto& term : terms) {
        // term holds no quote: only letters, digits and non-ASCII bytes
        std::string next = term;
        while (!next.empty() && static_cast<unsigned char>(next.back()) == 0xFF) {
            next.pop_back();
        }
        std::vector<std::string> tokens;
        bool vague = next.empty();
        if (!vague) {
            next.back() = static_cast<char>(static_cast<unsigned char>(next.back()) + 1);
            stmt->bind(1, term).bind(2, next);
            for (;;) {
                auto row = stmt->step();
                if (!row) {
                    stmt->reset();
                    return row.error();
                }
                if (!row.value()) {
                    break;
                }
                tokens.push_back(stmt->text(0));
            }
            stmt->reset();
            vague = tokens.size() > static_cast<std::size_t>(kMaxExpansion);
            if (tokens.empty()) {
                return std::optional<std::string>();
            }
        }
        out += out.empty() ? "(" : " AND (";
        if (vague) {
            out += "\"" + term + "\"*";
        } else {
            for (std::size_t i = 0; i < tokens.size(); ++i) {
                out += (i ? " OR \"" : "\"") + tokens[i] + "\"";
            }
        }
        out += ")";
    }
    return std::optional<std::string>(out);
}

// tdkt_rank(awardees, w0, w1, ...): the sum over every matched token instance of its column's
// weight, damped by the column's length in tokens. bm25 would also weigh by rarity, but to do
// that it runs every phrase over the whole index once per query (its IDF), which costs more
// than the search itself on a large archive; among personal names rarity says little.
void tdktRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nVal,
              sqlite3_value** apVal) {
    int n = 0;
    if (api->xInstCount(fts, &n) != SQLITE_OK) {
        sqlite3_result_error(ctx, "tdkt_rank: xInstCount", -1);
        return;
    }
    double score = 0;
    for (int i = 0; i < n; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) {
            continue;
        }
        const double weight = column < nVal ? sqlite3_value_double(apVal[column]) : 0.0;
        int size = 0;
        api->xColumnSize(fts, column, &size);
        score += weight / (1.0 + 0.1 * size);
    }
    sqlite3_result_double(ctx, score);
}

fts5_api* fts5Api(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
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
    auto version = db->prepare("PRAGMA user_version");
    auto versionRow = version ? version->step() : core::Result<bool>(version.error());
    if (!versionRow || !versionRow.value() || version->integer(0) != kIndexVersion) {
        return core::makeError(core::ErrorKind::InputMissing, "A015",
                               "chỉ mục tìm kiếm thuộc phiên bản cũ; hãy chạy lệnh «tdkt "
                               "reindex» để tạo lại từ kho lưu trữ",
                               {indexFile(root).string()});
    }
    sqlite3_create_function(db->handle(), "utf8_lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                            nullptr, utf8Lower, nullptr, nullptr);

    fts5_api* api = fts5Api(db->handle());
    if (!api || api->xCreateFunction(api, "tdkt_rank", nullptr, tdktRank, nullptr) != SQLITE_OK) {
        return sqliteError(db->handle(), "đăng ký hàm xếp hạng");
    }

    if (query.year && (*query.year < 0 || *query.year >= (1 << (62 - kYearShift)))) {
        return std::vector<SearchHit>(); // no such year can be in the index
    }
    const std::string raw = trim(query.text);
    const auto terms = queryTerms(raw.empty() ? std::string() : searchKey(raw));
    if (!raw.empty() && terms.empty()) {
        return std::vector<SearchHit>(); // only punctuation: nothing can match
    }
    std::string text;
    if (!terms.empty()) {
        auto expression = ftsExpression(db.value(), terms);
        if (!expression) {
            return expression.error();
        }
        if (!expression.value()) {
            return std::vector<SearchHit>(); // a term no indexed word starts with
        }
        text = *expression.value();
    }
    auto present = [](const std::optional<std::string>& v) { return v && !v->empty(); };
    std::string awardKey;
    if (present(query.awardForm)) {
        awardKey = searchKey(*query.awardForm);
        awardKey.erase(std::remove(awardKey.begin(), awardKey.end(), ' '), awardKey.end());
    }
    const std::string numberKey = present(query.numberText) ? searchKey(*query.numberText) : "";

    // Filters become facet tokens in the MATCH, so FTS5 intersects them with the name terms
    // inside its index instead of SQLite testing every name match against `decisions`.
    std::vector<std::string> parts;
    if (!text.empty()) {
        parts.push_back("{name_key unit_key position_key award_key issuer_key number_key} : (" +
                        text + ")");
    }
    auto facet = [&](const std::string& token) { parts.push_back("facets : \"" + token + "\""); };
    if (present(query.unit)) {
        parts.push_back("facets : (\"" + facetToken('u', *query.unit) + "\" OR \"" +
                        facetToken('i', *query.unit) + "\")");
    }
    if (present(query.issuer)) {
        facet(facetToken('i', *query.issuer));
    }
    if (!awardKey.empty()) {
        facet(facetToken('f', awardKey));
    }
    if (!numberKey.empty()) {
        facet(facetToken('n', numberKey));
    }
    std::string match;
    for (const auto& p : parts) {
        match += (match.empty() ? "" : " AND ") + p;
    }

    // Ranking: tdkt_rank with the name weighted highest, plus a large bonus when the query as
    // typed (diacritics included) occurs in the name, so "Đào" lists Đào before Dao. A short
    // prefix can match a large share of the archive ("ha" → hà, hải, hạnh, hanoi), so the
    // candidates are first cut to the best kCandidates by tdkt_rank inside FTS5 (no row is
    // read or joined for that), and only those get the exact-spelling bonus, the join and the
    // final order. The exact filter values are checked again on `decisions` (facet tokens
    // drop punctuation).
    std::string inner = "SELECT rowid AS rid, ";
    inner += text.empty() ? "0.0" : "tdkt_rank(awardees, 10.0, 2.0, 2.0, 1.0, 1.0, 1.0, 0.0)";
    inner += " AS r FROM awardees WHERE ";
    inner += match.empty() ? "1" : "awardees MATCH ?2";
    if (query.year) { // the year is the rowid's high bits: FTS5 seeks to the range
        inner += " AND rowid BETWEEN ?9 AND ?10";
    }
    inner += text.empty() ? " ORDER BY rowid DESC" : " ORDER BY r DESC, rowid DESC";
    inner += " LIMIT ?11";
    std::string sql =
        "WITH c AS (" + inner +
        ") SELECT a.name, a.kind, a.position, a.unit, d.award_form_name, d.number_text, d.date, "
        "d.year, d.issuer_name, d.unit_code, d.decision_path, "
        "CASE WHEN a.certificate_file = '' THEN '' "
        "ELSE d.rel_dir || '/data/' || a.certificate_file END, "
        "d.superseded_by, "
        "c.r + CASE WHEN ?1 <> '' AND instr(utf8_lower(a.name), ?1) > 0 THEN 1000.0 ELSE 0.0 "
        "END AS score FROM c JOIN awardees a ON a.rowid = c.rid JOIN decisions d ON d.id = " +
        awardeeDecisionSql("a") +
        " WHERE (?3 IS NULL OR d.year = ?3)"
        " AND (?4 IS NULL OR d.unit_code = ?4 OR d.issuer_code = ?4)"
        " AND (?6 IS NULL OR d.issuer_code = ?6)"
        // The folded award name without spaces, so "BangKhen" = "Bằng khen".
        " AND (?7 IS NULL OR d.award_key = ?7)"
        " AND (?8 IS NULL OR d.number_key = ?8)"
        // Current versions only unless asked: a corrected decision replaces the old one.
        " AND (?12 = 1 OR d.superseded_by = '')"
        " ORDER BY score DESC, d.year DESC, d.decision_path, a.rowid LIMIT ?5";
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
        stmt->bind(9, awardeeRowid(*query.year, 0, 0));
        stmt->bind(10, awardeeRowid(*query.year + 1, 0, 0) - 1);
    } else {
        stmt->bindNull(3);
    }
    if (present(query.unit)) {
        stmt->bind(4, *query.unit);
    } else {
        stmt->bindNull(4);
    }
    const long long limit = query.limit > 0 ? query.limit : 50;
    stmt->bind(5, limit);
    stmt->bind(11, std::max<long long>(kCandidates, 4 * limit));
    auto bindOptional = [&](int index, const std::string& value) {
        if (value.empty()) {
            stmt->bindNull(index);
        } else {
            stmt->bind(index, value);
        }
    };
    bindOptional(6, present(query.issuer) ? *query.issuer : std::string());
    bindOptional(7, awardKey);
    bindOptional(8, numberKey);
    stmt->bind(12, query.allVersions ? 1LL : 0LL);

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
        h.supersededBy = stmt->text(12);
        h.rank = stmt->real(13);
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace tdkt::archive
