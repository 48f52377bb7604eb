// `tdkt report`: the year's awards from the tree, and their PDF.
#include "pipeline.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/render/renderer.hpp"
#include "search_key.hpp"

namespace tdkt::job {

core::Result<archive::YearReport> report(const core::Environment& env, const fs::path& archiveRoot,
                                         int year, const std::optional<std::string>& unit) {
    auto small = archive::SmallCollectiveRule::load(env.configDir() / "small-collectives.txt");
    if (!small) {
        return small.error();
    }
    archive::ReportOptions options;
    options.year = year;
    options.unit = unit;
    options.small = std::move(small).value();
    return archive::buildReport(archiveRoot, env.schemasDir(), options, searchKeyFn());
}

namespace {

tmpl::Value reportRow(const archive::ReportRow& row) {
    tmpl::Value v = tmpl::Value::map();
    v.set("code", row.key);
    v.set("name", row.name);
    v.set("individuals", std::to_string(row.individuals));
    v.set("collectives", std::to_string(row.collectives));
    v.set("households", std::to_string(row.households));
    v.set("total", std::to_string(row.total()));
    v.set("directWorkers", std::to_string(row.directWorkers));
    v.set("smallCollectives", std::to_string(row.smallCollectives));
    v.set("money", format::groupThousands(row.money));
    return v;
}

} // namespace

core::Result<int> reportPdf(const core::Environment& env, const archive::YearReport& report,
                            const fs::path& outFile) {
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    meta.set("title", "Báo cáo khen thưởng năm " + std::to_string(report.year));
    meta.set("author", "tdkt");
    meta.set("subject", "Số lượng khen thưởng theo danh hiệu, hình thức và đơn vị");
    meta.set("keywords", "báo cáo, khen thưởng");
    tmpl::Value& r = ctx.set("report", tmpl::Value::map());
    r.set("year", std::to_string(report.year));
    r.set("periodFrom", model::dateShort(report.periodFrom));
    r.set("periodTo", model::dateShort(report.periodTo));
    r.set("unit", report.unit.value_or(""));
    r.set("decisions", std::to_string(report.decisions));
    r.set("directWorkerShare", format::percent(report.directWorkerShare()));
    r.set("smallCollectiveShare", format::percent(report.smallCollectiveShare()));
    r.set("total", reportRow(report.total));
    tmpl::Value& forms = r.set("byKind", tmpl::Value::list());
    for (const auto& row : report.byKind) {
        forms.push(reportRow(row));
    }
    tmpl::Value& units = r.set("byUnit", tmpl::Value::list());
    for (const auto& row : report.byUnit) {
        units.push(reportRow(row));
    }
    auto renderer = render::DocumentRenderer::load(env, "report");
    if (!renderer) {
        return renderer.error();
    }
    auto rendered = renderer->render(ctx, outFile);
    if (!rendered) {
        return rendered.error();
    }
    return rendered->pageCount;
}

} // namespace tdkt::job
