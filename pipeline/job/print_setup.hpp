#pragma once
// How a run draws its combined print files: the renderers for pre-printed blanks (only the
// fields, shifted by the chosen printer's calibration) and the printer's name for the report.
// Loaded before anything is written, so that a bad printer id or template writes nothing.
#include "issue_plan.hpp"
#include "pipeline.hpp"
#include "pipeline/render/renderer.hpp"

#include <map>
#include <string>
#include <vector>

namespace tdkt::job {

struct PrintSetup {
    bool blank = false;
    std::string printerName; // empty when no printer was chosen
    // Blank-mode renderers by certificate template name (empty in design mode).
    std::map<std::string, render::DocumentRenderer> blankRenderers;

    // The renderer of the print file for `templateName`: the blank-mode one when printing on
    // blanks, else `design` (the archive's own renderer).
    const render::DocumentRenderer* printer(const std::string& templateName,
                                            const render::DocumentRenderer* design) const;
};

// Errors: R0xx printer configuration and template loading (Config).
core::Result<PrintSetup> loadPrintSetup(const core::Environment& env, const PrintSettings& settings,
                                        const std::vector<Plan>& plans);

} // namespace tdkt::job
