#include "issuer_registry.hpp"

#include "codes.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date_display.hpp"

#include <algorithm>
#include <map>

namespace tdkt::validate {

using core::Diagnostics;
using core::Error;
using core::ErrorKind;
namespace xml = core::xml;

struct IssuerRegistry::Data {
    fs::path source;
    std::vector<IssuerEntry> entries;                                // sorted by id, then validFrom
    std::map<std::string, std::pair<std::size_t, std::size_t>> byId; // [first, last) in entries
};

std::string validityText(const model::Issuer& is) {
    std::string out = "từ ngày " + model::dateShort(is.validFrom);
    if (is.validTo) {
        out += " đến trước ngày " + model::dateShort(*is.validTo);
    }
    return out;
}

namespace {

bool within(const model::Date& on, const model::Date& from, const std::optional<model::Date>& to) {
    return from <= on && (!to || on < *to);
}

// The schema guarantees the lexical form, so a failed parse here would be a schema bug.
model::Date date(const std::string& iso) {
    return model::Date::parseIso(iso).value_or(model::Date{});
}

std::optional<model::Date> optionalDate(const xmlNode* n, const char* attrName) {
    if (!xml::hasAttr(n, attrName)) {
        return std::nullopt;
    }
    return model::Date::parseIso(xml::attr(n, attrName));
}

std::vector<std::string> childTexts(const xmlNode* parent, const char* name) {
    std::vector<std::string> out;
    for (xmlNode* c = xml::firstChild(parent, name); c; c = xml::nextSibling(c, name)) {
        out.push_back(xml::text(c));
    }
    return out;
}

IssuerEntry readIssuer(const xmlNode* n, const std::string& file) {
    IssuerEntry e;
    model::Issuer& is = e.issuer;
    is.id = xml::attr(n, "id");
    is.code = xml::attr(n, "code");
    is.level = xml::attr(n, "level");
    is.validFrom = date(xml::attr(n, "validFrom"));
    is.validTo = optionalDate(n, "validTo");
    is.parentBody = xml::childText(n, "parentBody");
    // The header name is configured one <line> per printed line; the model carries it as
    // one string with "\n" between lines.
    std::string name;
    for (const auto& line : childTexts(xml::firstChild(n, "name"), "line")) {
        name += (name.empty() ? "" : "\n") + line;
    }
    is.name = name;
    is.notation = xml::childText(n, "notation");
    is.place = xml::childText(n, "place");
    is.authority = xml::childText(n, "authority");
    is.authorityText = xml::childText(n, "authorityText");
    const xmlNode* signer = xml::firstChild(n, "signer");
    is.signer.capacity = xml::attr(signer, "capacity");
    is.signer.capacityBody = xml::childText(signer, "capacityBody");
    is.signer.title = xml::childText(signer, "title");
    is.signer.name = xml::childText(signer, "name");
    is.legalBases = childTexts(xml::firstChild(n, "legalBases"), "basis");
    is.recipients = childTexts(xml::firstChild(n, "recipients"), "recipient");
    is.archiveNote = xml::childText(n, "archiveNote");
    e.note = xml::childText(n, "note");
    is.decisionGrouping = xml::attr(n, "decisions") == "combined"
                              ? model::DecisionGrouping::Combined
                              : model::DecisionGrouping::PerKind;
    for (xmlNode* a = xml::firstChild(xml::firstChild(n, "awardNames"), "awardName"); a;
         a = xml::nextSibling(a, "awardName")) {
        is.awardNames.emplace_back(xml::attr(a, "kind"), xml::text(a));
    }
    e.where = {file, xml::line(n), 0};
    return e;
}

// A register code belongs to one body only, or two bodies would share decision numbers.
// Checked in document order, so the later entry is the one reported.
void checkCodes(const std::vector<IssuerEntry>& entries, Diagnostics& diags) {
    std::map<std::string, const IssuerEntry*> codeOwner;
    for (const IssuerEntry& e : entries) {
        auto [it, inserted] = codeOwner.emplace(e.issuer.code, &e);
        if (!inserted && it->second->issuer.id != e.issuer.id) {
            diags.error(
                codes::kIssuerCodeShared, e.where, "issuer[@id=\"" + e.issuer.id + "\"]/@code",
                "mã lưu trữ «" + e.issuer.code + "» đã dùng cho cơ quan «" + it->second->issuer.id +
                    "» ở dòng " + std::to_string(it->second->where.line));
        }
    }
}

// What the schema cannot say about periods: each is well-formed and periods of one body do not
// overlap. `entries` is sorted by id, then validFrom.
void checkPeriods(const std::vector<IssuerEntry>& entries, Diagnostics& diags) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const IssuerEntry& e = entries[i];
        const model::Issuer& is = e.issuer;
        const std::string field = "issuer[@id=\"" + is.id + "\"]";
        if (is.validTo && !(is.validFrom < *is.validTo)) {
            diags.error(codes::kIssuerBadPeriod, e.where, field + "/@validTo",
                        "ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực (" +
                            model::dateShort(is.validFrom) + ")");
        }
        if (i > 0 && entries[i - 1].issuer.id == is.id) {
            const model::Issuer& prev = entries[i - 1].issuer;
            if (!prev.validTo || is.validFrom < *prev.validTo) {
                diags.error(codes::kIssuerPeriodsOverlap, e.where, field + "/@validFrom",
                            "thời gian hiệu lực trùng với mục cùng mã ở dòng " +
                                std::to_string(entries[i - 1].where.line) + " (" +
                                validityText(prev) + ")");
            }
        }
    }
}

core::Result<IssuerRegistry> configError(const char* code, std::string message,
                                         const fs::path& file, const Diagnostics& diags) {
    Error e = core::makeError(ErrorKind::Config, code, std::move(message), {file.string()});
    e.details = diags.items();
    return e;
}

} // namespace

core::Result<IssuerRegistry> IssuerRegistry::load(const fs::path& configFile,
                                                  const fs::path& schemasDir) {
    auto schema = core::XmlSchema::load(schemasDir / kIssuersSchemaFile);
    if (!schema) {
        return schema.error();
    }
    const std::string file = configFile.string();
    Diagnostics diags;
    auto bytes = core::readFile(configFile);
    if (!bytes) {
        diags.error(codes::kIssuersUnreadable, {file}, {}, bytes.error().message);
        return configError(codes::kIssuersUnreadable,
                           "không đọc được tệp cấu hình cơ quan ban hành", configFile, diags);
    }
    if (bytes->find("urn:tdkt:issuers:1.0") != std::string::npos) {
        diags.error(codes::kIssuersOldVersion, {file}, {},
                    "tệp cấu hình cơ quan ban hành theo phiên bản 1.0 (có <grants>); từ phiên "
                    "bản 2.0 thẩm quyền của mỗi cơ quan theo cấp của cơ quan và danh mục khen "
                    "thưởng (config/award-catalogue.xml): đổi namespace thành "
                    "urn:tdkt:issuers:2.0, schemaVersion=\"2.0\" và bỏ các phần tử <grants>");
        return configError(codes::kIssuersOldVersion,
                           "tệp cấu hình cơ quan ban hành cần chuyển sang phiên bản 2.0",
                           configFile, diags);
    }
    auto doc = schema->parseAndValidate(bytes.value(), file, diags);
    if (!doc) {
        return configError(codes::kIssuersInvalid,
                           std::string("tệp cấu hình cơ quan ban hành không hợp lệ (") +
                               kIssuersSchemaFile + ")",
                           configFile, diags);
    }

    auto data = std::make_shared<Data>();
    data->source = configFile;
    const xmlNode* root = doc->root();
    for (xmlNode* n = xml::firstChild(root, "issuer"); n; n = xml::nextSibling(n, "issuer")) {
        data->entries.push_back(readIssuer(n, file));
    }
    checkCodes(data->entries, diags);
    std::stable_sort(data->entries.begin(), data->entries.end(),
                     [](const IssuerEntry& a, const IssuerEntry& b) {
                         if (a.issuer.id != b.issuer.id) {
                             return a.issuer.id < b.issuer.id;
                         }
                         return a.issuer.validFrom < b.issuer.validFrom;
                     });
    checkPeriods(data->entries, diags);
    if (diags.hasErrors()) {
        return configError(codes::kIssuersInvalid, "tệp cấu hình cơ quan ban hành không nhất quán",
                           configFile, diags);
    }
    for (std::size_t i = 0; i < data->entries.size();) {
        std::size_t j = i;
        while (j < data->entries.size() &&
               data->entries[j].issuer.id == data->entries[i].issuer.id) {
            ++j;
        }
        data->byId.emplace(data->entries[i].issuer.id, std::make_pair(i, j));
        i = j;
    }
    return IssuerRegistry(std::move(data));
}

core::Result<IssuerRegistry> IssuerRegistry::load(const core::Environment& env) {
    return load(env.configDir() / "issuers.xml", env.schemasDir());
}

const model::Issuer* IssuerRegistry::find(const std::string& id, const model::Date& on) const {
    auto it = m_data->byId.find(id);
    if (it == m_data->byId.end()) {
        return nullptr;
    }
    for (std::size_t i = it->second.first; i < it->second.second; ++i) {
        const model::Issuer& is = m_data->entries[i].issuer;
        if (within(on, is.validFrom, is.validTo)) {
            return &is;
        }
    }
    return nullptr;
}

const IssuerEntry* IssuerRegistry::entry(const model::Issuer& issuer) const {
    auto it = m_data->byId.find(issuer.id);
    if (it == m_data->byId.end()) {
        return nullptr;
    }
    for (std::size_t i = it->second.first; i < it->second.second; ++i) {
        const IssuerEntry& e = m_data->entries[i];
        if (&e.issuer == &issuer || e.issuer.validFrom == issuer.validFrom) {
            return &e;
        }
    }
    return nullptr;
}

bool IssuerRegistry::contains(const std::string& id) const {
    return m_data->byId.count(id) > 0;
}

std::vector<const IssuerEntry*> IssuerRegistry::periods(const std::string& id) const {
    std::vector<const IssuerEntry*> out;
    auto it = m_data->byId.find(id);
    if (it != m_data->byId.end()) {
        for (std::size_t i = it->second.first; i < it->second.second; ++i) {
            out.push_back(&m_data->entries[i]);
        }
    }
    return out;
}

const std::vector<IssuerEntry>& IssuerRegistry::entries() const {
    return m_data->entries;
}

const fs::path& IssuerRegistry::source() const {
    return m_data->source;
}

} // namespace tdkt::validate
