#pragma once
// The `tdkt` command: a thin shell over tdkt::job. Parses arguments (Poco's OptionProcessor, one
// option set per command), runs the job, prints Vietnamese output, returns the exit code from
// core::exitCodeFor.
#include <iosfwd>
#include <string>
#include <vector>

namespace tdkt::app {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace tdkt::app
