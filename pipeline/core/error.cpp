#include "error.hpp"

namespace tdkt::core {

Error makeError(ErrorKind kind, std::string code, std::string message, SourceLocation where) {
    Error e;
    e.kind = kind;
    e.code = std::move(code);
    e.message = std::move(message);
    e.where = std::move(where);
    return e;
}

std::string format(const Error& e) {
    std::string out = format(Diagnostic{Severity::Error, e.code, e.where, {}, e.message});
    for (const auto& d : e.details) {
        out += '\n' + format(d);
    }
    return out;
}

} // namespace tdkt::core
