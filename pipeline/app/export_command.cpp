// export: one year's bags packed for transfer to a historical archive (nộp lưu).
#include "command.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

#include <Poco/Util/Option.h>
#include <ostream>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

int runExport(Invocation& inv) {
    if (inv.positional.size() != 1) {
        return usageError(inv.err, "export", "cần đúng một tệp xuất (OUT.tar)");
    }
    auto root = archiveRoot(inv, "export");
    if (!root) {
        return usageError(inv.err, "export", root.error().message);
    }
    if (!inv.has("year")) {
        return usageError(inv.err, "export", "cần --year Y (năm của hồ sơ)");
    }
    job::ExportJobOptions options;
    int rc = 0;
    if (!intOption(inv, "export", "year", options.select.year, &rc)) {
        return rc;
    }
    if (inv.has("unit")) {
        options.select.unit = inv.get("unit");
    }
    if (inv.has("issuer")) {
        options.select.issuer = inv.get("issuer");
    }
    options.archiveRoot = root.value();
    options.outFile = inv.positional.front();
    options.force = inv.has("force");
    auto result = job::exportYear(inv.env, options);
    if (!result) {
        return fail(inv.err, result.error());
    }
    const auto& r = result.value();
    inv.out << "Đã xuất " << r.list.rows.size() << " hồ sơ (" << r.list.documents() << " văn bản, "
            << r.list.pages() << " trang; " << r.package.payloadFiles << " tệp, "
            << r.package.payloadBytes << " byte) vào " << r.package.file.string()
            << ".\nMục lục hồ sơ: muc-luc-ho-so.pdf (" << r.listPages
            << " trang) và muc-luc-ho-so.csv trong gói.\n";
    return core::ExitOk;
}

} // namespace

const Command& exportCommand() {
    static const Command c{
        "export", "đóng gói hồ sơ một năm để nộp lưu, kèm mục lục hồ sơ (PDF, CSV)",
        "tdkt export --archive DIR --year Y [--unit CODE] [--issuer CODE] [--force] OUT.tar\n\n"
        "Đóng gói các hồ sơ (gói BagIt) của thư mục năm Y trong kho vào một tệp tar để giao\n"
        "nộp vào lưu trữ lịch sử. Mọi gói được kiểm tra đầy đủ trước (mã băm, siêu dữ liệu);\n"
        "nếu có gói hỏng thì không xuất gì và báo từng gói (mã thoát 65).\n\n"
        "Tệp tar là một gói BagIt 1.0 (thư mục gốc OUT): data/<năm>/<cơ quan>/<quyết định>/\n"
        "chứa các gói như trong kho, data/muc-luc-ho-so.pdf và data/muc-luc-ho-so.csv là mục\n"
        "lục hồ sơ (Thông tư 02/2019/TT-BNV); bên nhận kiểm tra bằng bất kỳ công cụ BagIt nào\n"
        "(tdkt verify --bag OUT) hoặc «sha256sum -c manifest-sha256.txt» trong thư mục OUT.\n"
        "Hai lần xuất cùng một kho (cùng SOURCE_DATE_EPOCH) cho tệp giống hệt từng byte.\n\n"
        "  --archive DIR   thư mục kho lưu trữ\n"
        "  --year Y        năm của hồ sơ (thư mục năm trong kho)\n"
        "  --unit CODE     chỉ hồ sơ của đơn vị đề nghị có mã CODE\n"
        "  --issuer CODE   chỉ hồ sơ của cơ quan ban hành có mã CODE\n"
        "  --force         ghi đè OUT.tar nếu đã có\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            set.addOption(Option("year", "y", "năm").required(false).argument("Y"));
            set.addOption(Option("unit", "u", "mã đơn vị").required(false).argument("CODE"));
            set.addOption(
                Option("issuer", "i", "mã cơ quan ban hành").required(false).argument("CODE"));
            set.addOption(Option("force", "", "ghi đè").required(false));
        },
        runExport};
    return c;
}

} // namespace tdkt::app
