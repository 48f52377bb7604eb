#include "exit_code.hpp"

#include <Poco/Util/Application.h>

namespace tdkt::core {

using App = Poco::Util::Application;
// Our table must stay equal to Poco's, which the README documents.
static_assert(
    int(ExitUsage) == int(App::EXIT_USAGE) && int(ExitDataErr) == int(App::EXIT_DATAERR) &&
    int(ExitNoInput) == int(App::EXIT_NOINPUT) && int(ExitSoftware) == int(App::EXIT_SOFTWARE) &&
    int(ExitCantCreate) == int(App::EXIT_CANTCREAT) && int(ExitIoErr) == int(App::EXIT_IOERR) &&
    int(ExitTempFail) == int(App::EXIT_TEMPFAIL) && int(ExitConfig) == int(App::EXIT_CONFIG));

int exitCodeFor(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::Usage:
        return ExitUsage;
    case ErrorKind::InputRejected:
    case ErrorKind::VerifyFailed:
        return ExitDataErr;
    case ErrorKind::InputMissing:
        return ExitNoInput;
    case ErrorKind::Internal:
        return ExitSoftware;
    case ErrorKind::CannotCreate:
        return ExitCantCreate;
    case ErrorKind::Io:
        return ExitIoErr;
    case ErrorKind::Locked:
        return ExitTempFail;
    case ErrorKind::Config:
        return ExitConfig;
    }
    return ExitSoftware;
}

} // namespace tdkt::core
