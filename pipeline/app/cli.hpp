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

// The commands one program runs. tdkt-full holds them all. `tdkt` holds only those that must
// start fast, so that it loads no more libraries than they need; the main help and every other
// command it hands to tdkt-full (main.cpp).
struct CommandTable {
    std::vector<const Command*> commands; // in the order `tdkt --help` lists them
    bool complete = true;                 // false: what is not in `commands` gives kNotHere
};

// Every command (commands.cpp): tdkt-full's table.
const CommandTable& fullCommandTable();

// Runs one command line (the arguments after the program name): its exit code, or kNotHere
// (command.hpp) before anything is printed when `table` cannot run it.
int run(const std::vector<std::string>& args, const CommandTable& table, std::ostream& out,
        std::ostream& err);

} // namespace tdkt::app
