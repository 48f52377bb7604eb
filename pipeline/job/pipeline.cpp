// The pipeline's configuration and its `check` and `issue` runs; the steps of `issue` are
// issue_plan (resolve every award first), print_setup and decision_filer (one decision filed).
#include "pipeline.hpp"

#include "decision_filer.hpp"
#include "issue_plan.hpp"
#include "pipeline/normalize/normalizer.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/validate/dossier_validator.hpp"
#include "pipeline/validate/issuer_registry.hpp"
#include "print_setup.hpp"
#include "search_key.hpp"

#include <map>

namespace tdkt::job {

struct Pipeline::Impl {
    core::Environment env;
    std::shared_ptr<const validate::IssuerRegistry> issuers;
    std::unique_ptr<validate::DossierValidator> validator;
    std::map<std::string, render::DocumentRenderer> renderers;
    std::optional<award::AwardMoney> money; // config/award-money.xml
    archive::RetentionTable retention;      // config/retention.xml

    core::Result<const render::DocumentRenderer*> renderer(const std::string& name) const {
        auto it = renderers.find(name);
        if (it == renderers.end()) {
            return core::makeError(core::ErrorKind::Config, "J010",
                                   "không có mẫu văn bản «" + name + "»");
        }
        return &it->second;
    }
};

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
    auto validator = validate::DossierValidator::load(env, p.m_impl->issuers);
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
    for (const char* name : {"decision", "certificate-bang-khen", "certificate-giay-khen"}) {
        auto r = render::DocumentRenderer::load(env, name);
        if (!r) {
            return r.error();
        }
        p.m_impl->renderers.emplace(name, std::move(r).value());
    }
    return p;
}

CheckReport Pipeline::check(const std::vector<std::string>& files,
                            const text::Options& text) const {
    CheckReport report;
    for (const auto& file : files) {
        core::Diagnostics diags;
        auto dossier = m_impl->validator->read(fs::path(file), file, diags);
        report.diagnostics.append(diags);
        if (!dossier) {
            if (!diags.hasErrors()) {
                const auto& e = dossier.error();
                report.diagnostics.error(e.code, e.where, {}, e.message);
            }
            continue;
        }
        normalize::normalizeDossier(dossier.value(), text);
        report.dossiers.push_back(std::move(dossier).value());
    }
    return report;
}

core::Result<IssueReport> Pipeline::issue(const IssueOptions& options,
                                          CheckReport* checkOut) const {
    IssueReport report;
    report.check = check(options.files, options.text);
    auto finish = [&]() {
        if (checkOut) {
            *checkOut = report.check;
        }
    };
    auto fail = [&](core::Error e) -> core::Result<IssueReport> {
        finish();
        return e;
    };

    const std::vector<Plan> plans =
        planDecisions(report.check.dossiers, *m_impl->issuers, *m_impl->money, options.date,
                      m_impl->env.now, report.check.diagnostics);
    if (!report.check.ok()) {
        return fail(core::makeError(core::ErrorKind::InputRejected, "J003",
                                    "hồ sơ không hợp lệ; không ghi gì vào kho lưu trữ"));
    }
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
    FilingTools tools{*m_impl->money,
                      m_impl->retention,
                      [this](const std::string& name) { return m_impl->renderer(name); },
                      print.value(),
                      options.lockWaitSeconds,
                      [&](const std::string& what) {
                          ++done;
                          if (options.progress) {
                              options.progress(done, totalSteps, what);
                          }
                      }};
    for (const auto& plan : plans) {
        auto issued = fileDecision(archive.value(), plan, tools);
        if (!issued) {
            return fail(issued.error());
        }
        report.decisions.push_back(std::move(issued).value());
    }
    finish();
    return report;
}

} // namespace tdkt::job
