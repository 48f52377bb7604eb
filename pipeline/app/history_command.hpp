#pragma once
// `tdkt history import`: awards granted before tdkt was used, kept in the archive.
#include "command.hpp"

namespace tdkt::app {

const Command& historyCommand();

} // namespace tdkt::app
