// What `tdkt validate` and `tdkt issue` print: the findings of the check (a code repeated on
// many nominees is one block with a count and the first few), one line per decision, the
// configuration warnings once per run and a summary of the round; or all of it as JSON.
#include "output.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/core/terminal_text.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/model/date_display.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace tdkt::app {
namespace {

// Lines of one code shown before the rest of its block is counted instead.
constexpr std::size_t kShownPerCode = 3;
// A code with at most this many findings is shown in full.
constexpr std::size_t kGroupFrom = 6;

// The findings in their order, each code's block cut to its first few lines (unless verbose).
void printDiagnostics(const std::vector<core::Diagnostic>& items, bool verbose, std::ostream& out,
                      std::ostream& err) {
    std::map<std::pair<core::Severity, std::string>, std::size_t> total;
    for (const auto& d : items) {
        ++total[{d.severity, d.code}];
    }
    std::map<std::pair<core::Severity, std::string>, std::size_t> shown;
    for (const auto& d : items) {
        const auto key = std::make_pair(d.severity, d.code);
        std::ostream& to = d.severity == core::Severity::Error ? err : out;
        const std::size_t all = total[key];
        std::size_t& n = shown[key];
        ++n;
        if (verbose || all < kGroupFrom || n <= kShownPerCode) {
            to << core::format(d) << '\n';
        }
        if (!verbose && all >= kGroupFrom && n == kShownPerCode) {
            to << "  … và " << format::groupThousands(static_cast<long long>(all - n)) << ' '
               << core::severityWord(d.severity) << " [" << d.code << "] khác cùng loại (tổng "
               << format::groupThousands(static_cast<long long>(all))
               << "; --verbose để xem tất cả)\n";
        }
    }
}

std::size_t count(const core::Diagnostics& diags, core::Severity severity) {
    std::size_t n = 0;
    for (const auto& d : diags.items()) {
        n += d.severity == severity ? 1 : 0;
    }
    return n;
}

std::string number(long long n) {
    return format::groupThousands(n);
}

// "33 (12 tập thể, 21 cá nhân)".
std::string awardeesText(int total, int collectives, int individuals, int households) {
    std::string parts;
    auto add = [&](int n, const char* what) {
        if (n > 0) {
            parts += (parts.empty() ? "" : ", ") + number(n) + ' ' + what;
        }
    };
    add(collectives, "tập thể");
    add(individuals, "cá nhân");
    add(households, "hộ gia đình");
    return number(total) + (parts.empty() ? std::string() : " (" + parts + ")");
}

std::string relativeTo(const fs::path& path, const fs::path& root) {
    if (root.empty()) {
        return path.string();
    }
    const fs::path rel = path.lexically_relative(root);
    return rel.empty() || *rel.begin() == ".." ? path.string() : rel.string();
}

void printDecisionLine(const job::IssuedDecision& d, const fs::path& root, std::ostream& out) {
    out << "  " << d.numberText << "  " << model::dateShort(d.date) << "  " << d.formName << ": ";
    if (d.alreadyFiled) {
        out << number(d.awardees) << " — đã có trong kho, không cấp lại";
    } else {
        out << awardeesText(d.awardees, d.collectives, d.individuals, d.households);
        if (d.money > 0) {
            out << ", " << format::money(d.money);
        }
        if (d.certificates > 0) {
            out << ", " << number(d.certificates) << " giấy chứng nhận";
        }
        if (!d.supersedesNumberText.empty()) {
            out << ", thay thế Quyết định số " << d.supersedesNumberText;
        }
    }
    out << (d.dossierFiles.size() > 1
                ? " — " + number(static_cast<long long>(d.dossierFiles.size())) + " hồ sơ"
                : " — " + d.dossierFile)
        << "\n      " << relativeTo(d.bagDir, root) << '\n';
    for (const auto& print : d.printFiles) {
        out << "      bản in: " << relativeTo(print, root)
            << (d.printBlank ? " (in lên phôi" : " (in toàn bộ mẫu trên giấy trắng")
            << (d.printerName.empty() ? std::string() : ", máy in " + d.printerName) << ")\n";
    }
}

// Once per run: by default one line per code (how many unverified facts, in how many
// decisions); --verbose lists each fact. `tdkt config check` lists them all with their sources.
void printConfigWarnings(const std::vector<job::ConfigWarning>& warnings, bool verbose,
                         std::ostream& out) {
    if (warnings.empty()) {
        return;
    }
    out << "Cấu hình chưa xác minh mà đợt này đã dùng — cần kiểm tra trước khi trình ký "
           "(chi tiết: tdkt config check):\n";
    if (verbose) {
        for (const auto& w : warnings) {
            out << "  " << core::format(w.diagnostic) << " ("
                << number(static_cast<long long>(w.decisions.size())) << " quyết định)\n";
        }
        return;
    }
    struct Group {
        std::string field;
        std::size_t facts = 0;
        std::vector<std::string> decisions;
    };
    std::vector<std::pair<std::string, Group>> groups; // first-seen order
    for (const auto& w : warnings) {
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.first == w.diagnostic.code; });
        if (it == groups.end()) {
            groups.push_back({w.diagnostic.code, {w.diagnostic.field, 0, {}}});
            it = groups.end() - 1;
        }
        ++it->second.facts;
        for (const auto& d : w.decisions) {
            if (std::find(it->second.decisions.begin(), it->second.decisions.end(), d) ==
                it->second.decisions.end()) {
                it->second.decisions.push_back(d);
            }
        }
    }
    for (const auto& [code, g] : groups) {
        out << "  cảnh báo [" << code << "] " << g.field << ": " << g.facts
            << " quy định chưa xác minh, dùng trong "
            << number(static_cast<long long>(g.decisions.size())) << " quyết định\n";
    }
}

Poco::JSON::Object diagnosticJson(const core::Diagnostic& d) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("severity", core::severityId(d.severity));
    o.set("code", d.code);
    o.set("file", d.where.file);
    if (d.where.line > 0) {
        o.set("line", d.where.line);
    }
    if (d.where.column > 0) {
        o.set("column", d.where.column);
    }
    if (!d.field.empty()) {
        o.set("field", d.field);
    }
    if (!d.subject.empty()) {
        o.set("subject", d.subject);
    }
    o.set("message", d.message);
    if (!d.basis.empty()) {
        o.set("basis", d.basis);
    }
    return o;
}

// Dossiers that were read but carry an error (a rule, a certificate that cannot be drawn):
// not valid, though not rejected unread either.
std::size_t dossiersWithErrors(const job::CheckReport& report) {
    std::set<std::string> files;
    for (const auto& d : report.diagnostics.items()) {
        if (d.severity == core::Severity::Error) {
            files.insert(d.where.file);
        }
    }
    return static_cast<std::size_t>(
        std::count_if(report.dossiers.begin(), report.dossiers.end(),
                      [&](const model::Dossier& d) { return files.count(d.sourceFile) > 0; }));
}

Poco::JSON::Object checkJson(const job::CheckReport& report, std::size_t fileCount) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    const std::size_t withErrors = dossiersWithErrors(report);
    o.set("files", fileCount);
    o.set("valid", report.dossiers.size() - withErrors);
    o.set("withErrors", withErrors);
    o.set("errors", count(report.diagnostics, core::Severity::Error));
    o.set("warnings", count(report.diagnostics, core::Severity::Warning));
    o.set("notes", count(report.diagnostics, core::Severity::Note));
    Poco::JSON::Array diags(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& d : report.diagnostics.items()) {
        diags.add(diagnosticJson(d));
    }
    o.set("diagnostics", diags);
    return o;
}

Poco::JSON::Object decisionJson(const job::IssuedDecision& d) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("number", d.numberText);
    o.set("date", d.date);
    o.set("issuer", d.issuerName);
    o.set("awardKinds", d.formName);
    o.set("alreadyFiled", d.alreadyFiled);
    o.set("awardees", d.awardees);
    o.set("collectives", d.collectives);
    o.set("individuals", d.individuals);
    o.set("households", d.households);
    o.set("certificates", d.certificates);
    o.set("money", d.money);
    if (!d.supersedesNumberText.empty()) {
        o.set("supersedes", d.supersedesNumberText);
    }
    Poco::JSON::Array dossiers;
    for (const auto& f : d.dossierFiles) {
        dossiers.add(f);
    }
    o.set("dossiers", dossiers);
    o.set("bag", d.bagDir.string());
    o.set("decisionPdf", d.decisionPdf.string());
    Poco::JSON::Array prints;
    for (const auto& p : d.printFiles) {
        prints.add(p.string());
    }
    o.set("printFiles", prints);
    return o;
}

} // namespace

void addReportStyleOptions(Poco::Util::OptionSet& set) {
    using Poco::Util::Option;
    set.addOption(Option("verbose", "", "mọi dòng").required(false));
    set.addOption(Option("json", "j", "JSON").required(false));
}

// One line per file of a run of several: "  hs.xml: 2 lỗi, 1 cảnh báo" (the files in the order
// they were read, then the ones only named by their problems: rejected unread).
void printFileSummaries(const job::CheckReport& report, std::ostream& out) {
    std::vector<std::string> files;
    std::map<std::string, std::pair<long long, long long>> counts;
    auto note = [&](const std::string& file) {
        if (counts.emplace(file, std::make_pair(0LL, 0LL)).second) {
            files.push_back(file);
        }
    };
    for (const auto& h : report.headers) {
        note(h.file);
    }
    for (const auto& d : report.diagnostics.items()) {
        if (d.where.file.empty() || d.severity == core::Severity::Note) {
            continue;
        }
        note(d.where.file);
        auto& c = counts[d.where.file];
        (d.severity == core::Severity::Error ? c.first : c.second) += 1;
    }
    for (const auto& f : files) {
        const auto& c = counts[f];
        out << "  " << core::terminalSafe(f) << ": "
            << (c.first > 0 ? number(c.first) + " lỗi" : std::string("hợp lệ")) << ", "
            << number(c.second) << " cảnh báo\n";
    }
}

void printCheckReport(const job::CheckReport& report, std::size_t fileCount,
                      const ReportStyle& style, std::ostream& out, std::ostream& err) {
    if (style.json) {
        checkJson(report, fileCount).stringify(out, 2);
        out << '\n';
        return;
    }
    printDiagnostics(report.diagnostics.items(), style.verbose, out, err);
    if (fileCount > 1) {
        printFileSummaries(report, out);
    }
    const std::size_t rejected = fileCount - std::min(fileCount, report.dossiers.size());
    const std::size_t withErrors = dossiersWithErrors(report);
    out << "Đã kiểm tra " << number(static_cast<long long>(fileCount))
        << " hồ sơ: " << number(static_cast<long long>(report.dossiers.size() - withErrors))
        << " hợp lệ, "
        << (withErrors > 0 ? number(static_cast<long long>(withErrors)) + " có lỗi cần sửa, "
                           : std::string())
        << number(static_cast<long long>(rejected)) << " bị từ chối; "
        << number(static_cast<long long>(count(report.diagnostics, core::Severity::Error)))
        << " lỗi; "
        << number(static_cast<long long>(count(report.diagnostics, core::Severity::Warning)))
        << " cảnh báo; "
        << number(static_cast<long long>(count(report.diagnostics, core::Severity::Note)))
        << " trường được chuẩn hóa.\n";
}

void printIssueReport(const job::IssueReport& report, std::size_t fileCount,
                      const fs::path& archiveRoot, const ReportStyle& style, std::ostream& out,
                      std::ostream& err) {
    if (style.json) {
        Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
        o.set("check", checkJson(report.check, fileCount));
        o.set("archive", archiveRoot.string());
        o.set("plannedDecisions", report.plannedDecisions);
        Poco::JSON::Array decisions(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& d : report.decisions) {
            decisions.add(decisionJson(d));
        }
        o.set("decisions", decisions);
        Poco::JSON::Array warnings(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& w : report.configWarnings) {
            Poco::JSON::Object j = diagnosticJson(w.diagnostic);
            Poco::JSON::Array used;
            for (const auto& n : w.decisions) {
                used.add(n);
            }
            j.set("decisions", used);
            warnings.add(j);
        }
        o.set("configWarnings", warnings);
        if (report.error) {
            Poco::JSON::Object e(Poco::JSON_PRESERVE_KEY_ORDER);
            e.set("code", report.error->code);
            e.set("message", report.error->message);
            e.set("file", report.error->where.file);
            Poco::JSON::Array details(Poco::JSON_PRESERVE_KEY_ORDER);
            for (const auto& d : report.error->details) {
                details.add(diagnosticJson(d));
            }
            e.set("details", details);
            o.set("error", e);
        }
        o.stringify(out, 2);
        out << '\n';
        return;
    }
    printCheckReport(report.check, fileCount, style, out, err);
    if (!report.decisions.empty()) {
        out << "Quyết định:\n";
    }
    long long awards = 0, money = 0;
    int fresh = 0, collectives = 0, individuals = 0, households = 0;
    for (const auto& d : report.decisions) {
        printDecisionLine(d, archiveRoot, out);
        if (!d.alreadyFiled) {
            ++fresh;
            awards += d.awardees;
            collectives += d.collectives;
            individuals += d.individuals;
            households += d.households;
            money += d.money;
        }
    }
    printConfigWarnings(report.configWarnings, style.verbose, out);
    if (report.check.ok() && (report.ok() || !report.decisions.empty())) {
        const int filedBefore = static_cast<int>(report.decisions.size()) - fresh;
        out << "Đợt ban hành: " << fresh << " quyết định mới";
        if (filedBefore > 0) {
            out << " (" << filedBefore << " đã có trong kho)";
        }
        out << ", " << awardeesText(static_cast<int>(awards), collectives, individuals, households)
            << " khen thưởng";
        if (money > 0) {
            out << ", tổng tiền thưởng " << format::money(money);
        }
        out << "; kho lưu trữ " << archiveRoot.string() << '\n';
    }
    if (report.error && report.check.ok()) {
        const int missing = report.plannedDecisions - static_cast<int>(report.decisions.size());
        err << "Dừng lại: " << report.decisions.size() << '/' << report.plannedDecisions
            << " quyết định đã lưu vào kho (liệt kê ở trên); " << missing
            << " quyết định chưa ban hành. Sửa lỗi dưới đây rồi chạy lại đúng lệnh này: các quyết "
               "định đã lưu được nhận ra, phần còn lại được ban hành tiếp với số liền sau.\n";
    }
}

void printConfigCheck(const job::ConfigCheckReport& report, const ReportStyle& style,
                      std::ostream& out) {
    const std::size_t unverified = count(report.facts, core::Severity::Warning);
    const std::size_t probable = count(report.facts, core::Severity::Note);
    if (style.json) {
        Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array files;
        for (const auto& f : report.files) {
            files.add(f.string());
        }
        o.set("files", files);
        o.set("templates", report.templates);
        o.set("unverified", unverified);
        o.set("probable", probable);
        Poco::JSON::Array facts(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& d : report.facts.items()) {
            facts.add(diagnosticJson(d));
        }
        o.set("facts", facts);
        Poco::JSON::Array rules(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& r : report.rules) {
            Poco::JSON::Object j(Poco::JSON_PRESERVE_KEY_ORDER);
            j.set("code", r.code);
            j.set("severity", r.severity);
            j.set("kind", r.kind);
            j.set("title", r.title);
            j.set("basis", r.basis);
            j.set("period", r.period);
            j.set("verified", r.verified);
            rules.add(j);
        }
        o.set("rules", rules);
        o.stringify(out, 2);
        out << '\n';
        return;
    }
    for (const auto& d : report.facts.items()) {
        out << core::format(d) << '\n';
    }
    if (!report.rules.empty()) {
        out << "\nQuy tắc kiểm tra hồ sơ (config/rules.xml, xem config/RULES.md):\n";
        for (const auto& r : report.rules) {
            out << "  " << r.code << "  "
                << core::severityWord(r.severity == "warning" ? core::Severity::Warning
                                                              : core::Severity::Error)
                << (r.verified ? "" : ", chưa xác minh") << "  " << r.period << "  " << r.title
                << " (căn cứ: " << r.basis << ")\n";
        }
        out << '\n';
    }
    out << "Cấu hình dùng được: " << report.files.size() << " tệp, " << report.templates << " mẫu, "
        << report.rules.size() << " quy tắc. " << number(static_cast<long long>(unverified))
        << " quy định chưa xác minh (cảnh báo), " << number(static_cast<long long>(probable))
        << " theo thực tiễn chưa thấy điều khoản (ghi chú): cần đối chiếu văn bản trước khi "
           "dùng cho quyết định thật; sửa tệp và ghi verified/status khi đã đối chiếu.\n";
}

} // namespace tdkt::app
