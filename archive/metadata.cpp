#include "archive/metadata.hpp"

#include "pipeline/core/atomic_file.hpp"

#include <cstdio>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
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

// Thin RAII over libxml2's text writer, which does the escaping.
class Writer {
public:
    Writer() : m_buf(xmlBufferCreate()), m_w(xmlNewTextWriterMemory(m_buf, 0)) {
        xmlTextWriterSetIndent(m_w, 1);
        xmlTextWriterSetIndentString(m_w, BAD_CAST "  ");
        xmlTextWriterStartDocument(m_w, nullptr, "UTF-8", nullptr);
    }
    ~Writer() {
        if (m_w) {
            xmlFreeTextWriter(m_w);
        }
        xmlBufferFree(m_buf);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void start(const char* name) { xmlTextWriterStartElement(m_w, BAD_CAST name); }
    void end() { xmlTextWriterEndElement(m_w); }
    xmlTextWriterPtr raw() { return m_w; }
    void attr(const char* name, const std::string& value) {
        xmlTextWriterWriteAttribute(m_w, BAD_CAST name, BAD_CAST value.c_str());
    }
    void element(const char* name, const std::string& value) {
        xmlTextWriterWriteElement(m_w, BAD_CAST name, BAD_CAST value.c_str());
    }
    void optional(const char* name, const std::string& value) {
        if (!value.empty()) {
            element(name, value);
        }
    }
    std::string finish() {
        xmlTextWriterEndDocument(m_w);
        xmlFreeTextWriter(m_w); // flushes into the buffer
        m_w = nullptr;
        return std::string(reinterpret_cast<const char*>(xmlBufferContent(m_buf)),
                           static_cast<std::size_t>(xmlBufferLength(m_buf)));
    }

private:
    xmlBufferPtr m_buf;
    xmlTextWriterPtr m_w;
};

// "05/QĐ-UBND" -> {"05", "QĐ-UBND"}.
std::pair<std::string, std::string> splitNumberText(const DecisionRecord& r) {
    auto slash = r.numberText.find('/');
    if (slash == std::string::npos) {
        return {twoDigits(r.number), r.notation};
    }
    return {r.numberText.substr(0, slash), r.numberText.substr(slash + 1)};
}

void writeAwardee(Writer& w, const AwardeeRecord& a) {
    w.start("awardee");
    w.attr("kind", a.kind);
    w.attr("ordinal", std::to_string(a.ordinal));
    if (!a.category.empty()) {
        w.attr("category", a.category);
    }
    if (!a.gender.empty()) {
        w.attr("gender", a.gender);
    }
    if (a.birthYear > 0) {
        w.attr("birthYear", fourDigits(a.birthYear));
    }
    if (!a.certificateFile.empty()) {
        w.attr("certificate", a.certificateFile);
    }
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
    w.end();
}

int toInt(const std::string& s) {
    try {
        return s.empty() ? 0 : std::stoi(s);
    } catch (const std::exception&) {
        return 0;
    }
}

} // namespace

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

    w.start("award");
    w.attr("id", r.awardId);
    w.attr("form", r.awardForm);
    w.element("formName", r.awardFormName);
    w.end();

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
        xmlTextWriterWriteString(w.raw(), BAD_CAST r.roundName.c_str());
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
    w.element("typeName", r.awardFormName);
    w.element("issuedDate", r.date);
    w.element("organName", oneLine(r.issuerName));
    w.element("subject", r.awardFormName + " tặng " + a.name);
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
    std::string title = "Hồ sơ khen thưởng " + r.awardFormName;
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
    // The decision, its certificates and the proposal dossier as received.
    w.element("docTotal", std::to_string(2 + certificates));
    if (r.certificatePages > 0 && r.pageCount > 0) {
        w.element("pageTotal", std::to_string(r.pageCount + r.certificatePages));
    }
    w.element("description", r.subject + "; " + std::to_string(r.awardees.size()) +
                                 " cá nhân, tập thể được khen; kèm hồ sơ đề nghị «" +
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

    const xmlNode* award = x::firstChild(root, "award");
    r.awardId = x::attr(award, "id");
    r.awardForm = x::attr(award, "form");
    r.awardFormName = x::childText(award, "formName");

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
        AwardeeRecord a;
        a.kind = x::attr(n, "kind");
        a.ordinal = toInt(x::attr(n, "ordinal"));
        a.category = x::attr(n, "category");
        a.gender = x::attr(n, "gender");
        a.birthYear = toInt(x::attr(n, "birthYear"));
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
        r.awardees.push_back(std::move(a));
    }
    return r;
}

} // namespace tdkt::archive
