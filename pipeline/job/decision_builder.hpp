#pragma once
// Turns one award request of a validated, normalised dossier into the decision to issue.
#include "pipeline/award/award_money.hpp"
#include "pipeline/model/decision.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tdkt::job {

// `number` is the register's next number for the issuer and year (0 while not yet known).
model::Decision buildDecision(const model::Dossier& dossier, const model::AwardRequest& award,
                              const model::Issuer& issuer, const model::Date& date, int number);

// The award money of a decision (config/award-money.xml at the decision date): one amount per
// awardee, in the order of decision.awardees, and the totals for the list and Điều 2.
struct DecisionMoney {
    std::vector<long long> perAwardee; // đồng, parallel to Decision::awardees
    long long collectiveEach = 0;      // 0 when the decision has no collective
    long long individualEach = 0;      // 0 when it has no individual
    long long total = 0;
    // Every input of the amounts that is not verified (Vietnamese, one per line, deduplicated):
    // shown to the clerk when issuing, never printed on the decision.
    std::vector<std::string> unverified;
};
// M0xx errors of award::AwardMoney (e.g. no coefficient for the form on the date).
core::Result<DecisionMoney> decisionMoney(const model::Decision& decision,
                                          const award::AwardMoney& money);

// The decision date of an award: its own planned date, else the run's --date, else today.
model::Date decisionDateFor(const model::AwardRequest& award,
                            const std::optional<model::Date>& runDate, long long now);

} // namespace tdkt::job
