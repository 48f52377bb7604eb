#include "decision_record.hpp"

#include "archive/metadata.hpp"

#include <cstdio>

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
    r.source = a.source;
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
    const model::DecisionSource& first = d.source();
    if (!d.consolidated()) {
        r.dossierFile = first.dossierFile;
        r.dossierSha256 = first.dossierSha256;
        r.unitCode = first.proposingUnit.code;
        r.unitName = first.proposingUnit.name;
        r.roundName = first.round.name;
        r.roundYear = first.round.year;
    } else {
        r.dossierSha256 = d.identity;
        r.roundName = first.round.name;
        r.roundYear = first.round.year;
        for (std::size_t i = 0; i < d.sources.size(); ++i) {
            const model::DecisionSource& s = d.sources[i];
            if (s.round.name != r.roundName) {
                r.roundName = d.parts.front().period.text();
            }
            archive::SourceRecord src;
            src.file = s.dossierFile;
            src.sha256 = s.dossierSha256;
            src.copy = dossierCopyPath(d, i);
            src.unitCode = s.proposingUnit.code;
            src.unitName = s.proposingUnit.name;
            src.roundName = s.round.name;
            src.roundYear = s.round.year;
            src.submissionNumber = s.submission.number;
            src.submissionDate = s.submission.date.valid() ? s.submission.date.iso() : "";
            r.sources.push_back(std::move(src));
        }
    }
    for (const auto& s : d.sources) {
        for (const auto& a : s.accepted) {
            r.accepted.push_back({a.code, a.subject, a.field, s.dossierFile, a.reason});
        }
    }
    r.pageCount = pageCount;
    for (const auto& a : d.awardees) {
        r.awardees.push_back(awardeeRecord(a));
    }
    for (std::size_t i = 0; i < d.sources.size(); ++i) {
        for (const auto& doc : d.sources[i].documents) {
            archive::DocumentRecord dr;
            dr.source = static_cast<int>(i);
            dr.kind = doc.kind;
            dr.number = doc.number;
            dr.date = doc.date.valid() ? doc.date.iso() : std::string();
            dr.signer = doc.signer;
            dr.title = doc.title;
            if (!doc.file.empty()) {
                dr.file = attachmentPath(d, i, doc.file);
                dr.sha256 = doc.fileSha256;
            }
            r.documents.push_back(std::move(dr));
        }
    }
    return r;
}

namespace {

// "001": three digits, so the copies list in order up to a thousand dossiers.
std::string sourceNumber(std::size_t source) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%03zu", source + 1);
    return buf;
}

} // namespace

std::string dossierCopyPath(const model::Decision& d, std::size_t source) {
    if (!d.consolidated()) {
        return "dossier.xml";
    }
    const std::string name = fs::path(d.sources[source].dossierFile).filename().string();
    return "dossiers/" + sourceNumber(source) + "-" + name;
}

std::string attachmentPath(const model::Decision& d, std::size_t source, const std::string& file) {
    if (!d.consolidated()) {
        return "documents/" + file;
    }
    return "documents/" + sourceNumber(source) + "/" + file;
}
} // namespace tdkt::job
