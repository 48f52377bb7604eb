#include "command.hpp"
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/job/pipeline.hpp"

namespace tdkt::app {
namespace {

using Poco::Util::Option;

int runSearch(Invocation& inv, const AwardKindsFn& awardKinds) {
    if (inv.positional.size() != 1) {
        return usageError(inv.err, "search", "cần đúng một chuỗi tìm kiếm (QUERY)");
    }
    auto root = archiveRoot(inv, "search");
    if (!root) {
        return usageError(inv.err, "search", root.error().message);
    }
    archive::SearchQuery q;
    q.text = inv.positional[0];
    int rc = 0;
    if (inv.has("year")) {
        int year = 0;
        if (!intOption(inv, "search", "year", year, &rc)) {
            return rc;
        }
        q.year = year;
    }
    if (inv.has("unit")) {
        q.unit = inv.get("unit");
    }
    if (inv.has("issuer")) {
        q.issuer = inv.get("issuer");
    }
    for (const char* option : {"award", "form"}) { // --form is the older name of --award
        if (inv.has(option)) {
            auto kinds = awardKinds(inv.env, inv.get(option));
            if (!kinds) {
                return fail(inv.err, kinds.error());
            }
            q.awardKinds = std::move(kinds).value();
        }
    }
    if (inv.has("number")) {
        q.numberText = inv.get("number");
    }
    q.allVersions = inv.has("all-versions");
    if (inv.has("limit") && !intOption(inv, "search", "limit", q.limit, &rc)) {
        return rc;
    }
    auto hits = job::search(inv.env, root.value(), q);
    if (!hits) {
        return fail(inv.err, hits.error());
    }
    if (inv.has("json")) {
        printHitsJson(hits.value(), inv.out);
    } else {
        printHitsTable(hits.value(), inv.out);
    }
    return core::ExitOk;
}

} // namespace

Command searchCommand(AwardKindsFn awardKinds) {
    return Command{
        "search", "tra cứu người/tập thể được khen trong kho (không cần gõ dấu)",
        "tdkt search QUERY --archive DIR [--year Y] [--unit CODE] [--issuer CODE] [--award A]\n"
        "                  [--number SỐ] [--limit N] [--all-versions] [--json]\n\n"
        "  --archive DIR  thư mục kho lưu trữ\n"
        "  --year Y       chỉ năm quyết định Y\n"
        "  --unit CODE    chỉ đơn vị đề nghị hoặc cơ quan ban hành có mã CODE\n"
        "  --issuer CODE  chỉ cơ quan ban hành có mã CODE\n"
        "  --award A      chỉ danh hiệu, hình thức khen thưởng A: tên, tên viết tắt hoặc mã\n"
        "                 trong danh mục («Bằng khen», «LĐTT», «chiến sĩ thi đua», ...)\n"
        "  --number SỐ    chỉ quyết định số SỐ («05/QĐ-UBND», có thể không dấu)\n"
        "  --limit N      số kết quả tối đa (mặc định 50)\n"
        "  --all-versions cả các quyết định đã được thay thế bởi quyết định đính chính\n"
        "  --json         in kết quả dạng JSON cho chương trình khác\n",
        [](Poco::Util::OptionSet& set) {
            addArchiveOption(set);
            set.addOption(Option("year", "y", "năm").required(false).argument("Y"));
            set.addOption(Option("unit", "u", "mã đơn vị").required(false).argument("CODE"));
            set.addOption(Option("issuer", "i", "mã cơ quan").required(false).argument("CODE"));
            set.addOption(
                Option("award", "a", "danh hiệu, hình thức").required(false).argument("A"));
            set.addOption(Option("form", "f", "hình thức").required(false).argument("F"));
            set.addOption(Option("number", "", "số quyết định").required(false).argument("SỐ"));
            set.addOption(Option("limit", "n", "số kết quả").required(false).argument("N"));
            set.addOption(Option("all-versions", "", "mọi phiên bản").required(false));
            set.addOption(Option("json", "j", "JSON").required(false));
        },
        [awardKinds = std::move(awardKinds)](Invocation& inv) {
            return runSearch(inv, awardKinds);
        }};
}

} // namespace tdkt::app
