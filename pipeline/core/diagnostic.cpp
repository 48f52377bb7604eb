#include "diagnostic.hpp"

#include "terminal_text.hpp"

namespace tdkt::core {

const char* severityWord(Severity s) {
    switch (s) {
    case Severity::Error:
        return "lỗi";
    case Severity::Warning:
        return "cảnh báo";
    case Severity::Note:
        return "ghi chú";
    }
    return "";
}

const char* severityId(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "";
}

std::string format(const Diagnostic& d) {
    // A diagnostic is one line on a terminal: every control, bidi and invisible character of
    // the file name, the field and the message (which quote the dossier's own text) is shown
    // escaped, newlines included, so a name cannot reorder or fake a line of the report.
    std::string out;
    if (!d.where.file.empty()) {
        out += terminalSafe(d.where.file);
        if (d.where.line > 0) {
            out += ':' + std::to_string(d.where.line);
        }
        out += ": ";
    }
    out += severityWord(d.severity);
    out += " [" + terminalSafe(d.code) + "] ";
    if (!d.subject.empty()) {
        out += "«" + terminalSafe(d.subject) + "»: ";
    } else if (!d.field.empty()) {
        out += terminalSafe(d.field) + ": ";
    }
    out += terminalSafe(d.message);
    if (!d.basis.empty()) {
        out += " (căn cứ: " + terminalSafe(d.basis) + ")";
    }
    return out;
}

void Diagnostics::error(std::string code, SourceLocation where, std::string field,
                        std::string message) {
    add({Severity::Error, std::move(code), std::move(where), std::move(field), std::move(message)});
}

void Diagnostics::warning(std::string code, SourceLocation where, std::string field,
                          std::string message) {
    add({Severity::Warning, std::move(code), std::move(where), std::move(field),
         std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::hasErrors() const {
    return errorCount() > 0;
}

std::size_t Diagnostics::errorCount() const {
    std::size_t n = 0;
    for (const auto& d : m_items) {
        n += d.severity == Severity::Error ? 1 : 0;
    }
    return n;
}

} // namespace tdkt::core
