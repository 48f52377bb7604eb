#include "drawing_check.hpp"

#include "context_builder.hpp"
#include "decision_builder.hpp"
#include "pipeline/text/position_unit.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace tdkt::job {
namespace {

// The number drawn in place of the decision's, which is only taken when filing: the widest a
// year's register reaches, so that a field holding it is measured at its longest.
constexpr int kWidestNumber = 9999;
const char* const kWidestGoldenBook = "99999";

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::string utf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string codeOf(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// Where a printed text came from in the dossier: the line of its element, its field path (as
// the dossier's rules name it) and what a clerk calls it.
struct Origin {
    core::SourceLocation where;
    std::string field;
    std::string label;
    std::string text; // as printed
};

// One awardee's nominee and nomination in its dossier.
struct Source {
    const model::Dossier* dossier = nullptr;
    const model::Nominee* nominee = nullptr;
    const model::Nomination* nomination = nullptr;
};

// Where the awardees of one decision come from, indexed once: a consolidated decision is made
// of a thousand dossiers, and a scan of them for each of its awardees was quadratic.
class SourceIndex {
public:
    SourceIndex(const Plan& plan, const model::Decision& d) {
        std::unordered_map<std::string, const model::Dossier*> byFile;
        for (const model::Dossier* dossier : plan.dossiers) {
            byFile[dossier->sourceFile] = dossier;
            auto& nominees = m_nominees[dossier];
            for (const auto& n : dossier->nominees) {
                nominees[n.id] = &n;
            }
        }
        for (const auto& source : d.sources) {
            auto it = byFile.find(source.dossierFile);
            m_bySource.push_back(it == byFile.end() ? nullptr : it->second);
        }
    }

    Source of(const model::Awardee& a) const {
        Source s;
        const auto index = static_cast<std::size_t>(a.source);
        s.dossier = index < m_bySource.size() ? m_bySource[index] : nullptr;
        if (!s.dossier) {
            return s;
        }
        const auto& nominees = m_nominees.at(s.dossier);
        auto it = nominees.find(a.nomineeId);
        if (it == nominees.end()) {
            return s;
        }
        s.nominee = it->second;
        for (const auto& nom : s.nominee->nominations) {
            if (nom.proposalId == a.proposalId) {
                s.nomination = &nom;
            }
        }
        return s;
    }

private:
    std::vector<const model::Dossier*> m_bySource; // by DecisionSource index
    std::unordered_map<const model::Dossier*,
                       std::unordered_map<std::string, const model::Nominee*>>
        m_nominees;
};

const char* elementOf(model::NomineeKind k) {
    switch (k) {
    case model::NomineeKind::Collective:
        return "collective";
    case model::NomineeKind::Household:
        return "household";
    case model::NomineeKind::Individual:
        break;
    }
    return "individual";
}

// The origin of `variable` (a certificate context path, or a list column) for the awardee;
// nullopt when the text is the configuration's (issuer, signer, decision).
std::optional<Origin> originOf(std::string variable, const Source& s, const model::Awardee& a) {
    if (!s.nominee) {
        return std::nullopt;
    }
    const model::Nominee& n = *s.nominee;
    const std::string nominee = std::string(elementOf(n.kind)) + "[@id=\"" + n.id + "\"]";
    const std::string nomination =
        s.dossier->schemaVersion == "1.0" || !s.nomination
            ? nominee
            : nominee + "/nomination[@proposal=\"" + s.nomination->proposalId + "\"]";
    const core::SourceLocation nominationAt = s.nomination ? s.nomination->where : n.where;
    if (variable.size() > 5 && variable.compare(variable.size() - 5, 5, "Upper") == 0) {
        variable.resize(variable.size() - 5);
    }
    const bool individual = n.kind == model::NomineeKind::Individual;
    const bool household = n.kind == model::NomineeKind::Household;
    if (variable == "recipient.achievement" || variable == "achievement") {
        return Origin{nominationAt, nomination + "/achievement", "thành tích", a.achievement};
    }
    if (variable == "recipient.name" || variable == "name") {
        const std::string field = individual                    ? "/fullName"
                                  : household && n.name.empty() ? "/headName"
                                                                : "/name";
        return Origin{n.where, nominee + field, individual ? "họ tên" : "tên", a.name};
    }
    if (variable == "recipient.salutation" || variable == "honorific") {
        return Origin{n.where, nominee + "/honorific", "danh xưng", a.honorific};
    }
    if (variable == "position") {
        return Origin{n.where, nominee + "/position", "chức vụ", a.position};
    }
    if (variable == "recipient.unit" || variable == "unit") {
        const std::string field = individual  ? "/workplace"
                                  : household ? "/address"
                                              : "/parentUnit";
        const std::string printed = individual && !a.position.empty() && variable != "unit"
                                        ? text::joinPositionUnit(a.position, a.unit)
                                        : a.unit;
        return Origin{
            n.where,
            nominee + (individual && variable != "unit" ? "/position, " + nominee + field : field),
            individual  ? "chức vụ, đơn vị công tác"
            : household ? "địa chỉ"
                        : "đơn vị",
            printed};
    }
    if (variable == "representative") {
        return Origin{n.where, nominee + "/representative", "người đại diện",
                      a.representative.name};
    }
    if (variable.rfind("inscription", 0) == 0) {
        return Origin{nominationAt, nomination, "dòng chữ trên cờ", a.inscription};
    }
    return std::nullopt;
}

std::string artefactOf(const model::AwardKind& kind) {
    return kind.artefactName.empty() ? kind.name : kind.artefactName;
}

core::Diagnostic fitDiagnostic(const render::FieldProblem& p, const Origin& o,
                               const std::string& artefact, const std::string& templateName) {
    const std::string box =
        "khung «" + p.field + "» của " + artefact + " (mẫu " + templateName + ")";
    const std::string length = o.label + " dài " + std::to_string(codePoints(o.text)) + " ký tự";
    std::string message;
    if (p.code == "R001") {
        message = length + ", không vừa " + box + ": cần " + std::to_string(p.lines) +
                  " dòng, khung có " + std::to_string(p.maxLines) + " dòng, chứa khoảng " +
                  std::to_string(p.capacityChars) + " ký tự; hãy rút gọn";
    } else if (p.code == "R002") {
        message = length + ", không vừa " + box +
                  " kể cả khi thu nhỏ tới cỡ chữ tối thiểu: khung " + "chứa khoảng " +
                  std::to_string(p.capacityChars) + " ký tự; hãy rút gọn";
    } else if (p.code == "R004") {
        message = o.label + " có ký tự “" + utf8(p.character) + "” (" + codeOf(p.character) +
                  ") mà phông chữ của mẫu " + templateName +
                  " không có, sẽ in ra ô trống; hãy sửa nội dung";
    } else {
        message = p.message;
    }
    return {core::Severity::Error, p.code, o.where, o.field, message};
}

// A field whose text comes from the configuration (issuer, signer, decision): the template's
// line, once per template and field.
core::Diagnostic configDiagnostic(const render::FieldProblem& p, const std::string& templateName) {
    return {core::Severity::Error,
            p.code,
            {"templates/" + templateName + "/template.xml", p.templateLine, 0},
            p.field,
            p.message + " (nội dung lấy từ cấu hình cơ quan ban hành hoặc quyết định: sửa "
                        "config/issuers.xml hoặc mẫu)"};
}

// The texts of one awardee's row in the attached list, checked against the decision's fonts.
const char* const kListFields[] = {"name", "honorific",   "position",
                                   "unit", "achievement", "representative"};

std::string listText(const model::Awardee& a, const std::string& field) {
    if (field == "name") {
        return a.name;
    }
    if (field == "honorific") {
        return a.honorific;
    }
    if (field == "position") {
        return a.position;
    }
    if (field == "unit") {
        return a.unit;
    }
    if (field == "achievement") {
        return a.achievement;
    }
    return a.representative.name;
}

// The check of a range of the work (plans × awardees), with this worker's own checkers.
class Worker {
public:
    explicit Worker(const RendererLookup& renderer) : m_renderer(renderer) {}

    void checkAwardee(const SourceIndex& sources, const model::Decision& d, std::size_t index) {
        const model::Awardee& a = d.awardees[index];
        const Source source = sources.of(a);
        // The attached list: every text the decision prints.
        if (render::FitChecker* list = checker("decision")) {
            for (const char* field : kListFields) {
                const std::string text = listText(a, field);
                if (text.empty()) {
                    continue;
                }
                if (char32_t cp = list->undrawable(text)) {
                    if (auto o = originOf(field, source, a)) {
                        render::FieldProblem p;
                        p.code = "R004";
                        p.character = cp;
                        add(fitDiagnostic(p, *o, "danh sách kèm quyết định", "decision"));
                    }
                }
            }
        }
        if (a.certificateFile.empty()) {
            return;
        }
        const model::AwardKind& kind = d.parts[static_cast<std::size_t>(a.part)].kind;
        const std::string templateName = certificateTemplateName(kind);
        render::FitChecker* fit = checker(templateName);
        if (!fit) {
            return; // not loaded: the filing step reports the missing template
        }
        tmpl::Value ctx = certificateContext(d, a);
        if (kind.goldenBook) {
            ctx.set("goldenBook", kWidestGoldenBook);
        }
        auto problems = fit->check(ctx);
        if (!problems) {
            add({core::Severity::Error,
                 problems.error().code,
                 problems.error().where,
                 {},
                 problems.error().message});
            return;
        }
        for (const auto& p : problems.value()) {
            // Of the dossier texts the field prints, the one with the character it cannot
            // draw, else the longest.
            std::optional<Origin> origin;
            for (const auto& v : p.variables) {
                auto o = originOf(v, source, a);
                if (!o) {
                    continue;
                }
                const bool better =
                    !origin || (p.code == "R004"
                                    ? o->text.find(utf8(p.character)) != std::string::npos &&
                                          origin->text.find(utf8(p.character)) == std::string::npos
                                    : codePoints(o->text) > codePoints(origin->text));
                if (better) {
                    origin = std::move(o);
                }
            }
            if (origin) {
                add(fitDiagnostic(p, *origin, artefactOf(kind), templateName));
            } else {
                add(configDiagnostic(p, templateName));
            }
        }
    }

    // In the order found.
    std::vector<core::Diagnostic>& findings() { return m_findings; }

private:
    render::FitChecker* checker(const std::string& name) {
        auto it = m_checkers.find(name);
        if (it == m_checkers.end()) {
            const render::DocumentRenderer* r = m_renderer(name);
            if (!r) {
                return nullptr;
            }
            it = m_checkers.emplace(name, render::FitChecker(*r)).first;
        }
        return &it->second;
    }
    void add(core::Diagnostic d) { m_findings.push_back(std::move(d)); }

    const RendererLookup& m_renderer;
    std::map<std::string, render::FitChecker> m_checkers;
    std::vector<core::Diagnostic> m_findings;
};

} // namespace

void checkDrawing(const std::vector<Plan>& plans, const RendererLookup& renderer,
                  const std::string& combinedSubject, core::Diagnostics& diagnostics) {
    // The decisions as they will be drawn (but for their numbers), built once and shared
    // read-only by the workers.
    std::vector<model::Decision> decisions;
    decisions.reserve(plans.size());
    std::vector<SourceIndex> sources;
    sources.reserve(plans.size());
    std::vector<std::pair<std::size_t, std::size_t>> work; // (plan, awardee)
    for (std::size_t p = 0; p < plans.size(); ++p) {
        decisions.push_back(buildDecision(plans[p], kWidestNumber, combinedSubject));
        sources.emplace_back(plans[p], decisions.back());
        for (std::size_t a = 0; a < decisions.back().awardees.size(); ++a) {
            work.emplace_back(p, a);
        }
    }
    // Both cores: the work split in two halves (each worker has its own checkers and caches).
    const unsigned threads =
        work.size() < 256 ? 1u : std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    std::vector<Worker> workers;
    workers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back(renderer);
    }
    auto run = [&](unsigned t) {
        const std::size_t from = work.size() * t / threads;
        const std::size_t to = work.size() * (t + 1) / threads;
        for (std::size_t i = from; i < to; ++i) {
            const auto [p, a] = work[i];
            workers[t].checkAwardee(sources[p], decisions[p], a);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(run, t);
    }
    run(0);
    for (auto& th : pool) {
        th.join();
    }
    // In plan and list order; the same finding (a dossier field printed on a certificate and
    // in the list, or a configuration field on every certificate) once.
    std::set<std::tuple<std::string, std::string, int, std::string>> seen;
    for (auto& w : workers) {
        for (auto& d : w.findings()) {
            if (seen.emplace(d.code, d.where.file, d.where.line, d.field).second) {
                diagnostics.add(std::move(d));
            }
        }
    }
}

} // namespace tdkt::job
