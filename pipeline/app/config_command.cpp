// `tdkt config check`: is the configuration usable, and which of its facts are unverified.
#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <ostream>

namespace tdkt::app {
namespace {

int runConfig(Invocation& inv) {
    if (inv.positional.size() != 1 || inv.positional[0] != "check") {
        return usageError(inv.err, "config", "cần đúng một thao tác: check");
    }
    auto report = job::checkConfig(inv.env);
    if (!report) {
        return fail(inv.err, report.error());
    }
    printConfigCheck(report.value(), ReportStyle{false, inv.has("json")}, inv.out);
    return core::ExitOk;
}

} // namespace

const Command& configCommand() {
    static const Command c{
        "config", "kiểm tra cấu hình, liệt kê quy định chưa xác minh",
        "tdkt config check [--json]\n\n"
        "Nạp cấu hình như khi ban hành (config/issuers.xml, award-catalogue.xml,\n"
        "award-money.xml, retention.xml, rules.xml, printers.xml và mọi mẫu danh mục khen\n"
        "thưởng dùng):\n"
        "tệp hỏng thì báo lỗi kèm tệp:dòng, mã thoát 78. Sau đó liệt kê mọi giá trị mà cấu hình\n"
        "ghi là chưa xác minh (verified=\"false\", status=\"unverified\": cảnh báo) hoặc theo\n"
        "thực tiễn chưa thấy điều khoản (status=\"probable\": ghi chú), kèm tệp:dòng, căn cứ\n"
        "và ghi chú — các cảnh báo K020, M020, A070 mà tdkt issue nhắc một lần mỗi đợt. Cuối\n"
        "cùng liệt kê mọi quy tắc kiểm tra hồ sơ (config/rules.xml) với mã, mức, thời gian hiệu\n"
        "lực và căn cứ. Thư mục cấu hình là <thư mục dữ liệu>/config (--data-dir, "
        "TDKT_DATA_DIR).\n\n"
        "  --json   in kết quả dạng JSON\n",
        [](Poco::Util::OptionSet& set) { addReportStyleOptions(set); }, runConfig};
    return c;
}

} // namespace tdkt::app
