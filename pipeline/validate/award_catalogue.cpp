#include "award_catalogue.hpp"

#include "codes.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>
#include <map>

namespace tdkt::validate {

using core::Diagnostics;
using core::ErrorKind;
namespace xml = core::xml;

struct AwardCatalogue::Data {
    fs::path source;
    std::vector<CatalogueEntry> entries; // in file order
    std::map<std::string, std::size_t, std::less<>> byId;
    std::map<std::string, std::size_t, std::less<>> byKey; // folded id, names and aliases
    std::string combinedSubject;
    std::string combinedListTitle;
};

bool KindAuthority::covers(const model::Date& on) const {
    return (!from || *from <= on) && (!to || on < *to);
}

namespace {

// The lookup key of a name: diacritics, case, spaces and punctuation all ignored, so that
// "Lao động tiên tiến", "lao-dong-tien-tien" and "LAO ĐỘNG TIÊN TIẾN" meet; "LĐTT" → "ldtt".
std::string foldKey(std::string_view text) {
    std::string out;
    for (char c : text::searchKey(text)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        }
    }
    return out;
}

std::optional<model::Date> optionalDate(const xmlNode* n, const char* name) {
    if (!xml::hasAttr(n, name)) {
        return std::nullopt;
    }
    return model::Date::parseIso(xml::attr(n, name));
}

bool boolAttr(const xmlNode* n, const char* name, bool fallback) {
    if (!xml::hasAttr(n, name)) {
        return fallback;
    }
    const std::string v = xml::attr(n, name);
    return v == "true" || v == "1";
}

std::vector<model::NomineeKind> recipientsOf(const std::string& list) {
    std::vector<model::NomineeKind> out;
    std::size_t i = 0;
    while (i < list.size()) {
        std::size_t j = list.find_first_of(" \t\r\n", i);
        if (j == std::string::npos) {
            j = list.size();
        }
        model::NomineeKind k;
        if (j > i && model::parse(std::string_view(list).substr(i, j - i), k)) {
            out.push_back(k);
        }
        i = j + 1;
    }
    return out;
}

model::ArtefactKind artefactOf(const std::string& token) {
    if (token == "certificate") {
        return model::ArtefactKind::Certificate;
    }
    return token == "flag" ? model::ArtefactKind::Flag : model::ArtefactKind::None;
}

// One <rule> as a complete AwardKind (the kind's own fields copied in).
model::AwardKind readRule(const xmlNode* r, const CatalogueEntry& e, Diagnostics& diags) {
    model::AwardKind k;
    k.id = e.id;
    k.awardClass = e.awardClass;
    k.name = e.name;
    k.fullName = e.fullName;
    k.ruleFrom = model::Date::parseIso(xml::attr(r, "from")).value_or(model::Date{});
    k.ruleTo = optionalDate(r, "to");
    k.basis = xml::attr(r, "basis");
    k.verified = boolAttr(r, "verified", true);
    k.note = xml::attr(r, "note");
    k.recipients = recipientsOf(xml::childText(r, "recipients"));
    k.rank = std::atoi(xml::childText(r, "rank").c_str());
    k.achievementRequired = xml::childText(r, "achievement") == "required";
    if (const xmlNode* w = xml::firstChild(r, "wording")) {
        k.verb = xml::attr(w, "verb");
        k.subjectPattern = xml::childText(w, "subject");
        k.article1Pattern = xml::childText(w, "article1");
        k.clausePattern = xml::childText(w, "clause");
        k.listTitlePattern = xml::childText(w, "listTitle");
    }
    const xmlNode* a = xml::firstChild(r, "artefact");
    k.artefact = artefactOf(xml::attr(a, "kind"));
    k.artefactName = xml::attr(a, "name");
    k.artefactTemplate = xml::attr(a, "template");
    k.goldenBook = boolAttr(a, "goldenBook", false);
    k.inscriptionPattern = xml::childText(a, "inscription");
    const xmlNode* m = xml::firstChild(r, "money");
    const bool none = boolAttr(m, "none", false);
    if (none == xml::hasAttr(m, "form")) {
        diags.error(codes::kCatalogueBadRule, {e.where.file, xml::line(m), 0},
                    "kind[@id=\"" + e.id + "\"]/rule/money",
                    "ghi đúng một trong hai: form=\"<mã trong award-money.xml>\" hoặc "
                    "none=\"true\" (không có tiền thưởng)");
    }
    k.moneyForm = none ? std::string() : xml::attr(m, "form");
    k.moneyBasis = xml::attr(m, "basis");
    k.moneyVerified = boolAttr(m, "verified", true);
    if (const xmlNode* s = xml::firstChild(r, "statistics")) {
        k.statisticsForm = xml::attr(s, "form");
        k.statisticsColumn = std::atoi(xml::attr(s, "column").c_str());
        k.statisticsLabel = xml::attr(s, "label");
    }
    return k;
}

CatalogueEntry readKind(const xmlNode* n, const std::string& file, Diagnostics& diags) {
    CatalogueEntry e;
    e.id = xml::attr(n, "id");
    e.awardClass =
        xml::attr(n, "class") == "title" ? model::AwardClass::Title : model::AwardClass::Form;
    e.name = xml::childText(n, "name");
    e.fullName = xml::childText(n, "fullName");
    e.where = {file, xml::line(n), 0};
    for (xmlNode* a = xml::firstChild(n, "alias"); a; a = xml::nextSibling(a, "alias")) {
        e.aliases.push_back(xml::text(a));
    }
    for (xmlNode* g = xml::firstChild(n, "grantedBy"); g; g = xml::nextSibling(g, "grantedBy")) {
        KindAuthority auth;
        auth.level = xml::attr(g, "level");
        auth.from = optionalDate(g, "from");
        auth.to = optionalDate(g, "to");
        auth.basis = xml::attr(g, "basis");
        auth.verified = boolAttr(g, "verified", true);
        e.grantedBy.push_back(std::move(auth));
    }
    for (xmlNode* r = xml::firstChild(n, "rule"); r; r = xml::nextSibling(r, "rule")) {
        e.rules.push_back(readRule(r, e, diags));
    }
    std::stable_sort(e.rules.begin(), e.rules.end(),
                     [](const model::AwardKind& a, const model::AwardKind& b) {
                         return a.ruleFrom < b.ruleFrom;
                     });
    return e;
}

// What the schema cannot say about one kind.
void checkKind(const CatalogueEntry& e, Diagnostics& diags) {
    auto fail = [&](const char* code, const std::string& field, const std::string& message) {
        diags.error(code, e.where, "kind[@id=\"" + e.id + "\"]" + field, message);
    };
    for (std::size_t i = 0; i < e.rules.size(); ++i) {
        const model::AwardKind& r = e.rules[i];
        if (r.ruleTo && !(r.ruleFrom < *r.ruleTo)) {
            fail(codes::kCatalogueBadPeriod, "/rule/@to",
                 "ngày hết hiệu lực " + model::dateShort(*r.ruleTo) + " không sau ngày bắt đầu " +
                     model::dateShort(r.ruleFrom));
        }
        if (i + 1 < e.rules.size() && (!r.ruleTo || e.rules[i + 1].ruleFrom < *r.ruleTo)) {
            fail(codes::kCatalogueRulesOverlap, "/rule",
                 "hai quy định cùng áp dụng từ ngày " + model::dateShort(e.rules[i + 1].ruleFrom) +
                     "; mỗi ngày chỉ được có một quy định cho một loại khen thưởng");
        }
        std::vector<model::NomineeKind> seen;
        for (model::NomineeKind k : r.recipients) {
            if (std::find(seen.begin(), seen.end(), k) != seen.end()) {
                fail(codes::kCatalogueBadRule, "/rule/recipients",
                     std::string("đối tượng «") + model::displayName(k) + "» ghi hai lần");
            }
            seen.push_back(k);
        }
        if (r.artefact != model::ArtefactKind::None && r.artefactName.empty()) {
            fail(codes::kCatalogueBadRule, "/rule/artefact/@name", "hiện vật phải có tên");
        }
        if (r.artefact == model::ArtefactKind::Flag && r.inscriptionPattern.empty() &&
            !r.artefactTemplate.empty()) {
            fail(codes::kCatalogueBadRule, "/rule/artefact/inscription",
                 "cờ thi đua phải có nội dung thêu (inscription)");
        }
    }
    // A kind that some local body may grant must be issuable on every date of its windows:
    // wording, the artefact's template and money (or none) in each rule.
    const bool issuable = std::any_of(e.grantedBy.begin(), e.grantedBy.end(),
                                      [](const KindAuthority& a) { return a.level != "state"; });
    for (const KindAuthority& a : e.grantedBy) {
        if (a.from && a.to && !(*a.from < *a.to)) {
            fail(codes::kCatalogueBadPeriod, "/grantedBy/@to",
                 "thẩm quyền của cấp «" + a.level + "» kết thúc " + model::dateShort(*a.to) +
                     " không sau ngày bắt đầu " + model::dateShort(*a.from));
        }
    }
    if (!issuable) {
        return;
    }
    for (const model::AwardKind& r : e.rules) {
        if (r.subjectPattern.empty()) {
            fail(codes::kCatalogueNotIssuable, "/rule/wording",
                 "loại khen thưởng do cơ quan địa phương quyết định phải có lời văn quyết định "
                 "(<wording>) trong quy định từ ngày " +
                     model::dateShort(r.ruleFrom));
        }
        if (r.artefact != model::ArtefactKind::None && r.artefactTemplate.empty()) {
            fail(codes::kCatalogueNotIssuable, "/rule/artefact/@template",
                 "hiện vật «" + r.artefactName +
                     "» phải có mẫu in (template) trong quy định từ "
                     "ngày " +
                     model::dateShort(r.ruleFrom));
        }
    }
}

} // namespace

core::Result<AwardCatalogue> AwardCatalogue::load(const core::Environment& env) {
    return load(env.configDir() / "award-catalogue.xml", env.schemasDir());
}

core::Result<AwardCatalogue> AwardCatalogue::load(const fs::path& file,
                                                  const fs::path& schemasDir) {
    const std::string display = file.string();
    auto schema = core::XmlSchema::load(schemasDir / "award-catalogue-1.0.xsd");
    if (!schema) {
        return schema.error();
    }
    auto bytes = core::readFile(file);
    if (!bytes) {
        return core::makeError(ErrorKind::Config, codes::kCatalogueUnreadable,
                               "không đọc được danh mục khen thưởng: " + bytes.error().message,
                               {display});
    }
    Diagnostics diags;
    auto doc = schema->parseAndValidate(bytes.value(), display, diags);
    auto configError = [&](std::string message) {
        core::Error e = core::makeError(ErrorKind::Config, codes::kCatalogueInvalid,
                                        std::move(message), {display});
        e.details = diags.items();
        return e;
    };
    if (!doc) {
        return configError("danh mục khen thưởng không hợp lệ");
    }
    auto data = std::make_shared<Data>();
    data->source = file;
    const xmlNode* root = doc->root();
    const xmlNode* combined = xml::firstChild(root, "combined");
    data->combinedSubject = xml::childText(combined, "subject");
    data->combinedListTitle = xml::childText(combined, "listTitle");
    for (xmlNode* k = xml::firstChild(root, "kind"); k; k = xml::nextSibling(k, "kind")) {
        data->entries.push_back(readKind(k, display, diags));
    }
    for (std::size_t i = 0; i < data->entries.size(); ++i) {
        const CatalogueEntry& e = data->entries[i];
        checkKind(e, diags);
        data->byId.emplace(e.id, i);
        std::vector<std::string> keys = {e.id, e.name, e.fullName};
        keys.insert(keys.end(), e.aliases.begin(), e.aliases.end());
        for (const std::string& name : keys) {
            auto [it, fresh] = data->byKey.emplace(foldKey(name), i);
            if (!fresh && it->second != i) {
                diags.error(
                    codes::kCatalogueAliasShared, e.where, "kind[@id=\"" + e.id + "\"]/alias",
                    "tên «" + name + "» cũng là tên của loại «" + data->entries[it->second].id +
                        "»; mỗi tên gọi chỉ được chỉ một loại khen thưởng");
            }
        }
    }
    if (diags.hasErrors()) {
        return configError("danh mục khen thưởng có lỗi");
    }
    return AwardCatalogue(std::move(data));
}

const CatalogueEntry* AwardCatalogue::find(std::string_view id) const {
    auto it = m_data->byId.find(id);
    return it == m_data->byId.end() ? nullptr : &m_data->entries[it->second];
}

std::optional<model::AwardKind> AwardCatalogue::at(std::string_view id,
                                                   const model::Date& on) const {
    const CatalogueEntry* e = find(id);
    if (!e) {
        return std::nullopt;
    }
    for (const model::AwardKind& r : e->rules) {
        if (r.ruleFrom <= on && (!r.ruleTo || on < *r.ruleTo)) {
            return r;
        }
    }
    return std::nullopt;
}

const KindAuthority* AwardCatalogue::authority(std::string_view id, std::string_view level,
                                               const model::Date& on) const {
    const CatalogueEntry* e = find(id);
    if (!e) {
        return nullptr;
    }
    for (const KindAuthority& a : e->grantedBy) {
        if (a.level == level && a.covers(on)) {
            return &a;
        }
    }
    return nullptr;
}

std::vector<const CatalogueEntry*> AwardCatalogue::grantable(std::string_view level,
                                                             const model::Date& on) const {
    std::vector<std::pair<int, const CatalogueEntry*>> ranked;
    for (const CatalogueEntry& e : m_data->entries) {
        if (authority(e.id, level, on)) {
            auto rule = at(e.id, on);
            ranked.emplace_back(rule ? rule->rank : 0, &e);
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const CatalogueEntry*> out;
    for (const auto& [rank, e] : ranked) {
        out.push_back(e);
    }
    return out;
}

const CatalogueEntry* AwardCatalogue::lookup(std::string_view text) const {
    const std::string key = foldKey(text);
    if (key.empty()) {
        return nullptr;
    }
    auto it = m_data->byKey.find(key);
    return it == m_data->byKey.end() ? nullptr : &m_data->entries[it->second];
}

const std::string& AwardCatalogue::combinedSubjectPattern() const {
    return m_data->combinedSubject;
}

const std::string& AwardCatalogue::combinedListTitlePattern() const {
    return m_data->combinedListTitle;
}

const std::vector<CatalogueEntry>& AwardCatalogue::entries() const {
    return m_data->entries;
}

const fs::path& AwardCatalogue::source() const {
    return m_data->source;
}

std::string kindNames(const std::vector<const CatalogueEntry*>& entries) {
    std::string out;
    for (const CatalogueEntry* e : entries) {
        out += (out.empty() ? "" : ", ") + e->name;
    }
    return out.empty() ? "không có loại nào" : out;
}

} // namespace tdkt::validate
