#pragma once
// Minimal RAII over the SQLite C API (connections and prepared statements); errors become
// core::Error values with code A013 at this module's edge.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <memory>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace tdkt::archive {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt, &finalize) {}

    Statement& bind(int index, const std::string& text);
    // Without SQLite's copy: `text` must stay alive and unchanged until the statement is reset
    // (run() resets) or the index is bound again. For bulk inserts (IndexWriter).
    Statement& bindStatic(int index, const std::string& text);
    Statement& bind(int index, long long value);
    Statement& bindNull(int index);
    // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
    core::Result<bool> step();
    core::Status run(); // step to the end; resets for reuse
    void reset();

    std::string text(int column) const;
    long long integer(int column) const;
    double real(int column) const;

private:
    static void finalize(sqlite3_stmt* s);
    sqlite3* m_db = nullptr;
    std::shared_ptr<sqlite3_stmt> m_stmt;
};

class Database {
public:
    // readOnly: the file must exist. Otherwise it is created when missing.
    static core::Result<Database> open(const fs::path& file, bool readOnly);
    core::Result<Statement> prepare(const std::string& sql) const;
    core::Status exec(const std::string& sql) const;
    sqlite3* handle() const { return m_db.get(); }
    void close() { m_db.reset(); }

private:
    std::shared_ptr<sqlite3> m_db;
    fs::path m_file;
};

core::Error sqliteError(sqlite3* db, const std::string& what);

} // namespace tdkt::archive
