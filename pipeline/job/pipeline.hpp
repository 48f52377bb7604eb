#pragma once
// The one API that the CLI and the end-to-end tests drive. The pipeline is written down once,
// here: validate → normalise → (per award form) number → render → file → index.
#include "archive/archive.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/model/dossier.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::job {

// Called as work advances: done out of total steps, and what is being done (Vietnamese).
using ProgressFn = std::function<void(int done, int total, const std::string& what)>;

struct CheckReport {
    core::Diagnostics diagnostics;      // every problem of every file
    std::vector<model::Dossier> dossiers; // the valid ones, normalised (with their changes)
    bool ok() const { return !diagnostics.hasErrors(); }
};

struct IssueOptions {
    std::vector<std::string> files;
    fs::path archiveRoot;
    std::optional<model::Date> date; // decision date when the dossier does not plan one
    int lockWaitSeconds = 30;
    ProgressFn progress;
};

struct IssuedDecision {
    std::string dossierFile;
    std::string numberText;
    std::string formName;
    std::string issuerName;
    std::string date; // ISO
    fs::path bagDir;
    fs::path decisionPdf;
    int certificates = 0;
    bool alreadyFiled = false;
};

struct IssueReport {
    CheckReport check;
    std::vector<IssuedDecision> decisions;
};

class Pipeline {
public:
    // Loads everything that is reused for every file: schemas, issuer configuration, templates.
    static core::Result<Pipeline> load(const core::Environment& env);

    const core::Environment& environment() const;

    // Validate and normalise; nothing is written.
    CheckReport check(const std::vector<std::string>& files) const;

    // Check every file first; if any is rejected nothing is written (InputRejected with the
    // diagnostics in the report). Otherwise each award form of each dossier becomes one
    // decision filed atomically; a dossier already filed is recognised and not issued again.
    core::Result<IssueReport> issue(const IssueOptions& options, CheckReport* checkOut) const;

    ~Pipeline();
    Pipeline(Pipeline&&) noexcept;
    Pipeline& operator=(Pipeline&&) noexcept;

private:
    Pipeline();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Archive commands, with the search key of the normalise stage wired in.
core::Result<std::vector<archive::SearchHit>> search(const core::Environment& env,
                                                     const fs::path& archiveRoot,
                                                     const archive::SearchQuery& query);
// The index is compared with the tree (the normalise stage's search key is filled in).
core::Result<archive::VerifyReport> verify(const core::Environment& env,
                                           const fs::path& archiveRoot,
                                           archive::VerifyOptions options = {});
core::Result<int> reindex(const core::Environment& env, const fs::path& archiveRoot);

} // namespace tdkt::job
