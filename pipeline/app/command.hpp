#pragma once
// One subcommand of `tdkt`: its option set, help text and the function that runs it. Each
// command lives in its own file (<name>_command.cpp) and is listed once in cli.cpp's table.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/text/options.hpp"

#include <Poco/Util/OptionSet.h>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace tdkt::app {

struct Invocation {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    core::Environment env;
    std::ostream& out;
    std::ostream& err;

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name) const {
        auto it = options.find(name);
        return it == options.end() ? std::string() : it->second;
    }
};

struct Command {
    const char* name;
    const char* summary; // Vietnamese, one line
    const char* usage;   // Vietnamese, the full help text after "Cách dùng: "
    std::function<void(Poco::Util::OptionSet&)> define;
    std::function<int(Invocation&)> run;
};

// Shared helpers for commands.
int fail(std::ostream& err, const core::Error& e);
int usageError(std::ostream& err, const std::string& command, const std::string& message);
void addArchiveOption(Poco::Util::OptionSet& set);
core::Result<fs::path> archiveRoot(const Invocation& inv, const std::string& command);
// Missing input files are reported before anything else, with exit 66; 0 when all exist.
int checkInputsExist(const Invocation& inv);
// --tone-style=classic|new: where normalisation puts the tone mark of "oa", "oe", "uy".
void addToneStyleOption(Poco::Util::OptionSet& set);
// False (after printing a usage error) when the value is neither classic nor new.
bool toneStyleOption(const Invocation& inv, const std::string& command, text::Options& options,
                     int* exitCode);
// Parses an integer option; false (after printing a usage error) when it is not a number.
bool intOption(const Invocation& inv, const std::string& command, const std::string& name,
               int& value, int* exitCode);

const Command& validateCommand();
const Command& issueCommand();
// The award kinds (catalogue ids) --award names: job::awardKindsFor, which reads the catalogue.
using AwardKindsFn = std::function<core::Result<std::vector<std::string>>(
    const core::Environment& env, const std::string& text)>;
Command searchCommand(AwardKindsFn awardKinds);
const Command& verifyCommand();
const Command& reindexCommand();
const Command& textCommand();
const Command& previewCommand();
const Command& reportCommand();
const Command& exportCommand();
const Command& upgradeCommand();
const Command& configCommand();
const Command& codesCommand();

} // namespace tdkt::app
