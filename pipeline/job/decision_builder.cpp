#include "decision_builder.hpp"

#include "pipeline/format/vi_format.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>

namespace tdkt::job {

model::Date decisionDateFor(const model::AwardRequest& award,
                            const std::optional<model::Date>& runDate, long long now) {
    if (award.decisionDate.valid()) {
        return award.decisionDate;
    }
    if (runDate) {
        return *runDate;
    }
    return model::vietnamDateTime(now).date;
}

core::Result<DecisionMoney> decisionMoney(const model::Decision& decision,
                                          const award::AwardMoney& money) {
    DecisionMoney out;
    // Two lookups at most: every individual of one decision gets the same amount, and so does
    // every collective (same form, issuer and date).
    std::optional<award::Amount> each[2];
    for (const auto& a : decision.awardees) {
        const bool collective = a.kind == model::NomineeKind::Collective;
        auto& slot = each[collective ? 1 : 0];
        if (!slot) {
            auto amount = money.amountFor(decision.form, decision.issuer.level,
                                          award::recipientKind(a.kind), decision.date);
            if (!amount) {
                return amount.error();
            }
            slot = std::move(amount).value();
            for (const auto& note : slot->unverified) {
                if (std::find(out.unverified.begin(), out.unverified.end(), note) ==
                    out.unverified.end()) {
                    out.unverified.push_back(note);
                }
            }
            (collective ? out.collectiveEach : out.individualEach) = slot->vnd;
        }
        out.perAwardee.push_back(slot->vnd);
        out.total += slot->vnd;
    }
    return out;
}

model::Decision buildDecision(const model::Dossier& dossier, const model::AwardRequest& award,
                              const model::Issuer& issuer, const model::Date& date, int number) {
    model::Decision d;
    d.issuer = issuer;
    d.form = award.form;
    d.awardId = award.id;
    d.number = number;
    d.numberText = number > 0 ? format::decisionNumberText(number, "QĐ", issuer.notation) : "";
    d.date = date;
    d.subject = std::string("Về việc tặng ") + model::displayName(award.form) +
                " cho các tập thể, cá nhân thuộc " + dossier.proposingUnit.name;
    d.reason = award.reason;
    d.dossierFile = dossier.sourceFile;
    d.dossierSha256 = dossier.sha256;
    d.proposingUnit = dossier.proposingUnit;
    d.round = dossier.round;
    d.submission = dossier.submission;

    // The attached list: collectives first, then individuals, each in the dossier's order
    // (the order the proposing unit ranked them); numbering restarts in each section.
    int certificate = 0;
    for (model::NomineeKind kind :
         {model::NomineeKind::Collective, model::NomineeKind::Individual}) {
        int ordinal = 0;
        for (const auto& n : dossier.nominees) {
            if (n.awardId != award.id || n.kind != kind) {
                continue;
            }
            model::Awardee a;
            a.kind = n.kind;
            a.ordinal = ++ordinal;
            a.name = n.name;
            a.position = n.position;
            a.unit = n.kind == model::NomineeKind::Individual ? n.workplace : n.parentUnit;
            a.achievement = n.achievement;
            a.nomineeId = n.id;
            a.category = n.category;
            a.gender = n.gender;
            a.birthYear = n.birthYear;
            a.searchName = text::searchKey(n.name);
            char file[32];
            std::snprintf(file, sizeof file, "certificates/%04d.pdf", ++certificate);
            a.certificateFile = file;
            d.awardees.push_back(std::move(a));
        }
    }
    return d;
}

} // namespace tdkt::job
