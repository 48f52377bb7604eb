#include "command.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <ostream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

// --print-mode / --mode: "design" (whole certificate on white paper) or "blank" (only the
// fields, on a pre-printed blank). False after printing a usage error.
bool printModeOption(const Invocation& inv, const std::string& command, const std::string& name,
                     bool& blank, int* exitCode) {
    const std::string value = inv.get(name);
    if (value == "design" || value == "blank") {
        blank = value == "blank";
        return true;
    }
    *exitCode = usageError(inv.err, command,
                           "--" + name + " «" + value + "» không hợp lệ; dùng design hoặc blank");
    return false;
}

int runPreview(Invocation& inv) {
    if (inv.positional.size() != 1) {
        return usageError(inv.err, "preview", "cần đúng một tên mẫu (TEMPLATE)");
    }
    job::PreviewOptions options;
    // A folder path is accepted too ("templates/decision/"): its last component names the
    // template, looked up in the data folder's templates/.
    fs::path given(inv.positional.front());
    while (!given.empty() && given.filename() == ".") {
        given = given.parent_path();
    }
    options.templateName = given.filename().string();
    // The alignment sheet is meaningful only with the printer's offset applied (blank mode).
    options.print.blank = options.templateName == "alignment-sheet";
    if (inv.has("mode")) {
        int rc = 0;
        if (!printModeOption(inv, "preview", "mode", options.print.blank, &rc)) {
            return rc;
        }
    }
    options.print.printerId = inv.get("printer");
    if (inv.has("sample") && !inv.get("sample").empty()) {
        options.sampleFile = inv.get("sample");
        boost::system::error_code ec;
        if (!fs::is_regular_file(options.sampleFile, ec)) {
            return fail(inv.err, core::makeError(core::ErrorKind::InputMissing, "U010",
                                                 "không tìm thấy tệp dữ liệu mẫu",
                                                 {options.sampleFile.string()}));
        }
    }
    options.outFile = inv.has("out") ? fs::path(inv.get("out"))
                                     : fs::path("preview-" + options.templateName + ".pdf");
    auto result = job::preview(inv.env, options);
    if (!result) {
        return fail(inv.err, result.error());
    }
    inv.out << "Đã ghi " << result->file.string() << " (" << result->pageCount << " trang"
            << (options.print.blank ? ", in lên phôi" : ", toàn bộ mẫu");
    if (!result->printerName.empty()) {
        inv.out << ", máy in " << result->printerName;
    }
    inv.out << ").\n";
    return core::ExitOk;
}

} // namespace

const Command& previewCommand() {
    static const Command c{
        "preview", "xem trước một mẫu văn bản với dữ liệu mẫu; trang căn chỉnh máy in",
        "tdkt preview TEMPLATE --sample[=FILE] [--out FILE] [--mode design|blank] [--printer ID]\n"
        "       tdkt preview alignment-sheet --printer ID\n\n"
        "Vẽ mẫu templates/TEMPLATE với dữ liệu mẫu đặt cạnh mẫu (templates/TEMPLATE/sample.xml,\n"
        "theo schemas/sample-1.0.xsd) để người soạn mẫu thấy ngay kết quả, rồi báo nơi ghi và số\n"
        "trang. Trang căn chỉnh (alignment-sheet) vẽ dấu chữ thập tại vị trí các trường trên phôi\n"
        "bằng khen/giấy khen, đã cộng độ lệch của máy in; đo và ghi độ lệch vào "
        "config/printers.xml.\n\n"
        "  --sample[=FILE]        dữ liệu mẫu (mặc định: sample.xml trong thư mục mẫu)\n"
        "  --out FILE             tệp PDF ghi ra (mặc định: preview-TEMPLATE.pdf ở thư mục hiện "
        "tại)\n"
        "  --mode design|blank    toàn bộ mẫu trên giấy trắng, hoặc chỉ các trường để in lên phôi\n"
        "                         (mặc định: design; blank với alignment-sheet)\n"
        "  --printer ID           máy in trong config/printers.xml (độ lệch căn chỉnh khi in "
        "phôi)\n",
        [](Poco::Util::OptionSet& set) {
            set.addOption(
                Option("sample", "s", "dữ liệu mẫu").required(false).argument("FILE", false));
            set.addOption(Option("out", "o", "tệp ghi ra").required(false).argument("FILE"));
            set.addOption(Option("mode", "m", "chế độ in").required(false).argument("MODE"));
            set.addOption(Option("printer", "p", "máy in").required(false).argument("ID"));
        },
        runPreview};
    return c;
}

} // namespace tdkt::app
