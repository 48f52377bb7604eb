// report: counts and money of a reporting year's awards, as a table, CSV or PDF.
#include "command.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/excel_csv.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/job/pipeline.hpp"
#include "pipeline/model/date_display.hpp"

#include <Poco/Util/Option.h>
#include <cmath>
#include <ostream>
#include <sstream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

// Terminal columns of UTF-8 text: one per code point. Vietnamese in NFC has no combining marks
// and no wide characters, so counting lead bytes is exact for what the report prints.
std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
    const std::size_t w = displayWidth(s);
    const std::string fill(w < width ? width - w : 0, ' ');
    return right ? fill + s : s + fill;
}

std::vector<std::string> cells(const archive::ReportRow& r) {
    return {r.name,
            std::to_string(r.individuals),
            std::to_string(r.collectives),
            std::to_string(r.households),
            std::to_string(r.total()),
            std::to_string(r.directWorkers),
            std::to_string(r.smallCollectives),
            format::groupThousands(r.money)};
}

void printTable(std::ostream& out, const std::string& firstTitle,
                const std::vector<archive::ReportRow>& rows, const archive::ReportRow& total) {
    const std::vector<std::string> titles = {firstTitle,    "Cá nhân",           "Tập thể",
                                             "Hộ gia đình", "Tổng số",           "NLĐ trực tiếp",
                                             "Tập thể nhỏ", "Tiền thưởng (đồng)"};
    std::vector<std::vector<std::string>> body;
    for (const auto& r : rows) {
        body.push_back(cells(r));
    }
    body.push_back(cells(total));
    std::vector<std::size_t> widths;
    for (const auto& t : titles) {
        widths.push_back(displayWidth(t));
    }
    for (const auto& line : body) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            widths[i] = std::max(widths[i], displayWidth(line[i]));
        }
    }
    auto printLine = [&](const std::vector<std::string>& line) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            out << (i ? "  " : "") << pad(line[i], widths[i], i > 0);
        }
        out << '\n';
    };
    std::size_t all = 0;
    for (std::size_t w : widths) {
        all += w + 2;
    }
    const std::string rule(all - 2, '-');
    printLine(titles);
    out << rule << '\n';
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
        printLine(body[i]);
    }
    out << rule << '\n';
    printLine(body.back());
}

std::string tableText(const archive::YearReport& r) {
    std::ostringstream out;
    out << "BÁO CÁO SỐ LƯỢNG KHEN THƯỞNG NĂM " << r.year << "\n";
    out << "Kỳ báo cáo: " << model::dateShort(r.periodFrom) << " – "
        << model::dateShort(r.periodTo);
    if (r.unit) {
        out << "; đơn vị: " << *r.unit;
    }
    out << "; số quyết định: " << r.decisions << "\n\n";
    out << "I. Theo danh hiệu thi đua, hình thức khen thưởng\n";
    printTable(out, "Danh hiệu, hình thức", r.byKind, r.total);
    out << "\nII. Theo đơn vị đề nghị\n";
    printTable(out, "Đơn vị", r.byUnit, r.total);
    out << "\nTỷ lệ người lao động trực tiếp: " << format::percent(r.directWorkerShare())
        << " %; tỷ lệ tập thể nhỏ: " << format::percent(r.smallCollectiveShare())
        << " % (trên tổng số được khen).\n";
    if (r.total.withoutAmount > 0) {
        out << "Lưu ý: " << r.total.withoutAmount
            << " người/tập thể không có số tiền thưởng trong siêu dữ liệu (không cộng vào tiền "
               "thưởng).\n";
    }
    return out.str();
}

// One line per row; the first column says which table ("hinh_thuc", "don_vi", "tong"); plain
// integers (no thousands dots) so the cells stay numbers in Excel.
std::string csvText(const archive::YearReport& r) {
    core::ExcelCsv csv({"Bảng", "Mã", "Tên", "Cá nhân", "Tập thể", "Hộ gia đình", "Tổng số",
                        "NLĐ trực tiếp", "Tập thể nhỏ", "Tiền thưởng (đồng)"});
    auto line = [&](const char* table, const archive::ReportRow& row) {
        csv.row({table, row.key, row.name, std::to_string(row.individuals),
                 std::to_string(row.collectives), std::to_string(row.households),
                 std::to_string(row.total()), std::to_string(row.directWorkers),
                 std::to_string(row.smallCollectives), std::to_string(row.money)});
    };
    for (const auto& row : r.byKind) {
        line("hinh_thuc", row);
    }
    for (const auto& row : r.byUnit) {
        line("don_vi", row);
    }
    line("tong", r.total);
    return csv.text();
}

int runReport(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "report", "lệnh này không nhận tham số vị trí");
    }
    auto root = archiveRoot(inv, "report");
    if (!root) {
        return usageError(inv.err, "report", root.error().message);
    }
    int rc = 0;
    int year = 0;
    if (!inv.has("year")) {
        return usageError(inv.err, "report", "cần --year Y (năm báo cáo)");
    }
    if (!intOption(inv, "report", "year", year, &rc)) {
        return rc;
    }
    const std::string format = inv.has("format") ? inv.get("format") : "table";
    if (format != "table" && format != "csv" && format != "pdf") {
        return usageError(inv.err, "report",
                          "--format cần table, csv hoặc pdf, nhận được «" + format + "»");
    }
    std::optional<std::string> unit;
    if (inv.has("unit")) {
        unit = inv.get("unit");
    }
    auto report = job::report(inv.env, root.value(), year, unit);
    if (!report) {
        return fail(inv.err, report.error());
    }
    if (format == "pdf") {
        const fs::path outFile =
            inv.has("out") ? fs::path(inv.get("out"))
                           : fs::path("bao-cao-khen-thuong-" + std::to_string(year) + ".pdf");
        auto pages = job::reportPdf(inv.env, report.value(), outFile);
        if (!pages) {
            return fail(inv.err, pages.error());
        }
        inv.out << "Đã ghi báo cáo " << outFile.string() << " (" << pages.value() << " trang).\n";
        return core::ExitOk;
    }
    const std::string text = format == "csv" ? csvText(report.value()) : tableText(report.value());
    if (inv.has("out")) {
        auto written = core::writeFileAtomic(inv.get("out"), text);
        if (!written) {
            return fail(inv.err, written.error());
        }
        inv.out << "Đã ghi báo cáo " << inv.get("out") << ".\n";
        return core::ExitOk;
    }
    inv.out << text;
    return core::ExitOk;
}

} // namespace

const Command& reportCommand() {
    static const Command c{
        "report", "báo cáo số lượng, tiền thưởng theo hình thức và đơn vị của một năm",
        "tdkt report --archive DIR --year Y [--unit CODE] [--format table|csv|pdf] [--out FILE]\n\n"
        "Năm báo cáo Y tính từ 01/12 năm Y-1 đến 30/11 năm Y (Thông tư 02/2023/TT-BNV), theo\n"
        "ngày quyết định, đọc từ cây thư mục kho. Đếm cá nhân, tập thể và tiền thưởng theo hình\n"
        "thức khen thưởng và theo đơn vị đề nghị; tỷ lệ người lao động trực tiếp và tập thể nhỏ\n"
        "(tiền tố tên trong config/small-collectives.txt).\n\n"
        "  --archive DIR   thư mục kho lưu trữ\n"
        "  --year Y        năm báo cáo\n"
        "  --unit CODE     chỉ đơn vị đề nghị hoặc cơ quan ban hành có mã CODE\n"
        "  --format F      table (mặc định, bảng trên màn hình), csv (UTF-8 có BOM, dấu «;»,\n"
        "                  mở bằng Excel) hoặc pdf (mẫu templates/report/)\n"
        "  --out FILE      ghi ra tệp (pdf: mặc định bao-cao-khen-thuong-Y.pdf)\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            set.addOption(Option("year", "y", "năm báo cáo").required(false).argument("Y"));
            set.addOption(Option("unit", "u", "mã đơn vị").required(false).argument("CODE"));
            set.addOption(Option("format", "f", "định dạng").required(false).argument("F"));
            set.addOption(Option("out", "o", "tệp ra").required(false).argument("FILE"));
        },
        runReport};
    return c;
}

} // namespace tdkt::app
