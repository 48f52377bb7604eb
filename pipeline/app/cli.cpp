#include "cli.hpp"

#include "command.hpp"
#include "pipeline/core/exit_code.hpp"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <ostream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

// Every command, in the order `tdkt --help` lists them.
const std::vector<const Command*>& commands() {
    static const std::vector<const Command*> table = {
        &validateCommand(), &issueCommand(),   &searchCommand(),  &verifyCommand(),
        &reindexCommand(),  &textCommand(),    &previewCommand(), &reportCommand(),
        &exportCommand(),   &upgradeCommand(),
    };
    return table;
}

void printMainHelp(std::ostream& out) {
    out << "tdkt — phát hành quyết định, bằng khen, giấy khen và lưu trữ hồ sơ thi đua, khen "
           "thưởng\n\n"
           "Cách dùng: tdkt LỆNH [TÙY CHỌN] [THAM SỐ]\n\nCác lệnh:\n";
    for (const Command* c : commands()) {
        std::string name = c->name;
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ')
            << c->summary << '\n';
    }
    out << "\nTùy chọn chung:\n"
           "  --help            hướng dẫn (cũng dùng sau mỗi lệnh: tdkt issue --help)\n"
           "  --data-dir DIR    thư mục chứa templates/, schemas/, config/\n"
           "  --version         phiên bản\n\n"
           "Mã thoát: 0 thành công; 64 sai cú pháp lệnh; 65 dữ liệu bị từ chối hoặc kho có lỗi;\n"
           "66 không có tệp đầu vào; 70 lỗi nội bộ; 73 không tạo được tệp; 74 lỗi đọc/ghi;\n"
           "75 kho đang bị khóa; 78 lỗi cấu hình hoặc mẫu văn bản.\n";
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        if (args.size() >= 2 && args[0] == "help") {
            return run({args[1], "--help"}, out, err);
        }
        printMainHelp(out);
        return args.empty() ? core::ExitUsage : core::ExitOk;
    }
    if (args[0] == "--version") {
        out << "tdkt 0.1.0\n";
        return core::ExitOk;
    }
    const Command* command = nullptr;
    for (const Command* c : commands()) {
        if (args[0] == c->name) {
            command = c;
        }
    }
    if (!command) {
        err << "tdkt: lệnh không hợp lệ «" << args[0] << "»\n";
        printMainHelp(err);
        return core::ExitUsage;
    }

    OptionSet set;
    set.addOption(Option("help", "h", "hướng dẫn").required(false));
    set.addOption(Option("data-dir", "", "thư mục dữ liệu").required(false).argument("DIR"));
    command->define(set);

    Invocation inv{{}, {}, core::Environment::fromProcess(), out, err};
    Poco::Util::OptionProcessor processor(set);
    processor.setUnixStyle(true);
    bool onlyPositional = false;
    try {
        for (std::size_t i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (!onlyPositional && a == "--") {
                onlyPositional = true;
                continue;
            }
            std::string name;
            std::string value;
            if (!onlyPositional && processor.process(a, name, value)) {
                if (!name.empty()) {
                    inv.options[name] = value;
                }
                continue;
            }
            inv.positional.push_back(a);
        }
        if (!inv.has("help")) {
            processor.checkRequired();
        }
    } catch (const Poco::Util::UnknownOptionException& e) {
        return usageError(err, command->name, "tùy chọn không hợp lệ «" + e.message() + "»");
    } catch (const Poco::Util::MissingArgumentException& e) {
        return usageError(err, command->name, "tùy chọn «" + e.message() + "» cần một giá trị");
    } catch (const Poco::Util::DuplicateOptionException& e) {
        return usageError(err, command->name, "tùy chọn «" + e.message() + "» bị lặp lại");
    } catch (const Poco::Util::OptionException& e) {
        return usageError(err, command->name, "tùy chọn không hợp lệ «" + e.message() + "»");
    }
    if (inv.has("help")) {
        out << "tdkt " << command->name << " — " << command->summary
            << "\n\nCách dùng: " << command->usage;
        return core::ExitOk;
    }
    if (inv.has("data-dir")) {
        inv.env.dataDir = inv.get("data-dir");
        inv.env.fontDirs.insert(inv.env.fontDirs.begin(), inv.env.dataDir / "templates" / "fonts");
    }
    try {
        return command->run(inv);
    } catch (const std::exception& e) {
        // Only a bug gets here: stages return errors as values.
        err << "tdkt: lỗi nội bộ [U999]: " << e.what() << '\n';
        return core::ExitSoftware;
    }
}

} // namespace tdkt::app
