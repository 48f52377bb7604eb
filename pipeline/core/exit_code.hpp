#pragma once
// The one table from error kind to process exit code. Values are Poco's
// Util::Application::ExitCode (BSD sysexits), listed in README.md.
#include "error.hpp"

namespace tdkt::core {

enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 64,
    ExitDataErr = 65,
    ExitNoInput = 66,
    ExitSoftware = 70,
    ExitCantCreate = 73,
    ExitIoErr = 74,
    ExitTempFail = 75,
    ExitConfig = 78,
};

int exitCodeFor(ErrorKind kind);

} // namespace tdkt::core
