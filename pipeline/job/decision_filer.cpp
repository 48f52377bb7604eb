#include "decision_filer.hpp"

#include "context_builder.hpp"
#include "decision_builder.hpp"
#include "decision_record.hpp"
#include "pipeline/core/atomic_file.hpp"

#include <map>

namespace tdkt::job {
namespace {

// What the artefacts of one decision produced in the staging folder.
struct Artefacts {
    int pages = 0;
    std::vector<std::string> printFiles; // relative to data/
};

render::PdfInfo printFileInfo(const model::Decision& decision, const model::Awardee& first) {
    render::PdfInfo info;
    const model::AwardKind& kind = decision.parts[static_cast<std::size_t>(first.part)].kind;
    const std::string what = kind.artefactName.empty() ? kind.name : kind.artefactName;
    info.title = "Bản in " + what + " kèm Quyết định số " + decision.numberText;
    const tmpl::Value ctx = certificateContext(decision, first);
    if (const tmpl::Value* author = ctx.find("meta.author");
        author && author->type() == tmpl::Value::Type::String) {
        info.author = author->str();
    }
    info.subject = "Bản in " + what + " theo thứ tự danh sách";
    info.keywords = "khen thưởng, " + kind.name + ", bản in";
    return info;
}

// The awardees with an artefact, grouped by the template that draws it, in list order.
std::map<std::string, std::vector<std::size_t>> byTemplate(const model::Decision& d) {
    std::map<std::string, std::vector<std::size_t>> out;
    for (std::size_t i = 0; i < d.awardees.size(); ++i) {
        const model::Awardee& a = d.awardees[i];
        if (!a.certificateFile.empty()) {
            out[certificateTemplateName(d.parts[static_cast<std::size_t>(a.part)].kind)].push_back(
                i);
        }
    }
    return out;
}

// The artefacts: one PDF/A each for the archive, drawn in batches on every core, and one
// combined print file per template in list order (data/print/, so it is in the bag's
// manifest): certificates-print.pdf, or <template>.pdf when a decision has several.
core::Result<Artefacts> renderArtefacts(const model::Decision& decision,
                                        const std::vector<int>& goldenBook, const fs::path& dataDir,
                                        const FilingTools& tools) {
    Artefacts result;
    const auto groups = byTemplate(decision);
    if (groups.empty()) {
        return result;
    }
    boost::system::error_code ec;
    fs::create_directories(dataDir / "certificates", ec);
    fs::create_directories(dataDir / "print", ec);
    const auto& awardees = decision.awardees;
    for (const auto& [templateName, members] : groups) {
        auto design = tools.renderer(templateName);
        if (!design) {
            return design.error();
        }
        render::ContextSource context = [&](std::size_t i) -> core::Result<tmpl::Value> {
            const std::size_t index = members[i];
            tmpl::Value ctx = certificateContext(decision, awardees[index]);
            if (goldenBook[index] > 0) {
                ctx.set("goldenBook", std::to_string(goldenBook[index]));
            }
            return ctx;
        };
        // A failed artefact names the dossier and the awardee.
        auto failure = [&](core::Error e, std::size_t i) {
            if (e.where.file.empty() && i < members.size()) {
                const model::Awardee& a = awardees[members[i]];
                e.where = {decision.sources[static_cast<std::size_t>(a.source)].dossierFile, 0, 0};
            }
            if (i < members.size()) {
                e.message += " (" + awardees[members[i]].name + ")";
            }
            return e;
        };
        std::size_t failedAt = members.size();
        auto each = design.value()->renderEach(
            members.size(), context,
            [&](std::size_t i) { return dataDir / awardees[members[i]].certificateFile; }, {},
            &failedAt);
        if (!each) {
            return failure(each.error(), failedAt);
        }
        for (const auto& c : each.value()) {
            result.pages += c.pageCount;
        }
        const std::string printName =
            groups.size() == 1 ? "print/certificates-print.pdf" : "print/" + templateName + ".pdf";
        const render::DocumentRenderer* printer = tools.print.printer(templateName, design.value());
        auto printed = printer->renderCombined(members.size(), context,
                                               printFileInfo(decision, awardees[members.front()]),
                                               dataDir / printName, {}, &failedAt);
        if (!printed) {
            return failure(printed.error(), failedAt);
        }
        result.printFiles.push_back(printName);
    }
    return result;
}

// The proposal dossiers as received and their attached PDFs (checked at validation): one
// dossier as data/dossier.xml, the dossiers of a consolidated decision under data/dossiers/.
core::Status copyDossiers(const model::Decision& decision, const fs::path& dataDir) {
    for (std::size_t i = 0; i < decision.sources.size(); ++i) {
        const model::DecisionSource& source = decision.sources[i];
        auto bytes = core::readFile(source.dossierFile);
        if (!bytes) {
            return bytes.error();
        }
        const fs::path copy = dataDir / dossierCopyPath(decision, i);
        boost::system::error_code ec;
        fs::create_directories(copy.parent_path(), ec);
        if (auto st = core::writeFileAtomic(copy, bytes.value()); !st) {
            return st.error();
        }
        const fs::path base = fs::path(source.dossierFile).parent_path();
        for (const auto& doc : source.documents) {
            if (doc.file.empty()) {
                continue;
            }
            const fs::path to = dataDir / attachmentPath(decision, i, doc.file);
            if (fs::exists(to, ec)) {
                continue; // two documents of one dossier may cite the same PDF
            }
            fs::create_directories(to.parent_path(), ec);
            auto pdf = core::readFile(base / doc.file);
            if (!pdf) {
                return pdf.error();
            }
            if (auto st = core::writeFileAtomic(to, pdf.value()); !st) {
                return st.error();
            }
        }
    }
    return {};
}

std::string kindNames(const Plan& plan) {
    std::string out;
    for (const auto& part : plan.parts) {
        out += (out.empty() ? "" : ", ") + part.kind.name;
    }
    return out;
}

void noteOnce(std::vector<std::string>& out, std::string note) {
    if (std::find(out.begin(), out.end(), note) == out.end()) {
        out.push_back(std::move(note));
    }
}

} // namespace

int filingSteps(const std::vector<Plan>& plans) {
    int steps = 0;
    for (const auto& plan : plans) {
        steps += 1;
        for (const auto& part : plan.parts) {
            if (!part.kind.hasArtefactFile()) {
                continue;
            }
            for (const PlanProposal& p : part.proposals) {
                for (const auto& n : p.dossier->nominees) {
                    for (const auto& nom : n.nominations) {
                        steps += nom.proposalId == p.proposal->id ? 1 : 0;
                    }
                }
            }
        }
    }
    return steps;
}

std::vector<std::string> unverifiedKindNotes(const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& part : plan.parts) {
        const model::AwardKind& k = part.kind;
        if (!k.verified) {
            noteOnce(out, "danh mục: quy định về " + k.name + " (" + k.basis + ") chưa xác minh" +
                              (k.note.empty() ? "" : " — " + k.note));
        }
        if (!part.authorityVerified) {
            noteOnce(out, "danh mục: thẩm quyền quyết định " + k.name + " (" + part.authorityBasis +
                              ") chưa xác minh");
        }
        if (!k.moneyVerified) {
            noteOnce(out, "danh mục: tiền thưởng của " + k.name + " (" + k.moneyBasis +
                              ") chưa xác minh");
        }
    }
    return out;
}

core::Result<IssuedDecision> fileDecision(archive::Archive& archive, const Plan& plan,
                                          const FilingTools& tools) {
    auto lock = archive.lock(tools.lockWaitSeconds);
    if (!lock) {
        return lock.error();
    }
    IssuedDecision issued;
    for (const model::Dossier* d : plan.dossiers) {
        issued.dossierFiles.push_back(d->sourceFile);
    }
    issued.dossierFile = plan.dossier().sourceFile;
    issued.formName = kindNames(plan);
    issued.issuerName = plan.issuer->authority;
    issued.date = plan.date.iso();
    issued.kindUnverified = unverifiedKindNotes(plan);

    if (auto filed = archive.findFiled(plan.identity, plan.key)) {
        issued.numberText = filed->numberText;
        issued.bagDir = filed->bagDir;
        issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
        issued.alreadyFiled = true;
        issued.awardees = plan.nominations;
        return issued;
    }
    auto number = archive.nextNumber(plan.issuer->code, plan.date.year);
    if (!number) {
        return number.error();
    }
    model::Decision decision = buildDecision(plan, number.value(), tools.combinedSubject);
    // Sổ vàng numbers, one per artefact of a kind that takes one, reserved under the lock and
    // consumed at commit.
    int goldenCount = 0;
    for (const auto& a : decision.awardees) {
        goldenCount += decision.parts[static_cast<std::size_t>(a.part)].kind.goldenBook ? 1 : 0;
    }
    auto golden = archive.nextGoldenBook(plan.issuer->code, plan.date.year, goldenCount);
    if (!golden) {
        return golden.error();
    }
    std::vector<int> goldenBook(decision.awardees.size(), 0);
    for (std::size_t i = 0, next = 0; i < decision.awardees.size(); ++i) {
        if (decision.parts[static_cast<std::size_t>(decision.awardees[i].part)].kind.goldenBook) {
            goldenBook[i] = golden->numbers[next++];
        }
    }
    auto staging = archive.stage();
    if (!staging) {
        return staging.error();
    }
    auto money = decisionMoney(decision, tools.money);
    if (!money) {
        core::Error e = money.error();
        e.where = plan.parts.front().proposals.front().proposal->where;
        return e;
    }
    auto decisionRenderer = tools.renderer("decision");
    if (!decisionRenderer) {
        return decisionRenderer.error();
    }
    auto rendered = decisionRenderer.value()->render(
        decisionContext(decision, &money.value(), tools.combinedListTitle),
        staging->data() / "decision.pdf");
    if (!rendered) {
        return rendered.error();
    }
    tools.step("Quyết định " + decision.numberText);

    auto artefacts = renderArtefacts(decision, goldenBook, staging->data(), tools);
    if (!artefacts) {
        return artefacts.error();
    }
    for (const auto& awardee : decision.awardees) {
        if (!awardee.certificateFile.empty()) {
            tools.step(awardee.name);
        }
    }
    if (auto st = copyDossiers(decision, staging->data()); !st) {
        return st.error();
    }

    archive::DecisionRecord record = toRecord(decision, rendered->pageCount);
    record.goldenBookRegister = goldenCount > 0 ? golden->registerKey : std::string();
    for (std::size_t i = 0; i < record.awardees.size(); ++i) {
        record.awardees[i].goldenBook = goldenBook[i];
        // The archived amount lets `tdkt report` sum money from the tree alone.
        if (i < money->perAwardee.size()) {
            record.awardees[i].amount = money->perAwardee[i];
        }
    }
    record.certificatePages = artefacts->pages;
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
    for (const auto& a : decision.awardees) {
        issued.certificates += a.certificateFile.empty() ? 0 : 1;
    }
    issued.awardees = static_cast<int>(decision.awardees.size());
    for (const auto& a : decision.awardees) {
        (a.kind == model::NomineeKind::Collective  ? issued.collectives
         : a.kind == model::NomineeKind::Household ? issued.households
                                                   : issued.individuals) += 1;
    }
    issued.money = money->total;
    for (const auto& print : artefacts->printFiles) {
        issued.printFiles.push_back(filed->bagDir / "data" / print);
    }
    if (!issued.printFiles.empty()) {
        issued.printFile = issued.printFiles.front();
        issued.printBlank = tools.print.blank;
        issued.printerName = tools.print.printerName;
    }
    issued.moneyUnverified = money->unverified;
    // Retention rules config/retention.xml marks unverified (facts.md §8), shown as A070.
    for (const auto& rule :
         tools.retention.rulesFor(record.issuerLevel, record.date, issued.certificates > 0)) {
        if (!rule.verified) {
            issued.retentionUnverified.push_back(archive::unverifiedRetentionNote(rule));
        }
    }
    return issued;
}

} // namespace tdkt::job
