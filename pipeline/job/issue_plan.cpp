#include "issue_plan.hpp"

#include "decision_builder.hpp"
#include "pipeline/validate/issuer_registry.hpp"

#include <algorithm>

namespace tdkt::job {
namespace {

// Award money (M0xx) is checked while planning, before any number is taken from a register.
bool moneyDefined(const model::Dossier& dossier, const model::AwardRequest& award,
                  const model::Issuer& issuer, const model::Date& date,
                  const award::AwardMoney& money, core::Diagnostics& diagnostics) {
    bool ok = true;
    for (model::NomineeKind kind :
         {model::NomineeKind::Individual, model::NomineeKind::Collective}) {
        const bool present = std::any_of(
            dossier.nominees.begin(), dossier.nominees.end(),
            [&](const model::Nominee& n) { return n.awardId == award.id && n.kind == kind; });
        if (!present) {
            continue;
        }
        auto amount = money.amountFor(award.form, issuer.level, award::recipientKind(kind), date);
        if (!amount) {
            diagnostics.error(amount.error().code, award.where, "award/@form",
                              amount.error().message);
            ok = false;
        }
    }
    return ok;
}

} // namespace

std::vector<Plan> planDecisions(const std::vector<model::Dossier>& dossiers,
                                const validate::IssuerRegistry& issuers,
                                const award::AwardMoney& money,
                                const std::optional<model::Date>& runDate, std::int64_t now,
                                core::Diagnostics& diagnostics) {
    std::vector<Plan> plans;
    for (const auto& dossier : dossiers) {
        for (const auto& award : dossier.awards) {
            const model::Date date = decisionDateFor(award, runDate, now);
            const model::Issuer* issuer = issuers.find(award.issuerId, date);
            if (!issuer) {
                diagnostics.error("J001", award.where, "award/@issuer",
                                  "cơ quan ban hành «" + award.issuerId +
                                      "» không có hoặc không còn thẩm quyền vào ngày " +
                                      date.iso());
                continue;
            }
            if (!issuers.grants(*issuer, award.form, date)) {
                diagnostics.error("J002", award.where, "award/@form",
                                  issuer->authority + " không có thẩm quyền tặng " +
                                      model::displayName(award.form) + " vào ngày " + date.iso());
                continue;
            }
            if (!moneyDefined(dossier, award, *issuer, date, money, diagnostics)) {
                continue;
            }
            plans.push_back({&dossier, &award, issuer, date});
        }
    }
    std::stable_sort(plans.begin(), plans.end(),
                     [](const Plan& a, const Plan& b) { return a.date < b.date; });
    return plans;
}

} // namespace tdkt::job
