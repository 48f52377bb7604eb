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
    text::Options text;
    int rc = 0;
    if (!toneStyleOption(inv, "validate", text, &rc)) {
        return rc;
    }
    if (int missing = checkInputsExist(inv)) {
        return missing;
    }
    auto pipeline = job::Pipeline::load(inv.env);
    if (!pipeline) {
        return fail(inv.err, pipeline.error());
    }
    job::CheckReport report = pipeline->check(inv.positional, text);
    printCheckReport(report, inv.positional.size(), inv.out, inv.err);
    return report.ok() ? core::ExitOk : core::ExitDataErr;
}

} // namespace

const Command& validateCommand() {
    static const Command c{
        "validate", "kiểm tra hồ sơ đề nghị khen thưởng (lược đồ XSD và quy tắc nghiệp vụ)",
        "tdkt validate FILE... [--tone-style=classic|new]\n\n"
        "Kiểm tra từng tệp hồ sơ, báo mọi lỗi kèm tên tệp, dòng và mã lỗi, và liệt kê các thay\n"
        "đổi chuẩn hóa văn bản (Unicode, khoảng trắng, mã cũ TCVN3/VNI, vị trí dấu thanh) để\n"
        "cán bộ xác nhận trước khi in.\n\n"
        "  --tone-style=classic  đặt dấu kiểu văn bản hành chính: hòa, khỏe, thủy (mặc định)\n"
        "  --tone-style=new      đặt dấu kiểu sách giáo khoa 2018: hoà, khoẻ, thuỷ\n",
        [](Poco::Util::OptionSet& set) { addToneStyleOption(set); }, runValidate};
    return c;
}

} // namespace tdkt::app
