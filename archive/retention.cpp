#include "archive/retention.hpp"

#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date_display.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace tdkt::archive {
namespace {

namespace xml = core::xml;
using core::ErrorKind;

// The key a rule without issuerLevels is grouped under.
constexpr const char* kAnyLevel = "*";

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

bool covers(const RetentionRule& r, const std::string& date) {
    return (r.validFrom.empty() || r.validFrom <= date) && (r.validTo.empty() || date < r.validTo);
}

std::string levelText(const std::string& level) {
    return level == kAnyLevel ? "mọi cấp" : "cấp «" + level + "»";
}

std::string periodText(const RetentionRule& r) {
    if (r.validFrom.empty() && r.validTo.empty()) {
        return "mọi ngày";
    }
    if (r.validFrom.empty()) {
        return "trước " + model::dateShort(r.validTo);
    }
    if (r.validTo.empty()) {
        return "từ " + model::dateShort(r.validFrom);
    }
    return "từ " + model::dateShort(r.validFrom) + " đến trước " + model::dateShort(r.validTo);
}

// The consistency rules the schema cannot express (A062–A065), each with the rule's line.
void checkCoverage(const std::vector<RetentionRule>& rules, const std::string& file,
                   core::Diagnostics& diags) {
    for (const auto& r : rules) {
        if (!r.validFrom.empty() && !r.validTo.empty() && r.validTo <= r.validFrom) {
            diags.error("A063", {file, r.line, 0}, "rule/@validTo",
                        "ngày hết hiệu lực " + model::dateShort(r.validTo) +
                            " không sau ngày bắt đầu " + model::dateShort(r.validFrom));
        }
    }
    // (kind, level) -> its rules. A rule listing several levels belongs to each of them.
    std::map<std::pair<std::string, std::string>, std::vector<const RetentionRule*>> groups;
    for (const auto& r : rules) {
        if (r.issuerLevels.empty()) {
            groups[{r.kind, kAnyLevel}].push_back(&r);
        }
        for (const auto& level : r.issuerLevels) {
            auto& g = groups[{r.kind, level}];
            if (std::find(g.begin(), g.end(), &r) != g.end()) {
                diags.error("A062", {file, r.line, 0}, "rule/@issuerLevels",
                            "cấp «" + level + "» được liệt kê hai lần");
                continue;
            }
            g.push_back(&r);
        }
    }
    // The earliest start of each kind ("" = no lower bound): every level must start there too,
    // or decisions of that level before its first rule would have no period.
    std::map<std::string, std::string> kindStart;
    for (auto& [key, group] : groups) {
        std::stable_sort(group.begin(), group.end(),
                         [](const RetentionRule* a, const RetentionRule* b) {
                             return a->validFrom < b->validFrom;
                         });
        auto it = kindStart.find(key.first);
        if (it == kindStart.end() || group.front()->validFrom < it->second) {
            kindStart[key.first] = group.front()->validFrom;
        }
    }
    for (const auto& [key, group] : groups) {
        const std::string what = retentionKindName(key.first) + ", " + levelText(key.second);
        const std::string& start = kindStart[key.first];
        if (group.front()->validFrom != start) {
            diags.error("A064", {file, group.front()->line, 0}, "rule/@validFrom",
                        "thiếu quy tắc cho " + what + " trước ngày " +
                            model::dateShort(group.front()->validFrom) +
                            (start.empty()
                                 ? std::string(" (các cấp khác có quy tắc cho mọi ngày)")
                                 : " (các cấp khác bắt đầu từ " + model::dateShort(start) + ")"));
        }
        for (std::size_t i = 0; i + 1 < group.size(); ++i) {
            const RetentionRule& a = *group[i];
            const RetentionRule& b = *group[i + 1];
            if (a.validTo.empty() || a.validTo > b.validFrom || a.validFrom == b.validFrom) {
                diags.error("A062", {file, b.line, 0}, "rule/@validFrom",
                            "hai quy tắc cho " + what + " chồng lấn (" + periodText(a) + ", dòng " +
                                std::to_string(a.line) + "; " + periodText(b) + ")");
            } else if (a.validTo < b.validFrom) {
                diags.error("A064", {file, b.line, 0}, "rule/@validFrom",
                            "thiếu quy tắc cho " + what + " từ " + model::dateShort(a.validTo) +
                                " đến trước " + model::dateShort(b.validFrom));
            }
        }
        const RetentionRule& last = *group.back();
        if (!last.validTo.empty()) {
            diags.error("A064", {file, last.line, 0}, "rule/@validTo",
                        "thiếu quy tắc cho " + what + " từ " + model::dateShort(last.validTo) +
                            " (quy tắc cuối cùng phải còn hiệu lực)");
        }
    }
    for (const char* kind : {kKindAwardDossier, kKindDecision, kKindCertificate}) {
        if (kindStart.count(kind) == 0) {
            diags.error("A065", {file, 0, 0}, "rule/@kind",
                        "không có quy tắc nào cho " + retentionKindName(kind) + " («" + kind +
                            "»)");
        }
    }
}

} // namespace

std::string retentionKindName(const std::string& kind) {
    if (kind == kKindAwardDossier) {
        return "hồ sơ khen thưởng";
    }
    if (kind == kKindDecision) {
        return "quyết định khen thưởng";
    }
    if (kind == kKindCertificate) {
        return "bản lưu bằng khen, giấy khen";
    }
    if (kind == kKindDecisionRegister) {
        return "sổ đăng ký văn bản đi";
    }
    return kind;
}

std::string unverifiedRetentionNote(const RetentionRule& rule) {
    std::string text = "thời hạn bảo quản «" + rule.period + "» của " +
                       retentionKindName(rule.kind) + " theo " + rule.basis + ": chưa xác minh";
    if (!rule.note.empty()) {
        text += " — " + rule.note;
    }
    return text;
}

core::Result<RetentionTable> RetentionTable::load(const fs::path& file,
                                                  const fs::path& schemasDir) {
    auto bytes = core::readFile(file);
    if (!bytes) {
        return core::makeError(ErrorKind::Config, "A060",
                               "không đọc được tệp cấu hình thời hạn bảo quản: " +
                                   bytes.error().message,
                               {file.string()});
    }
    return parse(bytes.value(), file.string(), schemasDir);
}

core::Result<RetentionTable> RetentionTable::parse(std::string_view bytes,
                                                   const std::string& displayName,
                                                   const fs::path& schemasDir) {
    auto schema = core::XmlSchema::load(schemasDir / kRetentionSchemaFile);
    if (!schema) {
        return schema.error();
    }
    core::Diagnostics diags;
    auto invalid = [&](const std::string& message) {
        core::Error e = core::makeError(ErrorKind::Config, "A061", message, {displayName});
        e.details = diags.items();
        return e;
    };
    auto doc = schema->parseAndValidate(bytes, displayName, diags);
    if (!doc) {
        return invalid("tệp cấu hình thời hạn bảo quản không hợp lệ (" +
                       std::string(kRetentionSchemaFile) + ")");
    }
    RetentionTable table;
    table.m_source = displayName;
    for (xmlNode* n = xml::firstChild(doc->root(), "rule"); n; n = xml::nextSibling(n, "rule")) {
        RetentionRule r;
        r.kind = xml::attr(n, "kind");
        r.issuerLevels = words(xml::attr(n, "issuerLevels"));
        r.validFrom = xml::attr(n, "validFrom");
        r.validTo = xml::attr(n, "validTo");
        r.period = xml::attr(n, "period");
        r.basis = xml::attr(n, "basis");
        const std::string verified = xml::attr(n, "verified", "true");
        r.verified = verified == "true" || verified == "1";
        r.note = xml::attr(n, "note");
        r.line = xml::line(n);
        table.m_rules.push_back(std::move(r));
    }
    checkCoverage(table.m_rules, displayName, diags);
    if (diags.hasErrors()) {
        return invalid("tệp cấu hình thời hạn bảo quản không nhất quán");
    }
    return table;
}

core::Result<RetentionRule> RetentionTable::find(const std::string& kind,
                                                 const std::string& issuerLevel,
                                                 const std::string& date) const {
    bool levelListed = false;
    const RetentionRule* any = nullptr;
    for (const auto& r : m_rules) {
        if (r.kind != kind) {
            continue;
        }
        const bool listed = std::find(r.issuerLevels.begin(), r.issuerLevels.end(), issuerLevel) !=
                            r.issuerLevels.end();
        levelListed = levelListed || listed;
        if (listed && covers(r, date)) {
            return r;
        }
        if (r.issuerLevels.empty() && covers(r, date)) {
            any = &r;
        }
    }
    if (!levelListed && any) {
        return *any;
    }
    return core::makeError(ErrorKind::Config, "A066",
                           "không có thời hạn bảo quản cho " + retentionKindName(kind) +
                               " của cơ quan cấp «" + issuerLevel + "» ngày " +
                               model::dateShort(date) +
                               (m_source.empty() ? std::string(" (chưa nạp bảng thời hạn bảo quản)")
                                                 : " trong " + m_source));
}

std::vector<RetentionRule> RetentionTable::rulesFor(const std::string& issuerLevel,
                                                    const std::string& date,
                                                    bool withCertificates) const {
    std::vector<RetentionRule> out;
    std::set<int> seen; // rules are told apart by their line
    for (const char* kind : {kKindDecision, kKindCertificate, kKindAwardDossier}) {
        if (!withCertificates && std::string(kind) == kKindCertificate) {
            continue;
        }
        auto rule = find(kind, issuerLevel, date);
        if (rule && seen.insert(rule->line).second) {
            out.push_back(std::move(rule).value());
        }
    }
    return out;
}

} // namespace tdkt::archive
