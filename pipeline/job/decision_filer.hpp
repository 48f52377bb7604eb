#pragma once
// The filing step of `tdkt issue`, for the planned decisions of a round under one archive lock:
// recognise what is filed already, give the others their numbers and golden-book numbers (in
// plan order), draw each — the decision, the artefacts (one PDF/A each), the combined print
// files, the dossier copies and their attached PDFs — into its staging folder, two decisions
// at a time, and commit the bags in order. Nothing is consumed from a register unless a
// commit succeeds.
#include "issue_plan.hpp"
#include "pipeline.hpp"
#include "print_setup.hpp"

#include <functional>
#include <optional>
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
    // Called once per document drawn (Vietnamese: what was drawn), from the drawing threads.
    std::function<void(const std::string&)> step;
};

// The decisions of a round in plan order — recognised as filed already, or filed now — and
// the error that stopped the round, if any: the decisions listed are in the archive, the
// others are not.
struct RoundFiling {
    std::vector<IssuedDecision> decisions;
    std::optional<core::Error> error;
};

RoundFiling fileRound(archive::Archive& archive, const std::vector<Plan>& plans,
                      const FilingTools& tools);

// Steps fileRound reports for `plans` (the decision and one per artefact each).
int filingSteps(const std::vector<Plan>& plans);

// The catalogue's notes on what it does not know for sure about the kinds of `plan` (rules,
// authority and money marked verified="false"), for the clerk.
std::vector<std::string> unverifiedKindNotes(const Plan& plan);

} // namespace tdkt::job
