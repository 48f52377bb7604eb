#include "archive/metadata.hpp"

#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml_writer.hpp"
#include "pipeline/model/history_xml.hpp"

#include <cstdio>
#include <libxml/tree.h>
#include <memory>

namespace tdkt::archive {
namespace {

constexpr const char* kDefaultMode = "Công khai";

std::string oneLine(std::string s) {
    for (char& c : s) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return s;
}

std::string twoDigits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

std::string fourDigits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", n);
    return buf;
}

using Writer = core::XmlWriter;

// "05/QĐ-UBND" -> {"05", "QĐ-UBND"}.
std::pair<std::string, std::string> splitNumberText(const DecisionRecord& r) {
    auto slash = r.numberText.find('/');
    if (slash == std::string::npos) {
        return {twoDigits(r.number), r.notation};
    }
    return {r.numberText.substr(0, slash), r.numberText.substr(slash + 1)};
}

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        out += (out.empty() ? "" : " ") + id;
    }
    return out;
}

void writeAwardee(Writer& w, const AwardeeRecord& a) {
    w.start("awardee");
    w.attr("kind", model::toString(a.kind));
    w.attr("part", std::to_string(a.part));
    if (a.source > 0) {
        w.attr("source", std::to_string(a.source));
    }
    w.attr("ordinal", std::to_string(a.ordinal));
    w.optionalAttr("nominee", a.nomineeId);
    w.optionalAttr("honorific", a.honorific);
    if (a.category) {
        w.attr("category", model::toString(*a.category));
    }
    if (a.gender) {
        w.attr("gender", model::toString(*a.gender));
    }
    if (a.birthYear > 0) {
        w.attr("birthYear", fourDigits(a.birthYear));
    }
    w.optionalAttr("birthDate", a.birthDate);
    if (a.enterprise) {
        w.attr("enterprise", "true");
    }
    w.optionalAttr("initiatives", joined(a.initiatives));
    w.optionalAttr("certificate", a.certificateFile);
    if (a.goldenBook > 0) {
        w.attr("goldenBook", std::to_string(a.goldenBook));
    }
    if (a.amount) {
        w.attr("amount", std::to_string(*a.amount));
    }
    w.element("name", a.name);
    w.optional("position", a.position);
    w.optional("unit", a.unit);
    w.optional("achievement", a.achievement);
    w.optional("headName", a.headName);
    w.optional("address", a.address);
    if (!a.representative.empty()) {
        w.start("representative");
        w.optionalAttr("honorific", a.representative.honorific);
        w.optionalAttr("position", a.representative.position);
        if (a.representative.gender) {
            w.attr("gender", model::toString(*a.representative.gender));
        }
        w.text(a.representative.name);
        w.end();
    }
    w.optional("inscription", a.inscription);
    model::writeHistory(w, a.history);
    w.end();
}

void writeAward(Writer& w, const AwardRecord& a) {
    w.start("award");
    w.attr("id", a.id);
    w.attr("kind", a.kind);
    w.attr("class", model::toString(a.awardClass));
    if (a.rank > 0) {
        w.attr("rank", std::to_string(a.rank));
    }
    w.attr("mode", model::toString(a.mode));
    if (!a.statisticsForm.empty() && a.statisticsColumn > 0) {
        w.attr("statisticsForm", a.statisticsForm);
        w.attr("statisticsColumn", std::to_string(a.statisticsColumn));
    }
    w.element("formName", a.name);
    w.optional("period", a.period);
    w.optional("artefactName", a.artefactName);
    w.end();
}

void writeSources(Writer& w, const std::vector<SourceRecord>& sources) {
    if (sources.empty()) {
        return;
    }
    w.start("sources");
    for (const auto& s : sources) {
        w.start("source");
        w.attr("file", s.file);
        w.attr("sha256", s.sha256);
        w.optionalAttr("copy", s.copy);
        w.attr("unit", s.unitCode);
        if (s.roundYear > 0) {
            w.attr("roundYear", std::to_string(s.roundYear));
        }
        w.element("unitName", s.unitName);
        w.optional("round", s.roundName);
        if (!s.submissionNumber.empty()) {
            w.start("submission");
            w.optionalAttr("date", s.submissionDate);
            w.text(s.submissionNumber);
            w.end();
        }
        w.end();
    }
    w.end();
}

void writeDocuments(Writer& w, const std::vector<DocumentRecord>& docs) {
    if (docs.empty()) {
        return;
    }
    w.start("documents");
    for (const auto& d : docs) {
        w.start("document");
        w.attr("kind", model::toString(d.kind));
        if (d.source > 0) {
            w.attr("source", std::to_string(d.source));
        }
        w.optionalAttr("date", d.date);
        w.optionalAttr("file", d.file);
        w.optionalAttr("sha256", d.sha256);
        w.optional("number", d.number);
        w.optional("signer", d.signer);
        w.optional("title", d.title);
        w.end();
    }
    w.end();
}

int toInt(const std::string& s) {
    try {
        return s.empty() ? 0 : std::stoi(s);
    } catch (const std::exception&) {
        return 0;
    }
}

namespace x = core::xml;

// Bags filed before the award catalogue recorded the form instead of the kind.
std::string kindOfLegacyForm(const std::string& form) {
    if (form == "BangKhen") {
        return "bang-khen-tinh";
    }
    return form == "GiayKhen" ? "giay-khen" : form;
}

AwardRecord readAward(const xmlNode* n) {
    AwardRecord a;
    a.id = x::attr(n, "id");
    a.kind = x::hasAttr(n, "kind") ? x::attr(n, "kind") : kindOfLegacyForm(x::attr(n, "form"));
    a.name = x::childText(n, "formName");
    a.awardClass =
        x::attr(n, "class") == "title" ? model::AwardClass::Title : model::AwardClass::Form;
    a.rank = toInt(x::attr(n, "rank"));
    model::parse(x::attr(n, "mode", "regular"), a.mode);
    a.period = x::childText(n, "period");
    a.artefactName = x::childText(n, "artefactName");
    a.statisticsForm = x::attr(n, "statisticsForm");
    a.statisticsColumn = toInt(x::attr(n, "statisticsColumn"));
    if (!x::hasAttr(n, "kind") && a.artefactName.empty()) {
        a.artefactName = a.name; // a Bằng khen / Giấy khen of an older bag
    }
    return a;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string::npos) {
            j = text.size();
        }
        if (j > i) {
            out.push_back(text.substr(i, j - i));
        }
        i = j + 1;
    }
    return out;
}

AwardeeRecord readAwardee(const xmlNode* n) {
    AwardeeRecord a;
    model::parse(x::attr(n, "kind"), a.kind);
    a.part = toInt(x::attr(n, "part"));
    a.source = toInt(x::attr(n, "source"));
    a.ordinal = toInt(x::attr(n, "ordinal"));
    a.nomineeId = x::attr(n, "nominee");
    a.honorific = x::attr(n, "honorific");
    model::PersonCategory category;
    if (model::parse(x::attr(n, "category"), category)) {
        a.category = category;
    }
    model::Gender gender;
    if (model::parse(x::attr(n, "gender"), gender)) {
        a.gender = gender;
    }
    a.birthYear = toInt(x::attr(n, "birthYear"));
    a.birthDate = x::attr(n, "birthDate");
    const std::string enterprise = x::attr(n, "enterprise");
    a.enterprise = enterprise == "true" || enterprise == "1";
    a.initiatives = words(x::attr(n, "initiatives"));
    a.certificateFile = x::attr(n, "certificate");
    a.goldenBook = toInt(x::attr(n, "goldenBook"));
    if (const std::string amount = x::attr(n, "amount"); !amount.empty()) {
        try {
            a.amount = std::stoll(amount);
        } catch (const std::exception&) {
            // The schema accepted it as a non-negative integer; only overflow gets here.
        }
    }
    a.name = x::childText(n, "name");
    a.position = x::childText(n, "position");
    a.unit = x::childText(n, "unit");
    a.achievement = x::childText(n, "achievement");
    a.headName = x::childText(n, "headName");
    a.address = x::childText(n, "address");
    if (const xmlNode* rep = x::firstChild(n, "representative")) {
        a.representative.name = x::text(rep);
        a.representative.honorific = x::attr(rep, "honorific");
        a.representative.position = x::attr(rep, "position");
        if (model::parse(x::attr(rep, "gender"), gender)) {
            a.representative.gender = gender;
        }
    }
    a.inscription = x::childText(n, "inscription");
    a.history = model::readHistory(x::firstChild(n, "history"), {});
    return a;
}

} // namespace

const AwardRecord* awardOf(const DecisionRecord& r, const AwardeeRecord& a) {
    if (a.part < 0 || static_cast<std::size_t>(a.part) >= r.awards.size()) {
        return nullptr;
    }
    return &r.awards[static_cast<std::size_t>(a.part)];
}

void joinAwards(DecisionRecord& r) {
    r.awardId.clear();
    r.awardKind.clear();
    r.awardKindName.clear();
    for (const auto& a : r.awards) {
        r.awardId += (r.awardId.empty() ? "" : "+") + a.id;
        r.awardKind += (r.awardKind.empty() ? "" : "+") + a.kind;
        r.awardKindName += (r.awardKindName.empty() ? "" : ", ") + a.name;
    }
}

std::string docCodeOf(const DecisionRecord& r) {
    return r.issuerCode + "." + std::to_string(r.year) + "." + twoDigits(r.number);
}

std::string certificateMetadataPath(const std::string& certificateFile) {
    fs::path p(certificateFile);
    return p.replace_extension(".xml").generic_string();
}

core::Result<Metadata> Metadata::load(const fs::path& schemasDir, RetentionTable retention) {
    auto schema = core::XmlSchema::load(schemasDir / kMetadataSchemaFile);
    if (!schema) {
        return schema.error();
    }
    Metadata m;
    m.m_schema = std::move(schema.value());
    m.m_retention = std::move(retention);
    return m;
}

core::Result<RetentionRule> Metadata::retention(const std::string& kind,
                                                const DecisionRecord& r) const {
    return m_retention.find(kind, r.issuerLevel, r.date);
}

std::string Metadata::maintenanceOf(const std::string& kind, const DecisionRecord& r) const {
    if (kind == kKindDecision && !r.retention.empty()) {
        return r.retention;
    }
    auto rule = retention(kind, r);
    return rule ? rule->period : std::string();
}

std::string Metadata::decisionXml(const DecisionRecord& r) const {
    auto [codeNumber, codeNotation] = splitNumberText(r);
    Writer w;
    w.start("decision");
    w.attr("xmlns", kMetadataNamespace);
    w.attr("schemaVersion", "1.0");

    w.start("document");
    w.element("docCode", docCodeOf(r));
    w.element("typeName", "Quyết định");
    w.element("codeNumber", codeNumber);
    w.optional("codeNotation", codeNotation);
    w.element("issuedDate", r.date);
    w.element("organName", oneLine(r.issuerName));
    w.element("subject", r.subject);
    w.element("language", "vi");
    if (r.pageCount > 0) {
        w.element("pageAmount", std::to_string(r.pageCount));
    }
    w.optional("signerTitle", r.signerTitle);
    w.optional("signerName", r.signerName);
    w.element("maintenance", maintenanceOf(kKindDecision, r));
    w.element("mode", r.accessMode.empty() ? kDefaultMode : r.accessMode);
    w.end();

    w.start("issuer");
    if (!r.issuerId.empty()) {
        w.attr("id", r.issuerId);
    }
    w.attr("code", r.issuerCode);
    if (!r.issuerLevel.empty()) {
        w.attr("level", r.issuerLevel);
    }
    w.element("name", r.issuerName);
    w.optional("notation", r.notation);
    w.end();

    w.start("filing");
    w.attr("year", std::to_string(r.year));
    w.attr("number", std::to_string(r.number));
    if (!r.goldenBookRegister.empty()) {
        w.attr("goldenBookRegister", r.goldenBookRegister);
    }
    w.element("numberText", r.numberText);
    w.element("decisionFile", r.decisionFile);
    w.end();

    for (const auto& award : r.awards) {
        writeAward(w, award);
    }

    w.start("dossier");
    w.attr("file", r.dossierFile);
    w.attr("sha256", r.dossierSha256);
    w.end();

    if (!r.unitCode.empty() || !r.unitName.empty()) {
        w.start("proposingUnit");
        w.attr("code", r.unitCode);
        w.element("name", r.unitName);
        w.end();
    }
    if (!r.roundName.empty()) {
        w.start("round");
        if (r.roundYear > 0) {
            w.attr("year", std::to_string(r.roundYear));
        }
        w.text(r.roundName);
        w.end();
    }
    if (!r.supersedesDir.empty()) {
        w.start("supersedes");
        w.attr("bag", r.supersedesDir);
        w.attr("numberText", r.supersedesNumberText);
        w.end();
    }

    w.start("awardees");
    for (const auto& a : r.awardees) {
        writeAwardee(w, a);
    }
    w.end();
    writeDocuments(w, r.documents);
    writeSources(w, r.sources);
    if (!r.accepted.empty()) {
        w.start("acceptedFindings");
        for (const auto& a : r.accepted) {
            w.start("finding");
            w.attr("code", a.code);
            w.optionalAttr("subject", a.subject);
            w.optionalAttr("field", a.field);
            w.optionalAttr("dossier", a.dossier);
            w.text(a.reason);
            w.end();
        }
        w.end();
    }
    w.end();
    return w.finish();
}

std::string Metadata::certificateXml(const DecisionRecord& r, const AwardeeRecord& a) const {
    Writer w;
    w.start("certificate");
    w.attr("xmlns", kMetadataNamespace);
    w.attr("schemaVersion", "1.0");
    w.start("document");
    // Ordinals restart per section (collectives, individuals); the file name is unique.
    w.element("docCode", docCodeOf(r) + "." + fs::path(a.certificateFile).stem().string());
    const AwardRecord* award = awardOf(r, a);
    const std::string typeName = !award                         ? r.awardKindName
                                 : !award->artefactName.empty() ? award->artefactName
                                                                : award->name;
    w.element("typeName", typeName);
    w.element("issuedDate", r.date);
    w.element("organName", oneLine(r.issuerName));
    w.element("subject", (award ? award->name : r.awardKindName) + " tặng " + a.name);
    w.element("language", "vi");
    w.optional("signerTitle", r.signerTitle);
    w.optional("signerName", r.signerName);
    w.element("maintenance", maintenanceOf(kKindCertificate, r));
    w.element("mode", r.accessMode.empty() ? kDefaultMode : r.accessMode);
    w.end();
    w.start("decisionRef");
    w.attr("docCode", docCodeOf(r));
    w.attr("numberText", r.numberText);
    w.end();
    writeAwardee(w, a);
    w.end();
    return w.finish();
}

std::string Metadata::dossierXml(const DecisionRecord& r) const {
    Writer w;
    w.start("dossierMetadata");
    w.attr("xmlns", kMetadataNamespace);
    w.attr("schemaVersion", "1.0");
    w.element("fileCode", docCodeOf(r) + ".HS");
    std::string title = "Hồ sơ khen thưởng " + r.awardKindName;
    if (!r.roundName.empty()) {
        title += " — " + oneLine(r.roundName);
    }
    if (!r.unitName.empty()) {
        title += " — " + oneLine(r.unitName);
    }
    w.element("title", title + " (Quyết định số " + r.numberText + ")");
    w.element("maintenance", maintenanceOf(kKindAwardDossier, r));
    w.element("mode", r.accessMode.empty() ? kDefaultMode : r.accessMode);
    w.element("language", "vi");
    // Every document of the bag (decision, certificates) carries the decision date; the
    // proposal dossier's own date is not part of the record.
    w.element("startDate", r.date);
    w.element("endDate", r.date);
    int certificates = 0;
    for (const auto& a : r.awardees) {
        certificates += a.certificateFile.empty() ? 0 : 1;
    }
    // The decision, its certificates, the proposal dossier as received and its attached PDFs.
    int attached = 0;
    for (const auto& d : r.documents) {
        attached += d.file.empty() ? 0 : 1;
    }
    w.element("docTotal", std::to_string(2 + certificates + attached));
    // Known when the certificates' pages were counted, or when there are none (a title such as
    // Lao động tiên tiến has no artefact).
    if (r.pageCount > 0 && (r.certificatePages > 0 || certificates == 0)) {
        w.element("pageTotal", std::to_string(r.pageCount + r.certificatePages));
    }
    w.element("description", r.subject + "; " + std::to_string(r.awardees.size()) +
                                 " cá nhân, tập thể, hộ gia đình được khen; kèm hồ sơ đề nghị «" +
                                 r.dossierFile + "»");
    w.start("decisionRef");
    w.attr("docCode", docCodeOf(r));
    w.attr("numberText", r.numberText);
    w.end();
    w.end();
    return w.finish();
}

core::Status Metadata::check(std::string_view bytes, const std::string& displayName,
                             core::Diagnostics& diags) const {
    auto doc = m_schema.parseAndValidate(bytes, displayName, diags);
    if (!doc) {
        return doc.error();
    }
    return {};
}

core::Result<DecisionRecord> Metadata::readDecision(const fs::path& file,
                                                    const std::string& displayName,
                                                    core::Diagnostics& diags) const {
    auto doc = m_schema.parseAndValidateFile(file, displayName, diags);
    if (!doc) {
        return doc.error();
    }
    namespace x = core::xml;
    const xmlNode* root = doc->root();
    if (x::name(root) != "decision") {
        return core::makeError(core::ErrorKind::InputRejected, "A040",
                               "tệp không phải siêu dữ liệu quyết định", {displayName});
    }
    DecisionRecord r;
    const xmlNode* document = x::firstChild(root, "document");
    r.subject = x::childText(document, "subject");
    r.date = x::childText(document, "issuedDate");
    r.pageCount = toInt(x::childText(document, "pageAmount"));
    r.signerTitle = x::childText(document, "signerTitle");
    r.signerName = x::childText(document, "signerName");
    r.retention = x::childText(document, "maintenance");
    r.accessMode = x::childText(document, "mode");

    const xmlNode* issuer = x::firstChild(root, "issuer");
    r.issuerId = x::attr(issuer, "id");
    r.issuerCode = x::attr(issuer, "code");
    r.issuerLevel = x::attr(issuer, "level");
    r.issuerName = x::childText(issuer, "name");
    r.notation = x::childText(issuer, "notation");

    const xmlNode* filing = x::firstChild(root, "filing");
    r.year = toInt(x::attr(filing, "year"));
    r.number = toInt(x::attr(filing, "number"));
    r.numberText = x::childText(filing, "numberText");
    r.goldenBookRegister = x::attr(filing, "goldenBookRegister");
    r.decisionFile = x::childText(filing, "decisionFile");

    for (const xmlNode* n = x::firstChild(root, "award"); n; n = x::nextSibling(n, "award")) {
        r.awards.push_back(readAward(n));
    }
    joinAwards(r);

    const xmlNode* dossier = x::firstChild(root, "dossier");
    r.dossierFile = x::attr(dossier, "file");
    r.dossierSha256 = x::attr(dossier, "sha256");

    if (const xmlNode* unit = x::firstChild(root, "proposingUnit")) {
        r.unitCode = x::attr(unit, "code");
        r.unitName = x::childText(unit, "name");
    }
    r.roundName = x::childText(root, "round");
    if (const xmlNode* round = x::firstChild(root, "round")) {
        r.roundYear = toInt(x::attr(round, "year"));
    }
    if (const xmlNode* supersedes = x::firstChild(root, "supersedes")) {
        r.supersedesDir = x::attr(supersedes, "bag");
        r.supersedesNumberText = x::attr(supersedes, "numberText");
    }

    const xmlNode* awardees = x::firstChild(root, "awardees");
    for (const xmlNode* n = x::firstChild(awardees, "awardee"); n;
         n = x::nextSibling(n, "awardee")) {
        r.awardees.push_back(readAwardee(n));
    }
    for (const xmlNode* n = x::firstChild(x::firstChild(root, "documents"), "document"); n;
         n = x::nextSibling(n, "document")) {
        DocumentRecord d;
        model::parse(x::attr(n, "kind"), d.kind);
        d.source = toInt(x::attr(n, "source"));
        d.date = x::attr(n, "date");
        d.file = x::attr(n, "file");
        d.sha256 = x::attr(n, "sha256");
        d.number = x::childText(n, "number");
        d.signer = x::childText(n, "signer");
        d.title = x::childText(n, "title");
        r.documents.push_back(std::move(d));
    }
    for (const xmlNode* n = x::firstChild(x::firstChild(root, "sources"), "source"); n;
         n = x::nextSibling(n, "source")) {
        SourceRecord src;
        src.file = x::attr(n, "file");
        src.sha256 = x::attr(n, "sha256");
        src.copy = x::attr(n, "copy");
        src.unitCode = x::attr(n, "unit");
        src.roundYear = toInt(x::attr(n, "roundYear"));
        src.unitName = x::childText(n, "unitName");
        src.roundName = x::childText(n, "round");
        if (const xmlNode* tt = x::firstChild(n, "submission")) {
            src.submissionNumber = x::text(tt);
            src.submissionDate = x::attr(tt, "date");
        }
        r.sources.push_back(std::move(src));
    }
    for (const xmlNode* n = x::firstChild(x::firstChild(root, "acceptedFindings"), "finding"); n;
         n = x::nextSibling(n, "finding")) {
        r.accepted.push_back({x::attr(n, "code"), x::attr(n, "subject"), x::attr(n, "field"),
                              x::attr(n, "dossier"), x::text(n)});
    }
    return r;
}

} // namespace tdkt::archive
