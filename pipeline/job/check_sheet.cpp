// The Phiếu kiểm tra hồ sơ: what `tdkt validate --phieu DIR` writes for each dossier, the sheet
// the office sends back to the proposing unit with every problem of its dossier.
#include "check_sheet.hpp"

#include "pipeline/model/date_display.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/text/normalize.hpp"
#include "pipeline/validate/issuer_registry.hpp"

namespace tdkt::job {
namespace {

// Findings quote the dossier as typed (decomposed Unicode, invisible characters): the sheet
// prints them normalised, as every document tdkt prints.
tmpl::Value findingRow(int number, const core::Diagnostic& d) {
    auto clean = [](const std::string& s) { return text::normalize(s); };
    tmpl::Value v = tmpl::Value::map();
    v.set("number", std::to_string(number));
    v.set("line", d.where.line > 0 ? std::to_string(d.where.line) : std::string());
    v.set("severity", core::severityWord(d.severity));
    v.set("code", d.code);
    v.set("subject", clean(d.subject.empty() ? d.field : d.subject));
    v.set("message", clean(d.basis.empty() ? d.message : d.message + " (căn cứ: " + d.basis + ")"));
    return v;
}

} // namespace

core::Result<std::vector<fs::path>> checkSheets(const core::Environment& env,
                                                const validate::IssuerRegistry& issuers,
                                                const CheckReport& report,
                                                const std::vector<std::string>& files,
                                                const model::Date& date, const fs::path& outDir) {
    auto renderer = render::DocumentRenderer::load(env, "check-sheet");
    if (!renderer) {
        return renderer.error();
    }
    boost::system::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) {
        return core::makeError(core::ErrorKind::CannotCreate, "C012",
                               "không tạo được thư mục cho phiếu kiểm tra", {outDir.string()});
    }
    std::vector<fs::path> written;
    for (const std::string& file : files) {
        const DossierHeader* header = nullptr;
        for (const auto& h : report.headers) {
            if (h.file == file) {
                header = &h;
            }
        }
        // The date line's place is the one of the issuer the dossier proposes to first.
        std::string place;
        if (header && !header->issuerId.empty()) {
            if (const model::Issuer* is = issuers.find(header->issuerId, date)) {
                place = is->place;
            }
        }
        int errors = 0;
        int warnings = 0;
        tmpl::Value ctx = tmpl::Value::map();
        tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
        meta.set("title", "Phiếu kiểm tra hồ sơ đề nghị khen thưởng");
        meta.set("author", "tdkt");
        meta.set("subject", "Phiếu kiểm tra hồ sơ đề nghị khen thưởng");
        meta.set("keywords", "phiếu kiểm tra, hồ sơ, khen thưởng");
        tmpl::Value& sheet = ctx.set("sheet", tmpl::Value::map());
        tmpl::Value& rows = sheet.set("findings", tmpl::Value::list());
        for (const auto& d : report.diagnostics.items()) {
            if (d.where.file != file || d.severity == core::Severity::Note) {
                continue;
            }
            (d.severity == core::Severity::Error ? errors : warnings) += 1;
            rows.push(findingRow(errors + warnings, d));
        }
        // No table at all when there is nothing to list (the renderer draws no empty table).
        sheet.set("hasFindings", errors + warnings > 0 ? "có" : "");
        sheet.set("dateLine", model::dateLine(place, date));
        sheet.set("unit", header ? text::normalize(header->unitName)
                                 : std::string("(không đọc được hồ sơ, xem các lỗi dưới đây)"));
        sheet.set("file", fs::path(file).filename().string());
        sheet.set("summary", std::to_string(errors) + " lỗi cần sửa, " + std::to_string(warnings) +
                                 " cảnh báo");
        sheet.set("conclusion",
                  errors == 0 ? "Hồ sơ đủ điều kiện trình ban hành" +
                                    std::string(warnings > 0 ? "; đề nghị đơn vị xem lại các cảnh "
                                                               "báo nêu trên."
                                                             : ".")
                              : "Hồ sơ chưa đủ điều kiện trình ban hành: đề nghị đơn vị sửa " +
                                    std::to_string(errors) + " lỗi nêu trên và gửi lại.");
        const fs::path out = outDir / (fs::path(file).stem().string() + "-phieu-kiem-tra.pdf");
        auto rendered = renderer->render(ctx, out);
        if (!rendered) {
            return rendered.error();
        }
        written.push_back(out);
    }
    return written;
}

} // namespace tdkt::job
