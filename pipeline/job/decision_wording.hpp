#pragma once
// The wording of a decision from the award catalogue's patterns (trích yếu, Điều 1, the list's
// title, a flag's inscription), rendered in the template language against the values that
// config/award-catalogue.xml documents: kind, period, counts, proposingUnit, reason, issuer,
// round, and for inscriptions recipient.
#include "pipeline/model/decision.hpp"
#include "pipeline/template/value.hpp"

#include <string>
#include <vector>

namespace tdkt::job {

struct Counts {
    int collectives = 0;
    int individuals = 0;
    int households = 0;
    int total() const { return collectives + individuals + households; }
};
// The awardees of one part (part < 0: of the whole decision).
Counts countsOf(const model::Decision& decision, int part = -1);
// "02 tập thể và 15 cá nhân", "01 tập thể, 03 cá nhân và 06 hộ gia đình".
std::string countsText(const Counts& counts);

// The values the patterns of `part` see.
tmpl::Value wordingValues(const model::Decision& decision, int part);

// Trích yếu: the part's subject pattern, or the catalogue's combined pattern for a decision
// with several parts.
std::string subjectOf(const model::Decision& decision, const std::string& combinedPattern);
// Điều 1: the part's article1, or the clauses of every part joined ("…; công nhận …") and
// closed with "(có danh sách kèm theo)."
std::string article1Of(const model::Decision& decision);
// The second line of the list's heading.
std::string listTitleOf(const model::Decision& decision, const std::string& combinedPattern);
// A flag's inscription lines ("|" in the pattern separates them).
std::vector<std::string> inscriptionOf(const model::Decision& decision,
                                       const model::Awardee& awardee);

// A pattern rendered against `values` (a pattern that does not parse renders as written: the
// catalogue is checked at load, so this is only a guard).
std::string renderPattern(const std::string& pattern, const tmpl::Value& values);

} // namespace tdkt::job
