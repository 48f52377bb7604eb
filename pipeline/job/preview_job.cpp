// `tdkt preview`: a template rendered with its sample data.
#include "pipeline.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/template/sample.hpp"

#include <cmath>
#include <cstdlib>

namespace tdkt::job {

namespace {

// Millimetres as a clerk writes them: decimal comma, at most two decimals, no trailing zeros.
std::string millimetres(double mm) {
    long long hundredths = std::llround(mm * 100);
    std::string sign = hundredths < 0 ? "-" : "";
    hundredths = std::llabs(hundredths);
    std::string out = sign + std::to_string(hundredths / 100);
    if (long long frac = hundredths % 100) {
        out += "," + std::string(frac < 10 ? "0" : "") + std::to_string(frac);
        while (out.back() == '0') {
            out.pop_back();
        }
    }
    return out;
}

} // namespace

core::Result<PreviewResult> preview(const core::Environment& env, const PreviewOptions& options) {
    const fs::path folder = env.templatesDir() / options.templateName;
    const fs::path sampleFile =
        options.sampleFile.empty() ? folder / "sample.xml" : options.sampleFile;
    const std::string sampleName = options.sampleFile.empty()
                                       ? "templates/" + options.templateName + "/sample.xml"
                                       : options.sampleFile.string();
    auto context = tmpl::loadSample(sampleFile, sampleName, env.schemasDir());
    if (!context) {
        return context.error();
    }
    PreviewResult result;
    render::LayoutOptions layout;
    layout.mode = options.print.blank ? render::PrintMode::Blank : render::PrintMode::Design;
    tmpl::Value& printer = context->set("printer", tmpl::Value::map());
    printer.set("mode", options.print.blank ? "blank" : "design");
    if (!options.print.printerId.empty()) {
        auto calibration = render::loadPrinter(env, options.print.printerId);
        if (!calibration) {
            return calibration.error();
        }
        layout.offsetXMm = calibration->offsetXMm;
        layout.offsetYMm = calibration->offsetYMm;
        result.printerName = calibration->name;
        result.offsetXMm = calibration->offsetXMm;
        result.offsetYMm = calibration->offsetYMm;
        printer.set("id", calibration->id);
        printer.set("name", calibration->name);
    }
    printer.set("offsetX", millimetres(result.offsetXMm));
    printer.set("offsetY", millimetres(result.offsetYMm));
    auto renderer = render::DocumentRenderer::load(env, options.templateName, layout);
    if (!renderer) {
        return renderer.error();
    }
    auto rendered = renderer->render(context.value(), options.outFile);
    if (!rendered) {
        return rendered.error();
    }
    result.file = options.outFile;
    result.pageCount = rendered->pageCount;
    return result;
}

} // namespace tdkt::job
