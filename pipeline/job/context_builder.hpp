#pragma once
// Builds the template contexts for the decision and the certificates. All formatting (dates,
// numbers, upper case, the counts phrase) happens here; templates only place the values.
#include "pipeline/model/decision.hpp"
#include "pipeline/template/value.hpp"

namespace tdkt::job {

tmpl::Value decisionContext(const model::Decision& decision);
tmpl::Value certificateContext(const model::Decision& decision, const model::Awardee& awardee);

// Name of the layout template for a decision's certificates.
std::string certificateTemplateName(model::AwardFormKind form);

} // namespace tdkt::job
