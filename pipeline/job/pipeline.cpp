// The pipeline's configuration and its `check` and `issue` runs; the steps of `issue` are
// issue_plan (resolve every award first), print_setup and decision_filer (one decision filed).
#include "pipeline.hpp"

#include "archive/known_history.hpp"
#include "check_sheet.hpp"
#include "decision_filer.hpp"
#include "drawing_check.hpp"
#include "issue_plan.hpp"
#include "pipeline/normalize/normalizer.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/template/template.hpp"
#include "pipeline/validate/codes.hpp"
#include "pipeline/validate/dossier_validator.hpp"
#include "pipeline/validate/issuer_registry.hpp"
#include "pipeline/validate/law_checks.hpp"
#include "print_setup.hpp"
#include "search_key.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace tdkt::job {

struct Pipeline::Impl {
    core::Environment env;
    std::shared_ptr<const validate::IssuerRegistry> issuers;
    std::shared_ptr<const validate::AwardCatalogue> catalogue;
    std::unique_ptr<validate::DossierValidator> validator;
    std::optional<award::AwardMoney> money; // config/award-money.xml
    archive::RetentionTable retention;      // config/retention.xml
};

namespace {

// The layout templates a run draws with: the decision's and those of the planned kinds'
// artefacts, loaded before anything is written (a broken template writes nothing).
using Renderers = std::map<std::string, render::DocumentRenderer>;

core::Result<Renderers> loadRenderers(const core::Environment& env,
                                      const std::vector<Plan>& plans) {
    Renderers out;
    std::vector<std::string> names = {"decision"};
    for (const auto& plan : plans) {
        for (const auto& part : plan.parts) {
            if (part.kind.hasArtefactFile()) {
                names.push_back(part.kind.artefactTemplate);
            }
        }
    }
    for (const auto& name : names) {
        if (out.count(name)) {
            continue;
        }
        auto r = render::DocumentRenderer::load(env, name);
        if (!r) {
            return r.error();
        }
        out.emplace(name, std::move(r).value());
    }
    return out;
}

// What the issuers and the catalogue must agree on, and the catalogue's wording patterns
// parsed once (their syntax, with the kind named): configuration errors, exit 78.
core::Status crossCheck(const validate::IssuerRegistry& issuers,
                        const validate::AwardCatalogue& catalogue) {
    core::Diagnostics diags;
    for (const auto& e : issuers.entries()) {
        for (const auto& [kind, name] : e.issuer.awardNames) {
            if (!catalogue.find(kind)) {
                diags.error(validate::codes::kIssuerUnknownKind, e.where,
                            "issuer[@id=\"" + e.issuer.id + "\"]/awardNames",
                            "«" + name + "»: loại khen thưởng «" + kind +
                                "» không có trong danh mục khen thưởng");
            }
        }
    }
    for (const auto& entry : catalogue.entries()) {
        for (const auto& rule : entry.rules) {
            for (const std::string* pattern :
                 {&rule.subjectPattern, &rule.article1Pattern, &rule.clausePattern,
                  &rule.listTitlePattern, &rule.inscriptionPattern}) {
                if (pattern->empty()) {
                    continue;
                }
                auto parsed = tmpl::Template::parse(*pattern, catalogue.source().string());
                if (!parsed) {
                    diags.error(validate::codes::kCataloguePattern, entry.where,
                                "kind[@id=\"" + entry.id + "\"]",
                                "lời văn «" + *pattern +
                                    "» sai cú pháp mẫu: " + parsed.error().message);
                }
            }
        }
    }
    if (!diags.hasErrors()) {
        return {};
    }
    core::Error e = core::makeError(core::ErrorKind::Config, diags.items().front().code,
                                    "cấu hình cơ quan ban hành và danh mục khen thưởng không "
                                    "khớp nhau");
    e.details = diags.items();
    return e;
}

} // namespace

Pipeline::Pipeline() : m_impl(std::make_unique<Impl>()) {}
Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;

const core::Environment& Pipeline::environment() const {
    return m_impl->env;
}

core::Result<Pipeline> Pipeline::load(const core::Environment& env) {
    Pipeline p;
    p.m_impl->env = env;
    auto issuers =
        validate::IssuerRegistry::load(env.configDir() / "issuers.xml", env.schemasDir());
    if (!issuers) {
        return issuers.error();
    }
    p.m_impl->issuers =
        std::make_shared<const validate::IssuerRegistry>(std::move(issuers).value());
    auto catalogue = validate::AwardCatalogue::load(env);
    if (!catalogue) {
        return catalogue.error();
    }
    p.m_impl->catalogue =
        std::make_shared<const validate::AwardCatalogue>(std::move(catalogue).value());
    if (auto st = crossCheck(*p.m_impl->issuers, *p.m_impl->catalogue); !st) {
        return st.error();
    }
    auto validator = validate::DossierValidator::load(env, p.m_impl->issuers, p.m_impl->catalogue);
    if (!validator) {
        return validator.error();
    }
    p.m_impl->validator =
        std::make_unique<validate::DossierValidator>(std::move(validator).value());
    auto money = award::AwardMoney::load(env);
    if (!money) {
        return money.error();
    }
    p.m_impl->money = std::move(money).value();
    auto retention = archive::RetentionTable::load(env.configDir() / archive::kRetentionConfigFile,
                                                   env.schemasDir());
    if (!retention) {
        return retention.error();
    }
    p.m_impl->retention = std::move(retention).value();
    return p;
}

namespace {

// The date the dossiers' dates are checked against: --as-of / TDKT_AS_OF, else the clock's
// date in Vietnam (SOURCE_DATE_EPOCH or today).
model::Date checkDate(const core::Environment& env) {
    if (auto asOf = model::Date::parseIso(env.asOf)) {
        return *asOf;
    }
    return model::vietnamDateTime(env.now).date;
}

// Whether an accepted item ("L012", "L012:cn04") covers a finding: the code, and the id in
// the finding's field (nominee, proposal or document).
bool covers(const std::string& item, const core::Diagnostic& d) {
    const std::size_t colon = item.find(':');
    if (item.substr(0, colon) != d.code) {
        return false;
    }
    return colon == std::string::npos ||
           d.field.find("[@id=\"" + item.substr(colon + 1) + "\"]") != std::string::npos;
}

// The run's rule findings with the accepted errors made warnings that say so; each accepted
// one is recorded in `accepted` (the dossier's, for the journal and the metadata).
core::Diagnostics applyAcceptance(core::Diagnostics found, const Acceptance& accept,
                                  std::vector<model::AcceptedFinding>& accepted) {
    core::Diagnostics out;
    for (core::Diagnostic d : found.items()) {
        const bool isRule = !d.code.empty() && d.code[0] == 'L';
        if (isRule && d.severity == core::Severity::Error &&
            std::any_of(accept.findings.begin(), accept.findings.end(),
                        [&](const std::string& item) { return covers(item, d); })) {
            d.severity = core::Severity::Warning;
            d.message += " — đã chấp nhận khi ban hành: " + accept.reason;
            accepted.push_back({d.code, d.subject, d.field, accept.reason});
        }
        out.add(std::move(d));
    }
    return out;
}

// Runs work(i) for every i < count, two files at a time when the machine has two cores.
template <class Work> void forEachFile(std::size_t count, Work work) {
    std::atomic<std::size_t> next{0};
    auto loop = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            work(i);
        }
    };
    std::thread helper;
    if (count > 1 && std::thread::hardware_concurrency() > 1) {
        helper = std::thread(loop);
    }
    loop();
    if (helper.joinable()) {
        helper.join();
    }
}

// One file's findings in the order of its lines (the run's rules add theirs after the file's
// own); findings without a line first, as they concern the whole file.
void sortByLine(core::Diagnostics& diags) {
    std::vector<core::Diagnostic> items = diags.items();
    std::stable_sort(items.begin(), items.end(),
                     [](const core::Diagnostic& a, const core::Diagnostic& b) {
                         return a.where.line < b.where.line;
                     });
    diags = core::Diagnostics();
    for (auto& d : items) {
        diags.add(std::move(d));
    }
}

// A normalisation change is a note for the clerk to confirm before printing.
void noteChanges(const model::Dossier& dossier, core::Diagnostics& diags) {
    for (const auto& c : dossier.changes) {
        diags.add({core::Severity::Note, "N001", c.where, c.field,
                   "«" + c.before + "» → «" + c.after + "» (" + c.reason + ")"});
    }
}

// The configuration facts the round relied on that the configuration marks unverified, once
// each, with the decisions that used them (in filing order).
std::vector<ConfigWarning> configWarningsOf(const std::vector<IssuedDecision>& decisions) {
    std::vector<ConfigWarning> out;
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    auto add = [&](const std::string& code, const std::string& what, const std::string& note,
                   const std::string& check, const IssuedDecision& d) {
        auto [it, fresh] = seen.emplace(std::make_pair(code, note), out.size());
        if (fresh) {
            out.push_back({{core::Severity::Warning, code, {}, what, note + " — " + check}, {}});
        }
        auto& list = out[it->second].decisions;
        if (list.empty() || list.back() != d.numberText) {
            list.push_back(d.numberText);
        }
    };
    for (const auto& d : decisions) {
        for (const auto& note : d.moneyUnverified) {
            add("M020", "tiền thưởng", note, "cần kiểm tra trước khi trình ký", d);
        }
        for (const auto& note : d.kindUnverified) {
            add("K020", "danh mục khen thưởng", note, "cần kiểm tra trước khi trình ký", d);
        }
        for (const auto& note : d.retentionUnverified) {
            add("A070", "thời hạn bảo quản", note, "cần kiểm tra với bộ phận lưu trữ", d);
        }
    }
    return out;
}

} // namespace

struct Pipeline::Checked {
    CheckReport report;
    std::vector<Plan> plans; // pointing into report.dossiers
    Renderers renderers;     // the templates the plans draw with, loaded once for the run
    std::optional<core::Error> configError; // a template that does not load
};

Pipeline::Checked Pipeline::checkAndPlan(const std::vector<std::string>& files,
                                         const text::Options& text, bool perDossier,
                                         const std::optional<model::Date>& runDate,
                                         const model::KnownHistory* history,
                                         const Acceptance& accept) const {
    Checked out;
    CheckReport& report = out.report;
    // Each file read and validated on its own, two at a time; then the run's law checks; then
    // each valid dossier normalised; the findings and dossiers are taken in the order the files
    // were given.
    struct FileCheck {
        core::Diagnostics diags;
        std::optional<model::Dossier> dossier;  // read and valid so far
        std::optional<model::Dossier> rejected; // read, but an error of its own
    };
    std::vector<FileCheck> checked(files.size());
    forEachFile(files.size(), [&](std::size_t i) {
        FileCheck& c = checked[i];
        auto dossier = m_impl->validator->read(fs::path(files[i]), files[i], c.diags, &c.rejected);
        if (!dossier) {
            if (!c.diags.hasErrors()) {
                const auto& e = dossier.error();
                c.diags.error(e.code, e.where, {}, e.message);
            }
            return;
        }
        c.dossier = std::move(dossier).value();
    });
    // The law (config/rules.xml) on the whole run, as typed: each dossier against the rules in
    // force on its decision dates, against the other dossiers and against the archive. A
    // dossier rejected by its own rules is still looked at, so that every problem is listed.
    {
        std::vector<const model::Dossier*> run;
        std::vector<std::size_t> owner;
        for (std::size_t i = 0; i < checked.size(); ++i) {
            if (const auto& d = checked[i].dossier ? checked[i].dossier : checked[i].rejected) {
                run.push_back(&*d);
                owner.push_back(i);
            }
        }
        const validate::LawContext law{m_impl->validator->rules(), *m_impl->catalogue,
                                       checkDate(m_impl->env), runDate, history};
        std::vector<core::Diagnostics> found;
        validate::checkLaw(run, law, found);
        for (std::size_t k = 0; k < run.size(); ++k) {
            report.headers.push_back(
                {run[k]->sourceFile, run[k]->proposingUnit.name,
                 run[k]->proposals.empty() ? std::string() : run[k]->proposals[0].issuerId});
            FileCheck& c = checked[owner[k]];
            if (!accept.empty() && c.dossier) {
                found[k] = applyAcceptance(std::move(found[k]), accept, c.dossier->accepted);
            }
            c.diags.append(found[k]);
            if (found[k].hasErrors() && c.dossier) {
                c.dossier.reset();
            }
            sortByLine(c.diags);
        }
    }
    forEachFile(files.size(), [&](std::size_t i) {
        if (FileCheck& c = checked[i]; c.dossier) {
            normalize::normalizeDossier(*c.dossier, text);
            noteChanges(*c.dossier, c.diags);
        }
    });
    for (auto& c : checked) {
        report.diagnostics.append(c.diags);
        if (c.dossier) {
            report.dossiers.push_back(std::move(*c.dossier));
        }
    }
    checked.clear();
    PlanTools tools{*m_impl->issuers, *m_impl->catalogue, *m_impl->money, perDossier};
    out.plans = planDecisions(report.dossiers, tools, runDate, m_impl->env.now, report.diagnostics);
    auto renderers = loadRenderers(m_impl->env, out.plans);
    if (!renderers) {
        const core::Error& e = renderers.error();
        report.diagnostics.error(e.code, e.where, {}, e.message);
        out.configError = e;
        return out;
    }
    out.renderers = std::move(renderers).value();
    const Renderers& loaded = out.renderers;
    checkDrawing(
        out.plans,
        [&loaded](const std::string& name) -> const render::DocumentRenderer* {
            auto it = loaded.find(name);
            return it == loaded.end() ? nullptr : &it->second;
        },
        m_impl->catalogue->combinedSubjectPattern(), report.diagnostics);
    return out;
}

CheckReport Pipeline::check(const std::vector<std::string>& files, const text::Options& text,
                            bool perDossier, const fs::path& archiveRoot) const {
    std::optional<archive::ArchiveHistory> history;
    if (!archiveRoot.empty()) {
        history = archive::ArchiveHistory::open(archiveRoot);
    }
    return checkAndPlan(files, text, perDossier, std::nullopt, history ? &*history : nullptr)
        .report;
}

core::Result<std::vector<fs::path>>
Pipeline::writeCheckSheets(const CheckReport& report, const std::vector<std::string>& files,
                           const fs::path& outDir) const {
    return checkSheets(m_impl->env, *m_impl->issuers, report, files, checkDate(m_impl->env),
                       outDir);
}

IssueReport Pipeline::issue(const IssueOptions& options) const {
    IssueReport report;
    // Always against the archive the round goes into: its own earlier awards are not "already
    // granted" (KnownAward::dossierSha256), so a rerun after a kill still passes.
    // The history holds a read snapshot of the index while the run is checked: closed before
    // anything is filed.
    auto history = std::make_optional(archive::ArchiveHistory::open(options.archiveRoot));
    Checked checked = checkAndPlan(options.files, options.text, options.perDossier, options.date,
                                   &*history, options.accept);
    history.reset();
    report.check = std::move(checked.report);
    const std::vector<Plan>& plans = checked.plans;
    report.plannedDecisions = static_cast<int>(plans.size());
    if (checked.configError) {
        report.error = checked.configError;
        return report;
    }
    if (!report.check.ok()) {
        report.error = core::makeError(core::ErrorKind::InputRejected, "J003",
                                       "hồ sơ không hợp lệ; không ghi gì vào kho lưu trữ");
        return report;
    }
    auto fail = [&](core::Error e) {
        report.error = std::move(e);
        report.configWarnings = configWarningsOf(report.decisions);
        return report;
    };
    auto print = loadPrintSetup(m_impl->env, options.print, plans);
    if (!print) {
        return fail(print.error());
    }
    auto archive = archive::Archive::open(options.archiveRoot, m_impl->env.schemasDir(),
                                          searchKeyFn(), m_impl->retention);
    if (!archive) {
        return fail(archive.error());
    }
    archive->setClock(m_impl->env.now);

    const int totalSteps = filingSteps(plans);
    int done = 0;
    std::mutex progressMutex;
    const Renderers& loaded = checked.renderers;
    FilingTools tools{
        *m_impl->money,
        m_impl->retention,
        [&loaded](const std::string& name) -> core::Result<const render::DocumentRenderer*> {
            auto it = loaded.find(name);
            if (it == loaded.end()) {
                return core::makeError(core::ErrorKind::Config, "J010",
                                       "không có mẫu văn bản «" + name + "»");
            }
            return &it->second;
        },
        print.value(),
        m_impl->catalogue->combinedSubjectPattern(),
        m_impl->catalogue->combinedListTitlePattern(),
        options.lockWaitSeconds,
        [&](const std::string& what) {
            std::lock_guard<std::mutex> hold(progressMutex);
            ++done;
            if (options.progress) {
                options.progress(done, totalSteps, what);
            }
        }};
    RoundFiling filed = fileRound(archive.value(), plans, tools);
    report.decisions = std::move(filed.decisions);
    if (filed.error) {
        return fail(std::move(*filed.error));
    }
    report.configWarnings = configWarningsOf(report.decisions);
    return report;
}

} // namespace tdkt::job
