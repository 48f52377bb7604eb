// `tdkt export`: plan (list + verify, archive/export), render the transfer list, pack.
#include "pipeline.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/render/renderer.hpp"

namespace tdkt::job {
namespace {

// "05/01/2026" when the dossier's documents share one date, else "05/01/2026 – 20/03/2026".
std::string period(const archive::TransferListRow& row) {
    const std::string from = model::dateShort(row.startDate);
    const std::string to = model::dateShort(row.endDate);
    return from == to || to.empty() ? from : from + " – " + to;
}

tmpl::Value contextOf(const archive::TransferList& list) {
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    meta.set("title", "Mục lục hồ sơ nộp lưu năm " + std::to_string(list.year));
    meta.set("author", "tdkt");
    meta.set("subject", "Mục lục hồ sơ khen thưởng nộp lưu vào lưu trữ lịch sử");
    meta.set("keywords", "mục lục hồ sơ, nộp lưu, khen thưởng");
    tmpl::Value& l = ctx.set("list", tmpl::Value::map());
    std::string fonds;
    for (const auto& f : list.fonds) {
        fonds += (fonds.empty() ? "" : "; ") + f;
    }
    l.set("fonds", fonds);
    l.set("year", std::to_string(list.year));
    l.set("unit", list.unit.value_or(""));
    l.set("issuer", list.issuer.value_or(""));
    l.set("date", model::dateText(list.date));
    l.set("dossiers", std::to_string(list.rows.size()));
    l.set("documents", std::to_string(list.documents()));
    l.set("pages", std::to_string(list.pages()));
    tmpl::Value& rows = l.set("rows", tmpl::Value::list());
    for (const auto& r : list.rows) {
        tmpl::Value v = tmpl::Value::map();
        v.set("ordinal", std::to_string(r.ordinal));
        v.set("fileCode", r.fileCode);
        v.set("title", r.title);
        v.set("period", period(r));
        v.set("documents", std::to_string(r.documents));
        v.set("pages", r.pages > 0 ? std::to_string(r.pages) : "");
        v.set("retention", r.retention);
        v.set("mode", r.accessMode);
        v.set("note", r.note);
        rows.push(std::move(v));
    }
    return ctx;
}

core::Result<render::RenderedBytes> renderList(const core::Environment& env,
                                               const archive::TransferList& list) {
    auto renderer = render::DocumentRenderer::load(env, "transfer-list");
    if (!renderer) {
        return renderer.error();
    }
    return renderer->renderToBytes(contextOf(list));
}

} // namespace

core::Result<ExportResult> exportYear(const core::Environment& env,
                                      const ExportJobOptions& options) {
    boost::system::error_code ec;
    // Refused before the whole year is verified, not after.
    if (!options.force && fs::exists(fs::symlink_status(options.outFile, ec))) {
        return core::makeError(core::ErrorKind::CannotCreate, "A602",
                               "tệp xuất đã tồn tại (dùng --force để ghi đè)",
                               {options.outFile.string()});
    }
    auto plan = archive::planExport(options.archiveRoot, env.schemasDir(), options.select, env.now);
    if (!plan) {
        return plan.error();
    }
    // The list is a page or a few per hundred dossiers: rendered in memory and streamed into
    // the tar like the CSV, so no temporary file is left to clean up.
    auto pdf = renderList(env, plan->list);
    if (!pdf) {
        return pdf.error();
    }
    ExportResult result;
    result.listPages = pdf->pageCount;
    std::vector<archive::ExtraFile> extras(2);
    extras[0].name = "muc-luc-ho-so.csv";
    extras[0].bytes = archive::transferListCsv(plan->list);
    extras[1].name = "muc-luc-ho-so.pdf";
    extras[1].bytes = std::move(pdf->pdf);
    archive::PackageOptions packing;
    packing.force = options.force;
    packing.clock = env.now;
    auto package = archive::writePackage(plan.value(), extras, options.outFile, packing);
    if (!package) {
        return package.error();
    }
    result.list = std::move(plan->list);
    result.package = std::move(package).value();
    return result;
}

} // namespace tdkt::job
