#pragma once
// Builds the template contexts for the decision and the certificates. All formatting (dates,
// numbers, upper case, the counts phrase) happens here; templates only place the values.
#include "decision_builder.hpp"
#include "pipeline/model/decision.hpp"
#include "pipeline/template/value.hpp"

namespace tdkt::job {

// With `money`, each row of the attached list has "amount" ("3.510.000 đồng") and the context
// has "money" (eachText, total, totalWords, ...); without it, no amounts are printed.
tmpl::Value decisionContext(const model::Decision& decision, const DecisionMoney* money = nullptr);
tmpl::Value certificateContext(const model::Decision& decision, const model::Awardee& awardee);

// Name of the layout template for a decision's certificates.
std::string certificateTemplateName(model::AwardFormKind form);

} // namespace tdkt::job
