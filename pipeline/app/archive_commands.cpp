// verify and reindex: the archive maintenance commands.
#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <ostream>

namespace tdkt::app {
namespace {

int runVerify(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "verify", "lệnh này không nhận tham số vị trí");
    }
    auto root = archiveRoot(inv, "verify");
    if (!root) {
        return usageError(inv.err, "verify", root.error().message);
    }
    auto report = job::verify(inv.env, root.value());
    if (!report) {
        return fail(inv.err, report.error());
    }
    printVerifyReport(report.value(), inv.out, inv.err);
    return report->ok() ? core::ExitOk : core::ExitDataErr;
}

int runReindex(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "reindex", "lệnh này không nhận tham số vị trí");
    }
    auto root = archiveRoot(inv, "reindex");
    if (!root) {
        return usageError(inv.err, "reindex", root.error().message);
    }
    auto n = job::reindex(inv.env, root.value());
    if (!n) {
        return fail(inv.err, n.error());
    }
    inv.out << "Đã lập lại chỉ mục tìm kiếm từ kho: " << n.value()
            << " người/tập thể được khen.\n";
    return core::ExitOk;
}

} // namespace

const Command& verifyCommand() {
    static const Command c{
        "verify", "kiểm tra toàn vẹn kho (mã băm, siêu dữ liệu, sổ đăng ký số)",
        "tdkt verify --archive DIR\n\n"
        "Kiểm tra mọi gói lưu trữ: mã băm SHA-256 của từng tệp, siêu dữ liệu theo lược đồ, sổ\n"
        "đăng ký số quyết định. Mỗi vấn đề được báo kèm đường dẫn; mã thoát 65 nếu có vấn đề.\n",
        [](Poco::Util::OptionSet& set) { addArchiveOption(set); }, runVerify};
    return c;
}

const Command& reindexCommand() {
    static const Command c{"reindex", "lập lại chỉ mục tìm kiếm từ cây thư mục kho",
                           "tdkt reindex --archive DIR\n",
                           [](Poco::Util::OptionSet& set) { addArchiveOption(set); },
                           runReindex};
    return c;
}

} // namespace tdkt::app
