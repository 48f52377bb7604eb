#include "archive/archive.hpp"
#include "archive/index.hpp"
#include "archive/sqlite.hpp"
#include "pipeline/text/case_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unordered_map>
#include <unordered_set>

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
// seeks through; a shorter, vaguer prefix stays an FTS5 prefix query. Returns one expression
// per term (with its number of phrases), or std::nullopt when some term matches no token at
// all (then nothing can match).
constexpr int kMaxExpansion = 48;
// How many best-ranked matches get the exact-spelling bonus and the final order (see search).
constexpr long long kCandidates = 250;

struct TermExpression {
    std::string expression; // "(...)"
    int phrases = 0;
};
// `vocab` is "SELECT term FROM vocab WHERE term >= ?1 AND term < ?2 LIMIT kMaxExpansion + 1".
core::Result<std::optional<std::vector<TermExpression>>>
ftsExpressions(Statement& vocab, const std::vector<std::string>& terms) {
    Statement* stmt = &vocab;
    std::vector<TermExpression> outs;
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
                return std::optional<std::vector<TermExpression>>();
            }
        }
        TermExpression out;
        out.expression = "(";
        if (vague) {
            out.expression += "\"" + term + "\"*";
            out.phrases = 1;
        } else {
            for (std::size_t i = 0; i < tokens.size(); ++i) {
                out.expression += (i ? " OR \"" : "\"") + tokens[i] + "\"";
            }
            out.phrases = static_cast<int>(tokens.size());
        }
        out.expression += ")";
        outs.push_back(std::move(out));
    }
    return std::optional<std::vector<TermExpression>>(std::move(outs));
}

// The awardee's own key columns (name_key, unit_key, position_key): what a term must match in
// the awardee row when its decision's keys do not match it.
constexpr int kOwnKeyColumns = 3;
constexpr const char* kOwnKeys = "{name_key unit_key position_key}";
// Terms a decision matched are tracked in a 64-bit mask; further such terms must then match
// the awardee itself (a query of more than 60 words).
constexpr std::size_t kMaxDecisionTerms = 60;

// tdkt_terms(awardees, map): which terms the row matched in its own key columns, as a bit mask;
// character p of `map` is '0' + the term of phrase p, or '-' for a phrase of no such term.
void tdktTerms(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nVal,
               sqlite3_value** apVal) {
    const unsigned char* map = nVal > 0 ? sqlite3_value_text(apVal[0]) : nullptr;
    const int mapSize = nVal > 0 ? sqlite3_value_bytes(apVal[0]) : 0;
    int n = 0;
    if (!map || api->xInstCount(fts, &n) != SQLITE_OK) {
        sqlite3_result_error(ctx, "tdkt_terms: xInstCount", -1);
        return;
    }
    unsigned long long mask = 0;
    for (int i = 0; i < n; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK || phrase >= mapSize ||
            column >= kOwnKeyColumns || map[phrase] < '0') {
            continue;
        }
        mask |= 1ULL << (map[phrase] - '0');
    }
    sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(mask));
}

// tdkt_rank(awardees, w0, w1, ...): the sum over every matched token instance of its column's
// weight, damped by the token's position in its column, so a match early in a field (the
// "Đào" of "Phạm Đào") counts more than one deep in a long one. It used to be damped by the
// column's length, but xColumnSize reads %_docsize once per matched row: 24% of the CPU time
// of the benchmark's queries on a 1M-record index (callgrind), for a nuance. bm25 would also weigh
// by rarity, but to do that it runs every phrase over the whole index once per query (its IDF),
// which costs more than the search itself on a large archive; among personal names rarity says
// little.
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
        score += weight / (1.0 + 0.1 * offset);
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
    std::string s = text::lower(reinterpret_cast<const char*>(t));
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

core::Error missingIndex(const fs::path& file) {
    return core::makeError(core::ErrorKind::InputMissing, "A015",
                           "chưa có chỉ mục tìm kiếm; hãy chạy lệnh «tdkt reindex» để tạo "
                           "lại từ kho lưu trữ",
                           {file.string()});
}

// The file's identity: reindex renames a new database over index.sqlite, which an open
// connection would never see.
bool identity(const fs::path& file, dev_t& device, ino_t& inode) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        return false;
    }
    device = st.st_dev;
    inode = st.st_ino;
    return true;
}

} // namespace

struct Searcher::Impl {
    fs::path file;
    SearchKeyFn searchKey;
    Database db;
    dev_t device = 0;
    ino_t inode = 0;
    Statement vocab;
    // Prepared once per shape of query (which filters are present): at most a few dozen.
    std::unordered_map<std::string, Statement> statements;
    int queries = 0; // asked of this connection

    core::Status connect();
    void mapForLongLife();
    core::Result<Statement*> statement(const std::string& sql);
};

core::Status Searcher::Impl::connect() {
    statements.clear();
    vocab = Statement();
    db.close();
    // Recorded only once everything succeeded: a failed connect is retried by the next query.
    device = 0;
    inode = 0;
    dev_t openedDevice = 0;
    ino_t openedInode = 0;
    if (!identity(file, openedDevice, openedInode)) {
        return missingIndex(file);
    }
    auto opened = Database::open(file, true);
    if (!opened) {
        return opened.error();
    }
    db = std::move(opened.value());
    // The first query reads with pread() through a page cache of 128 KiB; a Searcher that lives
    // on maps the file from its second query on (mapForLongLife). Most Searchers answer one query
    // and end (`tdkt search`), and in a fresh process every page is a page fault, whether a
    // mapped page of the index or a new page of SQLite's cache: a query that maps the index
    // faulted ~380 pages, one through the default 2 MB cache ~450, through 128 KiB ~170 (the
    // 1M-record benchmark index, 4 kinds of query; 32-64 KiB within noise), and took 10 ms of CPU
    // instead of 24 ms and 17 ms.
    (void)db.exec("PRAGMA cache_size=-128");
    queries = 0;
    {
        auto version = db.prepare("PRAGMA user_version");
        auto versionRow = version ? version->step() : core::Result<bool>(version.error());
        if (!versionRow || !versionRow.value() || version->integer(0) != kIndexVersion) {
            return core::makeError(core::ErrorKind::InputMissing, "A015",
                                   "chỉ mục tìm kiếm thuộc phiên bản cũ; hãy chạy lệnh «tdkt "
                                   "reindex» để tạo lại từ kho lưu trữ",
                                   {file.string()});
        }
    }
    sqlite3_create_function(db.handle(), "utf8_lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                            nullptr, utf8Lower, nullptr, nullptr);
    fts5_api* api = fts5Api(db.handle());
    if (!api || api->xCreateFunction(api, "tdkt_rank", nullptr, tdktRank, nullptr) != SQLITE_OK ||
        api->xCreateFunction(api, "tdkt_terms", nullptr, tdktTerms, nullptr) != SQLITE_OK) {
        return sqliteError(db.handle(), "đăng ký hàm xếp hạng");
    }
    auto prepared = db.prepare("SELECT term FROM vocab WHERE term >= ?1 AND term < ?2 LIMIT " +
                               std::to_string(kMaxExpansion + 1));
    if (!prepared) {
        return prepared.error();
    }
    vocab = std::move(prepared.value());
    device = openedDevice;
    inode = openedInode;
    return {};
}

void Searcher::Impl::mapForLongLife() {
    // Read pages through a memory map instead of a pread() copy each: a Searcher lives long and
    // a large index's pages are then shared with the OS page cache. Best effort (a platform
    // without mmap reads as before). SQLite's default cache size back.
    (void)db.exec("PRAGMA mmap_size=1073741824; PRAGMA cache_size=-2000");
}

core::Result<Statement*> Searcher::Impl::statement(const std::string& sql) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
        auto prepared = db.prepare(sql);
        if (!prepared) {
            return prepared.error();
        }
        it = statements.emplace(sql, std::move(prepared.value())).first;
    }
    return &it->second;
}

Searcher::Searcher() : m_impl(std::make_unique<Impl>()) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

core::Result<Searcher> Searcher::open(const fs::path& root, SearchKeyFn searchKey) {
    Searcher s;
    s.m_impl->file = indexFile(root);
    s.m_impl->searchKey = std::move(searchKey);
    if (auto st = s.m_impl->connect(); !st) {
        return st.error();
    }
    return s;
}

core::Result<std::vector<SearchHit>> search(const fs::path& root, const SearchQuery& query,
                                            const SearchKeyFn& searchKey) {
    auto searcher = Searcher::open(root, searchKey);
    if (!searcher) {
        return searcher.error();
    }
    return searcher->search(query);
}

core::Result<std::vector<SearchHit>> Searcher::search(const SearchQuery& query) {
    Impl& impl = *m_impl;
    dev_t device = 0;
    ino_t inode = 0;
    if (!identity(impl.file, device, inode)) {
        return missingIndex(impl.file);
    }
    if (device != impl.device || inode != impl.inode) {
        if (auto st = impl.connect(); !st) {
            return st.error();
        }
    } else if (impl.queries == 1) {
        impl.mapForLongLife(); // the second query on this connection: it lives long
    }
    ++impl.queries;
    const SearchKeyFn& searchKey = impl.searchKey;
    if (query.year && (*query.year < 0 || *query.year >= (1 << (62 - kYearShift)))) {
        return std::vector<SearchHit>(); // no such year can be in the index
    }
    const std::string raw = trim(query.text);
    const auto terms = queryTerms(raw.empty() ? std::string() : searchKey(raw));
    if (!raw.empty() && terms.empty()) {
        return std::vector<SearchHit>(); // only punctuation: nothing can match
    }
    std::vector<TermExpression> expressions;
    if (!terms.empty()) {
        auto expression = ftsExpressions(impl.vocab, terms);
        if (!expression) {
            return expression.error();
        }
        if (!expression.value()) {
            return std::vector<SearchHit>(); // a term no indexed word starts with
        }
        expressions = std::move(*expression.value());
    }
    const bool hasText = !expressions.empty();
    auto present = [](const std::optional<std::string>& v) { return v && !v->empty(); };
    // " lao-dong-tien-tien giay-khen ": the exact check of the award filter on the candidates.
    std::string awardKinds;
    for (const auto& kind : query.awardKinds) {
        awardKinds += (awardKinds.empty() ? " " : "") + kind + " ";
    }
    const std::string numberKey = present(query.numberText) ? searchKey(*query.numberText) : "";

    // Each term matches the awardee's own keys or its decision's (decision_keys, one row per
    // decision): the decisions a term matches are looked up first (decision ids, about 1% as
    // many rows as awardees). A term no decision matches must match the awardee row; a term
    // some decision matches becomes (own keys OR kAllFacet) in the MATCH, and each candidate
    // is kept when tdkt_terms says the row itself matched it or its decision is in the set.
    // The decision_keys rowid is the awardee rowid >> kRowidShift (year and decision id), so a
    // year filter is a rowid range there too.
    // A query of decision-level words only ("bang khen") would then walk every awardee row of
    // the year: instead FTS5 yields the rows matching some term in their own keys, and the
    // rest are the awardees of the decisions matching every term, listed from `decisions`
    // until enough candidates (bench/archive.sh, "bang khen" + year on 1M records: p50 52 ms
    // walking the year, 35-40 ms before decision_keys, now 0.4 ms, p99 2.2 ms).
    std::vector<std::vector<long long>> decisionSets; // sorted, per decision-matched term
    std::string termMap;                              // tdkt_terms' phrase -> term map
    std::vector<std::string> parts;
    std::vector<std::pair<std::string, bool>> termParts; // (own-keys expression, decision-matched)
    std::vector<int> termPhrases;
    if (hasText) {
        std::string keysSql = "SELECT rowid FROM decision_keys WHERE decision_keys MATCH ?1";
        if (query.year) {
            keysSql += " AND rowid BETWEEN ?2 AND ?3";
        }
        auto keysPrepared = impl.statement(keysSql);
        if (!keysPrepared) {
            return keysPrepared.error();
        }
        Statement* keys = keysPrepared.value();
        for (const auto& e : expressions) {
            std::vector<long long> ids;
            if (decisionSets.size() < kMaxDecisionTerms) {
                keys->bind(1, e.expression);
                if (query.year) {
                    keys->bind(2, awardeeRowid(*query.year, 0, 0) >> kRowidShift);
                    keys->bind(3, (awardeeRowid(*query.year + 1, 0, 0) >> kRowidShift) - 1);
                }
                for (;;) {
                    auto row = keys->step();
                    if (!row) {
                        keys->reset();
                        return row.error();
                    }
                    if (!row.value()) {
                        break;
                    }
                    ids.push_back(keys->integer(0));
                }
                keys->reset();
            }
            termParts.emplace_back(std::string(kOwnKeys) + " : " + e.expression, !ids.empty());
            termPhrases.push_back(e.phrases);
            if (!ids.empty()) {
                decisionSets.push_back(std::move(ids));
            }
        }
    }
    const bool onlyDecisionTerms = hasText && decisionSets.size() == termParts.size();
    if (onlyDecisionTerms) {
        std::string any;
        for (std::size_t t = 0; t < termParts.size(); ++t) {
            any += (t ? " OR " : "(") + termParts[t].first;
            termMap.append(static_cast<std::size_t>(termPhrases[t]), static_cast<char>('0' + t));
        }
        parts.push_back(any + ")");
    } else {
        std::size_t group = 0;
        for (std::size_t t = 0; t < termParts.size(); ++t) {
            const auto& [own, decisionMatched] = termParts[t];
            if (!decisionMatched) {
                termMap.append(static_cast<std::size_t>(termPhrases[t]), '-');
                parts.push_back(own);
            } else {
                termMap.append(static_cast<std::size_t>(termPhrases[t]),
                               static_cast<char>('0' + group++));
                termMap.push_back('-'); // kAllFacet
                parts.push_back("(" + own + " OR facets : \"" + kAllFacet + "\")");
            }
        }
    }
    auto facet = [&](const std::string& token) { parts.push_back("facets : \"" + token + "\""); };
    if (present(query.unit)) { // after the terms: termMap numbers their phrases first
        parts.push_back("facets : (\"" + facetToken('u', *query.unit) + "\" OR \"" +
                        facetToken('i', *query.unit) + "\")");
    }
    if (present(query.issuer)) {
        facet(facetToken('i', *query.issuer));
    }
    if (!query.awardKinds.empty()) {
        std::string any;
        for (const auto& kind : query.awardKinds) {
            any += (any.empty() ? "facets : (\"" : " OR \"") + facetToken('k', kind) + "\"";
        }
        parts.push_back(any + ")");
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
    // candidates are first cut to the best kCandidates by tdkt_rank over FTS5's matches (no row is
    // read or joined for that), and only those get the exact-spelling bonus, the join and the
    // final order. The exact filter values are checked again on `decisions` (facet tokens
    // drop punctuation). The candidates' stored columns are read from FTS5's content table
    // (`awardees_content`: id = rowid, c0.. = the columns in declaration order; c4 name, c5
    // kind, c6 position, c7 unit, c8 certificate_file) with a plain rowid lookup: joining the
    // FTS5 table itself opens a virtual-table scan per candidate, about twice the CPU
    // (measured with 2,500 candidates on the 1M-record benchmark index).
    // Reset (ending the read transaction, clearing the bindings) however this query ends.
    struct Reset {
        Statement* s;
        ~Reset() { s->reset(); }
    };
    // The filters on `decisions` d, with their parameters bound by bindFilters.
    const std::string filterSql = " (?3 IS NULL OR d.year = ?3)"
                                  " AND (?6 IS NULL OR d.issuer_code = ?6)"
                                  " AND (?8 IS NULL OR d.number_key = ?8)"
                                  // Current versions only unless asked: a corrected decision
                                  // replaces the old one.
                                  " AND (?12 = 1 OR d.superseded_by = '')";
    auto bindFilters = [&](Statement* st) {
        auto bindOptional = [&](int index, const std::string& value) {
            if (value.empty()) {
                st->bindNull(index);
            } else {
                st->bind(index, value);
            }
        };
        if (query.year) {
            st->bind(3, static_cast<long long>(*query.year));
        } else {
            st->bindNull(3);
        }
        bindOptional(6, present(query.issuer) ? *query.issuer : std::string());
        bindOptional(8, numberKey);
        st->bind(12, query.allVersions ? 1LL : 0LL);
    };
    const long long limit = query.limit > 0 ? query.limit : 50;
    const auto candidates = static_cast<std::size_t>(std::max<long long>(kCandidates, 4 * limit));
    std::string candidateJson;
    std::string inner;
    if (!hasText) { // filters only: the newest rows, which FTS5 yields in rowid order
        inner = "SELECT rowid AS rid, 0.0 AS r FROM awardees WHERE ";
        inner += match.empty() ? "1" : "awardees MATCH ?2";
        if (query.year) { // the year is the rowid's high bits: FTS5 seeks to the range
            inner += " AND rowid BETWEEN ?9 AND ?10";
        }
        inner += " ORDER BY rowid DESC LIMIT ?11";
    } else {
        // The best `candidates` matches by tdkt_rank, chosen here with nth_element: an ORDER BY
        // r LIMIT in SQL inserts every match into a temporary b-tree, 19% of the benchmark's
        // query CPU and most of a frequent name's (callgrind, 1M records).
        std::string rankSql = "SELECT rowid, tdkt_rank(awardees, 10.0, 2.0, 2.0, 0.0), " +
                              std::string(decisionSets.empty() ? "0" : "tdkt_terms(awardees, ?4)") +
                              " FROM awardees WHERE awardees MATCH ?1";
        if (query.year) { // the year is the rowid's high bits: FTS5 seeks to the range
            rankSql += " AND rowid BETWEEN ?2 AND ?3";
        }
        auto rankPrepared = impl.statement(rankSql);
        if (!rankPrepared) {
            return rankPrepared.error();
        }
        Statement* ranker = rankPrepared.value();
        Reset resetRanker{ranker};
        ranker->bind(1, match);
        if (query.year) {
            ranker->bind(2, awardeeRowid(*query.year, 0, 0));
            ranker->bind(3, awardeeRowid(*query.year + 1, 0, 0) - 1);
        }
        if (!decisionSets.empty()) {
            ranker->bind(4, termMap);
        }
        std::vector<std::pair<double, long long>> ranked; // (rank, rowid)
        std::unordered_set<long long> ownMatched;         // onlyDecisionTerms: rows FTS5 gave
        for (;;) {
            auto row = ranker->step();
            if (!row) {
                return row.error();
            }
            if (!row.value()) {
                break;
            }
            const long long rowid = ranker->integer(0);
            double rank = ranker->real(1);
            if (!decisionSets.empty()) {
                // A term the row itself lacks must be matched by its decision, which then
                // weighs as the decision-level columns did (1.0).
                const auto own = static_cast<unsigned long long>(ranker->integer(2));
                bool kept = true;
                for (std::size_t t = 0; t < decisionSets.size() && kept; ++t) {
                    if ((own >> t) & 1ULL) {
                        continue;
                    }
                    const auto& ids = decisionSets[t];
                    kept = std::binary_search(ids.begin(), ids.end(), rowid >> kRowidShift);
                    rank += 1.0;
                }
                if (!kept) {
                    continue;
                }
            }
            ranked.emplace_back(rank, rowid);
            if (onlyDecisionTerms) {
                ownMatched.insert(rowid);
            }
        }
        if (onlyDecisionTerms) {
            // The awardees matching no term themselves: those of the decisions every term
            // matched, newest first (the tie order of equal ranks), filtered as below.
            std::vector<long long> common = decisionSets[0];
            for (std::size_t t = 1; t < decisionSets.size(); ++t) {
                std::vector<long long> both;
                std::set_intersection(common.begin(), common.end(), decisionSets[t].begin(),
                                      decisionSets[t].end(), std::back_inserter(both));
                common = std::move(both);
            }
            auto countPrepared = impl.statement(
                "SELECT awardee_count FROM decisions d WHERE d.id = ?14 AND" + filterSql);
            if (!countPrepared) {
                return countPrepared.error();
            }
            Statement* counter = countPrepared.value();
            Reset resetCounter{counter};
            bindFilters(counter);
            const double rank = static_cast<double>(decisionSets.size());
            std::size_t added = 0;
            for (auto it = common.rbegin(); it != common.rend() && added < candidates; ++it) {
                counter->bind(14, *it & ((1LL << (kYearShift - kRowidShift)) - 1));
                auto row = counter->step();
                if (!row) {
                    return row.error();
                }
                const long long count = row.value() ? counter->integer(0) : 0;
                counter->reset();
                bindFilters(counter); // reset cleared the bindings
                for (long long ordinal = count - 1; ordinal >= 0 && added < candidates; --ordinal) {
                    const long long rowid = (*it << kRowidShift) | ordinal;
                    if (ownMatched.count(rowid) == 0) {
                        ranked.emplace_back(rank, rowid);
                        ++added;
                    }
                }
            }
        }
        if (ranked.empty()) {
            return std::vector<SearchHit>();
        }
        if (ranked.size() > candidates) {
            std::nth_element(ranked.begin(), ranked.begin() + static_cast<long>(candidates),
                             ranked.end(), [](const auto& a, const auto& b) {
                                 return a.first > b.first ||
                                        (a.first == b.first && a.second > b.second);
                             });
            ranked.resize(candidates);
        }
        // Handed to the joining statement as a JSON array of [rowid, rank] (shortest
        // round-trip digits, locale-independent).
        std::string json = "[";
        char buffer[64];
        for (const auto& [rank, rowid] : ranked) {
            json += json.size() > 1 ? ",[" : "[";
            json += std::to_string(rowid);
            json += ',';
            json.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, rank).ptr);
            json += ']';
        }
        json += ']';
        candidateJson = std::move(json);
        inner = "SELECT value->>0 AS rid, value->>1 AS r FROM json_each(?13)";
    }
    std::string sql =
        "WITH c AS (" + inner +
        ") SELECT a.c4, a.c5, a.c6, a.c7, a.c10, d.number_text, d.date, "
        "d.year, d.issuer_name, a.c11, d.decision_path, "
        "CASE WHEN a.c8 = '' THEN '' "
        "ELSE d.rel_dir || '/data/' || a.c8 END, "
        "d.superseded_by, a.c9, "
        "c.r + CASE WHEN ?1 <> '' AND instr(utf8_lower(a.c4), ?1) > 0 THEN 1000.0 ELSE 0.0 "
        "END AS score FROM c JOIN awardees_content a ON a.id = c.rid JOIN decisions d ON d.id = " +
        awardeeDecisionSql("a") + " WHERE" + filterSql +
        // The awardee's own award kind is one of those asked for (a decision may grant several).
        " AND (?7 IS NULL OR instr(?7, ' ' || a.c9 || ' ') > 0)" +
        // The awardee's own proposing unit (a consolidated decision holds several) or the issuer.
        " AND (?4 IS NULL OR a.c11 = ?4 OR d.issuer_code = ?4)" +
        " ORDER BY score DESC, d.year DESC, d.decision_path, a.rowid LIMIT ?5";
    auto prepared = impl.statement(sql);
    if (!prepared) {
        return prepared.error();
    }
    Statement* stmt = prepared.value();
    Reset resetStmt{stmt};
    stmt->bind(1, text::lower(raw));
    if (!match.empty()) {
        stmt->bind(2, match);
    }
    bindFilters(stmt);
    if (present(query.unit)) {
        stmt->bind(4, *query.unit);
    } else {
        stmt->bindNull(4);
    }
    if (awardKinds.empty()) {
        stmt->bindNull(7);
    } else {
        stmt->bind(7, awardKinds);
    }
    if (query.year) {
        stmt->bind(9, awardeeRowid(*query.year, 0, 0));
        stmt->bind(10, awardeeRowid(*query.year + 1, 0, 0) - 1);
    }
    stmt->bind(5, limit);
    stmt->bind(11, static_cast<long long>(candidates));
    if (!candidateJson.empty()) {
        stmt->bind(13, candidateJson);
    }

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
        h.awardKindName = stmt->text(4);
        h.numberText = stmt->text(5);
        h.date = stmt->text(6);
        h.year = static_cast<int>(stmt->integer(7));
        h.issuerName = stmt->text(8);
        h.unitCode = stmt->text(9);
        h.decisionPath = stmt->text(10);
        h.certificatePath = stmt->text(11);
        h.supersededBy = stmt->text(12);
        h.awardKind = stmt->text(13);
        h.rank = stmt->real(14);
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace tdkt::archive
