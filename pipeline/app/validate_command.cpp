#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

namespace tdkt::app {
namespace {

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

} // namespace

const Command& validateCommand() {
    static const Command c{
        "validate", "kiểm tra hồ sơ đề nghị khen thưởng (lược đồ XSD và quy tắc nghiệp vụ)",
        "tdkt validate FILE...\n\n"
        "Kiểm tra từng tệp hồ sơ, báo mọi lỗi kèm tên tệp, dòng và mã lỗi, và liệt kê các thay\n"
        "đổi chuẩn hóa văn bản (Unicode, khoảng trắng) để cán bộ xác nhận trước khi in.\n",
        [](Poco::Util::OptionSet&) {}, runValidate};
    return c;
}

} // namespace tdkt::app
