#include "archive/sqlite.hpp"

#include <sqlite3.h>

namespace tdkt::archive {

core::Error sqliteError(sqlite3* db, const std::string& what) {
    return core::makeError(core::ErrorKind::Io, "A013",
                           "lỗi chỉ mục tìm kiếm (" + what +
                               "): " + (db ? sqlite3_errmsg(db) : "không mở được cơ sở dữ liệu"));
}

void Statement::finalize(sqlite3_stmt* s) {
    sqlite3_finalize(s);
}

Statement& Statement::bind(int index, const std::string& text) {
    sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindStatic(int index, const std::string& text) {
    sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()),
                      SQLITE_STATIC);
    return *this;
}

Statement& Statement::bind(int index, long long value) {
    sqlite3_bind_int64(m_stmt.get(), index, value);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt.get(), index);
    return *this;
}

core::Result<bool> Statement::step() {
    int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return sqliteError(m_db, "thực thi câu lệnh");
}

core::Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            reset();
            return r.error();
        }
        if (!r.value()) {
            break;
        }
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(m_stmt.get(), column);
    int n = sqlite3_column_bytes(m_stmt.get(), column);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(n))
             : std::string();
}

long long Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt.get(), column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt.get(), column);
}

core::Result<Database> Database::open(const fs::path& file, bool readOnly) {
    sqlite3* raw = nullptr;
    int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db;
    db.m_db.reset(raw, [](sqlite3* d) { sqlite3_close_v2(d); });
    db.m_file = file;
    if (rc != SQLITE_OK) {
        core::Error e = sqliteError(raw, "mở " + file.filename().string());
        e.where.file = file.string();
        return e;
    }
    // Another process may be committing; wait for it rather than failing at once.
    sqlite3_busy_timeout(raw, 10000);
    return db;
}

core::Result<Statement> Database::prepare(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        return sqliteError(m_db.get(), "chuẩn bị câu lệnh");
    }
    return Statement(m_db.get(), stmt);
}

core::Status Database::exec(const std::string& sql) const {
    char* message = nullptr;
    if (sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string m = message ? message : "";
        sqlite3_free(message);
        return core::makeError(core::ErrorKind::Io, "A013", "lỗi chỉ mục tìm kiếm: " + m);
    }
    return {};
}

} // namespace tdkt::archive
