#pragma once
// The archive's record of a decision (what data/decision.xml and the index hold), from the
// model's decision. Numbers, golden-book numbers and money are added by the filing step.
#include "archive/archive.hpp"
#include "pipeline/model/decision.hpp"

#include <string>

namespace tdkt::job {

archive::DecisionRecord toRecord(const model::Decision& decision, int pageCount);

// Where the copy of source `source` of the decision is filed inside the bag's data/ folder:
// "dossier.xml" for a decision of one dossier, "dossiers/NNN-<file name>" for a consolidated one.
std::string dossierCopyPath(const model::Decision& decision, std::size_t source);
// Where a dossier's attached PDF is filed inside data/: "documents/" + the path the dossier
// gives (relative, no "..": the dossier schema checks it), under "documents/NNN/" for the
// dossiers of a consolidated decision.
std::string attachmentPath(const model::Decision& decision, std::size_t source,
                           const std::string& file);

} // namespace tdkt::job
