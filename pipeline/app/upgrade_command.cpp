#include "command.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <ostream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

int runUpgrade(Invocation& inv) {
    if (inv.positional.empty()) {
        return usageError(inv.err, "upgrade", "cần ít nhất một tệp hồ sơ (FILE...)");
    }
    job::UpgradeOptions options;
    options.files = inv.positional;
    options.outDir = inv.get("out");
    options.inPlace = inv.has("in-place");
    options.force = inv.has("force");
    if (options.inPlace && !options.outDir.empty()) {
        return usageError(inv.err, "upgrade", "--in-place và --out không dùng cùng nhau");
    }
    if (int missing = checkInputsExist(inv)) {
        return missing;
    }
    auto report = job::upgrade(inv.env, options);
    if (!report) {
        return fail(inv.err, report.error());
    }
    for (const auto& d : report->diagnostics.items()) {
        (d.severity == core::Severity::Error ? inv.err : inv.out) << core::format(d) << '\n';
    }
    for (const auto& f : report->files) {
        if (f.alreadyCurrent) {
            inv.out << f.input << ": đã theo lược đồ 2.0, không cần chuyển\n";
        } else {
            inv.out << f.input << " → " << f.output.string() << " (lược đồ 2.0)\n";
        }
    }
    return report->ok() ? core::ExitOk : core::ExitDataErr;
}

} // namespace

const Command& upgradeCommand() {
    static const Command c{
        "upgrade", "chuyển hồ sơ theo lược đồ 1.0 sang lược đồ 2.0",
        "tdkt upgrade FILE... [--out DIR | --in-place] [--force]\n\n"
        "Đọc và kiểm tra từng hồ sơ lược đồ 1.0 (urn:tdkt:dossier:1.0), rồi ghi cùng nội dung "
        "theo\n"
        "lược đồ 2.0: tờ trình, biên bản xét thành văn bản của hồ sơ, mỗi hình thức thành một đề\n"
        "nghị (proposal). Nội dung giữ nguyên như đã gõ; hồ sơ mới cho cùng quyết định. Hồ sơ "
        "không\n"
        "hợp lệ được báo lỗi và không ghi gì.\n\n"
        "  --out DIR     ghi vào thư mục DIR, cùng tên tệp (mặc định: TÊN-2.0.xml cạnh tệp gốc)\n"
        "  --in-place    ghi đè tệp gốc\n"
        "  --force       ghi đè tệp đích đã có\n",
        [](Poco::Util::OptionSet& set) {
            set.addOption(Option("out", "o", "thư mục đích").required(false).argument("DIR"));
            set.addOption(Option("in-place", "", "ghi đè tệp gốc").required(false));
            set.addOption(Option("force", "", "ghi đè").required(false));
        },
        runUpgrade};
    return c;
}

} // namespace tdkt::app
