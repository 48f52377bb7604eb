#pragma once
// Diagnostics are values: a stable code for programs, a location and a Vietnamese message for
// clerks. They are collected (every problem of a file in one run), never thrown.
#include <string>
#include <vector>

namespace tdkt::core {

enum class Severity { Error, Warning, Note };

struct SourceLocation {
    std::string file; // as the user named it
    int line = 0;     // 1-based; 0 = unknown
    int column = 0;   // 1-based; 0 = unknown
};

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code; // stable, e.g. "V012"; never reused for another meaning
    SourceLocation where;
    std::string field;   // element/attribute path or field name, may be empty
    std::string message; // Vietnamese, for clerks
    // Rule findings: whom it is about ("Nguyễn Văn An"), printed instead of the field, and the
    // legal basis of the rule ("Luật Thi đua, khen thưởng 2022, Điều 74"). Both may be empty.
    std::string subject = {};
    std::string basis = {};
};

// "lỗi", "cảnh báo", "ghi chú": the word a clerk reads.
const char* severityWord(Severity s);
// "error", "warning", "note": the name in JSON output.
const char* severityId(Severity s);

// "file:line: lỗi [V012] field: message" (field part omitted when empty); a rule finding reads
// "file:line: lỗi [L010] «subject»: message (căn cứ: basis)". One line, safe for a
// terminal: control, bidi and invisible characters are shown escaped (see terminal_text.hpp).
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void error(std::string code, SourceLocation where, std::string field, std::string message);
    void warning(std::string code, SourceLocation where, std::string field, std::string message);
    void append(const Diagnostics& other);

    bool hasErrors() const;
    std::size_t errorCount() const;
    bool empty() const { return m_items.empty(); }
    const std::vector<Diagnostic>& items() const { return m_items; }

private:
    std::vector<Diagnostic> m_items;
};

} // namespace tdkt::core
