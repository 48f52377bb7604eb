#pragma once
// The one API that the CLI and the end-to-end tests drive. The pipeline is written down once,
// here: validate → normalise → (per award form) number → render → file → index.
#include "archive/archive.hpp"
#include "archive/export.hpp"
#include "archive/report.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/known_history.hpp"
#include "pipeline/text/options.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::job {

// Called as work advances: done out of total steps, and what is being done (Vietnamese).
using ProgressFn = std::function<void(int done, int total, const std::string& what)>;

// Who sent a dossier that was read (valid or not): for the Phiếu kiểm tra hồ sơ.
struct DossierHeader {
    std::string file; // as named on the command line
    std::string unitName;
    std::string issuerId; // of its first proposal ("" when none)
};

struct CheckReport {
    core::Diagnostics diagnostics;        // every problem of every file
    std::vector<model::Dossier> dossiers; // the valid ones, normalised (with their changes)
    std::vector<DossierHeader> headers;   // every dossier read, valid or with errors
    bool ok() const { return !diagnostics.hasErrors(); }
};

// How the certificates of the combined print file are drawn. The archived one-per-certificate
// PDFs are always the full design (the archive copy); only the print file follows this.
struct PrintSettings {
    bool blank = false;    // only the variable fields, for pre-printed blanks (phôi)
    std::string printerId; // config/printers.xml; its calibration offset applies in blank mode
};

// Rule findings (config/rules.xml) the office accepts for this run, each "L012" (every finding
// of that code) or "L012:cn04" (those about the nominee, proposal or document with that id),
// all with one reason: they are reported as warnings and recorded in the journal and in the
// decisions' metadata. Only rule findings (L codes) can be accepted.
struct Acceptance {
    std::vector<std::string> findings;
    std::string reason;
    bool empty() const { return findings.empty(); }
};

struct IssueOptions {
    std::vector<std::string> files;
    Acceptance accept;
    // One decision per dossier's proposals (the behaviour before consolidation) instead of one
    // per issuer × kind × date across the run's dossiers.
    bool perDossier = false;
    PrintSettings print;
    text::Options text; // e.g. the tone-placement style printed on the documents
    fs::path archiveRoot;
    std::optional<model::Date> date; // decision date when the dossier does not plan one
    int lockWaitSeconds = 30;
    ProgressFn progress;
};

struct IssuedDecision {
    std::string dossierFile;               // the first (or only) dossier
    std::vector<std::string> dossierFiles; // every dossier the decision was made from
    std::string numberText;
    std::string formName; // the award kinds' names ("Lao động tiên tiến", "Bằng khen, Giấy khen")
    std::string issuerName;
    std::string date; // ISO
    fs::path bagDir;
    fs::path decisionPdf;
    int awardees = 0;    // rows of the attached list
    int collectives = 0; // of them
    int individuals = 0;
    int households = 0;
    int certificates = 0; // artefact files (a title such as Lao động tiên tiến has none)
    long long money = 0;  // đồng, the decision's total
    bool alreadyFiled = false;
    std::string supersedesNumberText; // the decision this corrected one replaces ("" = none)
    fs::path printFile;               // the first combined print file ("" when there is none)
    std::vector<fs::path> printFiles; // one per artefact template of the decision
    bool printBlank = false;          // drawn for pre-printed blanks
    std::string printerName;          // the calibrated printer, when one was chosen
    // Inputs of the award money that are not verified (Vietnamese): warnings for the clerk.
    std::vector<std::string> moneyUnverified;
    // Retention rules (config/retention.xml) of this decision's documents that are not verified.
    std::vector<std::string> retentionUnverified;
    // What the award catalogue marks unverified about this decision's kinds.
    std::vector<std::string> kindUnverified;
};

// A configuration fact a run relied on that the configuration marks unverified (M020 money,
// K020 award catalogue, A070 retention), once per run with the decisions that used it.
struct ConfigWarning {
    core::Diagnostic diagnostic;
    std::vector<std::string> decisions; // numbers ("05/QĐ-UBND")
};

// What `tdkt issue` did, whether or not it finished: the check of every dossier, every decision
// filed (or found already filed) in order, the configuration warnings, and the error that
// stopped it (none when every decision was filed). Decisions are committed one by one, each
// atomically: after a failure or a kill the ones listed here are in the archive, the rest are
// not, and running the same command again files the rest (the filed ones are recognised).
struct IssueReport {
    CheckReport check;
    std::vector<IssuedDecision> decisions;
    std::vector<ConfigWarning> configWarnings;
    std::optional<core::Error> error;
    int plannedDecisions = 0; // how many decisions the round makes (filed or not)
    bool ok() const { return !error; }
};

class Pipeline {
public:
    // Loads everything that is reused for every file: schemas, issuer configuration, templates.
    static core::Result<Pipeline> load(const core::Environment& env);

    const core::Environment& environment() const;

    // Validate and normalise, then plan the decisions and measure every certificate's text in
    // its template (a field that would not fit or a character the fonts cannot draw is an
    // error here, with the dossier's line); nothing is written. Normalisation changes are
    // notes (N001) in the diagnostics.
    // With `archiveRoot`, the dossiers are also checked against what that archive holds
    // (awards already granted, initiatives already used; config/rules.xml).
    CheckReport check(const std::vector<std::string>& files, const text::Options& text = {},
                      bool perDossier = false, const fs::path& archiveRoot = {}) const;

    // Check every file first (schema, rules, what the decisions and certificates will print);
    // if any is rejected nothing is written (report.error InputRejected, the diagnostics in
    // report.check). Otherwise the round's decisions are filed one by one, each atomically; a
    // decision already filed is recognised and not issued again. The report says what was
    // filed even when a later decision fails.
    IssueReport issue(const IssueOptions& options) const;

    // The Phiếu kiểm tra hồ sơ of each file of a check (check_sheet.hpp), in outDir, dated the
    // run's check date (--as-of, TDKT_AS_OF, the clock).
    core::Result<std::vector<fs::path>> writeCheckSheets(const CheckReport& report,
                                                         const std::vector<std::string>& files,
                                                         const fs::path& outDir) const;

    ~Pipeline();
    Pipeline(Pipeline&&) noexcept;
    Pipeline& operator=(Pipeline&&) noexcept;

private:
    struct Checked; // the check report and the decisions planned from it
    Checked checkAndPlan(const std::vector<std::string>& files, const text::Options& text,
                         bool perDossier, const std::optional<model::Date>& runDate,
                         const model::KnownHistory* history, const Acceptance& accept = {}) const;
    Pipeline();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// `tdkt upgrade` (upgrade_job.cpp): dossiers of schema 1.0 written in the 2.0 form, next to the
// input as NAME-2.0.xml, into outDir, or in place. Every input is validated first; one that does
// not validate is reported in `diagnostics` and nothing is written for it (U030: the output
// exists and force is not set).
struct UpgradeOptions {
    std::vector<std::string> files;
    fs::path outDir;
    bool inPlace = false;
    bool force = false;
};
struct UpgradedFile {
    std::string input;
    fs::path output;
    bool alreadyCurrent = false; // already 2.0: nothing written
};
struct UpgradeReport {
    core::Diagnostics diagnostics;
    std::vector<UpgradedFile> files;
    bool ok() const { return !diagnostics.hasErrors(); }
};
core::Result<UpgradeReport> upgrade(const core::Environment& env, const UpgradeOptions& options);

// `tdkt preview`: one template rendered with sample data, so a template author sees the result
// at once. Certificates and the alignment sheet honour the print settings; the context gets
// "printer" (id, name, offsetX, offsetY in mm with a decimal comma, mode).
struct PreviewOptions {
    std::string templateName; // a folder of templates/
    fs::path sampleFile;      // empty: templates/<name>/sample.xml
    fs::path outFile;
    PrintSettings print;
};
struct PreviewResult {
    fs::path file;
    int pageCount = 0;
    std::string printerName; // empty when no printer was chosen
    double offsetXMm = 0, offsetYMm = 0;
};
// Errors: T02x sample data, R0xx template and printer configuration (Config), rendering errors.
core::Result<PreviewResult> preview(const core::Environment& env, const PreviewOptions& options);

// Archive commands, with the search key of the normalise stage wired in.
core::Result<std::vector<archive::SearchHit>> search(const core::Environment& env,
                                                     const fs::path& archiveRoot,
                                                     const archive::SearchQuery& query);
// The award kinds (catalogue ids) a clerk means by `text`: an id, a name or an abbreviation
// ("LĐTT", "bang khen"), or every kind whose name holds it ("chiến sĩ thi đua"). U020 when none.
core::Result<std::vector<std::string>> awardKindsFor(const core::Environment& env,
                                                     const std::string& text);
// The index is compared with the tree (the normalise stage's search key is filled in).
core::Result<archive::VerifyReport> verify(const core::Environment& env,
                                           const fs::path& archiveRoot,
                                           archive::VerifyOptions options = {});
core::Result<int> reindex(const core::Environment& env, const fs::path& archiveRoot);

// `tdkt report`: the awards of reporting year `year` (01/12 of Y-1 to 30/11 of Y) from the tree,
// small collectives by the prefixes in config/small-collectives.txt.
core::Result<archive::YearReport> report(const core::Environment& env, const fs::path& archiveRoot,
                                         int year, const std::optional<std::string>& unit);
// The report as a PDF (templates/report/).
core::Result<int> reportPdf(const core::Environment& env, const archive::YearReport& report,
                            const fs::path& outFile);

// `tdkt export` (export_job.cpp): the bags of one year (optionally of one proposing unit or
// issuer), verified, packed into one tar for transfer to a historical archive (nộp lưu) with
// the transfer list (mục lục hồ sơ) as CSV and PDF (templates/transfer-list/) inside. A
// damaged bag refuses the export (A601, exit 65) and nothing is written.
struct ExportJobOptions {
    fs::path archiveRoot;
    archive::ExportOptions select;
    fs::path outFile;
    bool force = false; // replace an existing outFile
};
struct ExportResult {
    archive::TransferList list;
    archive::PackageSummary package;
    int listPages = 0; // of muc-luc-ho-so.pdf
};
core::Result<ExportResult> exportYear(const core::Environment& env,
                                      const ExportJobOptions& options);

// `tdkt config check`: the configuration a run would load (issuers, award catalogue, award
// money, retention, printers, every template the catalogue names), checked as a run checks
// it — an unusable file is the error, exit 78 — and every fact the files mark as not verified
// against its source (verified="false", status="unverified" or "probable"), with its file and
// line: warnings K020 (award catalogue), M020 (award money), A070 (retention), K036 (rules),
// C021 (other files); a "probable" fact (practice, no article seen) is a note. Every rule of
// config/rules.xml is listed with its code, basis and period.
// One rule of config/rules.xml as `tdkt config check` lists it.
struct RuleSummary {
    std::string code;     // "L010"
    std::string severity; // "error" / "warning"
    std::string kind;     // the rule kind ("eligibility")
    std::string title;    // Vietnamese
    std::string basis;
    std::string period; // "từ 01/01/2024", "từ 01/01/2024 đến trước 01/07/2025"
    bool verified = true;
};

struct ConfigCheckReport {
    std::vector<fs::path> files;    // the configuration files read, in order
    core::Diagnostics facts;        // the unverified facts, file by file in document order
    int templates = 0;              // templates loaded
    std::vector<RuleSummary> rules; // config/rules.xml, in file order
};
core::Result<ConfigCheckReport> checkConfig(const core::Environment& env);

} // namespace tdkt::job
