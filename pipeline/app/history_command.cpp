// `tdkt history import FILE --archive DIR [--json]`: parses the command line, runs
// job::importHistory and prints what it returns.
#include "history_command.hpp"

#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/history_job.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <ostream>

namespace tdkt::app {
namespace {

Poco::JSON::Object::Ptr diagnosticJson(const core::Diagnostic& d) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("severity", core::severityId(d.severity));
    o->set("code", d.code);
    o->set("file", d.where.file);
    if (d.where.line > 0) {
        o->set("line", d.where.line);
    }
    if (!d.field.empty()) {
        o->set("field", d.field);
    }
    o->set("message", d.message);
    return o;
}

void printJson(const job::HistoryImportReport& report, std::ostream& out) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("file", report.file);
    o.set("ok", report.ok());
    o.set("imported", report.ok() && !report.stored.alreadyImported ? report.stored.awards : 0);
    o.set("alreadyImported", report.stored.alreadyImported);
    o.set("copy", report.stored.copy);
    o.set("sha256", report.stored.sha256);
    Poco::JSON::Array::Ptr diagnostics = new Poco::JSON::Array;
    for (const auto& d : report.diagnostics.items()) {
        diagnostics->add(diagnosticJson(d));
    }
    o.set("diagnostics", diagnostics);
    o.stringify(out, 2);
    out << '\n';
}

void printText(const job::HistoryImportReport& report, std::ostream& out, std::ostream& err) {
    for (const auto& d : report.diagnostics.items()) {
        (d.severity == core::Severity::Error ? err : out) << core::format(d) << '\n';
    }
    if (!report.ok()) {
        err << "Tệp " << report.file << " có " << report.diagnostics.errorCount()
            << " lỗi cần sửa: chưa nhập dòng nào vào kho.\n";
    } else if (report.stored.alreadyImported) {
        out << "Tệp " << report.file << " đã được nhập trước đây (" << report.stored.copy << ", "
            << report.stored.awards << " khen thưởng): không có gì thay đổi.\n";
    } else {
        out << "Đã nhập " << report.stored.awards << " khen thưởng từ " << report.file
            << " vào kho (" << report.stored.copy << ").\n";
    }
}

int runHistory(Invocation& inv) {
    if (inv.positional.empty() || inv.positional[0] != "import") {
        return usageError(inv.err, "history", "cần thao tác: import");
    }
    if (inv.positional.size() != 2) {
        return usageError(inv.err, "history", "cần đúng một tệp CSV: tdkt history import FILE");
    }
    auto root = archiveRoot(inv, "history");
    if (!root) {
        return usageError(inv.err, "history", root.error().message);
    }
    const fs::path file = inv.positional[1];
    boost::system::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        return fail(inv.err,
                    core::makeError(core::ErrorKind::InputMissing, "U010",
                                    "không tìm thấy tệp lịch sử khen thưởng", {file.string()}));
    }
    auto report = job::importHistory(inv.env, root.value(), file);
    if (!report) {
        return fail(inv.err, report.error());
    }
    if (inv.has("json")) {
        printJson(report.value(), inv.out);
    } else {
        printText(report.value(), inv.out, inv.err);
    }
    return report->ok() ? core::ExitOk : core::ExitDataErr;
}

} // namespace

const Command& historyCommand() {
    static const Command c{
        "history", "nhập lịch sử khen thưởng trước khi dùng tdkt (tệp CSV) vào kho",
        "tdkt history import FILE --archive DIR [--json]\n\n"
        "Nhập các khen thưởng đã có trước khi dùng tdkt từ một tệp CSV (UTF-8, có hoặc không\n"
        "BOM, phân cách bằng «,» hoặc «;») để kiểm tra hồ sơ và tìm kiếm thấy chúng. Dòng đầu\n"
        "là tiêu đề, các cột theo thứ tự bất kỳ (không phân biệt hoa thường, có dấu hay không):\n"
        "  loại đối tượng          cá nhân / tập thể / hộ gia đình (bỏ trống: cá nhân)\n"
        "  họ tên (hoặc tên)       bắt buộc; hộ gia đình: họ tên chủ hộ\n"
        "  năm sinh                không bắt buộc\n"
        "  đơn vị                  không bắt buộc\n"
        "  hình thức khen thưởng   bắt buộc; mã, tên hoặc tên viết tắt trong danh mục\n"
        "  năm                     bắt buộc; năm thành tích (2025 hoặc 2024 - 2025)\n"
        "  số quyết định           bắt buộc\n"
        "  ngày quyết định         bắt buộc; dd/mm/yyyy hoặc yyyy-mm-dd\n"
        "  cơ quan ban hành        không bắt buộc\n"
        "  sáng kiến               không bắt buộc; «mã: tên» cách nhau bởi «;»\n\n"
        "Mỗi dòng sai được báo kèm tệp:dòng và tên cột; khi có lỗi thì không nhập dòng nào\n"
        "(mã thoát 65). Tệp được lưu nguyên vẹn trong thư mục history/ của kho (tên là mã\n"
        "SHA-256) nên «tdkt reindex» giữ lại; nhập lại cùng một tệp không thay đổi gì.\n\n"
        "  --archive DIR   thư mục kho lưu trữ\n"
        "  --json          in kết quả dạng JSON\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            set.addOption(Poco::Util::Option("json", "", "JSON").required(false));
        },
        runHistory};
    return c;
}

} // namespace tdkt::app
