// `tdkt config check`: load the configuration as a run does, then list every fact its files
// mark as not verified against a source, with file and line.
#include "pipeline.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/render/layout.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "pipeline/validate/rule_book.hpp"

#include <algorithm>
#include <fstream>
#include <libxml/tree.h>
#include <set>
#include <vector>

namespace tdkt::job {
namespace {

namespace xml = core::xml;

// The configuration files in the order a clerk meets them, with the code of their facts.
struct ConfigFile {
    const char* name;
    const char* code;
    const char* what; // the field column of the finding
};
constexpr ConfigFile kFiles[] = {
    {"issuers.xml", "C021", "cơ quan ban hành"},
    {"award-catalogue.xml", "K020", "danh mục khen thưởng"},
    {"award-money.xml", "M020", "tiền thưởng"},
    {"retention.xml", "A070", "thời hạn bảo quản"},
    {"rules.xml", "K036", "quy tắc kiểm tra"},
    {"printers.xml", "C021", "máy in"},
};

// The attributes that say how sure a value is (and so are not the value).
bool isProvenance(const std::string& name) {
    return name == "verified" || name == "status" || name == "basis" || name == "note";
}

// The attribute that names an element among its siblings ("" when none does).
std::string identityOf(const xmlNode* n) {
    for (const char* key : {"id", "code", "kind", "level", "from"}) {
        if (xml::hasAttr(n, key)) {
            return key;
        }
    }
    return {};
}

// "kind[@id=\"bang-khen-tinh\"]/rule[@from=\"2024-01-01\"]": the element and its ancestors
// below the root, each named by its identifying attribute.
std::string pathOf(const xmlNode* node) {
    std::string path;
    for (const xmlNode* n = node; n && n->parent && n->parent->type == XML_ELEMENT_NODE;
         n = n->parent) {
        std::string step = xml::name(n);
        if (const std::string key = identityOf(n); !key.empty()) {
            step += "[@" + key + "=\"" + xml::attr(n, key.c_str()) + "\"]";
        }
        path = path.empty() ? step : step + "/" + path;
    }
    return path;
}

// The element's own values ("amount=2530000 to=2026-07-01", without the one its path names),
// its basis and note.
std::string describe(const xmlNode* node) {
    const std::string identity = identityOf(node);
    std::string values;
    for (const xmlAttr* a = node->properties; a; a = a->next) {
        const std::string name = reinterpret_cast<const char*>(a->name);
        if (isProvenance(name) || name == identity) {
            continue;
        }
        values += (values.empty() ? "" : " ") + name + "=" + xml::attr(node, name.c_str());
    }
    std::string out = values.empty() ? values : values + "; ";
    // A rule of rules.xml says what it requires and its basis in child elements.
    if (const std::string title = xml::childText(node, "title"); !title.empty()) {
        out += title + "; ";
    }
    std::string basis = xml::attr(node, "basis");
    if (basis.empty()) {
        basis = xml::childText(node, "basis");
    }
    out += basis.empty() ? "chưa ghi căn cứ" : "căn cứ: " + basis;
    const std::string note = xml::attr(node, "note");
    if (!note.empty()) {
        out += "; " + note;
    }
    return out;
}

// The line where an element's start tag begins. libxml2 gives the line where the tag ends; an
// element whose attributes run over several lines is found by looking back for "<name".
int startLine(const std::vector<std::string>& lines, const xmlNode* node) {
    const int end = xml::line(node);
    const std::string open = "<" + xml::name(node);
    for (int l = std::min<int>(end, static_cast<int>(lines.size())); l >= 1 && l > end - 20; --l) {
        const std::string& text = lines[static_cast<std::size_t>(l - 1)];
        for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
            const std::size_t after = at + open.size();
            if (after == text.size() || text[after] == ' ' || text[after] == '>' ||
                text[after] == '/' || text[after] == '\t') {
                return l;
            }
        }
    }
    return end;
}

void collectFacts(const xmlNode* node, const ConfigFile& file, const std::string& display,
                  const std::vector<std::string>& lines, core::Diagnostics& out) {
    for (const xmlNode* n = xml::firstChild(node); n; n = xml::nextSibling(n)) {
        const std::string status = xml::attr(n, "status");
        const bool unverified = xml::attr(n, "verified") == "false" || status == "unverified";
        if (unverified || status == "probable") {
            out.add({unverified ? core::Severity::Warning : core::Severity::Note,
                     file.code,
                     {display, startLine(lines, n), 0},
                     std::string(file.what) + " " + pathOf(n),
                     (unverified ? "chưa xác minh: " : "theo thực tiễn, chưa thấy điều khoản: ") +
                         describe(n)});
        }
        collectFacts(n, file, display, lines, out);
    }
}

// The templates a run may load: the decision's and every artefact the catalogue's rules name.
std::set<std::string> templatesOf(const validate::AwardCatalogue& catalogue) {
    std::set<std::string> names{"decision"};
    for (const auto& entry : catalogue.entries()) {
        for (const auto& rule : entry.rules) {
            if (rule.hasArtefactFile() && !rule.artefactTemplate.empty()) {
                names.insert(rule.artefactTemplate);
            }
        }
    }
    return names;
}

} // namespace

core::Result<ConfigCheckReport> checkConfig(const core::Environment& env) {
    // Issuers, catalogue, money and retention as every run loads them (with their cross-checks).
    auto pipeline = Pipeline::load(env);
    if (!pipeline) {
        return pipeline.error();
    }
    auto printers = render::loadPrinters(env);
    if (!printers) {
        return printers.error();
    }
    auto catalogue = validate::AwardCatalogue::load(env);
    if (!catalogue) {
        return catalogue.error();
    }
    auto rules = validate::RuleBook::load(env, catalogue.value());
    if (!rules) {
        return rules.error();
    }
    ConfigCheckReport report;
    for (const auto& r : rules->rules()) {
        report.rules.push_back({r.code, core::severityId(r.severity), validate::toString(r.kind),
                                r.title, r.basis, r.periodText(), r.verified});
    }
    for (const auto& name : templatesOf(catalogue.value())) {
        auto renderer = render::DocumentRenderer::load(env, name);
        if (!renderer) {
            return renderer.error();
        }
        ++report.templates;
    }
    for (const auto& file : kFiles) {
        const fs::path path = env.configDir() / file.name;
        core::Diagnostics parseProblems;
        auto doc = core::parseXmlFile(path, path.string(), parseProblems);
        if (!doc) {
            core::Error e = doc.error();
            e.details = parseProblems.items();
            return e;
        }
        report.files.push_back(path);
        std::vector<std::string> lines;
        std::ifstream in(path.string(), std::ios::binary);
        for (std::string line; std::getline(in, line);) {
            lines.push_back(line);
        }
        collectFacts(doc->root(), file, path.string(), lines, report.facts);
    }
    return report;
}

} // namespace tdkt::job
