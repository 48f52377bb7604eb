#include "decision_filer.hpp"

#include "context_builder.hpp"
#include "decision_builder.hpp"
#include "decision_record.hpp"
#include "pipeline/core/atomic_file.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

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
        // In place: the staging folder is private until filed, and synced as a whole then.
        render::EachOptions each;
        each.inPlace = true;
        render::CombinedOptions combined;
        combined.inPlace = true;
        auto files = design.value()->renderEach(
            members.size(), context,
            [&](std::size_t i) { return dataDir / awardees[members[i]].certificateFile; }, each,
            &failedAt);
        if (!files) {
            return failure(files.error(), failedAt);
        }
        for (const auto& c : files.value()) {
            result.pages += c.pageCount;
        }
        const std::string printName =
            groups.size() == 1 ? "print/certificates-print.pdf" : "print/" + templateName + ".pdf";
        const render::DocumentRenderer* printer = tools.print.printer(templateName, design.value());
        auto printed = printer->renderCombined(members.size(), context,
                                               printFileInfo(decision, awardees[members.front()]),
                                               dataDir / printName, combined, &failedAt);
        if (!printed) {
            return failure(printed.error(), failedAt);
        }
        result.printFiles.push_back(printName);
    }
    return result;
}

// The proposal dossiers as received and their attached PDFs (checked at validation): one
// dossier as data/dossier.xml, the dossiers of a consolidated decision under data/dossiers/.
// Unsynced: the commit syncs the staging folder as a whole.
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
        if (auto st = core::writeFileUnsynced(copy, bytes.value()); !st) {
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
            if (auto st = core::writeFileUnsynced(to, pdf.value()); !st) {
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

namespace {

// One decision of the round on its way into the archive.
// What is fixed for it under the lock (number, golden-book numbers, the version it replaces,
// its staging folder) is kept from the start; the decision and its record — a copy of every
// awardee — only while it is drawn and until it is committed, so that a round holds a few
// decisions' worth of them, not all.
struct Pending {
    const Plan* plan = nullptr;
    int number = 0;
    std::vector<int> goldenBook; // parallel to decision.awardees (0 = none)
    std::string goldenRegister;  // "" when no awardee takes a golden-book number
    std::string supersedesDir;   // the filed version this decision replaces, if any
    std::string supersedesNumberText;
    std::optional<archive::Staging> staging;
    model::Decision decision;
    archive::DecisionRecord record;
    IssuedDecision issued;
    std::optional<core::Error> error; // of drawing it
};

// The decision and its archive record, less what drawing measures (page counts, amounts).
void buildPending(Pending& p, const std::string& combinedSubject) {
    p.decision = buildDecision(*p.plan, p.number, combinedSubject);
    p.record = toRecord(p.decision, 0);
    p.record.goldenBookRegister = p.goldenRegister;
    for (std::size_t i = 0; i < p.record.awardees.size() && i < p.goldenBook.size(); ++i) {
        p.record.awardees[i].goldenBook = p.goldenBook[i];
    }
    p.record.supersedesDir = p.supersedesDir;
    p.record.supersedesNumberText = p.supersedesNumberText;
}

IssuedDecision describe(const Plan& plan) {
    IssuedDecision issued;
    for (const model::Dossier* d : plan.dossiers) {
        issued.dossierFiles.push_back(d->sourceFile);
    }
    issued.dossierFile = plan.dossier().sourceFile;
    issued.formName = kindNames(plan);
    issued.issuerName = plan.issuer->authority;
    issued.date = plan.date.iso();
    issued.kindUnverified = unverifiedKindNotes(plan);
    return issued;
}

// Draws one decision into its staging folder: the decision, its artefacts and print files,
// the dossier copies; fills its record. Runs on a worker thread: reads only the pending item
// and the shared, unchanging tools.
core::Status draw(Pending& p, const FilingTools& tools) {
    buildPending(p, tools.combinedSubject);
    const model::Decision& decision = p.decision;
    const fs::path data = p.staging->data();
    auto money = decisionMoney(decision, tools.money);
    if (!money) {
        core::Error e = money.error();
        e.where = p.plan->parts.front().proposals.front().proposal->where;
        return e;
    }
    auto decisionRenderer = tools.renderer("decision");
    if (!decisionRenderer) {
        return decisionRenderer.error();
    }
    auto rendered = decisionRenderer.value()->renderToBytes(
        decisionContext(decision, &money.value(), tools.combinedListTitle));
    if (!rendered) {
        return rendered.error();
    }
    // Unsynced: the archive makes the staging folder durable when it commits.
    if (auto st = core::writeFileUnsynced(data / "decision.pdf", rendered->pdf); !st) {
        return st.error();
    }
    tools.step("Quyết định " + decision.numberText);

    auto artefacts = renderArtefacts(decision, p.goldenBook, data, tools);
    if (!artefacts) {
        return artefacts.error();
    }
    for (const auto& awardee : decision.awardees) {
        if (!awardee.certificateFile.empty()) {
            tools.step(awardee.name);
        }
    }
    if (auto st = copyDossiers(decision, data); !st) {
        return st.error();
    }

    archive::DecisionRecord& record = p.record; // built by prepare, completed here
    record.pageCount = rendered->pageCount;
    for (std::size_t i = 0; i < record.awardees.size(); ++i) {
        // The archived amount lets `tdkt report` sum money from the tree alone.
        if (i < money->perAwardee.size()) {
            record.awardees[i].amount = money->perAwardee[i];
        }
    }
    record.certificatePages = artefacts->pages;

    IssuedDecision& issued = p.issued;
    for (const auto& a : decision.awardees) {
        issued.certificates += a.certificateFile.empty() ? 0 : 1;
        (a.kind == model::NomineeKind::Collective  ? issued.collectives
         : a.kind == model::NomineeKind::Household ? issued.households
                                                   : issued.individuals) += 1;
    }
    issued.awardees = static_cast<int>(decision.awardees.size());
    issued.money = money->total;
    issued.printFiles.clear();
    for (const auto& print : artefacts->printFiles) {
        issued.printFiles.push_back(print); // relative to data/ until filed
    }
    issued.printBlank = tools.print.blank;
    issued.printerName = tools.print.printerName;
    issued.moneyUnverified = money->unverified;
    // Retention rules config/retention.xml marks unverified (facts.md §8), shown as A070.
    for (const auto& rule :
         tools.retention.rulesFor(record.issuerLevel, record.date, issued.certificates > 0)) {
        if (!rule.verified) {
            issued.retentionUnverified.push_back(archive::unverifiedRetentionNote(rule));
        }
    }
    return {};
}

// Draws the pending decisions into their stagings and makes each a complete bag
// (Archive::prepareBag: metadata, manifests), two decisions at a time on worker threads,
// while the filing thread commits them in plan order as each becomes ready (ready()).
class Drawing {
public:
    Drawing(std::vector<Pending>& pending, const archive::Archive& archive,
            const FilingTools& tools)
        : m_pending(pending), m_archive(archive), m_tools(tools), m_done(pending.size(), 0) {
        const unsigned threads =
            std::max(1u, std::min<unsigned>(2u, std::thread::hardware_concurrency()));
        for (unsigned t = 0; t < threads && t < pending.size(); ++t) {
            m_pool.emplace_back([this] { work(); });
        }
    }
    Drawing(const Drawing&) = delete;
    Drawing& operator=(const Drawing&) = delete;
    // Stops taking new decisions and waits for the ones being drawn.
    ~Drawing() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
            m_changed.notify_all();
        }
        for (auto& th : m_pool) {
            th.join();
        }
    }

    // Waits until pending[i] is drawn and prepared (or failed: its error is set). Asking for
    // decision i also lets the workers start on decisions up to i + kAhead.
    Pending& ready(std::size_t i) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wanted = std::max(m_wanted, i);
        m_changed.notify_all();
        m_changed.wait(lock, [&] { return m_done[i] != 0; });
        return m_pending[i];
    }

private:
    // Decisions drawn ahead of the one being committed: enough to keep both cores busy while
    // the filing thread syncs, few enough that the round holds only their awardees in memory.
    static constexpr std::size_t kAhead = 4;

    void work() {
        for (std::size_t i = m_next++; i < m_pending.size() && !m_stop; i = m_next++) {
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_changed.wait(lock, [&] { return m_stop || i <= m_wanted + kAhead; });
            }
            if (m_stop) {
                return;
            }
            Pending& p = m_pending[i];
            auto st = draw(p, m_tools);
            if (st) {
                st = m_archive.prepareBag(*p.staging, p.record);
            }
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!st) {
                p.error = st.error();
            }
            m_done[i] = 1;
            m_changed.notify_all();
        }
    }

    std::vector<Pending>& m_pending;
    const archive::Archive& m_archive;
    const FilingTools& m_tools;
    std::vector<char> m_done; // guarded by m_mutex
    std::size_t m_wanted = 0; // the decision the filing thread waits for; guarded by m_mutex
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::atomic<std::size_t> m_next{0};
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_pool;
};

// The next free numbers, per issuer and year and per golden-book register, handed out in plan
// order under the lock (nothing is consumed until a commit).
class Numbering {
public:
    explicit Numbering(const archive::Archive& archive) : m_archive(archive) {}

    core::Result<int> decisionNumber(const model::Issuer& issuer, int year) {
        const auto key = std::make_pair(issuer.code, year);
        auto it = m_numbers.find(key);
        if (it == m_numbers.end()) {
            auto first = m_archive.nextNumber(issuer.code, year);
            if (!first) {
                return first.error();
            }
            it = m_numbers.emplace(key, first.value()).first;
        }
        return it->second++;
    }

    // `count` golden-book numbers and the register they come from.
    core::Result<archive::GoldenBookNumbers> goldenBook(const model::Issuer& issuer, int year,
                                                        int count) {
        auto first = m_archive.nextGoldenBook(issuer.code, year, 1);
        if (!first) {
            return first.error();
        }
        auto it = m_golden.find(first->registerKey);
        if (it == m_golden.end()) {
            it = m_golden.emplace(first->registerKey, first->numbers.front()).first;
        }
        archive::GoldenBookNumbers out{first->registerKey, {}};
        for (int i = 0; i < count; ++i) {
            out.numbers.push_back(it->second++);
        }
        return out;
    }

private:
    const archive::Archive& m_archive;
    std::map<std::pair<std::string, int>, int> m_numbers;
    std::map<std::string, int> m_golden;
};

// Everything of a decision that comes before drawing, in plan order under the lock: its
// number, its golden-book numbers, the decision itself and its staging folder.
core::Status prepare(Pending& p, archive::Archive& archive, Numbering& numbering,
                     const FilingTools& tools) {
    const Plan& plan = *p.plan;
    auto number = numbering.decisionNumber(*plan.issuer, plan.date.year);
    if (!number) {
        return number.error();
    }
    p.number = number.value();
    // Built here for its golden-book count and round key, then dropped until drawing.
    buildPending(p, tools.combinedSubject);
    int goldenCount = 0;
    for (const auto& a : p.decision.awardees) {
        goldenCount += p.decision.parts[static_cast<std::size_t>(a.part)].kind.goldenBook ? 1 : 0;
    }
    p.goldenBook.assign(p.decision.awardees.size(), 0);
    if (goldenCount > 0) {
        auto golden = numbering.goldenBook(*plan.issuer, plan.date.year, goldenCount);
        if (!golden) {
            return golden.error();
        }
        p.goldenRegister = golden->registerKey;
        for (std::size_t i = 0, next = 0; i < p.decision.awardees.size(); ++i) {
            const auto part = static_cast<std::size_t>(p.decision.awardees[i].part);
            if (p.decision.parts[part].kind.goldenBook) {
                p.goldenBook[i] = golden->numbers[next++];
            }
        }
    }
    // Other content for a round already decided is a corrected dossier: its decision is a
    // new one (new number) that replaces the current version; the old bag stays. Looked up
    // before the round's first commit, while the index is current (a round's own decisions
    // never replace one another: their round keys differ).
    if (auto current = archive.findCurrentVersion(archive::roundKeyOf(p.record))) {
        p.supersedesDir = current->relativeDir;
        p.supersedesNumberText = current->numberText;
        p.issued.supersedesNumberText = current->numberText;
    }
    p.decision = model::Decision();
    p.record = archive::DecisionRecord();
    auto staging = archive.stage();
    if (!staging) {
        return staging.error();
    }
    p.staging.emplace(std::move(staging).value());
    return {};
}

} // namespace

RoundFiling fileRound(archive::Archive& archive, const std::vector<Plan>& plans,
                      const FilingTools& tools) {
    RoundFiling out;
    auto lock = archive.lock(tools.lockWaitSeconds);
    if (!lock) {
        out.error = lock.error();
        return out;
    }
    // What is filed already (the same dossiers and proposals) is recognised, not issued again.
    std::vector<std::optional<IssuedDecision>> filedBefore(plans.size());
    std::vector<Pending> pending;
    Numbering numbering(archive);
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const Plan& plan = plans[i];
        if (auto filed = archive.findFiled(plan.identity, plan.key)) {
            IssuedDecision issued = describe(plan);
            issued.numberText = filed->numberText;
            issued.bagDir = filed->bagDir;
            issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
            issued.alreadyFiled = true;
            issued.awardees = plan.nominations;
            filedBefore[i] = std::move(issued);
            continue;
        }
        Pending p;
        p.plan = &plan;
        p.issued = describe(plan);
        if (auto st = prepare(p, archive, numbering, tools); !st) {
            out.error = st.error();
            break;
        }
        pending.push_back(std::move(p));
    }
    // Committed in plan order as each is drawn, each bag atomically; the first failure stops
    // the round (the stagings of the rest are removed, their numbers never consumed). The
    // registers, journal and index are written once for the round's bags, at the end
    // (archive::RoundCommit).
    std::optional<Drawing> drawing;
    if (!out.error && !pending.empty()) {
        drawing.emplace(pending, archive, tools);
    }
    archive::RoundCommit round;
    std::size_t next = 0;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (filedBefore[i]) {
            out.decisions.push_back(std::move(*filedBefore[i]));
            continue;
        }
        if (out.error || next >= pending.size()) {
            break;
        }
        Pending& p = drawing->ready(next++);
        if (p.error) {
            out.error = p.error;
            break;
        }
        auto filed = archive.commit(std::move(*p.staging), p.record, lock.value(), &round);
        p.staging.reset();
        if (!filed) {
            out.error = filed.error();
            break;
        }
        // Filed: the round keeps what publishing needs; the decision and its record are done.
        p.decision = model::Decision();
        p.record = archive::DecisionRecord();
        IssuedDecision& issued = p.issued;
        issued.numberText = filed->numberText;
        issued.bagDir = filed->bagDir;
        issued.decisionPdf = filed->bagDir / "data" / "decision.pdf";
        for (auto& print : issued.printFiles) {
            print = filed->bagDir / "data" / print;
        }
        issued.printFile = issued.printFiles.empty() ? fs::path() : issued.printFiles.front();
        out.decisions.push_back(std::move(issued));
    }
    drawing.reset(); // after a failure: let the decisions being drawn finish, draw no more
    if (auto st = archive.publishRound(round, lock.value()); !st && !out.error) {
        out.error = st.error();
    }
    return out;
}

} // namespace tdkt::job
