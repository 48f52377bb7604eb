#include "diagnostic.hpp"

namespace tdkt::core {

std::string format(const Diagnostic& d) {
    std::string out;
    if (!d.where.file.empty()) {
        out += d.where.file;
        if (d.where.line > 0) {
            out += ':' + std::to_string(d.where.line);
        }
        out += ": ";
    }
    switch (d.severity) {
    case Severity::Error:
        out += "lỗi";
        break;
    case Severity::Warning:
        out += "cảnh báo";
        break;
    case Severity::Note:
        out += "ghi chú";
        break;
    }
    out += " [" + d.code + "] ";
    if (!d.field.empty()) {
        out += d.field + ": ";
    }
    out += d.message;
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
