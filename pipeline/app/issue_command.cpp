#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <algorithm>
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
    if (inv.has("accept")) {
        std::string list = inv.get("accept");
        for (std::size_t start = 0; start <= list.size();) {
            std::size_t end = list.find(',', start);
            end = end == std::string::npos ? list.size() : end;
            const std::string item = list.substr(start, end - start);
            const bool code = item.size() >= 4 && item[0] == 'L' &&
                              std::all_of(item.begin() + 1, item.begin() + 4,
                                          [](char c) { return c >= '0' && c <= '9'; }) &&
                              (item.size() == 4 || (item[4] == ':' && item.size() > 5));
            if (!code) {
                return usageError(inv.err, "issue",
                                  "--accept «" + item +
                                      "» không hợp lệ: ghi mã quy tắc (L012) hoặc mã:id của "
                                      "người, đề nghị, tài liệu (L012:cn04); chỉ chấp nhận được "
                                      "lỗi theo quy tắc (mã L)");
            }
            options.accept.findings.push_back(item);
            start = end + 1;
        }
        options.accept.reason = inv.get("reason");
        if (options.accept.reason.find_first_not_of(" \t") == std::string::npos) {
            return usageError(inv.err, "issue",
                              "--accept cần --reason \"lý do\" (được ghi vào nhật ký và siêu dữ "
                              "liệu của quyết định)");
        }
    }
    if (int missing = checkInputsExist(inv)) {
        return missing;
    }
    if (::isatty(STDERR_FILENO)) {
        options.progress = progressPrinter(inv.err);
    }
    options.perDossier = inv.has("per-dossier");
    const ReportStyle style{inv.has("verbose"), inv.has("json")};
    auto pipeline = job::Pipeline::load(inv.env);
    if (!pipeline) {
        return fail(inv.err, pipeline.error());
    }
    job::IssueReport report = pipeline->issue(options);
    if (options.progress) {
        inv.err << '\n';
    }
    printIssueReport(report, inv.positional.size(), options.archiveRoot, style, inv.out, inv.err);
    if (report.error) {
        if (style.json) {
            return core::exitCodeFor(report.error->kind);
        }
        return fail(inv.err, *report.error);
    }
    return core::ExitOk;
}

} // namespace

const Command& issueCommand() {
    static const Command c{
        "issue", "ban hành quyết định và bằng/giấy khen, lưu vào kho",
        "tdkt issue FILE... --archive DIR [--date YYYY-MM-DD] [--per-dossier]\n"
        "           [--print-mode design|blank] [--printer ID] [--tone-style=classic|new]\n"
        "           [--accept MÃ[:ID]... --reason LÝ_DO] [--verbose] [--json]\n\n"
        "Các hồ sơ của một đợt được gộp: mỗi cấp ban hành × hình thức khen thưởng × ngày quyết\n"
        "định thành một quyết định, danh sách kèm theo chia theo đơn vị đề nghị, dẫn tờ trình của\n"
        "từng đơn vị; mỗi người/tập thể một giấy chứng nhận nếu hình thức có. Trước khi ghi, cả\n"
        "đợt được kiểm tra như tdkt validate (kể cả chữ vừa khung và vẽ được trên giấy chứng\n"
        "nhận): có một lỗi là không ghi gì vào kho. Sau đó từng quyết định được lưu nguyên vẹn\n"
        "theo thứ tự số; nếu bị dừng giữa chừng, lệnh liệt kê các quyết định đã lưu và chạy lại\n"
        "đúng lệnh này sẽ ban hành phần còn lại (quyết định đã lưu không bị cấp lại).\n\n"
        "  --per-dossier      mỗi hồ sơ một quyết định riêng (không gộp)\n"
        "  --verbose          liệt kê mọi lỗi/cảnh báo (mặc định: mỗi mã vài dòng đầu và số "
        "lượng)\n"
        "  --json             in toàn bộ kết quả dạng JSON\n"
        "  --archive DIR      thư mục kho lưu trữ (tạo mới nếu chưa có)\n"
        "  --date YYYY-MM-DD  ngày quyết định khi hồ sơ không ghi (mặc định: hôm nay)\n"
        "  --print-mode design|blank\n"
        "                     tệp in data/print/certificates-print.pdf: toàn bộ mẫu trên giấy\n"
        "                     trắng (mặc định) hoặc chỉ các trường để in lên phôi; bản lưu từng\n"
        "                     giấy chứng nhận luôn là toàn bộ mẫu\n"
        "  --printer ID       máy in trong config/printers.xml (độ lệch căn chỉnh khi in phôi)\n"
        "  --tone-style=new   đặt dấu kiểu hoà, thuỷ thay cho kiểu hòa, thủy (mặc định)\n"
        "  --accept MÃ[:ID]   chấp nhận lỗi theo quy tắc (config/rules.xml) khi ban hành: mã\n"
        "                     (L020) hoặc mã và id người, đề nghị, tài liệu trong hồ sơ\n"
        "                     (L012:cn04); dùng nhiều lần hoặc ngăn bằng dấu phẩy\n"
        "  --reason LÝ_DO     lý do chấp nhận (bắt buộc với --accept), ghi vào nhật ký kho và\n"
        "                     siêu dữ liệu quyết định\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            addToneStyleOption(set);
            set.addOption(Option("date", "d", "ngày quyết định").required(false).argument("DATE"));
            set.addOption(Option("print-mode", "", "chế độ in").required(false).argument("MODE"));
            set.addOption(Option("printer", "", "máy in").required(false).argument("ID"));
            set.addOption(Option("per-dossier", "", "mỗi hồ sơ một quyết định").required(false));
            set.addOption(Option("accept", "", "chấp nhận lỗi quy tắc")
                              .required(false)
                              .repeatable(true)
                              .argument("CODE"));
            set.addOption(Option("reason", "", "lý do chấp nhận").required(false).argument("TEXT"));
            addReportStyleOptions(set);
        },
        runIssue};
    return c;
}

} // namespace tdkt::app
