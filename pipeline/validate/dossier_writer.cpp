#include "dossier_writer.hpp"

#include "dossier_reader.hpp"
#include "pipeline/core/xml_writer.hpp"
#include "pipeline/model/history_xml.hpp"

namespace tdkt::validate {
namespace {

using Writer = core::XmlWriter;

// <name>YYYY-MM-DD</name>, left out for an unknown date.
void dateElement(Writer& w, const char* name, const model::Date& d) {
    if (d.valid()) {
        w.element(name, d.iso());
    }
}

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        out += (out.empty() ? "" : " ") + id;
    }
    return out;
}

void writeDocument(Writer& w, const model::DossierDocument& d) {
    w.start("document");
    w.attr("id", d.id);
    w.attr("kind", model::toString(d.kind));
    w.optionalAttr("proposals", joined(d.proposalIds));
    w.optionalAttr("nominees", joined(d.nomineeIds));
    w.optionalAttr("initiatives", joined(d.initiativeIds));
    w.optional("number", d.number);
    dateElement(w, "date", d.date);
    w.optional("signer", d.signer);
    w.optional("title", d.title);
    if (!d.file.empty()) {
        w.start("file");
        w.optionalAttr("sha256", d.fileSha256);
        w.text(d.file);
        w.end();
    }
    w.end();
}

void writePeriod(Writer& w, const model::AchievementPeriod& p) {
    using K = model::AchievementPeriod::Kind;
    w.start("period");
    switch (p.kind) {
    case K::Year:
        w.element("year", std::to_string(p.year));
        break;
    case K::SchoolYear:
        w.element("schoolYear", std::to_string(p.year) + "-" + std::to_string(p.year + 1));
        break;
    case K::Range:
        w.start("range");
        dateElement(w, "from", p.from);
        dateElement(w, "to", p.to);
        w.end();
        break;
    case K::Act:
        dateElement(w, "act", p.from);
        break;
    }
    w.end();
}

void writeProposal(Writer& w, const model::Proposal& p) {
    w.start("proposal");
    w.attr("id", p.id);
    w.attr("award", p.kindId);
    w.attr("issuer", p.issuerId);
    if (p.decisionDate.valid()) {
        w.attr("decisionDate", p.decisionDate.iso());
    }
    if (p.mode != model::AwardMode::Regular) {
        w.attr("mode", model::toString(p.mode));
    }
    writePeriod(w, p.period);
    w.optional("reason", p.reason);
    w.end();
}

void writeRepresentative(Writer& w, const model::Representative& r) {
    if (r.empty()) {
        return;
    }
    w.start("representative");
    w.optional("honorific", r.honorific);
    w.element("fullName", r.name);
    if (r.gender) {
        w.element("gender", model::toString(*r.gender));
    }
    w.optional("position", r.position);
    w.end();
}

void writeNominations(Writer& w, const model::Nominee& n) {
    for (const auto& nom : n.nominations) {
        w.start("nomination");
        w.attr("proposal", nom.proposalId);
        w.optionalAttr("initiatives", joined(nom.initiativeIds));
        w.optional("achievement", nom.achievement);
        w.end();
    }
}

void writeNominee(Writer& w, const model::Nominee& n) {
    switch (n.kind) {
    case model::NomineeKind::Individual:
        w.start("individual");
        w.attr("id", n.id);
        w.optional("honorific", n.honorific);
        w.element("fullName", n.name);
        w.element("gender", model::toString(n.gender));
        if (n.birthDate.valid()) {
            w.element("birthDate", n.birthDate.iso());
        } else {
            w.element("birthYear", std::to_string(n.birthYear));
        }
        w.element("position", n.position);
        w.element("workplace", n.workplace);
        w.element("category", model::toString(n.category));
        break;
    case model::NomineeKind::Collective:
        w.start("collective");
        w.attr("id", n.id);
        if (n.enterprise) {
            w.attr("enterprise", "true");
        }
        w.element("name", n.name);
        w.optional("parentUnit", n.parentUnit);
        w.optional("address", n.address);
        writeRepresentative(w, n.representative);
        break;
    case model::NomineeKind::Household:
        w.start("household");
        w.attr("id", n.id);
        w.optional("name", n.name);
        w.start("head");
        w.optional("honorific", n.headHonorific);
        w.element("fullName", n.headName);
        w.element("gender", model::toString(n.headGender));
        if (n.headBirthYear > 0) {
            w.element("birthYear", std::to_string(n.headBirthYear));
        }
        w.end();
        w.element("address", n.address);
        writeRepresentative(w, n.representative);
        break;
    }
    writeNominations(w, n);
    model::writeHistory(w, n.history);
    w.end();
}

} // namespace

std::string writeDossier20(const model::Dossier& d) {
    Writer w;
    w.start("dossier");
    w.attr("xmlns", kDossierNamespace20);
    w.attr("schemaVersion", "2.0");
    w.start("proposingUnit");
    w.attr("code", d.proposingUnit.code);
    w.element("name", d.proposingUnit.name);
    w.end();
    w.start("round");
    w.element("name", d.round.name);
    w.element("year", std::to_string(d.round.year));
    w.optional("movement", d.round.movement);
    w.end();
    w.start("documents");
    for (const auto& doc : d.documents) {
        writeDocument(w, doc);
    }
    w.end();
    w.start("proposals");
    for (const auto& p : d.proposals) {
        writeProposal(w, p);
    }
    w.end();
    w.start("nominees");
    for (const auto& n : d.nominees) {
        writeNominee(w, n);
    }
    w.end();
    w.end();
    return w.finish();
}

} // namespace tdkt::validate
