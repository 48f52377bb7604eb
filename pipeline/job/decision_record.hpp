#pragma once
// The archive's record of a decision (what data/decision.xml and the index hold), from the
// model's decision. Numbers, golden-book numbers and money are added by the filing step.
#include "archive/archive.hpp"
#include "pipeline/model/decision.hpp"

namespace tdkt::job {

archive::DecisionRecord toRecord(const model::Decision& decision, int pageCount);

} // namespace tdkt::job
