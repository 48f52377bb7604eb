#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <ostream>
#include <unistd.h>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

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
    int rc = 0;
    if (!toneStyleOption(inv, "issue", options.text, &rc)) {
        return rc;
    }
    if (inv.has("print-mode")) {
        const std::string mode = inv.get("print-mode");
        if (mode != "design" && mode != "blank") {
            return usageError(inv.err, "issue",
                              "--print-mode «" + mode + "» không hợp lệ; dùng design hoặc blank");
        }
        options.print.blank = mode == "blank";
    }
    options.print.printerId = inv.get("printer");
    if (int missing = checkInputsExist(inv)) {
        return missing;
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

} // namespace

const Command& issueCommand() {
    static const Command c{
        "issue", "ban hành quyết định và bằng/giấy khen, lưu vào kho",
        "tdkt issue FILE... --archive DIR [--date YYYY-MM-DD] [--tone-style=classic|new]\n"
        "           [--print-mode design|blank] [--printer ID]\n\n"
        "Mỗi hình thức khen thưởng của một hồ sơ thành một quyết định (kèm danh sách) và một\n"
        "giấy chứng nhận cho mỗi người/tập thể, được lưu nguyên vẹn vào kho. Chạy lại cùng hồ sơ\n"
        "không cấp thêm quyết định. Nếu một hồ sơ bị từ chối thì không ghi gì vào kho.\n\n"
        "  --archive DIR      thư mục kho lưu trữ (tạo mới nếu chưa có)\n"
        "  --date YYYY-MM-DD  ngày quyết định khi hồ sơ không ghi (mặc định: hôm nay)\n"
        "  --print-mode design|blank\n"
        "                     tệp in data/print/certificates-print.pdf: toàn bộ mẫu trên giấy\n"
        "                     trắng (mặc định) hoặc chỉ các trường để in lên phôi; bản lưu từng\n"
        "                     giấy chứng nhận luôn là toàn bộ mẫu\n"
        "  --printer ID       máy in trong config/printers.xml (độ lệch căn chỉnh khi in phôi)\n"
        "  --tone-style=new   đặt dấu kiểu hoà, thuỷ thay cho kiểu hòa, thủy (mặc định)\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            addToneStyleOption(set);
            set.addOption(Option("date", "d", "ngày quyết định").required(false).argument("DATE"));
            set.addOption(Option("print-mode", "", "chế độ in").required(false).argument("MODE"));
            set.addOption(Option("printer", "", "máy in").required(false).argument("ID"));
        },
        runIssue};
    return c;
}

} // namespace tdkt::app
