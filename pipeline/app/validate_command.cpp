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
    fs::path archive;
    if (inv.has("archive")) {
        archive = inv.get("archive");
        boost::system::error_code ec;
        if (!fs::is_directory(archive, ec)) {
            return fail(inv.err,
                        core::makeError(core::ErrorKind::InputMissing, "A606",
                                        "không tìm thấy thư mục kho lưu trữ", {archive.string()}));
        }
    }
    job::CheckReport report =
        pipeline->check(inv.positional, text, inv.has("per-dossier"), archive);
    printCheckReport(report, inv.positional.size(), {inv.has("verbose"), inv.has("json")}, inv.out,
                     inv.err);
    if (inv.has("phieu")) {
        auto sheets = pipeline->writeCheckSheets(report, inv.positional, inv.get("phieu"));
        if (!sheets) {
            return fail(inv.err, sheets.error());
        }
        if (!inv.has("json")) {
            inv.out << "Phiếu kiểm tra hồ sơ: " << sheets->size() << " tệp trong "
                    << inv.get("phieu") << "\n";
        }
    }
    return report.ok() ? core::ExitOk : core::ExitDataErr;
}

} // namespace

const Command& validateCommand() {
    static const Command c{
        "validate", "kiểm tra hồ sơ đề nghị khen thưởng (lược đồ XSD và quy tắc nghiệp vụ)",
        "tdkt validate FILE... [--archive DIR] [--as-of YYYY-MM-DD] [--phieu DIR]\n"
        "              [--tone-style=classic|new]\n"
        "              [--per-dossier] [--verbose] [--json]\n\n"
        "Kiểm tra từng tệp hồ sơ và những gì tdkt issue sẽ in từ chúng: lược đồ, quy tắc nghiệp\n"
        "vụ theo ngày quyết định, cấp có thẩm quyền, tiền thưởng, chữ vừa khung và vẽ được trên\n"
        "giấy chứng nhận. Báo mọi lỗi kèm tên tệp, dòng, trường và mã lỗi, và liệt kê các thay\n"
        "đổi chuẩn hóa văn bản (Unicode, khoảng trắng, mã cũ TCVN3/VNI, vị trí dấu thanh) để\n"
        "cán bộ xác nhận trước khi in. Quy tắc pháp luật (config/rules.xml, xem config/RULES.md)\n"
        "áp dụng theo ngày quyết định, cho cả đợt: trùng người giữa các hồ sơ, sáng kiến dùng\n"
        "hai lần, tỷ lệ, tiêu chuẩn theo quá trình.\n\n"
        "  --archive DIR         đối chiếu với kho lưu trữ: khen thưởng đã có, sáng kiến đã dùng\n"
        "  --as-of YYYY-MM-DD    ngày kiểm tra (mặc định: hôm nay, hoặc SOURCE_DATE_EPOCH)\n"
        "  --phieu DIR           ghi Phiếu kiểm tra hồ sơ (PDF) của từng hồ sơ vào DIR, để gửi\n"
        "                        lại đơn vị đề nghị\n"
        "  --per-dossier         kiểm tra như khi mỗi hồ sơ một quyết định riêng\n"
        "  --verbose             liệt kê mọi lỗi/cảnh báo (mặc định: mỗi mã vài dòng đầu)\n"
        "  --json                in kết quả dạng JSON\n"
        "  --tone-style=classic  đặt dấu kiểu văn bản hành chính: hòa, khỏe, thủy (mặc định)\n"
        "  --tone-style=new      đặt dấu kiểu sách giáo khoa 2018: hoà, khoẻ, thuỷ\n",
        [](Poco::Util::OptionSet& set) {
            addToneStyleOption(set);
            set.addOption(
                Poco::Util::Option("per-dossier", "", "mỗi hồ sơ một quyết định").required(false));
            addReportStyleOptions(set);
            addArchiveOption(set);
            set.addOption(Poco::Util::Option("phieu", "", "phiếu kiểm tra hồ sơ")
                              .required(false)
                              .argument("DIR"));
        },
        runValidate};
    return c;
}

} // namespace tdkt::app
