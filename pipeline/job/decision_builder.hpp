#pragma once
// Turns one award request of a validated, normalised dossier into the decision to issue.
#include "pipeline/model/decision.hpp"

#include <optional>

namespace tdkt::job {

// `number` is the register's next number for the issuer and year (0 while not yet known).
model::Decision buildDecision(const model::Dossier& dossier, const model::AwardRequest& award,
                              const model::Issuer& issuer, const model::Date& date, int number);

// The decision date of an award: its own planned date, else the run's --date, else today.
model::Date decisionDateFor(const model::AwardRequest& award,
                            const std::optional<model::Date>& runDate, long long now);

} // namespace tdkt::job
