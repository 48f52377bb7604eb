#pragma once
// The validate stage: dossier bytes → model::Dossier, or every problem of the file at once.
// Well-formedness and schema (dossier-1.0.xsd, compiled once) come first; the business rules
// (codes V001–V049, see codes.hpp) run on the typed model.
#include "issuer_registry.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/dossier.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace tdkt::validate {

// Lines of the dossier-level fields the rules talk about (nominees and awards carry their own
// SourceLocation in the model). Zero when unknown, e.g. for a dossier built by other means.
struct DossierLines {
    int roundYear = 0;
    int submissionDate = 0;
    int reviewMinutesDate = 0;
};

class DossierValidator {
public:
    // Compiles <schemasDir>/dossier-1.0.xsd and loads <configDir>/issuers.xml. The run's date
    // (env.now, Vietnam time) stands in for an award's missing decisionDate, because that is
    // the date the decision will carry.
    static core::Result<DossierValidator> load(const core::Environment& env);
    // Same, with an issuer registry the caller already holds (job shares one).
    static core::Result<DossierValidator> load(const core::Environment& env,
                                               std::shared_ptr<const IssuerRegistry> issuers);

    // Reads, checks and converts one dossier. Every problem found is added to `diags`, each
    // with the file's display name and its line; warnings do not reject the dossier. On
    // rejection the result is ErrorKind::InputRejected (exit 65) carrying the same diagnostics
    // in Error::details. The dossier's text is kept as typed: cleaning is normalize's job.
    // Thread-safe: one validator may serve many threads.
    core::Result<model::Dossier> read(const fs::path& file, const std::string& displayName,
                                      core::Diagnostics& diags) const;
    core::Result<model::Dossier> read(std::string_view bytes, const std::string& displayName,
                                      core::Diagnostics& diags) const;

    // The business rules alone, on a dossier already in the model. Returns false when an error
    // (not a warning) was added.
    bool checkRules(const model::Dossier& dossier, core::Diagnostics& diags,
                    const DossierLines& lines = {}) const;

    const IssuerRegistry& issuers() const { return *m_issuers; }
    const std::shared_ptr<const IssuerRegistry>& sharedIssuers() const { return m_issuers; }
    // The decision date used for awards without one.
    const model::Date& runDate() const { return m_runDate; }

private:
    DossierValidator(core::XmlSchema schema, std::shared_ptr<const IssuerRegistry> issuers,
                     model::Date runDate)
        : m_schema(std::move(schema)), m_issuers(std::move(issuers)), m_runDate(runDate) {}

    core::XmlSchema m_schema;
    std::shared_ptr<const IssuerRegistry> m_issuers;
    model::Date m_runDate;
};

} // namespace tdkt::validate
