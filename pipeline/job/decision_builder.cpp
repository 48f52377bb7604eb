#include "decision_builder.hpp"

#include "decision_wording.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>
#include <cstdio>

namespace tdkt::job {
namespace {

// The proposals' common reason, or "" when they give different ones: the list carries each
// nominee's achievement, so Điều 1 then states none.
std::string commonReason(const PlanPart& part) {
    std::string reason = part.proposals.front().proposal->reason;
    for (const PlanProposal& p : part.proposals) {
        if (p.proposal->reason != reason) {
            return {};
        }
    }
    return reason;
}

// Whether the part grants this proposal of this dossier.
bool inPart(const PlanPart& part, const model::Dossier& dossier, const std::string& proposalId) {
    return std::any_of(part.proposals.begin(), part.proposals.end(), [&](const PlanProposal& p) {
        return p.dossier == &dossier && p.proposal->id == proposalId;
    });
}

// The first proposal of `dossier` in the plan (the one whose tờ trình the decision cites).
std::string firstProposalOf(const Plan& plan, const model::Dossier& dossier) {
    for (const PlanPart& part : plan.parts) {
        for (const PlanProposal& p : part.proposals) {
            if (p.dossier == &dossier) {
                return p.proposal->id;
            }
        }
    }
    return {};
}

std::string unitOf(const model::Nominee& n) {
    switch (n.kind) {
    case model::NomineeKind::Individual:
        return n.workplace;
    case model::NomineeKind::Collective:
        return n.parentUnit.empty() ? n.address : n.parentUnit;
    case model::NomineeKind::Household:
        break;
    }
    return n.address;
}

model::Awardee awardeeOf(const model::Nominee& n, const model::Nomination& nom, int part,
                         int source, const model::Unit& unit) {
    model::Awardee a;
    a.kind = n.kind;
    a.part = part;
    a.source = source;
    a.proposingUnit = unit;
    a.name = model::displayName(n);
    a.honorific = model::honorificOf(n);
    a.position = n.kind == model::NomineeKind::Individual ? n.position : std::string();
    a.unit = unitOf(n);
    a.achievement = nom.achievement;
    a.nomineeId = n.id;
    a.proposalId = nom.proposalId;
    a.searchName = text::searchKey(a.name);
    a.category = n.category;
    a.gender = n.kind == model::NomineeKind::Household ? n.headGender : n.gender;
    a.birthYear = n.kind == model::NomineeKind::Household ? n.headBirthYear : n.birthYear;
    a.birthDate = n.birthDate;
    a.enterprise = n.enterprise;
    a.headName = n.headName;
    a.address = n.address;
    a.representative = n.representative;
    a.initiativeIds = nom.initiativeIds;
    a.history = n.history;
    return a;
}

model::DecisionSource sourceOf(const model::Dossier& d, const std::string& proposalId) {
    model::DecisionSource s;
    s.dossierFile = d.sourceFile;
    s.dossierSha256 = d.sha256;
    s.schemaVersion = d.schemaVersion;
    s.proposingUnit = d.proposingUnit;
    s.round = d.round;
    if (const model::DossierDocument* tt =
            d.documentFor(model::DocumentKind::Submission, proposalId)) {
        s.submission = *tt;
    }
    s.documents = d.documents;
    s.accepted = d.accepted;
    return s;
}

} // namespace

model::Decision buildDecision(const Plan& plan, int number, const std::string& combinedSubject) {
    model::Decision d;
    d.issuer = *plan.issuer;
    d.key = plan.key;
    d.number = number;
    d.numberText = number > 0 ? format::decisionNumberText(number, "QĐ", d.issuer.notation) : "";
    d.date = plan.date;
    d.identity = plan.identity;
    for (const model::Dossier* dossier : plan.dossiers) {
        d.sources.push_back(sourceOf(*dossier, firstProposalOf(plan, *dossier)));
    }
    for (const PlanPart& part : plan.parts) {
        model::DecisionPart p;
        p.kind = part.kind;
        p.period = part.proposals.front().proposal->period;
        p.mode = part.proposals.front().proposal->mode;
        p.reason = commonReason(part);
        for (const PlanProposal& proposal : part.proposals) {
            p.proposalIds.push_back(proposal.proposal->id);
        }
        d.parts.push_back(std::move(p));
    }

    // The attached list: part by part (rank order); in each, unit by unit (the plan's order:
    // Vietnamese order of the unit names); in each, collectives, then individuals, then
    // households, each in the dossier's order (the order the proposing unit ranked them).
    // Numbering restarts in each section of a one-unit decision and runs through each part of
    // a consolidated one (its sections are the units). Artefact files are numbered through the
    // decision.
    int artefact = 0;
    for (std::size_t partIndex = 0; partIndex < plan.parts.size(); ++partIndex) {
        const PlanPart& part = plan.parts[partIndex];
        int ordinal = 0;
        for (std::size_t source = 0; source < plan.dossiers.size(); ++source) {
            const model::Dossier& dossier = *plan.dossiers[source];
            for (model::NomineeKind kind :
                 {model::NomineeKind::Collective, model::NomineeKind::Individual,
                  model::NomineeKind::Household}) {
                if (!plan.consolidated()) {
                    ordinal = 0;
                }
                for (const auto& n : dossier.nominees) {
                    if (n.kind != kind) {
                        continue;
                    }
                    for (const auto& nom : n.nominations) {
                        if (!inPart(part, dossier, nom.proposalId)) {
                            continue;
                        }
                        model::Awardee a =
                            awardeeOf(n, nom, static_cast<int>(partIndex), static_cast<int>(source),
                                      dossier.proposingUnit);
                        a.ordinal = ++ordinal;
                        if (part.kind.hasArtefactFile()) {
                            char file[32];
                            std::snprintf(file, sizeof file, "certificates/%04d.pdf", ++artefact);
                            a.certificateFile = file;
                        }
                        d.awardees.push_back(std::move(a));
                    }
                }
            }
        }
    }
    for (auto& a : d.awardees) {
        if (d.parts[static_cast<std::size_t>(a.part)].kind.artefact == model::ArtefactKind::Flag) {
            std::string text;
            for (const auto& line : inscriptionOf(d, a)) {
                text += (text.empty() ? "" : "\n") + line;
            }
            a.inscription = text;
        }
    }
    d.subject = subjectOf(d, combinedSubject);
    return d;
}

core::Result<DecisionMoney> decisionMoney(const model::Decision& decision,
                                          const award::AwardMoney& money) {
    DecisionMoney out;
    out.perPart.resize(decision.parts.size());
    // One lookup per part and recipient kind: every awardee of one kind in one part gets the
    // same amount (same kind of award, issuer and date).
    std::vector<std::optional<award::Amount>> cache(decision.parts.size() * 3);
    for (const auto& a : decision.awardees) {
        const model::DecisionPart& part = decision.parts[static_cast<std::size_t>(a.part)];
        if (!part.kind.hasMoney()) {
            out.perAwardee.push_back(0);
            continue;
        }
        const auto recipient = award::recipientKind(a.kind);
        auto& slot =
            cache[static_cast<std::size_t>(a.part) * 3 + static_cast<std::size_t>(recipient)];
        if (!slot) {
            auto amount = money.amountFor(part.kind.moneyForm, recipient, decision.date);
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
            DecisionMoney::Each& each = out.perPart[static_cast<std::size_t>(a.part)];
            (recipient == award::RecipientKind::Collective  ? each.collective
             : recipient == award::RecipientKind::Household ? each.household
                                                            : each.individual) = slot->vnd;
        }
        out.perAwardee.push_back(slot->vnd);
        out.total += slot->vnd;
    }
    return out;
}

} // namespace tdkt::job
