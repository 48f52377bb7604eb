#pragma once
// The part of `tdkt validate` (and of the check `tdkt issue` starts with) that asks the real
// templates and fonts: every certificate and flag of the planned decisions is laid out with the
// text it will print, and every text of the attached lists is checked against the fonts,
// without drawing anything. A field that would not fit (R001, R002) or a character no font has
// (R004) is an error at the dossier's line and field, listed with every other finding, so
// that issuing never stops on one.
#include "issue_plan.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/render/renderer.hpp"

#include <functional>
#include <string>
#include <vector>

namespace tdkt::job {

// The loaded renderer of a template name (nullptr: not loaded).
using RendererLookup = std::function<const render::DocumentRenderer*(const std::string& name)>;

void checkDrawing(const std::vector<Plan>& plans, const RendererLookup& renderer,
                  const std::string& combinedSubject, core::Diagnostics& diagnostics);

} // namespace tdkt::job
