// tdkt-full's command table: every command, in the order `tdkt --help` lists them.
#include "cli.hpp"
#include "command.hpp"
#include "history_command.hpp"
#include "pipeline/job/pipeline.hpp"

namespace tdkt::app {

const CommandTable& fullCommandTable() {
    // --award reads the award catalogue.
    static const Command search = searchCommand(job::awardKindsFor);
    static const CommandTable table{{
        &validateCommand(),
        &issueCommand(),
        &search,
        &verifyCommand(),
        &reindexCommand(),
        &historyCommand(),
        &textCommand(),
        &previewCommand(),
        &reportCommand(),
        &exportCommand(),
        &upgradeCommand(),
        &configCommand(),
        &codesCommand(),
    }};
    return table;
}

} // namespace tdkt::app
