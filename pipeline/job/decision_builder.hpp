#pragma once
// Turns one planned decision (issue_plan) into the decision to issue, and computes its money.
#include "issue_plan.hpp"
#include "pipeline/award/award_money.hpp"
#include "pipeline/model/decision.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tdkt::job {

// `number` is the register's next number for the issuer and year (0 while not yet known).
// `combinedSubject` is the catalogue's trích yếu pattern of a decision with several kinds.
model::Decision buildDecision(const Plan& plan, int number, const std::string& combinedSubject);

// The award money of a decision (config/award-money.xml at the decision date): one amount per
// awardee, in the order of decision.awardees (0 for a kind without money), the amount of each
// recipient kind per part, and the total for the list and Điều 2.
struct DecisionMoney {
    struct Each {
        long long collective = 0; // 0 when the part has no collective (or no money)
        long long individual = 0;
        long long household = 0;
    };
    std::vector<long long> perAwardee; // đồng, parallel to Decision::awardees
    std::vector<Each> perPart;         // parallel to Decision::parts
    long long total = 0;
    // Every input of the amounts that is not verified (Vietnamese, one per line, deduplicated):
    // shown to the clerk when issuing, never printed on the decision.
    std::vector<std::string> unverified;
    bool any() const { return total > 0; }
};
// M0xx errors of award::AwardMoney (e.g. no coefficient for the kind on the date).
core::Result<DecisionMoney> decisionMoney(const model::Decision& decision,
                                          const award::AwardMoney& money);

} // namespace tdkt::job
