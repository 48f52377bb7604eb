#include "pipeline.hpp"

#include "context_builder.hpp"
#include "decision_builder.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/normalize/normalizer.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/template/sample.hpp"
#include "pipeline/validate/dossier_validator.hpp"
#include "pipeline/validate/issuer_registry.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace tdkt::job {
namespace {

archive::SearchKeyFn searchKeyFn() {
    return [](const std::string& s) { return normalize::searchKey(s); };
}

archive::DecisionRecord toRecord(const model::Decision& d, int pageCount) {
    archive::DecisionRecord r;
    r.issuerId = d.issuer.id;
    r.issuerCode = d.issuer.code;
    r.issuerLevel = d.issuer.level;
    std::string name = d.issuer.name;
    for (auto& ch : name) {
        ch = ch == '\n' ? ' ' : ch;
    }
    r.issuerName = name;
    r.notation = d.issuer.notation;
    r.year = d.date.year;
    r.number = d.number;
    r.numberText = d.numberText;
    r.date = d.date.iso();
    r.subject = d.subject;
    r.signerTitle = d.issuer.signer.title;
    r.signerName = d.issuer.signer.name;
    r.awardForm = model::toString(d.form);
    r.awardFormName = model::displayName(d.form);
    r.awardId = d.awardId;
    r.dossierFile = d.dossierFile;
    r.dossierSha256 = d.dossierSha256;
    r.unitCode = d.proposingUnit.code;
    r.unitName = d.proposingUnit.name;
    r.roundName = d.round.name;
    r.roundYear = d.round.year;
    r.pageCount = pageCount;
    for (const auto& a : d.awardees) {
        archive::AwardeeRecord ar;
        ar.kind = model::toString(a.kind);
        ar.ordinal = a.ordinal;
        ar.name = a.name;
        ar.position = a.position;
        ar.unit = a.unit;
        ar.achievement = a.achievement;
        if (a.kind == model::NomineeKind::Individual) {
            ar.category = model::toString(a.category);
            ar.gender = model::toString(a.gender);
            ar.birthYear = a.birthYear;
        }
        ar.certificateFile = a.certificateFile;
        r.awardees.push_back(std::move(ar));
    }
    return r;
}

// One planned decision, resolved before anything is written.
struct Plan {
    const model::Dossier* dossier;
    const model::AwardRequest* award;
    const model::Issuer* issuer;
    model::Date date;
};

} // namespace

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

const core::Environment& Pipeline::environment() const { return m_impl->env; }

core::Result<Pipeline> Pipeline::load(const core::Environment& env) {
    Pipeline p;
    p.m_impl->env = env;
    auto issuers = validate::IssuerRegistry::load(env.configDir() / "issuers.xml",
                                                  env.schemasDir());
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
    auto retention = archive::RetentionTable::load(
        env.configDir() / archive::kRetentionConfigFile, env.schemasDir());
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
                            const normalize::Options& text) const {
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
    auto fail = [&](core::Error e) -> core::Result<IssueReport> {
        if (checkOut) {
            *checkOut = report.check;
        }
        return e;
    };

    // Resolve every decision (issuer valid on its date, allowed to grant the form) before
    // writing anything: a batch with one bad dossier writes nothing.
    std::vector<Plan> plans;
    for (const auto& dossier : report.check.dossiers) {
        for (const auto& award : dossier.awards) {
            model::Date date = decisionDateFor(award, options.date, m_impl->env.now);
            const model::Issuer* issuer = m_impl->issuers->find(award.issuerId, date);
            if (!issuer) {
                report.check.diagnostics.error(
                    "J001", award.where, "award/@issuer",
                    "cơ quan ban hành «" + award.issuerId + "» không có hoặc không còn thẩm quyền vào ngày " +
                        date.iso());
                continue;
            }
            if (!m_impl->issuers->grants(*issuer, award.form, date)) {
                report.check.diagnostics.error(
                    "J002", award.where, "award/@form",
                    issuer->authority + " không có thẩm quyền tặng " +
                        model::displayName(award.form) + " vào ngày " + date.iso());
                continue;
            }
            // Award money (M0xx) is checked here, before any number is taken from a register.
            bool moneyOk = true;
            for (model::NomineeKind kind :
                 {model::NomineeKind::Individual, model::NomineeKind::Collective}) {
                bool present = std::any_of(
                    dossier.nominees.begin(), dossier.nominees.end(),
                    [&](const model::Nominee& n) { return n.awardId == award.id && n.kind == kind; });
                auto amount = present ? m_impl->money->amountFor(award.form, issuer->level,
                                                                 award::recipientKind(kind), date)
                                      : core::Result<award::Amount>(award::Amount{});
                if (!amount) {
                    report.check.diagnostics.error(amount.error().code, award.where, "award/@form",
                                                   amount.error().message);
                    moneyOk = false;
                }
            }
            if (!moneyOk) {
                continue;
            }
            plans.push_back({&dossier, &award, issuer, date});
        }
    }
    if (!report.check.ok()) {
        core::Error e = core::makeError(core::ErrorKind::InputRejected, "J003",
                                        "hồ sơ không hợp lệ; không ghi gì vào kho lưu trữ");
        return fail(e);
    }

    // The print file's renderers (blank mode: only the fields, shifted by the printer's
    // calibration), loaded before anything is written so that a bad printer id writes nothing.
    std::map<std::string, render::DocumentRenderer> printRenderers;
    std::string printerName;
    render::LayoutOptions printLayout;
    if (!options.print.printerId.empty()) {
        auto printer = render::loadPrinter(m_impl->env, options.print.printerId);
        if (!printer) {
            return fail(printer.error());
        }
        printerName = printer->name;
        printLayout.offsetXMm = printer->offsetXMm;
        printLayout.offsetYMm = printer->offsetYMm;
    }
    if (options.print.blank) {
        printLayout.mode = render::PrintMode::Blank;
        for (const auto& plan : plans) {
            const std::string name = certificateTemplateName(plan.award->form);
            if (printRenderers.count(name) == 0) {
                auto r = render::DocumentRenderer::load(m_impl->env, name, printLayout);
                if (!r) {
                    return fail(r.error());
                }
                printRenderers.emplace(name, std::move(r).value());
            }
        }
    }

    // Numbers run in issue order within the year (Decree 30/2020 Art. 15): file the
    // decisions of a batch in date order.
    std::stable_sort(plans.begin(), plans.end(),
                     [](const Plan& a, const Plan& b) { return a.date < b.date; });

    auto archive = archive::Archive::open(options.archiveRoot, m_impl->env.schemasDir(),
                                          searchKeyFn(), m_impl->retention);
    if (!archive) {
        return fail(archive.error());
    }
    archive->setClock(m_impl->env.now);

    int totalSteps = 0;
    for (const auto& plan : plans) {
        for (const auto& n : plan.dossier->nominees) {
            totalSteps += n.awardId == plan.award->id ? 1 : 0;
        }
        totalSteps += 1;
    }
    int done = 0;
    auto progress = [&](const std::string& what) {
        ++done;
        if (options.progress) {
            options.progress(done, totalSteps, what);
        }
    };

    for (const auto& plan : plans) {
        auto lock = archive->lock(options.lockWaitSeconds);
        if (!lock) {
            return fail(lock.error());
        }
        IssuedDecision issued;
        issued.dossierFile = plan.dossier->sourceFile;
        issued.formName = model::displayName(plan.award->form);
        issued.issuerName = plan.issuer->authority;
        issued.date = plan.date.iso();

        if (auto filed = archive->findFiled(plan.dossier->sha256, plan.award->id)) {
            issued.numberText = filed->numberText;
            issued.bagDir = filed->bagDir;
            issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
            issued.alreadyFiled = true;
            report.decisions.push_back(issued);
            continue;
        }
        auto number = archive->nextNumber(plan.issuer->code, plan.date.year);
        if (!number) {
            return fail(number.error());
        }
        model::Decision decision =
            buildDecision(*plan.dossier, *plan.award, *plan.issuer, plan.date, number.value());
        // Sổ vàng numbers, one per certificate, reserved under the lock and consumed at commit.
        auto golden = archive->nextGoldenBook(plan.issuer->code, plan.date.year,
                                              static_cast<int>(decision.awardees.size()));
        if (!golden) {
            return fail(golden.error());
        }

        auto staging = archive->stage();
        if (!staging) {
            return fail(staging.error());
        }
        auto money = decisionMoney(decision, *m_impl->money);
        if (!money) {
            core::Error e = money.error();
            e.where = plan.award->where;
            return fail(e);
        }
        auto decisionRenderer = m_impl->renderer("decision");
        auto rendered = decisionRenderer.value()->render(decisionContext(decision, &money.value()),
                                                         staging->data() / "decision.pdf");
        if (!rendered) {
            return fail(rendered.error());
        }
        progress("Quyết định " + decision.numberText);

        auto certRenderer = m_impl->renderer(certificateTemplateName(decision.form));
        if (!certRenderer) {
            return fail(certRenderer.error());
        }
        boost::system::error_code ec;
        fs::create_directories(staging->data() / "certificates", ec);
        fs::create_directories(staging->data() / "print", ec);
        // Certificates: one PDF/A each for the archive, drawn in batches on every core, and
        // one combined print file in list order (data/print/, so it is in the bag's manifest).
        const auto& awardees = decision.awardees;
        render::ContextSource certContext = [&](std::size_t i) -> core::Result<tmpl::Value> {
            tmpl::Value ctx = certificateContext(decision, awardees[i]);
            ctx.set("goldenBook", std::to_string(golden->numbers[i]));
            return ctx;
        };
        auto certFailure = [&](core::Error e, std::size_t index) {
            if (e.where.file.empty()) {
                e.where = {plan.dossier->sourceFile, 0, 0};
            }
            if (index < awardees.size()) {
                e.message += " (" + awardees[index].name + ")";
            }
            return fail(e);
        };
        std::size_t failedAt = awardees.size();
        auto certs = certRenderer.value()->renderEach(
            awardees.size(), certContext,
            [&](std::size_t i) { return staging->data() / awardees[i].certificateFile; }, {},
            &failedAt);
        if (!certs) {
            return certFailure(certs.error(), failedAt);
        }
        if (!awardees.empty()) {
            render::PdfInfo printInfo;
            const std::string form = model::displayName(decision.form);
            printInfo.title = "Bản in " + form + " kèm Quyết định số " + decision.numberText;
            const tmpl::Value first = certificateContext(decision, awardees.front());
            if (const tmpl::Value* author = first.find("meta.author");
                author && author->type() == tmpl::Value::Type::String) {
                printInfo.author = author->str();
            }
            printInfo.subject = "Bản in " + form + " theo thứ tự danh sách";
            printInfo.keywords = "khen thưởng, " + form + ", bản in";
            auto printRenderer = printRenderers.find(certificateTemplateName(decision.form));
            const render::DocumentRenderer* printer = printRenderer == printRenderers.end()
                                                          ? certRenderer.value()
                                                          : &printRenderer->second;
            auto printed = printer->renderCombined(
                awardees.size(), certContext, printInfo,
                staging->data() / "print" / "certificates-print.pdf", {}, &failedAt);
            if (!printed) {
                return certFailure(printed.error(), failedAt);
            }
            issued.printBlank = options.print.blank;
            issued.printerName = printerName;
        }
        for (const auto& awardee : awardees) {
            progress(awardee.name);
        }
        auto dossierBytes = core::readFile(plan.dossier->sourceFile);
        if (!dossierBytes) {
            return fail(dossierBytes.error());
        }
        auto copied = core::writeFileAtomic(staging->data() / "dossier.xml", dossierBytes.value());
        if (!copied) {
            return fail(copied.error());
        }
        archive::DecisionRecord record = toRecord(decision, rendered->pageCount);
        record.goldenBookRegister = golden->registerKey;
        for (std::size_t i = 0; i < record.awardees.size(); ++i) {
            record.awardees[i].goldenBook = golden->numbers[i];
            // The archived amount lets `tdkt report` sum money from the tree alone.
            if (i < money->perAwardee.size()) {
                record.awardees[i].amount = money->perAwardee[i];
            }
        }
        for (const auto& c : certs.value()) {
            record.certificatePages += c.pageCount;
        }
        // Other content for a round already decided is a corrected dossier: its decision is a
        // new one (new number) that replaces the current version; the old bag stays as filed.
        if (auto current = archive->findCurrentVersion(archive::roundKeyOf(record))) {
            record.supersedesDir = current->relativeDir;
            record.supersedesNumberText = current->numberText;
            issued.supersedesNumberText = current->numberText;
        }
        auto filed = archive->commit(std::move(staging).value(), record, lock.value());
        if (!filed) {
            return fail(filed.error());
        }
        issued.numberText = filed->numberText;
        issued.bagDir = filed->bagDir;
        issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
        issued.certificates = static_cast<int>(decision.awardees.size());
        if (!awardees.empty()) {
            issued.printFile = filed->bagDir / "data" / "print" / "certificates-print.pdf";
        }
        issued.moneyUnverified = money->unverified;
        // Retention rules config/retention.xml marks unverified (facts.md §8): warning A070.
        for (const auto& rule : m_impl->retention.rulesFor(record.issuerLevel, record.date,
                                                           !awardees.empty())) {
            if (!rule.verified) {
                report.check.diagnostics.warning(
                    "A070", plan.award->where, "award/@issuer",
                    "Quyết định số " + filed->numberText + ": " +
                        archive::unverifiedRetentionNote(rule));
            }
        }
        report.decisions.push_back(issued);
    }
    if (checkOut) {
        *checkOut = report.check;
    }
    return report;
}

namespace {

// Millimetres as a clerk writes them: decimal comma, at most two decimals, no trailing zeros.
std::string millimetres(double mm) {
    long long hundredths = std::llround(mm * 100);
    std::string sign = hundredths < 0 ? "-" : "";
    hundredths = std::llabs(hundredths);
    std::string out = sign + std::to_string(hundredths / 100);
    if (long long frac = hundredths % 100) {
        out += "," + std::string(frac < 10 ? "0" : "") + std::to_string(frac);
        while (out.back() == '0') {
            out.pop_back();
        }
    }
    return out;
}

} // namespace

core::Result<PreviewResult> preview(const core::Environment& env, const PreviewOptions& options) {
    const fs::path folder = env.templatesDir() / options.templateName;
    const fs::path sampleFile =
        options.sampleFile.empty() ? folder / "sample.xml" : options.sampleFile;
    const std::string sampleName = options.sampleFile.empty()
                                       ? "templates/" + options.templateName + "/sample.xml"
                                       : options.sampleFile.string();
    auto context = tmpl::loadSample(sampleFile, sampleName, env.schemasDir());
    if (!context) {
        return context.error();
    }
    PreviewResult result;
    render::LayoutOptions layout;
    layout.mode = options.print.blank ? render::PrintMode::Blank : render::PrintMode::Design;
    tmpl::Value& printer = context->set("printer", tmpl::Value::map());
    printer.set("mode", options.print.blank ? "blank" : "design");
    if (!options.print.printerId.empty()) {
        auto calibration = render::loadPrinter(env, options.print.printerId);
        if (!calibration) {
            return calibration.error();
        }
        layout.offsetXMm = calibration->offsetXMm;
        layout.offsetYMm = calibration->offsetYMm;
        result.printerName = calibration->name;
        result.offsetXMm = calibration->offsetXMm;
        result.offsetYMm = calibration->offsetYMm;
        printer.set("id", calibration->id);
        printer.set("name", calibration->name);
    }
    printer.set("offsetX", millimetres(result.offsetXMm));
    printer.set("offsetY", millimetres(result.offsetYMm));
    auto renderer = render::DocumentRenderer::load(env, options.templateName, layout);
    if (!renderer) {
        return renderer.error();
    }
    auto rendered = renderer->render(context.value(), options.outFile);
    if (!rendered) {
        return rendered.error();
    }
    result.file = options.outFile;
    result.pageCount = rendered->pageCount;
    return result;
}

core::Result<std::vector<archive::SearchHit>> search(const core::Environment& env,
                                                     const fs::path& archiveRoot,
                                                     const archive::SearchQuery& query) {
    (void)env;
    return archive::search(archiveRoot, query, searchKeyFn());
}

core::Result<archive::VerifyReport> verify(const core::Environment& env,
                                           const fs::path& archiveRoot,
                                           archive::VerifyOptions options) {
    options.searchKey = searchKeyFn();
    return archive::verify(archiveRoot, env.schemasDir(), options);
}

core::Result<int> reindex(const core::Environment& env, const fs::path& archiveRoot) {
    return archive::reindex(archiveRoot, env.schemasDir(), searchKeyFn());
}

core::Result<archive::YearReport> report(const core::Environment& env, const fs::path& archiveRoot,
                                         int year, const std::optional<std::string>& unit) {
    auto small = archive::SmallCollectiveRule::load(env.configDir() / "small-collectives.txt");
    if (!small) {
        return small.error();
    }
    archive::ReportOptions options;
    options.year = year;
    options.unit = unit;
    options.small = std::move(small).value();
    return archive::buildReport(archiveRoot, env.schemasDir(), options, searchKeyFn());
}

namespace {

// "12,5" — one decimal, decimal comma, as Vietnamese statistics forms print percentages.
std::string percentText(double value) {
    const long long tenths = std::llround(value * 10);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10);
}

std::string isoToShort(const std::string& iso) {
    return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4)
                            : iso;
}

tmpl::Value reportRow(const archive::ReportRow& row) {
    tmpl::Value v = tmpl::Value::map();
    v.set("code", row.key);
    v.set("name", row.name);
    v.set("individuals", std::to_string(row.individuals));
    v.set("collectives", std::to_string(row.collectives));
    v.set("total", std::to_string(row.total()));
    v.set("directWorkers", std::to_string(row.directWorkers));
    v.set("smallCollectives", std::to_string(row.smallCollectives));
    v.set("money", format::groupThousands(row.money));
    return v;
}

} // namespace

core::Result<int> reportPdf(const core::Environment& env, const archive::YearReport& report,
                            const fs::path& outFile) {
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    meta.set("title", "Báo cáo khen thưởng năm " + std::to_string(report.year));
    meta.set("author", "tdkt");
    meta.set("subject", "Số lượng khen thưởng theo hình thức và đơn vị");
    meta.set("keywords", "báo cáo, khen thưởng");
    tmpl::Value& r = ctx.set("report", tmpl::Value::map());
    r.set("year", std::to_string(report.year));
    r.set("periodFrom", isoToShort(report.periodFrom));
    r.set("periodTo", isoToShort(report.periodTo));
    r.set("unit", report.unit.value_or(""));
    r.set("decisions", std::to_string(report.decisions));
    r.set("directWorkerShare", percentText(report.directWorkerShare()));
    r.set("smallCollectiveShare", percentText(report.smallCollectiveShare()));
    r.set("total", reportRow(report.total));
    tmpl::Value& forms = r.set("byForm", tmpl::Value::list());
    for (const auto& row : report.byForm) {
        forms.push(reportRow(row));
    }
    tmpl::Value& units = r.set("byUnit", tmpl::Value::list());
    for (const auto& row : report.byUnit) {
        units.push(reportRow(row));
    }
    auto renderer = render::DocumentRenderer::load(env, "report");
    if (!renderer) {
        return renderer.error();
    }
    auto rendered = renderer->render(ctx, outFile);
    if (!rendered) {
        return rendered.error();
    }
    return rendered->pageCount;
}

} // namespace tdkt::job
