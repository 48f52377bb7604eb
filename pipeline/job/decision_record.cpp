#include "decision_record.hpp"

namespace tdkt::job {

archive::DecisionRecord toRecord(const model::Decision& d, int pageCount) {
    archive::DecisionRecord r;
    r.issuerId = d.issuer.id;
    r.issuerCode = d.issuer.code;
    r.issuerLevel = d.issuer.level;
    std::string name = d.issuer.name;
    for (auto& ch : name) {
        ch = ch == '\n' ? ' ' : ch;
    }
    r.issuerName = name;
    r.notation = d.issuer.notation;
    r.year = d.date.year;
    r.number = d.number;
    r.numberText = d.numberText;
    r.date = d.date.iso();
    r.subject = d.subject;
    r.signerTitle = d.issuer.signer.title;
    r.signerName = d.issuer.signer.name;
    r.awardForm = model::toString(d.form);
    r.awardFormName = model::displayName(d.form);
    r.awardId = d.awardId;
    r.dossierFile = d.dossierFile;
    r.dossierSha256 = d.dossierSha256;
    r.unitCode = d.proposingUnit.code;
    r.unitName = d.proposingUnit.name;
    r.roundName = d.round.name;
    r.roundYear = d.round.year;
    r.pageCount = pageCount;
    for (const auto& a : d.awardees) {
        archive::AwardeeRecord ar;
        ar.kind = model::toString(a.kind);
        ar.ordinal = a.ordinal;
        ar.name = a.name;
        ar.position = a.position;
        ar.unit = a.unit;
        ar.achievement = a.achievement;
        if (a.kind == model::NomineeKind::Individual) {
            ar.category = model::toString(a.category);
            ar.gender = model::toString(a.gender);
            ar.birthYear = a.birthYear;
        }
        ar.certificateFile = a.certificateFile;
        r.awardees.push_back(std::move(ar));
    }
    return r;
}

} // namespace tdkt::job
