#include "decision_record.hpp"

#include "archive/metadata.hpp"

namespace tdkt::job {
namespace {

archive::AwardRecord awardRecord(const model::Decision& d, const model::DecisionPart& p) {
    archive::AwardRecord a;
    for (const auto& id : p.proposalIds) {
        a.id += (a.id.empty() ? "" : "+") + id;
    }
    // One part: the decision's key (the same ids) — kept so that a 1.0 award id reads as before.
    if (d.parts.size() == 1) {
        a.id = d.key;
    }
    a.kind = p.kind.id;
    a.name = p.kind.name;
    a.awardClass = p.kind.awardClass;
    a.rank = p.kind.rank;
    a.mode = p.mode;
    a.period = p.period.text();
    if (p.kind.artefact != model::ArtefactKind::None) {
        a.artefactName = p.kind.artefact == model::ArtefactKind::Flag
                             ? "Nội dung thêu " + p.kind.artefactName
                             : p.kind.artefactName;
    }
    a.statisticsForm = p.kind.statisticsForm;
    a.statisticsColumn = p.kind.statisticsColumn;
    return a;
}

archive::AwardeeRecord awardeeRecord(const model::Awardee& a) {
    archive::AwardeeRecord r;
    r.kind = a.kind;
    r.part = a.part;
    r.ordinal = a.ordinal;
    r.name = a.name;
    r.position = a.position;
    r.unit = a.unit;
    r.achievement = a.achievement;
    r.honorific = a.honorific;
    switch (a.kind) {
    case model::NomineeKind::Individual:
        r.category = a.category;
        r.gender = a.gender;
        r.birthYear = a.birthYear;
        r.birthDate = a.birthDate.valid() ? a.birthDate.iso() : std::string();
        break;
    case model::NomineeKind::Household:
        r.gender = a.gender;
        r.birthYear = a.birthYear;
        r.headName = a.headName;
        r.address = a.address;
        break;
    case model::NomineeKind::Collective:
        r.enterprise = a.enterprise;
        // A company without a parent unit gives its address as its unit already.
        break;
    }
    r.representative = a.representative;
    r.nomineeId = a.nomineeId;
    r.initiatives = a.initiativeIds;
    r.history = a.history;
    r.inscription = a.inscription;
    r.certificateFile = a.certificateFile;
    return r;
}

} // namespace

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
    for (const auto& part : d.parts) {
        r.awards.push_back(awardRecord(d, part));
    }
    archive::joinAwards(r);
    const model::DecisionSource& source = d.source();
    r.dossierFile = source.dossierFile;
    r.dossierSha256 = source.dossierSha256;
    r.unitCode = source.proposingUnit.code;
    r.unitName = source.proposingUnit.name;
    r.roundName = source.round.name;
    r.roundYear = source.round.year;
    r.pageCount = pageCount;
    for (const auto& a : d.awardees) {
        r.awardees.push_back(awardeeRecord(a));
    }
    for (const auto& doc : source.documents) {
        archive::DocumentRecord dr;
        dr.kind = doc.kind;
        dr.number = doc.number;
        dr.date = doc.date.valid() ? doc.date.iso() : std::string();
        dr.signer = doc.signer;
        dr.title = doc.title;
        if (!doc.file.empty()) {
            dr.file = attachmentPath(doc.file);
            dr.sha256 = doc.fileSha256;
        }
        r.documents.push_back(std::move(dr));
    }
    return r;
}

std::string attachmentPath(const std::string& file) {
    return "documents/" + file;
}

} // namespace tdkt::job
