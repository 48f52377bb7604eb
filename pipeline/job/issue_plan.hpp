#pragma once
// The first step of `tdkt issue` (and of `tdkt validate`, which checks what issuing would draw):
// every proposal of every valid dossier resolved to the decision it will be part of — the
// issuer in office on the date, the award kind's rule in force then and the issuer's authority
// to grant it, the money defined — before anything is written: a round with one bad proposal
// writes nothing. The proposals of all the dossiers of a run that share issuer, decision date
// and award kind (and period and mode) become one consolidated decision, its list grouped by
// proposing unit (perDossier: only within one dossier, as before consolidation); an issuer
// configured with decisions="combined" gets one decision per date with a part per kind.
#include "pipeline/award/award_money.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/model/award_kind.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/issuer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::validate {
class IssuerRegistry;
class AwardCatalogue;
} // namespace tdkt::validate

namespace tdkt::job {

// One proposal of one dossier.
struct PlanProposal {
    const model::Dossier* dossier = nullptr;
    const model::Proposal* proposal = nullptr;
};

// One part (award kind) of a planned decision and the proposals it grants.
struct PlanPart {
    model::AwardKind kind; // named as the issuer prints it
    std::vector<PlanProposal> proposals;
    // The catalogue's grounds for the issuer's authority over the kind on the date.
    std::string authorityBasis;
    bool authorityVerified = true;
};

// One planned decision. The pointers refer into the dossiers and the registry passed to
// planDecisions, which must outlive the plan.
struct Plan {
    const model::Issuer* issuer = nullptr;
    model::Date date;
    std::vector<PlanPart> parts; // rank order
    // The dossiers the decision is made from, in the order their units are listed (Vietnamese
    // order of the unit names, then unit code, then input order).
    std::vector<const model::Dossier*> dossiers;
    // What identifies the decision for idempotent issuing: one dossier's SHA-256 and its
    // proposal ids joined by "+" ("bk"), or for a consolidated decision a SHA-256 over every
    // (dossier SHA-256, proposal id) and the kinds.
    std::string identity;
    std::string key;
    int nominations = 0; // list rows
    bool consolidated() const { return dossiers.size() > 1; }
    const model::Dossier& dossier() const { return *dossiers.front(); }
};

struct PlanTools {
    const validate::IssuerRegistry& issuers;
    const validate::AwardCatalogue& catalogue;
    const award::AwardMoney& money;
    bool perDossier = false; // no consolidation across dossiers
};

// The plans in filing order (decision date, then input order: Decree 30/2020 Art. 15 numbers
// decisions in issue order within the year). Problems are added to `diagnostics` as errors:
// J001 no issuer in office on the date, J002 the issuer may not grant the kind, J004 the kind
// has no rule on the date, M0xx no money rule for the kind and recipient on the date.
std::vector<Plan> planDecisions(const std::vector<model::Dossier>& dossiers, const PlanTools& tools,
                                const std::optional<model::Date>& runDate, std::int64_t now,
                                core::Diagnostics& diagnostics);

// The decision date of a proposal: its own planned date, else the run's --date, else today.
model::Date decisionDateFor(const model::Proposal& proposal,
                            const std::optional<model::Date>& runDate, std::int64_t now);

// The kind as the issuer prints it: its <awardName> for the kind, else the catalogue's name.
model::AwardKind namedBy(model::AwardKind kind, const model::Issuer& issuer);

} // namespace tdkt::job
