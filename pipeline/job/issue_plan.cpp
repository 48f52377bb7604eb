#include "issue_plan.hpp"

#include "pipeline/core/sha256.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/collation.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "pipeline/validate/issuer_registry.hpp"

#include <algorithm>
#include <set>

namespace tdkt::job {
namespace {

// The recipient kinds that the dossier nominates for `proposal`.
std::set<model::NomineeKind> recipientsOf(const model::Dossier& dossier,
                                          const model::Proposal& proposal) {
    std::set<model::NomineeKind> out;
    for (const auto& n : dossier.nominees) {
        for (const auto& nom : n.nominations) {
            if (nom.proposalId == proposal.id) {
                out.insert(n.kind);
            }
        }
    }
    return out;
}

// Award money (M0xx) is checked while planning, before any number is taken from a register.
bool moneyDefined(const model::Dossier& dossier, const model::Proposal& proposal,
                  const model::AwardKind& kind, const model::Date& date,
                  const award::AwardMoney& money, core::Diagnostics& diagnostics) {
    if (!kind.hasMoney()) {
        return true;
    }
    bool ok = true;
    for (model::NomineeKind recipient : recipientsOf(dossier, proposal)) {
        auto amount = money.amountFor(kind.moneyForm, award::recipientKind(recipient), date);
        if (!amount) {
            diagnostics.error(amount.error().code, proposal.where, "proposal/@award",
                              amount.error().message);
            ok = false;
        }
    }
    return ok;
}

int nominationsOf(const Plan& plan) {
    int count = 0;
    for (const auto& part : plan.parts) {
        for (const PlanProposal& pp : part.proposals) {
            for (const auto& n : pp.dossier->nominees) {
                for (const auto& nom : n.nominations) {
                    count += nom.proposalId == pp.proposal->id ? 1 : 0;
                }
            }
        }
    }
    return count;
}

// A proposal joins a plan (and a part of it) when it is the same decision: same issuer and
// date, and the same kind unless the issuer combines kinds; a part holds one kind, period and
// mode.
bool samePart(const PlanPart& part, const model::AwardKind& kind, const model::Proposal& p) {
    const model::Proposal& first = *part.proposals.front().proposal;
    return part.kind.id == kind.id && first.period == p.period && first.mode == p.mode;
}

Plan* planFor(std::vector<Plan>& plans, const model::Issuer& issuer, const model::Date& date,
              const model::AwardKind& kind, const model::Proposal& p, const model::Dossier& dossier,
              bool perDossier) {
    for (Plan& plan : plans) {
        if (plan.issuer->id != issuer.id || !(plan.date == date)) {
            continue;
        }
        if (perDossier && plan.dossiers.front() != &dossier) {
            continue;
        }
        if (issuer.decisionGrouping == model::DecisionGrouping::Combined ||
            samePart(plan.parts.front(), kind, p)) {
            return &plan;
        }
    }
    return nullptr;
}

// Units in Vietnamese order of their names, then by code, then as given.
void orderSources(Plan& plan) {
    std::vector<std::pair<std::string, const model::Dossier*>> keyed;
    for (const model::Dossier* d : plan.dossiers) {
        keyed.emplace_back(text::collationKey(d->proposingUnit.name) + '\0' + d->proposingUnit.code,
                           d);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    plan.dossiers.clear();
    for (const auto& [key, d] : keyed) {
        plan.dossiers.push_back(d);
    }
}

// The decision's identity and key (see Plan).
void identify(Plan& plan) {
    if (!plan.consolidated()) {
        plan.identity = plan.dossier().sha256;
        for (const PlanPart& part : plan.parts) {
            for (const PlanProposal& pp : part.proposals) {
                plan.key += (plan.key.empty() ? "" : "+") + pp.proposal->id;
            }
        }
        return;
    }
    std::vector<std::string> lines;
    for (const PlanPart& part : plan.parts) {
        plan.key += (plan.key.empty() ? "" : "+") + part.kind.id;
        for (const PlanProposal& pp : part.proposals) {
            lines.push_back(pp.dossier->sha256 + " " + pp.proposal->id + " " + part.kind.id);
        }
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& line : lines) {
        all += line + "\n";
    }
    plan.identity = core::sha256Hex(all);
}

} // namespace

model::Date decisionDateFor(const model::Proposal& proposal,
                            const std::optional<model::Date>& runDate, std::int64_t now) {
    if (proposal.decisionDate.valid()) {
        return proposal.decisionDate;
    }
    if (runDate) {
        return *runDate;
    }
    return model::vietnamDateTime(now).date;
}

model::AwardKind namedBy(model::AwardKind kind, const model::Issuer& issuer) {
    if (const std::string* local = issuer.awardName(kind.id)) {
        kind.name = *local;
    }
    return kind;
}

std::vector<Plan> planDecisions(const std::vector<model::Dossier>& dossiers, const PlanTools& tools,
                                const std::optional<model::Date>& runDate, std::int64_t now,
                                core::Diagnostics& diagnostics) {
    std::vector<Plan> plans;
    for (const auto& dossier : dossiers) {
        for (const auto& p : dossier.proposals) {
            const model::Date date = decisionDateFor(p, runDate, now);
            const model::Issuer* issuer = tools.issuers.find(p.issuerId, date);
            if (!issuer) {
                diagnostics.error("J001", p.where, "proposal/@issuer",
                                  "cơ quan ban hành «" + p.issuerId +
                                      "» không có hoặc không còn thẩm quyền vào ngày " +
                                      model::dateShort(date));
                continue;
            }
            auto rule = tools.catalogue.at(p.kindId, date);
            if (!rule) {
                diagnostics.error("J004", p.where, "proposal/@award",
                                  "danh mục khen thưởng không có quy định cho «" + p.kindId +
                                      "» vào ngày " + model::dateShort(date));
                continue;
            }
            const validate::KindAuthority* authority =
                tools.catalogue.authority(p.kindId, issuer->level, date);
            if (!authority) {
                diagnostics.error("J002", p.where, "proposal/@award",
                                  issuer->authority + " không có thẩm quyền quyết định " +
                                      rule->name + " vào ngày " + model::dateShort(date));
                continue;
            }
            if (!moneyDefined(dossier, p, *rule, date, tools.money, diagnostics)) {
                continue;
            }
            const model::AwardKind kind = namedBy(*rule, *issuer);
            Plan* plan = planFor(plans, *issuer, date, kind, p, dossier, tools.perDossier);
            if (!plan) {
                Plan fresh;
                fresh.issuer = issuer;
                fresh.date = date;
                plans.push_back(std::move(fresh));
                plan = &plans.back();
            }
            if (std::find(plan->dossiers.begin(), plan->dossiers.end(), &dossier) ==
                plan->dossiers.end()) {
                plan->dossiers.push_back(&dossier);
            }
            auto part = std::find_if(plan->parts.begin(), plan->parts.end(),
                                     [&](const PlanPart& x) { return samePart(x, kind, p); });
            if (part == plan->parts.end()) {
                plan->parts.push_back({kind, {}, authority->basis, authority->verified});
                part = plan->parts.end() - 1;
            }
            part->proposals.push_back({&dossier, &p});
        }
    }
    for (Plan& plan : plans) {
        // The parts of a combined decision follow the rank of their kinds (highest first).
        std::stable_sort(
            plan.parts.begin(), plan.parts.end(),
            [](const PlanPart& a, const PlanPart& b) { return a.kind.rank < b.kind.rank; });
        orderSources(plan);
        identify(plan);
        plan.nominations = nominationsOf(plan);
    }
    // Filing order: by date (Decree 30/2020 Art. 15 numbers decisions in issue order within the
    // year), then by the kind's rank, then as first proposed.
    std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) {
        if (!(a.date == b.date)) {
            return a.date < b.date;
        }
        return a.parts.front().kind.rank < b.parts.front().kind.rank;
    });
    return plans;
}

} // namespace tdkt::job
