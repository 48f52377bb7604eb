#include "cli.hpp"

#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <functional>
#include <map>
#include <ostream>
#include <unistd.h>

namespace tdkt::app {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

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
    const char* usage;   // Vietnamese, the full help text after the first line
    std::function<void(OptionSet&)> define;
    std::function<int(Invocation&)> run;
};

int fail(std::ostream& err, const core::Error& e) {
    err << "tdkt: " << core::format(e) << '\n';
    return core::exitCodeFor(e.kind);
}

int usageError(std::ostream& err, const std::string& command, const std::string& message) {
    err << "tdkt " << command << ": " << message << "\n"
        << "Xem hướng dẫn: tdkt " << command << " --help\n";
    return core::ExitUsage;
}

void addArchiveOption(OptionSet& set) {
    set.addOption(Option("archive", "a", "thư mục kho lưu trữ")
                      .required(false)
                      .repeatable(false)
                      .argument("DIR"));
}

core::Result<fs::path> archiveRoot(const Invocation& inv, const std::string& command) {
    if (!inv.has("archive")) {
        return core::makeError(core::ErrorKind::Usage, "U003",
                               "lệnh «" + command + "» cần tùy chọn --archive DIR");
    }
    return fs::path(inv.get("archive"));
}

// Missing input files are reported before anything else, with exit 66.
int checkInputsExist(const Invocation& inv) {
    for (const auto& f : inv.positional) {
        boost::system::error_code ec;
        if (!fs::is_regular_file(f, ec)) {
            return fail(inv.err, core::makeError(core::ErrorKind::InputMissing, "U010",
                                                 "không tìm thấy tệp hồ sơ", {f}));
        }
    }
    return 0;
}

int runValidate(Invocation& inv) {
    if (inv.positional.empty()) {
        return usageError(inv.err, "validate", "cần ít nhất một tệp hồ sơ (FILE...)");
    }
    if (int rc = checkInputsExist(inv)) {
        return rc;
    }
    auto pipeline = job::Pipeline::load(inv.env);
    if (!pipeline) {
        return fail(inv.err, pipeline.error());
    }
    job::CheckReport report = pipeline->check(inv.positional);
    printCheckReport(report, inv.positional.size(), inv.out, inv.err);
    return report.ok() ? core::ExitOk : core::ExitDataErr;
}

int runIssue(Invocation& inv) {
    if (inv.positional.empty()) {
        return usageError(inv.err, "issue", "cần ít nhất một tệp hồ sơ (FILE...)");
    }
    auto root = archiveRoot(inv, "issue");
    if (!root) {
        return usageError(inv.err, "issue", root.error().message);
    }
    job::IssueOptions options;
    options.files = inv.positional;
    options.archiveRoot = root.value();
    if (inv.has("date")) {
        auto d = model::Date::parseIso(inv.get("date"));
        if (!d) {
            return usageError(inv.err, "issue",
                              "ngày «" + inv.get("date") + "» không hợp lệ; dùng dạng YYYY-MM-DD");
        }
        options.date = d;
    }
    if (int rc = checkInputsExist(inv)) {
        return rc;
    }
    if (::isatty(STDERR_FILENO)) {
        options.progress = progressPrinter(inv.err);
    }
    auto pipeline = job::Pipeline::load(inv.env);
    if (!pipeline) {
        return fail(inv.err, pipeline.error());
    }
    job::CheckReport check;
    auto report = pipeline->issue(options, &check);
    if (options.progress) {
        inv.err << '\n';
    }
    if (!report) {
        printCheckReport(check, inv.positional.size(), inv.out, inv.err);
        return fail(inv.err, report.error());
    }
    printCheckReport(report->check, inv.positional.size(), inv.out, inv.err);
    printIssueReport(report.value(), inv.out);
    return core::ExitOk;
}

int runSearch(Invocation& inv) {
    if (inv.positional.size() != 1) {
        return usageError(inv.err, "search", "cần đúng một chuỗi tìm kiếm (QUERY)");
    }
    auto root = archiveRoot(inv, "search");
    if (!root) {
        return usageError(inv.err, "search", root.error().message);
    }
    archive::SearchQuery q;
    q.text = inv.positional[0];
    if (inv.has("year")) {
        try {
            q.year = std::stoi(inv.get("year"));
        } catch (const std::exception&) {
            return usageError(inv.err, "search", "năm «" + inv.get("year") + "» không hợp lệ");
        }
    }
    if (inv.has("unit")) {
        q.unit = inv.get("unit");
    }
    if (inv.has("limit")) {
        try {
            q.limit = std::stoi(inv.get("limit"));
        } catch (const std::exception&) {
            return usageError(inv.err, "search", "số dòng «" + inv.get("limit") + "» không hợp lệ");
        }
    }
    auto hits = job::search(inv.env, root.value(), q);
    if (!hits) {
        return fail(inv.err, hits.error());
    }
    if (inv.has("json")) {
        printHitsJson(hits.value(), inv.out);
    } else {
        printHitsTable(hits.value(), inv.out);
    }
    return core::ExitOk;
}

int runVerify(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "verify", "lệnh này không nhận tham số vị trí");
    }
    auto root = archiveRoot(inv, "verify");
    if (!root) {
        return usageError(inv.err, "verify", root.error().message);
    }
    auto report = job::verify(inv.env, root.value());
    if (!report) {
        return fail(inv.err, report.error());
    }
    printVerifyReport(report.value(), inv.out, inv.err);
    return report->ok() ? core::ExitOk : core::ExitDataErr;
}

int runReindex(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "reindex", "lệnh này không nhận tham số vị trí");
    }
    auto root = archiveRoot(inv, "reindex");
    if (!root) {
        return usageError(inv.err, "reindex", root.error().message);
    }
    auto n = job::reindex(inv.env, root.value());
    if (!n) {
        return fail(inv.err, n.error());
    }
    inv.out << "Đã lập lại chỉ mục tìm kiếm từ kho: " << n.value() << " người/tập thể được khen.\n";
    return core::ExitOk;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"validate", "kiểm tra hồ sơ đề nghị khen thưởng (lược đồ XSD và quy tắc nghiệp vụ)",
         "tdkt validate FILE...\n\n"
         "Kiểm tra từng tệp hồ sơ, báo mọi lỗi kèm tên tệp, dòng và mã lỗi, và liệt kê các thay\n"
         "đổi chuẩn hóa văn bản (Unicode, khoảng trắng) để cán bộ xác nhận trước khi in.\n",
         [](OptionSet&) {}, runValidate},
        {"issue", "ban hành quyết định và bằng/giấy khen, lưu vào kho",
         "tdkt issue FILE... --archive DIR [--date YYYY-MM-DD]\n\n"
         "Mỗi hình thức khen thưởng của một hồ sơ thành một quyết định (kèm danh sách) và một\n"
         "giấy chứng nhận cho mỗi người/tập thể, được lưu nguyên vẹn vào kho. Chạy lại cùng hồ sơ\n"
         "không cấp thêm quyết định.\n\n"
         "  --archive DIR      thư mục kho lưu trữ (tạo mới nếu chưa có)\n"
         "  --date YYYY-MM-DD  ngày quyết định khi hồ sơ không ghi (mặc định: hôm nay)\n",
         [](OptionSet& set) {
             addArchiveOption(set);
             set.addOption(Option("date", "d", "ngày quyết định").required(false).argument("DATE"));
         },
         runIssue},
        {"search", "tra cứu người/tập thể được khen trong kho (không cần gõ dấu)",
         "tdkt search QUERY --archive DIR [--year Y] [--unit CODE] [--limit N] [--json]\n\n"
         "  --archive DIR  thư mục kho lưu trữ\n"
         "  --year Y       chỉ năm quyết định Y\n"
         "  --unit CODE    chỉ đơn vị đề nghị hoặc cơ quan ban hành có mã CODE\n"
         "  --limit N      số kết quả tối đa (mặc định 50)\n"
         "  --json         in kết quả dạng JSON cho chương trình khác\n",
         [](OptionSet& set) {
             addArchiveOption(set);
             set.addOption(Option("year", "y", "năm").required(false).argument("Y"));
             set.addOption(Option("unit", "u", "mã đơn vị").required(false).argument("CODE"));
             set.addOption(Option("limit", "n", "số kết quả").required(false).argument("N"));
             set.addOption(Option("json", "j", "JSON").required(false));
         },
         runSearch},
        {"verify", "kiểm tra toàn vẹn kho (mã băm, siêu dữ liệu, sổ đăng ký số)",
         "tdkt verify --archive DIR\n\n"
         "Kiểm tra mọi gói lưu trữ: mã băm SHA-256 của từng tệp, siêu dữ liệu theo lược đồ, sổ\n"
         "đăng ký số quyết định. Mỗi vấn đề được báo kèm đường dẫn; mã thoát 65 nếu có vấn đề.\n",
         [](OptionSet& set) { addArchiveOption(set); }, runVerify},
        {"reindex", "lập lại chỉ mục tìm kiếm từ cây thư mục kho",
         "tdkt reindex --archive DIR\n", [](OptionSet& set) { addArchiveOption(set); },
         runReindex},
    };
    return table;
}

void printMainHelp(std::ostream& out) {
    out << "tdkt — phát hành quyết định, bằng khen, giấy khen và lưu trữ hồ sơ thi đua, khen thưởng\n\n"
           "Cách dùng: tdkt LỆNH [TÙY CHỌN] [THAM SỐ]\n\nCác lệnh:\n";
    for (const auto& c : commands()) {
        std::string name = c.name;
        out << "  " << name << std::string(10 - name.size(), ' ') << c.summary << '\n';
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
    for (const auto& c : commands()) {
        if (args[0] == c.name) {
            command = &c;
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
        out << "tdkt " << command->name << " — " << command->summary << "\n\nCách dùng: "
            << command->usage;
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
