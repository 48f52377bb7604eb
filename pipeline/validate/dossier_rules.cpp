// The business rules of a dossier (codes V001–V049): what a schema cannot say. Each proposal
// against the issuers and the award catalogue in force on its decision date; each nominee
// against the kinds it is proposed for; the documents and their references.
#include "codes.hpp"
#include "dossier_validator.hpp"
#include "field_paths.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/name_key.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace tdkt::validate {

using core::Diagnostics;
using core::SourceLocation;

namespace {

std::string oneLine(std::string s) {
    for (char& c : s) {
        c = c == '\n' ? ' ' : c;
    }
    return s;
}

// Field paths follow the dossier's own version: 1.0 names awards, 2.0 proposals.
struct Fields {
    bool v10 = false;
    std::string proposal(const model::Proposal& p) const {
        return (v10 ? "award[@id=\"" : "proposal[@id=\"") + p.id + "\"]";
    }
    std::string kindAttr() const { return v10 ? "/@form" : "/@award"; }
    std::string nomination(const model::Nominee& n, const model::Nomination& nom) const {
        return v10 ? nomineeField(n)
                   : nomineeField(n) + "/nomination[@proposal=\"" + nom.proposalId + "\"]";
    }
};

std::string authorityText(const AwardCatalogue& catalogue, const model::Issuer& is,
                          const model::Date& on) {
    return kindNames(catalogue.grantable(is.level, on));
}

class RuleRun {
public:
    RuleRun(const model::Dossier& d, const IssuerRegistry& issuers, const AwardCatalogue& catalogue,
            const model::Date& runDate, Diagnostics& diags)
        : m_d(d), m_issuers(issuers), m_catalogue(catalogue), m_runDate(runDate), m_diags(diags) {
        m_fields.v10 = d.schemaVersion == "1.0";
    }

    void run() {
        checkHeader();
        checkDocuments();
        for (const auto& p : m_d.proposals) {
            checkProposal(p);
        }
        checkNominees();
    }

private:
    void requireVisible(const std::string& text, const SourceLocation& where,
                        const std::string& field) {
        if (!text.empty() && !text::hasVisibleText(text)) {
            m_diags.error(codes::kInvisibleText, where, field,
                          "chỉ có ký tự vô hình (ví dụ khoảng trắng độ rộng 0), không có nội "
                          "dung đọc được");
        }
    }

    void checkHeader() {
        const std::string& file = m_d.sourceFile;
        requireVisible(m_d.proposingUnit.name, {file}, "proposingUnit/name");
        requireVisible(m_d.round.name, {file}, "round/name");
        requireVisible(m_d.round.movement, {file}, "round/movement");
    }

    // The tờ trình (cited in the decision), the date order of the documents, and what the
    // documents refer to.
    void checkDocuments() {
        const model::DossierDocument* tt = m_d.firstDocument(model::DocumentKind::Submission);
        if (!tt) {
            m_diags.error(codes::kNoSubmission, {m_d.sourceFile}, "documents",
                          "hồ sơ không có tờ trình (document kind=\"submission\"); quyết định "
                          "phải dẫn số, ngày của tờ trình đề nghị (Luật Thi đua, khen thưởng, "
                          "Điều 84)");
        }
        for (const auto& doc : m_d.documents) {
            if (doc.kind == model::DocumentKind::Submission &&
                (doc.number.empty() || !text::hasVisibleText(doc.number))) {
                m_diags.error(codes::kNoSubmission, doc.where,
                              m_fields.v10 ? "submission/number"
                                           : "document[@id=\"" + doc.id + "\"]/number",
                              "tờ trình phải có số, ký hiệu (quyết định dẫn «Tờ trình số …»)");
            }
        }
        std::set<std::string> initiatives;
        for (const auto& n : m_d.nominees) {
            for (const auto& in : n.history.initiatives) {
                initiatives.insert(in.id);
            }
        }
        for (const auto& doc : m_d.documents) {
            const std::string field = "document[@id=\"" + doc.id + "\"]";
            requireVisible(doc.number, doc.where, field + "/number");
            for (const auto& id : doc.proposalIds) {
                if (!m_d.proposal(id)) {
                    unknownReference(doc, field + "/@proposals", "đề nghị (proposal)", id);
                }
            }
            for (const auto& id : doc.nomineeIds) {
                if (!m_d.nominee(id)) {
                    unknownReference(doc, field + "/@nominees", "người được đề nghị", id);
                }
            }
            for (const auto& id : doc.initiativeIds) {
                if (initiatives.count(id) == 0) {
                    unknownReference(doc, field + "/@initiatives", "sáng kiến", id);
                }
            }
        }
    }

    void unknownReference(const model::DossierDocument& doc, const std::string& field,
                          const char* what, const std::string& id) {
        m_diags.error(codes::kUnknownReference, doc.where, field,
                      std::string("không có ") + what + " mã «" + id + "» trong hồ sơ");
    }

    // The decision date of a proposal, and how to name it in messages.
    model::Date dateOf(const model::Proposal& p) const {
        return p.decisionDate.valid() ? p.decisionDate : m_runDate;
    }
    std::string onText(const model::Proposal& p) const {
        const model::Date on = dateOf(p);
        return p.decisionDate.valid() ? "ngày quyết định " + model::dateShort(on)
                                      : "ngày " + model::dateShort(on) +
                                            " (ngày lập quyết định, vì hồ sơ không ghi "
                                            "decisionDate)";
    }

    void checkProposal(const model::Proposal& p) {
        const std::string field = m_fields.proposal(p);
        requireVisible(p.reason, p.where, field + "/reason");
        const model::Date on = dateOf(p);
        const model::Issuer* issuer = checkIssuer(p, field, on);
        const CatalogueEntry* entry = m_catalogue.find(p.kindId);
        if (!entry) {
            std::string message = "loại khen thưởng «" + p.kindId +
                                  "» không có trong danh mục khen thưởng "
                                  "(config/award-catalogue.xml)";
            if (issuer) {
                message += "; " + issuer->authority + " được quyết định vào " + onText(p) + ": " +
                           authorityText(m_catalogue, *issuer, on);
            }
            m_diags.error(codes::kUnknownAwardKind, p.where, field + m_fields.kindAttr(), message);
        } else if (auto kind = m_catalogue.at(p.kindId, on); !kind) {
            m_diags.error(codes::kKindNotInForce, p.where, field + m_fields.kindAttr(),
                          "danh mục khen thưởng không có quy định cho «" + entry->name + "» vào " +
                              onText(p));
        } else {
            m_kinds.emplace(p.id, *kind);
            if (issuer && !m_catalogue.authority(p.kindId, issuer->level, on)) {
                m_diags.error(codes::kFormNotGranted, p.where, field + m_fields.kindAttr(),
                              "«" + issuer->authority + "» không có thẩm quyền quyết định " +
                                  kind->name + " vào " + onText(p) + " (được quyết định: " +
                                  authorityText(m_catalogue, *issuer, on) + ")");
            }
        }
        checkPeriod(p, field);
        if (m_d.round.year > 0) {
            const int gap = on.year - m_d.round.year;
            if (gap < 0 || gap > 1) {
                m_diags.warning(codes::kRoundYearMismatch, p.where, field + "/@decisionDate",
                                "năm của đợt khen thưởng (" + std::to_string(m_d.round.year) +
                                    ") không khớp với " + onText(p) +
                                    "; thường quyết định ban hành trong năm đó hoặc năm sau");
            }
        }
        const bool nominated =
            std::any_of(m_d.nominees.begin(), m_d.nominees.end(), [&](const model::Nominee& n) {
                return std::any_of(
                    n.nominations.begin(), n.nominations.end(),
                    [&](const model::Nomination& x) { return x.proposalId == p.id; });
            });
        if (!nominated) {
            m_diags.error(codes::kAwardWithoutNominee, p.where, field,
                          "không có cá nhân, tập thể hay hộ gia đình nào được đề nghị " +
                              (entry ? entry->name : p.kindId) + " này");
        }
    }

    const model::Issuer* checkIssuer(const model::Proposal& p, const std::string& field,
                                     const model::Date& on) {
        if (!m_issuers.contains(p.issuerId)) {
            m_diags.error(codes::kUnknownIssuer, p.where, field + "/@issuer",
                          "không có cơ quan ban hành «" + p.issuerId +
                              "» trong cấu hình cơ quan ban hành (config/issuers.xml)");
            return nullptr;
        }
        const model::Issuer* is = m_issuers.find(p.issuerId, on);
        if (!is) {
            const auto periods = m_issuers.periods(p.issuerId);
            const IssuerEntry& last = *periods.back();
            std::string valid;
            for (const IssuerEntry* e : periods) {
                valid += (valid.empty() ? "" : "; ") + validityText(e->issuer);
            }
            std::string message = "«" + oneLine(last.issuer.name) + "» chỉ ban hành quyết định " +
                                  valid + "; " + onText(p) + " nằm ngoài thời gian này";
            if (!last.note.empty()) {
                message += ". " + last.note;
            }
            m_diags.error(codes::kIssuerNotValid, p.where, field + "/@issuer", message);
        }
        return is;
    }

    void checkPeriod(const model::Proposal& p, const std::string& field) {
        using K = model::AchievementPeriod::Kind;
        const model::AchievementPeriod& period = p.period;
        if (period.kind == K::Range && period.to < period.from) {
            m_diags.error(codes::kBadPeriod, p.where, field + "/period/range",
                          "khoảng thời gian thành tích kết thúc (" + model::dateShort(period.to) +
                              ") trước khi bắt đầu (" + model::dateShort(period.from) + ")");
        }
        // "2024-2025": the schema checks the digits, this the pair (the reader keeps the two
        // years as 01/09 of the first and 31/05 of the second).
        if (period.kind == K::SchoolYear && period.to.year != period.from.year + 1) {
            m_diags.error(codes::kBadPeriod, p.where, field + "/period/schoolYear",
                          "năm học phải gồm hai năm liền nhau (ví dụ 2024-2025), không phải " +
                              std::to_string(period.from.year) + "-" +
                              std::to_string(period.to.year));
        }
        if ((period.kind == K::Act || period.kind == K::Range) && p.decisionDate.valid() &&
            p.decisionDate < period.from) {
            m_diags.error(codes::kBadPeriod, p.where, field + "/period",
                          "thành tích (" + period.text() + ") sau ngày quyết định " +
                              model::dateShort(p.decisionDate));
        }
    }

    // Recipients entered twice, across proposals, are L023 (law_checks.cpp).
    void checkNominees() {
        for (const auto& n : m_d.nominees) {
            checkNominee(n);
            checkTwoForms(n);
        }
    }

    // Two award forms (not titles) for one nominee in one dossier: one achievement, one form.
    void checkTwoForms(const model::Nominee& n) {
        const model::Nomination* firstForm = nullptr;
        for (const auto& nom : n.nominations) {
            auto kind = m_kinds.find(nom.proposalId);
            if (kind == m_kinds.end() || kind->second.awardClass != model::AwardClass::Form) {
                continue;
            }
            if (firstForm) {
                m_diags.warning(
                    codes::kSameNomineeTwoAwards, nom.where, m_fields.nomination(n, nom),
                    "«" + model::displayName(n) + "» được đề nghị hai hình thức (" +
                        m_kinds.at(firstForm->proposalId).name + " và " + kind->second.name +
                        "); một thành tích chỉ được khen thưởng một hình thức "
                        "(Luật Thi đua, khen thưởng, Điều 6)");
                return;
            }
            firstForm = &nom;
        }
    }

    void checkNominee(const model::Nominee& n) {
        const std::string field = nomineeField(n);
        switch (n.kind) {
        case model::NomineeKind::Individual:
            requireVisible(n.name, n.where, field + "/fullName");
            requireVisible(n.position, n.where, field + "/position");
            requireVisible(n.workplace, n.where, field + "/workplace");
            break;
        case model::NomineeKind::Collective:
            requireVisible(n.name, n.where, field + "/name");
            requireVisible(n.parentUnit, n.where, field + "/parentUnit");
            break;
        case model::NomineeKind::Household:
            requireVisible(n.name, n.where, field + "/name");
            requireVisible(n.headName, n.where, field + "/head/fullName");
            requireVisible(n.address, n.where, field + "/address");
            break;
        }
        requireVisible(n.representative.name, n.where, field + "/representative/fullName");
        std::set<std::string> proposals;
        for (const auto& nom : n.nominations) {
            checkNomination(n, nom, proposals);
        }
        checkHistory(n, field);
    }

    void checkNomination(const model::Nominee& n, const model::Nomination& nom,
                         std::set<std::string>& proposals) {
        const std::string field = m_fields.nomination(n, nom);
        requireVisible(nom.achievement, nom.where, field + "/achievement");
        if (!proposals.insert(nom.proposalId).second) {
            m_diags.error(codes::kNominatedTwice, nom.where, field,
                          "«" + model::displayName(n) +
                              "» được đề nghị hai lần trong cùng đề "
                              "nghị «" +
                              nom.proposalId + "»");
        }
        auto kind = m_kinds.find(nom.proposalId);
        if (kind != m_kinds.end()) {
            const model::AwardKind& k = kind->second;
            if (!k.accepts(n.kind)) {
                std::string allowed;
                for (model::NomineeKind r : k.recipients) {
                    allowed += (allowed.empty() ? "" : ", ") + std::string(model::displayName(r));
                }
                m_diags.error(codes::kRecipientNotAccepted, nom.where, field,
                              k.name + " không dành cho " + model::displayName(n.kind) +
                                  " (chỉ dành cho: " + allowed + ")");
            }
            if (k.achievementRequired && nom.achievement.empty()) {
                m_diags.error(codes::kAchievementMissing, nom.where, field + "/achievement",
                              "thiếu thành tích: thành tích được in trên " +
                                  (k.artefactName.empty() ? k.name : k.artefactName));
            }
        }
        for (const auto& id : nom.initiativeIds) {
            const bool own = std::any_of(n.history.initiatives.begin(), n.history.initiatives.end(),
                                         [&](const model::Initiative& in) { return in.id == id; });
            if (!own) {
                m_diags.error(codes::kUnknownInitiative, nom.where, field + "/@initiatives",
                              "sáng kiến «" + id + "» không có trong quá trình (history) của «" +
                                  model::displayName(n) + "»");
            }
        }
    }

    void checkHistory(const model::Nominee& n, const std::string& field) {
        for (const auto& a : n.history.awards) {
            if (a.kindId.empty() && a.name.empty()) {
                m_diags.error(codes::kPriorAwardUnnamed, a.where, field + "/history/priorAward",
                              "khen thưởng đã nhận năm " + std::to_string(a.year) +
                                  " phải ghi loại (kind, mã trong danh mục) hoặc tên (name)");
            } else if (!a.kindId.empty() && !m_catalogue.find(a.kindId)) {
                m_diags.error(codes::kUnknownPriorKind, a.where,
                              field + "/history/priorAward/@kind",
                              "loại khen thưởng «" + a.kindId +
                                  "» không có trong danh mục; với khen thưởng khác, ghi tên vào "
                                  "thuộc tính name");
            }
        }
        for (const auto& in : n.history.initiatives) {
            requireVisible(in.title, in.where, field + "/history/initiative/title");
        }
    }

    const model::Dossier& m_d;
    const IssuerRegistry& m_issuers;
    const AwardCatalogue& m_catalogue;
    const model::Date& m_runDate;
    Diagnostics& m_diags;
    Fields m_fields;
    std::unordered_map<std::string, model::AwardKind> m_kinds; // proposal id → its kind
};

} // namespace

bool DossierValidator::checkRules(const model::Dossier& d, Diagnostics& diags,
                                  const DossierLines& /*lines*/) const {
    const std::size_t errorsBefore = diags.errorCount();
    RuleRun(d, *m_issuers, *m_catalogue, m_runDate, diags).run();
    return diags.errorCount() == errorsBefore;
}

} // namespace tdkt::validate
