#include "output.hpp"

#include <algorithm>
#include <ostream>

namespace tdkt::app {

void printVerifyReport(const archive::VerifyReport& report, std::ostream& out, std::ostream& err) {
    // core::format: one line each, control and bidi characters of a path shown escaped.
    for (const auto& p : report.problems) {
        err << core::format(p) << '\n';
    }
    for (const auto& w : report.warnings) {
        err << core::format(w) << '\n';
    }
    for (const auto& n : report.notes) {
        out << core::format(n) << '\n';
    }
    out << "Đã kiểm tra " << report.bagsChecked << " gói, " << report.filesChecked << " tệp: "
        << (report.ok() ? "toàn vẹn" : std::to_string(report.problems.size()) + " vấn đề")
        << (report.warnings.empty() ? std::string()
                                    : ", " + std::to_string(report.warnings.size()) + " cảnh báo")
        << ".\n";
}

job::ProgressFn progressPrinter(std::ostream& err) {
    return [&err](int done, int total, const std::string& what) {
        err << "\r[" << done << "/" << total << "] " << padColumns(clipColumns(what, 50), 50)
            << std::flush;
    };
}

} // namespace tdkt::app
