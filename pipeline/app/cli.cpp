#include "cli.hpp"

#include "command.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/model/date.hpp"
#include "version.hpp"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <algorithm>
#include <optional>
#include <ostream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionProcessor;
using Poco::Util::OptionSet;

// The general options `tdkt --help` lists: before the command or after it, the same.
void addGeneralOptions(OptionSet& set) {
    set.addOption(Option("help", "h", "hướng dẫn").required(false));
    set.addOption(Option("data-dir", "", "thư mục dữ liệu").required(false).argument("DIR"));
    set.addOption(Option("as-of", "", "ngày kiểm tra").required(false).argument("DATE"));
    set.addOption(Option("version", "", "phiên bản").required(false));
}

void printMainHelp(const CommandTable& table, std::ostream& out) {
    out << "tdkt — phát hành quyết định, bằng khen, giấy khen và lưu trữ hồ sơ thi đua, khen "
           "thưởng\n\n"
           "Cách dùng: tdkt [TÙY CHỌN CHUNG] LỆNH [TÙY CHỌN] [THAM SỐ]\n\nCác lệnh:\n";
    for (const Command* c : table.commands) {
        std::string name = c->name;
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ')
            << c->summary << '\n';
    }
    out << "\nTùy chọn chung (đặt trước hoặc sau tên lệnh):\n"
           "  --help            hướng dẫn (cũng dùng sau mỗi lệnh: tdkt issue --help)\n"
           "  --data-dir DIR    thư mục chứa templates/, schemas/, config/ (thay cho biến môi\n"
           "                    trường TDKT_DATA_DIR)\n"
           "  --as-of NGÀY      ngày dùng để kiểm tra ngày tháng của hồ sơ (YYYY-MM-DD; thay cho\n"
           "                    TDKT_AS_OF, SOURCE_DATE_EPOCH và ngày hôm nay)\n"
           "  --version         phiên bản\n\n"
           "Mã thoát: 0 thành công; 64 sai cú pháp lệnh; 65 dữ liệu bị từ chối hoặc kho có lỗi;\n"
           "66 không có tệp đầu vào; 70 lỗi nội bộ; 73 không tạo được tệp; 74 lỗi đọc/ghi;\n"
           "75 kho đang bị khóa; 78 lỗi cấu hình hoặc mẫu văn bản.\n";
}

void printVersion(std::ostream& out) {
    out << kVersionLine;
}

// Runs `parse`; Poco's option errors come back as the Vietnamese usage message (`unknownHint`
// added to that of an unknown option).
template <typename Parse>
std::optional<std::string> optionProblem(Parse&& parse, const std::string& unknownHint = "") {
    try {
        parse();
    } catch (const Poco::Util::UnknownOptionException& e) {
        return "tùy chọn không hợp lệ «" + e.message() + "»" + unknownHint;
    } catch (const Poco::Util::MissingArgumentException& e) {
        // Poco's message is "NAME requires ARG".
        return "tùy chọn «" + e.message().substr(0, e.message().find(" requires ")) +
               "» cần một giá trị";
    } catch (const Poco::Util::DuplicateOptionException& e) {
        return "tùy chọn «" + e.message() + "» bị lặp lại";
    } catch (const Poco::Util::OptionException& e) {
        return "tùy chọn không hợp lệ «" + e.message() + "»";
    }
    return std::nullopt;
}

// The command line up to the command: the general options given there.
struct Leading {
    std::vector<std::pair<std::string, std::string>> options; // (full name, value), in order
    std::size_t command = 0; // where the command is in args (args.size(): none)
    std::string answer;      // "help" or "version", whichever was asked for first
};

// Before the command only the general options are known, so anything else there is refused: a
// command's option could take the command's name for its value.
std::optional<std::string> parseLeading(const std::vector<std::string>& args, Leading& leading) {
    OptionSet set;
    addGeneralOptions(set);
    auto parse = [&] {
        OptionProcessor processor(set);
        processor.setUnixStyle(true);
        for (; leading.command < args.size(); ++leading.command) {
            const std::string& a = args[leading.command];
            std::string name;
            std::string value;
            // "--" is no option of its own here: as before, it is taken for the command.
            if (a == "--" || !processor.process(a, name, value)) {
                break;
            }
            if (!name.empty()) {
                leading.options.emplace_back(name, value);
                if (leading.answer.empty() && (name == "help" || name == "version")) {
                    leading.answer = name;
                }
            }
        }
        processor.checkRequired(); // a value still missing at the end
    };
    return optionProblem(
        parse,
        " (trước tên lệnh chỉ dùng được tùy chọn chung: --help, --data-dir, --as-of, --version)");
}

// The command's options and arguments into `inv`, the general options from before the command
// first (by their full names, so that one repeated after the command is a repeated option, as
// when both follow it). `answer` becomes "help" or "version" if one of them comes first.
std::optional<std::string> parseCommandLine(const Command& command,
                                            const std::vector<std::string>& args,
                                            const Leading& leading, Invocation& inv,
                                            std::string& answer) {
    OptionSet set;
    addGeneralOptions(set);
    command.define(set);
    answer = leading.answer;
    return optionProblem([&] {
        OptionProcessor processor(set);
        processor.setUnixStyle(true);
        auto take = [&](const std::string& name, const std::string& value) {
            // An option declared repeatable (issue --accept) collects its values,
            // comma-separated.
            auto known = inv.options.find(name);
            const bool repeatable = set.hasOption(name) && set.getOption(name).repeatable();
            inv.options[name] =
                repeatable && known != inv.options.end() ? known->second + "," + value : value;
            if (answer.empty() && (name == "help" || name == "version")) {
                answer = name;
            }
        };
        std::string name;
        std::string value;
        for (const auto& [option, given] : leading.options) {
            const bool takesValue = option == "data-dir" || option == "as-of";
            processor.process("--" + option + (takesValue ? "=" + given : ""), name, value);
            take(name, value);
        }
        bool onlyPositional = false;
        for (std::size_t i = leading.command + 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (!onlyPositional && a == "--") {
                onlyPositional = true;
                continue;
            }
            if (!onlyPositional && processor.process(a, name, value)) {
                if (!name.empty()) {
                    take(name, value);
                }
                continue;
            }
            inv.positional.push_back(a);
        }
        if (answer.empty()) {
            processor.checkRequired();
        }
    });
}

int runCommand(const Command& command, Invocation& inv) {
    // --data-dir over TDKT_DATA_DIR over the build's folder.
    if (inv.has("data-dir")) {
        inv.env.dataDir = inv.get("data-dir");
        inv.env.fontDirs.insert(inv.env.fontDirs.begin(), inv.env.dataDir / "templates" / "fonts");
    }
    // --as-of over TDKT_AS_OF (over SOURCE_DATE_EPOCH and the clock, see Environment).
    if (inv.has("as-of")) {
        const std::string date = inv.get("as-of");
        if (!model::Date::parseIso(date)) {
            return usageError(inv.err, command.name,
                              "--as-of cần một ngày dạng YYYY-MM-DD, không phải «" + date + "»");
        }
        inv.env.asOf = date;
    }
    try {
        return command.run(inv);
    } catch (const std::exception& e) {
        // Only a bug gets here: stages return errors as values.
        inv.err << "tdkt: lỗi nội bộ [U999]: " << e.what() << '\n';
        return core::ExitSoftware;
    }
}

} // namespace

int run(const std::vector<std::string>& args, const CommandTable& table, std::ostream& out,
        std::ostream& err) {
    Leading leading;
    if (auto problem = parseLeading(args, leading)) {
        err << "tdkt: " << *problem << "\nXem hướng dẫn: tdkt --help\n";
        return core::ExitUsage;
    }
    const bool helpCommand = leading.command < args.size() && args[leading.command] == "help";
    if (helpCommand && leading.command + 1 < args.size()) {
        // `tdkt help COMMAND` is `tdkt COMMAND --help`.
        std::vector<std::string> helpArgs(args.begin(),
                                          args.begin() + static_cast<long>(leading.command));
        helpArgs.push_back(args[leading.command + 1]);
        helpArgs.push_back("--help");
        return run(helpArgs, table, out, err);
    }
    if (leading.command == args.size() || helpCommand) {
        if (leading.answer == "version") {
            printVersion(out);
            return core::ExitOk;
        }
        printMainHelp(table, out);
        return leading.answer == "help" || helpCommand ? core::ExitOk : core::ExitUsage;
    }

    const std::string& name = args[leading.command];
    const auto found = std::find_if(table.commands.begin(), table.commands.end(),
                                    [&](const Command* c) { return name == c->name; });
    if (found == table.commands.end()) {
        err << "tdkt: lệnh không hợp lệ «" << name << "»\n";
        printMainHelp(table, err);
        return core::ExitUsage;
    }
    const Command& command = **found;
    Invocation inv{{}, {}, core::Environment::fromProcess(), out, err};
    std::string answer;
    if (auto problem = parseCommandLine(command, args, leading, inv, answer)) {
        return usageError(err, command.name, *problem);
    }
    if (answer == "help") {
        out << "tdkt " << command.name << " — " << command.summary
            << "\n\nCách dùng: " << command.usage;
        return core::ExitOk;
    }
    if (answer == "version") {
        printVersion(out);
        return core::ExitOk;
    }
    return runCommand(command, inv);
}

} // namespace tdkt::app
