#pragma once
// The rule kinds of config/rules.xml (rule_book.hpp) applied to a run: every dossier against
// the rules in force on each proposal's decision date, against the other dossiers of the run,
// and against what the archive already holds (model::KnownHistory). Each finding is a
// diagnostic with the rule's code, severity and legal basis, located at the dossier's line.
#include "award_catalogue.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/known_history.hpp"
#include "rule_book.hpp"

#include <optional>
#include <vector>

namespace tdkt::validate {

struct LawContext {
    const RuleBook& rules;
    const AwardCatalogue& catalogue;
    // The run's date (--as-of, SOURCE_DATE_EPOCH, else today in Vietnam): no date of a dossier
    // may be after it.
    model::Date runDate;
    // The decision date of a proposal that plans none (issue --date), else the run's date.
    std::optional<model::Date> decisionDate;
    // What the archive holds; nullptr when the run is checked without an archive.
    const model::KnownHistory* archive = nullptr;
};

// Checks the dossiers of one run; the findings about dossiers[i] are added to out[i] (out is
// resized to match). Dossiers are taken as typed (before normalisation).
void checkLaw(const std::vector<const model::Dossier*>& dossiers, const LawContext& context,
              std::vector<core::Diagnostics>& out);

} // namespace tdkt::validate
