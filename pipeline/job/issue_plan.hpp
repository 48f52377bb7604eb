#pragma once
// The first step of `tdkt issue`: every award of every valid dossier resolved to the decision
// it will become (issuer in office on the date and allowed to grant the form, money defined),
// before anything is written — a batch with one bad award writes nothing.
#include "pipeline/award/award_money.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/issuer.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace tdkt::validate {
class IssuerRegistry;
}

namespace tdkt::job {

// One planned decision. The pointers refer into the dossiers and the registry passed to
// planDecisions, which must outlive the plan.
struct Plan {
    const model::Dossier* dossier;
    const model::AwardRequest* award;
    const model::Issuer* issuer;
    model::Date date;
};

// The plans in filing order (decision date, then input order: Decree 30/2020 Art. 15 numbers
// decisions in issue order within the year). Problems are added to `diagnostics` as errors:
// J001 no issuer in office on the date, J002 the issuer may not grant the form, M0xx no money
// rule for the form, level and kind on the date.
std::vector<Plan> planDecisions(const std::vector<model::Dossier>& dossiers,
                                const validate::IssuerRegistry& issuers,
                                const award::AwardMoney& money,
                                const std::optional<model::Date>& runDate, std::int64_t now,
                                core::Diagnostics& diagnostics);

} // namespace tdkt::job
