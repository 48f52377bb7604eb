#include "decision_filer.hpp"

#include "context_builder.hpp"
#include "decision_builder.hpp"
#include "decision_record.hpp"
#include "pipeline/core/atomic_file.hpp"

namespace tdkt::job {
namespace {

// What the certificates of one decision produced in the staging folder.
struct Certificates {
    int pages = 0;
    bool printFile = false;
};

render::PdfInfo printFileInfo(const model::Decision& decision) {
    render::PdfInfo info;
    const std::string form = model::displayName(decision.form);
    info.title = "Bản in " + form + " kèm Quyết định số " + decision.numberText;
    const tmpl::Value first = certificateContext(decision, decision.awardees.front());
    if (const tmpl::Value* author = first.find("meta.author");
        author && author->type() == tmpl::Value::Type::String) {
        info.author = author->str();
    }
    info.subject = "Bản in " + form + " theo thứ tự danh sách";
    info.keywords = "khen thưởng, " + form + ", bản in";
    return info;
}

// The certificates: one PDF/A each for the archive, drawn in batches on every core, and one
// combined print file in list order (data/print/, so it is in the bag's manifest).
core::Result<Certificates> renderCertificates(const model::Decision& decision,
                                              const std::vector<int>& goldenBook,
                                              const fs::path& dataDir, const Plan& plan,
                                              const FilingTools& tools) {
    const std::string templateName = certificateTemplateName(decision.form);
    auto design = tools.renderer(templateName);
    if (!design) {
        return design.error();
    }
    boost::system::error_code ec;
    fs::create_directories(dataDir / "certificates", ec);
    fs::create_directories(dataDir / "print", ec);
    const auto& awardees = decision.awardees;
    render::ContextSource context = [&](std::size_t i) -> core::Result<tmpl::Value> {
        tmpl::Value ctx = certificateContext(decision, awardees[i]);
        ctx.set("goldenBook", std::to_string(goldenBook[i]));
        return ctx;
    };
    // A failed certificate names the dossier and the awardee.
    auto failure = [&](core::Error e, std::size_t index) {
        if (e.where.file.empty()) {
            e.where = {plan.dossier->sourceFile, 0, 0};
        }
        if (index < awardees.size()) {
            e.message += " (" + awardees[index].name + ")";
        }
        return e;
    };
    std::size_t failedAt = awardees.size();
    auto each = design.value()->renderEach(
        awardees.size(), context,
        [&](std::size_t i) { return dataDir / awardees[i].certificateFile; }, {}, &failedAt);
    if (!each) {
        return failure(each.error(), failedAt);
    }
    Certificates result;
    for (const auto& c : each.value()) {
        result.pages += c.pageCount;
    }
    if (awardees.empty()) {
        return result;
    }
    const render::DocumentRenderer* printer = tools.print.printer(templateName, design.value());
    auto printed =
        printer->renderCombined(awardees.size(), context, printFileInfo(decision),
                                dataDir / "print" / "certificates-print.pdf", {}, &failedAt);
    if (!printed) {
        return failure(printed.error(), failedAt);
    }
    result.printFile = true;
    return result;
}

} // namespace

int filingSteps(const std::vector<Plan>& plans) {
    int steps = 0;
    for (const auto& plan : plans) {
        for (const auto& n : plan.dossier->nominees) {
            steps += n.awardId == plan.award->id ? 1 : 0;
        }
        steps += 1;
    }
    return steps;
}

core::Result<IssuedDecision> fileDecision(archive::Archive& archive, const Plan& plan,
                                          const FilingTools& tools) {
    auto lock = archive.lock(tools.lockWaitSeconds);
    if (!lock) {
        return lock.error();
    }
    IssuedDecision issued;
    issued.dossierFile = plan.dossier->sourceFile;
    issued.formName = model::displayName(plan.award->form);
    issued.issuerName = plan.issuer->authority;
    issued.date = plan.date.iso();

    if (auto filed = archive.findFiled(plan.dossier->sha256, plan.award->id)) {
        issued.numberText = filed->numberText;
        issued.bagDir = filed->bagDir;
        issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
        issued.alreadyFiled = true;
        return issued;
    }
    auto number = archive.nextNumber(plan.issuer->code, plan.date.year);
    if (!number) {
        return number.error();
    }
    model::Decision decision =
        buildDecision(*plan.dossier, *plan.award, *plan.issuer, plan.date, number.value());
    // Sổ vàng numbers, one per certificate, reserved under the lock and consumed at commit.
    auto golden = archive.nextGoldenBook(plan.issuer->code, plan.date.year,
                                         static_cast<int>(decision.awardees.size()));
    if (!golden) {
        return golden.error();
    }
    auto staging = archive.stage();
    if (!staging) {
        return staging.error();
    }
    auto money = decisionMoney(decision, tools.money);
    if (!money) {
        core::Error e = money.error();
        e.where = plan.award->where;
        return e;
    }
    auto decisionRenderer = tools.renderer("decision");
    if (!decisionRenderer) {
        return decisionRenderer.error();
    }
    auto rendered = decisionRenderer.value()->render(decisionContext(decision, &money.value()),
                                                     staging->data() / "decision.pdf");
    if (!rendered) {
        return rendered.error();
    }
    tools.step("Quyết định " + decision.numberText);

    auto certificates = renderCertificates(decision, golden->numbers, staging->data(), plan, tools);
    if (!certificates) {
        return certificates.error();
    }
    for (const auto& awardee : decision.awardees) {
        tools.step(awardee.name);
    }
    auto dossierBytes = core::readFile(plan.dossier->sourceFile);
    if (!dossierBytes) {
        return dossierBytes.error();
    }
    if (auto st = core::writeFileAtomic(staging->data() / "dossier.xml", dossierBytes.value());
        !st) {
        return st.error();
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
    record.certificatePages = certificates->pages;
    // Other content for a round already decided is a corrected dossier: its decision is a
    // new one (new number) that replaces the current version; the old bag stays as filed.
    if (auto current = archive.findCurrentVersion(archive::roundKeyOf(record))) {
        record.supersedesDir = current->relativeDir;
        record.supersedesNumberText = current->numberText;
        issued.supersedesNumberText = current->numberText;
    }
    auto filed = archive.commit(std::move(staging).value(), record, lock.value());
    if (!filed) {
        return filed.error();
    }
    issued.numberText = filed->numberText;
    issued.bagDir = filed->bagDir;
    issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
    issued.certificates = static_cast<int>(decision.awardees.size());
    if (certificates->printFile) {
        issued.printFile = filed->bagDir / "data" / "print" / "certificates-print.pdf";
        issued.printBlank = tools.print.blank;
        issued.printerName = tools.print.printerName;
    }
    issued.moneyUnverified = money->unverified;
    // Retention rules config/retention.xml marks unverified (facts.md §8), shown as A070.
    for (const auto& rule :
         tools.retention.rulesFor(record.issuerLevel, record.date, !decision.awardees.empty())) {
        if (!rule.verified) {
            issued.retentionUnverified.push_back(archive::unverifiedRetentionNote(rule));
        }
    }
    return issued;
}

} // namespace tdkt::job
