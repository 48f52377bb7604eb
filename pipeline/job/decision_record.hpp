#pragma once
// The archive's record of a decision (what data/decision.xml and the index hold), from the
// model's decision. Numbers, golden-book numbers and money are added by the filing step.
#include "archive/archive.hpp"
#include "pipeline/model/decision.hpp"

#include <string>

namespace tdkt::job {

archive::DecisionRecord toRecord(const model::Decision& decision, int pageCount);

// Where a dossier's attached PDF is filed inside the bag's data/ folder: "documents/" + the
// path the dossier gives (relative, no "..": the dossier schema checks it).
std::string attachmentPath(const std::string& file);

} // namespace tdkt::job
