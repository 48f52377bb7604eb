#pragma once
// The `tdkt` command line: general options (before the command or after it), then one command
// of a table, its options parsed by Poco's OptionProcessor (one option set per command); the
// command runs its job, prints Vietnamese output and returns the exit code from
// core::exitCodeFor.
#include <iosfwd>
#include <string>
#include <vector>

namespace tdkt::app {

struct Command;

// The commands of tdkt-full (the quick `tdkt`, main.cpp, reads a plain search itself and hands
// every other command line here).
struct CommandTable {
    std::vector<const Command*> commands; // in the order `tdkt --help` lists them
};

// Every command (commands.cpp): tdkt-full's table.
const CommandTable& fullCommandTable();

// Runs one command line (the arguments after the program name): its exit code.
int run(const std::vector<std::string>& args, const CommandTable& table, std::ostream& out,
        std::ostream& err);

} // namespace tdkt::app
