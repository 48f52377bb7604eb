#pragma once
// The filing step of `tdkt issue` for one planned decision, under the archive lock: take the
// next number and golden-book numbers, render the decision, the artefacts (one PDF/A each) and
// the combined print files into a staging folder, copy the dossier and its attached PDFs, and
// commit the bag. Nothing is consumed from a register unless the commit succeeds.
#include "issue_plan.hpp"
#include "pipeline.hpp"
#include "print_setup.hpp"

#include <functional>
#include <string>

namespace tdkt::job {

struct FilingTools {
    const award::AwardMoney& money;
    const archive::RetentionTable& retention;
    // The renderer loaded for a template name (J010 when there is none).
    std::function<core::Result<const render::DocumentRenderer*>(const std::string&)> renderer;
    const PrintSetup& print;
    const std::string& combinedSubject;   // the catalogue's wording of a decision of several
    const std::string& combinedListTitle; // kinds
    int lockWaitSeconds = 30;
    // Called once per document drawn (Vietnamese: what was drawn).
    std::function<void(const std::string&)> step;
};

// Files `plan` into `archive`, or recognises it as already filed (same dossier content and
// proposals: nothing is done).
core::Result<IssuedDecision> fileDecision(archive::Archive& archive, const Plan& plan,
                                          const FilingTools& tools);

// Steps fileDecision reports for `plans` (the decision and one per artefact each).
int filingSteps(const std::vector<Plan>& plans);

// The catalogue's notes on what it does not know for sure about the kinds of `plan` (rules,
// authority and money marked verified="false"), for the clerk.
std::vector<std::string> unverifiedKindNotes(const Plan& plan);

} // namespace tdkt::job
