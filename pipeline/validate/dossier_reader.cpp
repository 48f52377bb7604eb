#include "dossier_reader.hpp"

#include "pipeline/model/history_xml.hpp"

#include <cstdlib>
#include <libxml/tree.h>

namespace tdkt::validate {

namespace xml = core::xml;
using core::SourceLocation;

namespace {

// Values of date/int/enum types may carry surrounding XML whitespace and still be
// schema-valid; the typed model wants the bare token.
std::string trimmed(std::string s) {
    const char* ws = " \t\r\n";
    std::size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) {
        return {};
    }
    std::size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

model::Date dateOf(const std::string& text) {
    return model::Date::parseIso(trimmed(text)).value_or(model::Date{});
}

int intOf(const std::string& text) {
    return static_cast<int>(std::strtol(trimmed(text).c_str(), nullptr, 10));
}

// A token the schema has already checked; `fallback` only guards against a schema bug.
template <class T> T tokenOf(const std::string& text, T fallback) {
    T out = fallback;
    return model::parse(trimmed(text), out) ? out : fallback;
}

std::vector<std::string> idList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    const std::string s = trimmed(text);
    while (i < s.size()) {
        std::size_t j = s.find_first_of(" \t\r\n", i);
        if (j == std::string::npos) {
            j = s.size();
        }
        if (j > i) {
            out.push_back(s.substr(i, j - i));
        }
        i = j + 1;
    }
    return out;
}

int lineOfChild(const xmlNode* parent, const char* name) {
    const xmlNode* c = xml::firstChild(parent, name);
    return c ? xml::line(c) : xml::line(parent);
}

SourceLocation at(const std::string& file, const xmlNode* n) {
    return {file, xml::line(n), 0};
}

void readUnitAndRound(const xmlNode* root, model::Dossier& d, DossierLines& lines) {
    const xmlNode* unit = xml::firstChild(root, "proposingUnit");
    d.proposingUnit.code = trimmed(xml::attr(unit, "code"));
    d.proposingUnit.name = xml::childText(unit, "name");
    const xmlNode* round = xml::firstChild(root, "round");
    d.round.name = xml::childText(round, "name");
    d.round.year = intOf(xml::childText(round, "year"));
    d.round.movement = xml::childText(round, "movement");
    lines.roundYear = lineOfChild(round, "year");
}

// Version 1.0 ================================================================================

model::Nomination nomination10(const xmlNode* n, const std::string& file) {
    model::Nomination nom;
    nom.proposalId = trimmed(xml::attr(n, "award"));
    nom.achievement = xml::childText(n, "achievement");
    const xmlNode* a = xml::firstChild(n, "achievement");
    nom.where = at(file, a ? a : n);
    return nom;
}

} // namespace

model::Dossier readDossier10(const core::XmlDocument& doc, const std::string& file,
                             DossierLines& lines) {
    model::Dossier d;
    const xmlNode* root = doc.root();
    d.sourceFile = file;
    d.schemaVersion = "1.0";
    readUnitAndRound(root, d, lines);

    for (xmlNode* a = xml::firstChild(xml::firstChild(root, "awards"), "award"); a;
         a = xml::nextSibling(a, "award")) {
        model::Proposal p;
        p.id = trimmed(xml::attr(a, "id"));
        p.kindId = trimmed(xml::attr(a, "form")) == "BangKhen" ? kKindBangKhen : kKindGiayKhen;
        p.issuerId = trimmed(xml::attr(a, "issuer"));
        p.reason = xml::childText(a, "reason");
        p.decisionDate = dateOf(xml::attr(a, "decisionDate"));
        p.period.kind = model::AchievementPeriod::Kind::Year;
        p.period.year = d.round.year;
        p.where = at(file, a);
        d.proposals.push_back(std::move(p));
    }

    // The tờ trình and the biên bản xét are the 1.0 dossier's documents.
    const xmlNode* submission = xml::firstChild(root, "submission");
    model::DossierDocument tt;
    tt.id = "submission";
    tt.kind = model::DocumentKind::Submission;
    tt.number = xml::childText(submission, "number");
    tt.date = dateOf(xml::childText(submission, "date"));
    tt.where = {file, lineOfChild(submission, "date"), 0};
    d.documents.push_back(std::move(tt));
    const xmlNode* review = xml::firstChild(root, "reviewMinutes");
    model::DossierDocument bb;
    bb.id = "reviewMinutes";
    bb.kind = model::DocumentKind::ReviewMinutes;
    bb.date = dateOf(xml::childText(review, "date"));
    bb.where = {file, lineOfChild(review, "date"), 0};
    d.documents.push_back(std::move(bb));

    for (xmlNode* n = xml::firstChild(xml::firstChild(root, "nominees")); n;
         n = xml::nextSibling(n)) {
        model::Nominee m;
        m.id = trimmed(xml::attr(n, "id"));
        m.where = at(file, n);
        if (xml::name(n) == "individual") {
            m.kind = model::NomineeKind::Individual;
            m.name = xml::childText(n, "fullName");
            m.gender = tokenOf(xml::childText(n, "gender"), model::Gender::Male);
            m.birthYear = intOf(xml::childText(n, "birthYear"));
            m.position = xml::childText(n, "position");
            m.workplace = xml::childText(n, "workplace");
            m.category =
                tokenOf(xml::childText(n, "category"), model::PersonCategory::DirectWorker);
        } else {
            m.kind = model::NomineeKind::Collective;
            m.name = xml::childText(n, "name");
            m.parentUnit = xml::childText(n, "parentUnit");
        }
        m.nominations.push_back(nomination10(n, file));
        d.nominees.push_back(std::move(m));
    }
    return d;
}

// Version 2.0 ================================================================================

namespace {

model::AchievementPeriod periodOf(const xmlNode* p) {
    model::AchievementPeriod out;
    using K = model::AchievementPeriod::Kind;
    if (const xmlNode* y = xml::firstChild(p, "year")) {
        out.kind = K::Year;
        out.year = intOf(xml::text(y));
    } else if (const xmlNode* s = xml::firstChild(p, "schoolYear")) {
        out.kind = K::SchoolYear;
        const std::string years = trimmed(xml::text(s)); // "2024-2025", checked by the schema
        out.year = intOf(years.substr(0, 4));
        out.from = {out.year, 9, 1};
        out.to = {intOf(years.substr(5, 4)), 5, 31};
    } else if (const xmlNode* r = xml::firstChild(p, "range")) {
        out.kind = K::Range;
        out.from = dateOf(xml::childText(r, "from"));
        out.to = dateOf(xml::childText(r, "to"));
        out.year = out.from.year;
    } else if (const xmlNode* a = xml::firstChild(p, "act")) {
        out.kind = K::Act;
        out.from = dateOf(xml::text(a));
        out.year = out.from.year;
    }
    return out;
}

model::DossierDocument document20(const xmlNode* n, const std::string& file) {
    model::DossierDocument doc;
    doc.id = trimmed(xml::attr(n, "id"));
    doc.kind = tokenOf(xml::attr(n, "kind"), model::DocumentKind::Other);
    doc.number = xml::childText(n, "number");
    doc.date = dateOf(xml::childText(n, "date"));
    doc.signer = xml::childText(n, "signer");
    doc.title = xml::childText(n, "title");
    if (const xmlNode* f = xml::firstChild(n, "file")) {
        doc.file = trimmed(xml::text(f));
        doc.fileSha256 = trimmed(xml::attr(f, "sha256"));
    }
    doc.proposalIds = idList(xml::attr(n, "proposals"));
    doc.nomineeIds = idList(xml::attr(n, "nominees"));
    doc.initiativeIds = idList(xml::attr(n, "initiatives"));
    doc.where = at(file, n);
    return doc;
}

model::Proposal proposal20(const xmlNode* n, const std::string& file) {
    model::Proposal p;
    p.id = trimmed(xml::attr(n, "id"));
    p.kindId = trimmed(xml::attr(n, "award"));
    p.issuerId = trimmed(xml::attr(n, "issuer"));
    p.reason = xml::childText(n, "reason");
    p.decisionDate = dateOf(xml::attr(n, "decisionDate"));
    p.mode = tokenOf(xml::attr(n, "mode", "regular"), model::AwardMode::Regular);
    p.period = periodOf(xml::firstChild(n, "period"));
    p.where = at(file, n);
    return p;
}

model::Representative representative20(const xmlNode* r) {
    model::Representative out;
    if (r) {
        out.honorific = xml::childText(r, "honorific");
        out.name = xml::childText(r, "fullName");
        out.position = xml::childText(r, "position");
        if (xml::firstChild(r, "gender")) {
            out.gender = tokenOf(xml::childText(r, "gender"), model::Gender::Male);
        }
    }
    return out;
}

void readNominations(const xmlNode* n, const std::string& file, model::Nominee& m) {
    for (xmlNode* c = xml::firstChild(n, "nomination"); c; c = xml::nextSibling(c, "nomination")) {
        model::Nomination nom;
        nom.proposalId = trimmed(xml::attr(c, "proposal"));
        nom.achievement = xml::childText(c, "achievement");
        nom.initiativeIds = idList(xml::attr(c, "initiatives"));
        nom.where = at(file, c);
        m.nominations.push_back(std::move(nom));
    }
}

model::Nominee nominee20(const xmlNode* n, const std::string& file) {
    model::Nominee m;
    m.id = trimmed(xml::attr(n, "id"));
    m.where = at(file, n);
    const std::string element = xml::name(n);
    if (element == "individual") {
        m.kind = model::NomineeKind::Individual;
        m.honorific = xml::childText(n, "honorific");
        m.name = xml::childText(n, "fullName");
        m.gender = tokenOf(xml::childText(n, "gender"), model::Gender::Male);
        if (xml::firstChild(n, "birthDate")) {
            m.birthDate = dateOf(xml::childText(n, "birthDate"));
            m.birthYear = m.birthDate.year;
        } else {
            m.birthYear = intOf(xml::childText(n, "birthYear"));
        }
        m.position = xml::childText(n, "position");
        m.workplace = xml::childText(n, "workplace");
        m.category = tokenOf(xml::childText(n, "category"), model::PersonCategory::DirectWorker);
    } else if (element == "collective") {
        m.kind = model::NomineeKind::Collective;
        m.name = xml::childText(n, "name");
        m.parentUnit = xml::childText(n, "parentUnit");
        m.address = xml::childText(n, "address");
        const std::string enterprise = trimmed(xml::attr(n, "enterprise"));
        m.enterprise = enterprise == "true" || enterprise == "1";
        m.representative = representative20(xml::firstChild(n, "representative"));
    } else {
        m.kind = model::NomineeKind::Household;
        m.name = xml::childText(n, "name");
        const xmlNode* head = xml::firstChild(n, "head");
        m.headHonorific = xml::childText(head, "honorific");
        m.headName = xml::childText(head, "fullName");
        m.headGender = tokenOf(xml::childText(head, "gender"), model::Gender::Male);
        m.headBirthYear = intOf(xml::childText(head, "birthYear"));
        m.address = xml::childText(n, "address");
        m.representative = representative20(xml::firstChild(n, "representative"));
    }
    readNominations(n, file, m);
    m.history = model::readHistory(xml::firstChild(n, "history"), file);
    return m;
}

} // namespace

model::Dossier readDossier20(const core::XmlDocument& doc, const std::string& file,
                             DossierLines& lines) {
    model::Dossier d;
    const xmlNode* root = doc.root();
    d.sourceFile = file;
    d.schemaVersion = "2.0";
    readUnitAndRound(root, d, lines);
    for (xmlNode* n = xml::firstChild(xml::firstChild(root, "documents"), "document"); n;
         n = xml::nextSibling(n, "document")) {
        d.documents.push_back(document20(n, file));
    }
    for (xmlNode* n = xml::firstChild(xml::firstChild(root, "proposals"), "proposal"); n;
         n = xml::nextSibling(n, "proposal")) {
        d.proposals.push_back(proposal20(n, file));
    }
    for (xmlNode* n = xml::firstChild(xml::firstChild(root, "nominees")); n;
         n = xml::nextSibling(n)) {
        d.nominees.push_back(nominee20(n, file));
    }
    return d;
}

std::string rootNamespace(const core::XmlDocument& doc) {
    const xmlNode* root = doc.root();
    if (!root || !root->ns || !root->ns->href) {
        return {};
    }
    return reinterpret_cast<const char*>(root->ns->href);
}

} // namespace tdkt::validate
