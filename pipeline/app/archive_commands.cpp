// verify and reindex: the archive maintenance commands.
#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <Poco/Util/Option.h>
#include <ostream>
#include <regex>

namespace tdkt::app {
namespace {

int runVerify(Invocation& inv) {
    if (!inv.positional.empty()) {
        return usageError(inv.err, "verify", "lệnh này không nhận tham số vị trí");
    }
    if (inv.has("bag")) {
        // Any BagIt bag, not only ours: no archive, no tdkt metadata.
        if (inv.has("archive") || inv.has("since")) {
            return usageError(inv.err, "verify", "--bag không dùng cùng --archive hoặc --since");
        }
        const fs::path bag = inv.get("bag");
        boost::system::error_code ec;
        if (!fs::is_directory(bag, ec)) {
            inv.err << bag.string() << ": lỗi [A018] không tìm thấy thư mục gói\n";
            return core::ExitNoInput;
        }
        archive::VerifyReport report = archive::verifyBag(bag, bag.generic_string() + "/");
        printVerifyReport(report, inv.out, inv.err);
        return report.ok() ? core::ExitOk : core::ExitDataErr;
    }
    auto root = archiveRoot(inv, "verify");
    if (!root) {
        return usageError(inv.err, "verify", root.error().message);
    }
    archive::VerifyOptions options;
    if (inv.has("since")) {
        static const std::regex isoDate("[0-9]{4}-[0-9]{2}-[0-9]{2}");
        if (!std::regex_match(inv.get("since"), isoDate)) {
            return usageError(inv.err, "verify",
                              "--since cần ngày dạng YYYY-MM-DD, nhận được «" + inv.get("since") +
                                  "»");
        }
        options.since = inv.get("since");
    }
    auto report = job::verify(inv.env, root.value(), options);
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
    inv.out << "Đã lập lại chỉ mục tìm kiếm từ kho: " << n.value() << " người/tập thể được khen.\n";
    return core::ExitOk;
}

} // namespace

const Command& verifyCommand() {
    static const Command c{
        "verify", "kiểm tra toàn vẹn kho (mã băm, siêu dữ liệu, sổ đăng ký số)",
        "tdkt verify --archive DIR [--since YYYY-MM-DD]\n"
        "       tdkt verify --bag DIR\n\n"
        "Kiểm tra mọi gói lưu trữ: mã băm của từng tệp, siêu dữ liệu theo lược đồ, sổ đăng ký\n"
        "số quyết định, chỉ mục tìm kiếm so với cây thư mục. Mỗi vấn đề được báo kèm đường dẫn;\n"
        "mã thoát 65 nếu có vấn đề.\n\n"
        "  --archive DIR   thư mục kho lưu trữ\n"
        "  --since NGÀY    chỉ kiểm tra các gói lưu từ NGÀY (theo nhật ký kho), cho lượt chạy đêm\n"
        "  --bag DIR       kiểm tra một gói BagIt bất kỳ (BagIt 1.0, RFC 8493)\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            set.addOption(
                Poco::Util::Option("since", "s", "từ ngày").required(false).argument("NGÀY"));
            set.addOption(
                Poco::Util::Option("bag", "b", "một gói BagIt").required(false).argument("DIR"));
        },
        runVerify};
    return c;
}

const Command& reindexCommand() {
    static const Command c{"reindex", "lập lại chỉ mục tìm kiếm từ cây thư mục kho",
                           "tdkt reindex --archive DIR\n",
                           [](Poco::Util::OptionSet& set) { addArchiveOption(set); }, runReindex};
    return c;
}

} // namespace tdkt::app
