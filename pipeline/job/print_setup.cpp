#include "print_setup.hpp"

#include "context_builder.hpp"

namespace tdkt::job {

const render::DocumentRenderer* PrintSetup::printer(const std::string& templateName,
                                                    const render::DocumentRenderer* design) const {
    auto it = blankRenderers.find(templateName);
    return it == blankRenderers.end() ? design : &it->second;
}

core::Result<PrintSetup> loadPrintSetup(const core::Environment& env, const PrintSettings& settings,
                                        const std::vector<Plan>& plans) {
    PrintSetup setup;
    setup.blank = settings.blank;
    render::LayoutOptions layout;
    if (!settings.printerId.empty()) {
        auto printer = render::loadPrinter(env, settings.printerId);
        if (!printer) {
            return printer.error();
        }
        setup.printerName = printer->name;
        layout.offsetXMm = printer->offsetXMm;
        layout.offsetYMm = printer->offsetYMm;
    }
    if (!settings.blank) {
        return setup;
    }
    layout.mode = render::PrintMode::Blank;
    for (const auto& plan : plans) {
        for (const auto& part : plan.parts) {
            const std::string name = certificateTemplateName(part.kind);
            if (name.empty() || setup.blankRenderers.count(name) > 0) {
                continue;
            }
            auto r = render::DocumentRenderer::load(env, name, layout);
            if (!r) {
                return r.error();
            }
            setup.blankRenderers.emplace(name, std::move(r).value());
        }
    }
    return setup;
}

} // namespace tdkt::job
