#pragma once
// Errors are values with a kind (which decides the exit code, in one table: exit_code.hpp),
// a stable code and a Vietnamese message. Stages return Result<T>; nothing is thrown across
// module boundaries.
#include "diagnostic.hpp"

#include <boost/system/error_code.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tdkt::core {

enum class ErrorKind {
    Usage,         // bad command line
    InputRejected, // input is malformed / fails schema or rules
    InputMissing,  // input file does not exist or cannot be opened
    Internal,      // a bug or an impossible state
    CannotCreate,  // output cannot be created
    Io,            // read/write failure
    Locked,        // archive is locked by another process
    Config,        // configuration or template error
    VerifyFailed,  // archive verification found problems
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string code;    // stable, e.g. "A003"
    std::string message; // Vietnamese
    SourceLocation where;
    std::vector<Diagnostic> details; // e.g. every schema error of a rejected file
};

Error makeError(ErrorKind kind, std::string code, std::string message, SourceLocation where = {});

// "file:line: lỗi [CODE] message" followed by one line per detail.
std::string format(const Error& e);

// What an operating-system error means, in Vietnamese ("ổ đĩa đã hết chỗ trống" for ENOSPC):
// the one place where errno and error_code values become text a clerk reads, so that no
// English strerror() text ends up in a Vietnamese message. An errno without its own wording
// is named by its symbol ("lỗi hệ thống ENOLINK").
std::string systemErrorText(int errnum);
std::string systemErrorText(const boost::system::error_code& ec);

template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<T>(m_v); }
    const T& value() const& { return std::get<T>(m_v); }
    T&& value() && { return std::get<T>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace tdkt::core
