#include "rule_book.hpp"

#include "codes.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date_display.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

namespace tdkt::validate {

using core::Diagnostics;
using core::ErrorKind;
namespace xml = core::xml;

struct RuleBook::Data {
    fs::path source;
    std::vector<Rule> rules; // in file order
};

namespace {

struct KindName {
    RuleKind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {RuleKind::RequireDocument, "requireDocument"},
    {RuleKind::DateOrder, "dateOrder"},
    {RuleKind::NotAfterRunDate, "notAfterRunDate"},
    {RuleKind::Eligibility, "eligibility"},
    {RuleKind::Quota, "quota"},
    {RuleKind::Discipline, "discipline"},
    {RuleKind::InitiativeOnce, "initiativeOnce"},
    {RuleKind::DuplicateEntry, "duplicateEntry"},
    {RuleKind::SameAcrossUnits, "sameAcrossUnits"},
    {RuleKind::SimilarName, "similarName"},
    {RuleKind::AlreadyRewarded, "alreadyRewarded"},
    {RuleKind::OneFormPerAchievement, "oneFormPerAchievement"},
    {RuleKind::PriorAwardKnown, "priorAwardKnown"},
    {RuleKind::NameDigits, "nameDigits"},
    {RuleKind::NameCapitals, "nameCapitals"},
    {RuleKind::Age, "age"},
};

std::vector<std::string> tokens(const std::string& list) {
    std::vector<std::string> out;
    std::istringstream in(list);
    for (std::string t; in >> t;) {
        out.push_back(t);
    }
    return out;
}

std::optional<model::Date> optionalDate(const xmlNode* n, const char* name) {
    if (!xml::hasAttr(n, name)) {
        return std::nullopt;
    }
    return model::Date::parseIso(xml::attr(n, name));
}

core::Severity severityOf(const std::string& token) {
    return token == "warning" ? core::Severity::Warning : core::Severity::Error;
}

AppliesTo readAppliesTo(const xmlNode* n) {
    AppliesTo a;
    if (!n) {
        return a;
    }
    a.awards = tokens(xml::attr(n, "awards"));
    a.exceptAwards = tokens(xml::attr(n, "exceptAwards"));
    if (xml::hasAttr(n, "class")) {
        a.awardClass =
            xml::attr(n, "class") == "title" ? model::AwardClass::Title : model::AwardClass::Form;
    }
    for (const std::string& t : tokens(xml::attr(n, "recipients"))) {
        model::NomineeKind k;
        if (model::parse(t, k)) {
            a.recipients.push_back(k);
        }
    }
    a.regularOnly = xml::attr(n, "mode") == "regular";
    return a;
}

Condition readCondition(const xmlNode* c) {
    Condition out;
    const std::string name = xml::name(c);
    out.kindId = xml::attr(c, "kind");
    out.years = std::atoi(xml::attr(c, "years").c_str());
    out.count = std::atoi(xml::attr(c, "count").c_str());
    if (name == "titles") {
        out.type = Condition::Type::Titles;
    } else if (name == "ratings") {
        out.type = Condition::Type::Ratings;
        model::parse(xml::attr(c, "atLeast"), out.atLeast);
    } else if (name == "initiatives") {
        out.type = Condition::Type::Initiatives;
        model::parse(xml::attr(c, "scope", "base"), out.scope);
    } else {
        out.type = Condition::Type::Holds;
    }
    return out;
}

// The kind element (the one after <title>, <basis> and <appliesTo>) and its parameters.
void readKind(const xmlNode* k, Rule& r) {
    const std::string name = xml::name(k);
    for (const KindName& kn : kKindNames) {
        if (name == kn.name) {
            r.kind = kn.kind;
        }
    }
    switch (r.kind) {
    case RuleKind::RequireDocument:
        model::parse(xml::attr(k, "document"), r.document);
        break;
    case RuleKind::DateOrder:
        r.earlier = xml::attr(k, "earlier");
        r.later = xml::attr(k, "later");
        break;
    case RuleKind::Eligibility:
        r.noHistory = severityOf(xml::attr(k, "noHistory", "error"));
        for (xmlNode* w = xml::firstChild(k, "when"); w; w = xml::nextSibling(w, "when")) {
            Alternative alt;
            alt.text = xml::attr(w, "text");
            for (xmlNode* c = xml::firstChild(w); c; c = xml::nextSibling(c)) {
                alt.conditions.push_back(readCondition(c));
            }
            r.alternatives.push_back(std::move(alt));
        }
        break;
    case RuleKind::Quota:
        r.quotaKind = xml::attr(k, "kind");
        r.quotaAmong = xml::attr(k, "among");
        r.percent = std::strtod(xml::attr(k, "percent", "100").c_str(), nullptr);
        break;
    case RuleKind::Age:
        r.minAge = std::atoi(xml::attr(k, "min").c_str());
        r.maxAge = std::atoi(xml::attr(k, "max").c_str());
        break;
    default:
        break;
    }
}

Rule readRule(const xmlNode* n, const std::string& file) {
    Rule r;
    r.code = xml::attr(n, "code");
    r.severity = severityOf(xml::attr(n, "severity"));
    r.from = optionalDate(n, "from");
    r.to = optionalDate(n, "to");
    const std::string verified = xml::attr(n, "verified", "true");
    r.verified = verified == "true" || verified == "1";
    r.title = xml::childText(n, "title");
    r.basis = xml::childText(n, "basis");
    r.appliesTo = readAppliesTo(xml::firstChild(n, "appliesTo"));
    for (xmlNode* c = xml::firstChild(n); c; c = xml::nextSibling(c)) {
        const std::string name = xml::name(c);
        if (name != "title" && name != "basis" && name != "appliesTo") {
            readKind(c, r);
        }
    }
    r.where = {file, xml::line(n), 0};
    return r;
}

// The award kind ids a rule names, to check against the catalogue.
std::vector<std::string> kindIdsOf(const Rule& r) {
    std::vector<std::string> ids = r.appliesTo.awards;
    ids.insert(ids.end(), r.appliesTo.exceptAwards.begin(), r.appliesTo.exceptAwards.end());
    for (const Alternative& a : r.alternatives) {
        for (const Condition& c : a.conditions) {
            if (!c.kindId.empty()) {
                ids.push_back(c.kindId);
            }
        }
    }
    if (!r.quotaKind.empty()) {
        ids.push_back(r.quotaKind);
        ids.push_back(r.quotaAmong);
    }
    return ids;
}

bool overlaps(const Rule& a, const Rule& b) {
    const bool aEndsFirst = a.to && b.from && *a.to <= *b.from;
    const bool bEndsFirst = b.to && a.from && *b.to <= *a.from;
    return !aEndsFirst && !bEndsFirst;
}

void checkRules(const std::vector<Rule>& rules, const AwardCatalogue& catalogue,
                Diagnostics& diags) {
    std::map<std::string, std::vector<const Rule*>> byCode;
    for (const Rule& r : rules) {
        const std::string field = "rule[@code=\"" + r.code + "\"]";
        if (r.from && r.to && *r.to <= *r.from) {
            diags.error(codes::kRulesBadPeriod, r.where, field + "/@to",
                        "ngày hết hiệu lực (" + model::dateShort(*r.to) +
                            ") phải sau ngày bắt đầu (" + model::dateShort(*r.from) + ")");
        }
        for (const std::string& id : kindIdsOf(r)) {
            if (!catalogue.find(id)) {
                diags.error(codes::kRulesUnknownKind, r.where, field,
                            "loại khen thưởng «" + id +
                                "» không có trong danh mục khen thưởng (award-catalogue.xml)");
            }
        }
        for (const Rule* other : byCode[r.code]) {
            if (other->kind != r.kind) {
                diags.error(codes::kRulesCodeShared, r.where, field,
                            "mã " + r.code + " đã dùng cho quy tắc loại «" + toString(other->kind) +
                                "» (dòng " + std::to_string(other->where.line) +
                                "); mỗi mã chỉ một ý nghĩa");
            } else if (overlaps(*other, r)) {
                diags.error(codes::kRulesOverlap, r.where, field,
                            "hai quy tắc mã " + r.code + " (dòng " +
                                std::to_string(other->where.line) + " và dòng " +
                                std::to_string(r.where.line) +
                                ") cùng áp dụng một ngày; đóng quy tắc cũ bằng thuộc tính to");
            }
        }
        byCode[r.code].push_back(&r);
        if (r.kind == RuleKind::Age && r.minAge >= r.maxAge) {
            diags.error(codes::kRulesInvalid, r.where, field + "/age",
                        "tuổi tối thiểu phải nhỏ hơn tuổi tối đa");
        }
    }
}

} // namespace

const char* toString(RuleKind k) {
    for (const KindName& kn : kKindNames) {
        if (kn.kind == k) {
            return kn.name;
        }
    }
    return "?";
}

bool AppliesTo::accepts(model::NomineeKind recipient) const {
    return recipients.empty() ||
           std::find(recipients.begin(), recipients.end(), recipient) != recipients.end();
}

bool AppliesTo::matches(const std::string& kindId, model::AwardClass cls, model::AwardMode mode,
                        model::NomineeKind recipient) const {
    if (!awards.empty() && std::find(awards.begin(), awards.end(), kindId) == awards.end()) {
        return false;
    }
    if (std::find(exceptAwards.begin(), exceptAwards.end(), kindId) != exceptAwards.end()) {
        return false;
    }
    if (awardClass && *awardClass != cls) {
        return false;
    }
    if (regularOnly && mode != model::AwardMode::Regular) {
        return false;
    }
    return accepts(recipient);
}

bool Rule::inForce(const model::Date& on) const {
    return (!from || *from <= on) && (!to || on < *to);
}

std::string Rule::periodText() const {
    std::string out = from ? "từ " + model::dateShort(*from) : std::string("từ trước");
    if (to) {
        out += " đến trước " + model::dateShort(*to);
    }
    return out;
}

RuleBook::RuleBook() : m_data(std::make_shared<Data>()) {}

core::Result<RuleBook> RuleBook::load(const core::Environment& env,
                                      const AwardCatalogue& catalogue) {
    return load(env.configDir() / "rules.xml", env.schemasDir(), catalogue);
}

core::Result<RuleBook> RuleBook::load(const fs::path& file, const fs::path& schemasDir,
                                      const AwardCatalogue& catalogue) {
    const std::string display = file.string();
    auto schema = core::XmlSchema::load(schemasDir / "rules-1.0.xsd");
    if (!schema) {
        return schema.error();
    }
    auto bytes = core::readFile(file);
    if (!bytes) {
        return core::makeError(ErrorKind::Config, codes::kRulesUnreadable,
                               "không đọc được tệp quy tắc kiểm tra: " + bytes.error().message,
                               {display});
    }
    Diagnostics diags;
    auto doc = schema->parseAndValidate(bytes.value(), display, diags);
    auto configError = [&](std::string message) {
        core::Error e =
            core::makeError(ErrorKind::Config, codes::kRulesInvalid, std::move(message), {display});
        e.details = diags.items();
        return e;
    };
    if (!doc) {
        return configError("tệp quy tắc kiểm tra không hợp lệ");
    }
    auto data = std::make_shared<Data>();
    data->source = file;
    for (xmlNode* n = xml::firstChild(doc->root(), "rule"); n; n = xml::nextSibling(n, "rule")) {
        data->rules.push_back(readRule(n, display));
    }
    checkRules(data->rules, catalogue, diags);
    if (diags.hasErrors()) {
        return configError("tệp quy tắc kiểm tra có lỗi");
    }
    return RuleBook(std::move(data));
}

std::vector<const Rule*> RuleBook::inForce(RuleKind kind, const model::Date& on) const {
    std::vector<const Rule*> out;
    for (const Rule& r : m_data->rules) {
        if (r.kind == kind && r.inForce(on)) {
            out.push_back(&r);
        }
    }
    return out;
}

bool RuleBook::any(RuleKind kind) const {
    return std::any_of(m_data->rules.begin(), m_data->rules.end(),
                       [&](const Rule& r) { return r.kind == kind; });
}

const std::vector<Rule>& RuleBook::rules() const {
    return m_data->rules;
}

const fs::path& RuleBook::source() const {
    return m_data->source;
}

} // namespace tdkt::validate
