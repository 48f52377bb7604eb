#include "issue_plan.hpp"

#include "pipeline/model/date_display.hpp"
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

int nominationsOf(const model::Dossier& dossier, const Plan& plan) {
    int count = 0;
    for (const auto& n : dossier.nominees) {
        for (const auto& nom : n.nominations) {
            for (const auto& part : plan.parts) {
                for (const model::Proposal* p : part.proposals) {
                    count += nom.proposalId == p->id ? 1 : 0;
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
    const model::Proposal& first = *part.proposals.front();
    return part.kind.id == kind.id && first.period == p.period && first.mode == p.mode;
}

Plan* planFor(std::vector<Plan>& plans, const model::Issuer& issuer, const model::Date& date,
              const model::AwardKind& kind, const model::Proposal& p) {
    for (Plan& plan : plans) {
        if (plan.issuer->id != issuer.id || !(plan.date == date)) {
            continue;
        }
        if (issuer.decisionGrouping == model::DecisionGrouping::Combined ||
            samePart(plan.parts.front(), kind, p)) {
            return &plan;
        }
    }
    return nullptr;
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
        std::vector<Plan> mine;
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
            Plan* plan = planFor(mine, *issuer, date, kind, p);
            if (!plan) {
                Plan fresh;
                fresh.dossier = &dossier;
                fresh.issuer = issuer;
                fresh.date = date;
                mine.push_back(std::move(fresh));
                plan = &mine.back();
            }
            auto part = std::find_if(plan->parts.begin(), plan->parts.end(),
                                     [&](const PlanPart& x) { return samePart(x, kind, p); });
            if (part == plan->parts.end()) {
                plan->parts.push_back({kind, {}, authority->basis, authority->verified});
                part = plan->parts.end() - 1;
            }
            part->proposals.push_back(&p);
        }
        for (Plan& plan : mine) {
            // The parts of a combined decision follow the rank of their kinds (highest first).
            std::stable_sort(
                plan.parts.begin(), plan.parts.end(),
                [](const PlanPart& a, const PlanPart& b) { return a.kind.rank < b.kind.rank; });
            for (const PlanPart& part : plan.parts) {
                for (const model::Proposal* p : part.proposals) {
                    plan.key += (plan.key.empty() ? "" : "+") + p->id;
                }
            }
            plan.nominations = nominationsOf(dossier, plan);
            plans.push_back(std::move(plan));
        }
    }
    std::stable_sort(plans.begin(), plans.end(),
                     [](const Plan& a, const Plan& b) { return a.date < b.date; });
    return plans;
}

} // namespace tdkt::job
