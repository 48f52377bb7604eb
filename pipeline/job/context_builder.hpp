#pragma once
// Builds the template contexts for the decision and the artefacts (certificates, a flag's
// inscription sheet). All formatting (dates, numbers, upper case, the counts phrase, the
// catalogue's wording patterns) happens here; templates only place the values.
#include "decision_builder.hpp"
#include "pipeline/model/decision.hpp"
#include "pipeline/template/value.hpp"

#include <string>

namespace tdkt::job {

// With `money`, each row of the attached list has "amount" ("3.510.000 đồng") and the context
// has "money" (eachText, total, totalWords, ...) when any awardee gets money; without it, no
// amounts are printed. `combinedListTitle` is the catalogue's list title of a decision with
// several kinds.
tmpl::Value decisionContext(const model::Decision& decision, const DecisionMoney* money = nullptr,
                            const std::string& combinedListTitle = {});
tmpl::Value certificateContext(const model::Decision& decision, const model::Awardee& awardee);

// Name of the layout template of a kind's artefact ("" when it has none).
std::string certificateTemplateName(const model::AwardKind& kind);

} // namespace tdkt::job
