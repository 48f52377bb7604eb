#pragma once
// The validate stage: dossier bytes → model::Dossier, or every problem of the file at once.
// Well-formedness and schema come first (dossier-1.0.xsd or dossier-2.0.xsd, chosen by the
// document's namespace, both compiled once); then the attached documents; then the business
// rules (codes V001–V049, see codes.hpp) on the typed model, against the issuers and the award
// catalogue in force on each decision date.
#include "award_catalogue.hpp"
#include "dossier_reader.hpp"
#include "issuer_registry.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/dossier.hpp"
#include "rule_book.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tdkt::validate {

// An attached PDF may be at most this large (a scanned 50-page tờ trình at 200 dpi is ~15 MB).
inline constexpr std::uintmax_t kMaxAttachmentBytes = 50u * 1024u * 1024u;

class DossierValidator {
public:
    // Compiles the dossier schemas and loads <configDir>/issuers.xml and award-catalogue.xml.
    // The run's date (env.now, Vietnam time) stands in for a proposal's missing decisionDate,
    // because that is the date the decision will carry.
    static core::Result<DossierValidator> load(const core::Environment& env);
    // Same, with the configuration the caller already holds (job shares one of each).
    static core::Result<DossierValidator> load(const core::Environment& env,
                                               std::shared_ptr<const IssuerRegistry> issuers,
                                               std::shared_ptr<const AwardCatalogue> catalogue);

    // Reads, checks and converts one dossier. Attached documents (document/file) are looked up
    // relative to the dossier's folder. Every problem found is added to `diags`, each with the
    // file's display name and its line; warnings do not reject the dossier. On rejection the
    // result is ErrorKind::InputRejected (exit 65) carrying the same diagnostics in
    // Error::details. The dossier's text is kept as typed: cleaning is normalize's job. A file
    // larger than env.maxDossierBytes (TDKT_MAX_DOSSIER_MB) is refused before it is read (X009).
    // Thread-safe: one validator may serve many threads.
    // When `rejectedModel` is given, a dossier that was read (schema-valid) but failed the
    // business rules is also stored there, so that the run's rules can still look at it and
    // report every problem at once.
    core::Result<model::Dossier> read(const fs::path& file, const std::string& displayName,
                                      core::Diagnostics& diags,
                                      std::optional<model::Dossier>* rejectedModel = nullptr) const;
    // From bytes; attachments are looked up relative to `baseDir` (none when empty: a dossier
    // that attaches files is then rejected with V020).
    core::Result<model::Dossier> read(std::string_view bytes, const std::string& displayName,
                                      core::Diagnostics& diags, const fs::path& baseDir = {},
                                      std::optional<model::Dossier>* rejectedModel = nullptr) const;

    // The business rules alone, on a dossier already in the model. Returns false when an error
    // (not a warning) was added.
    bool checkRules(const model::Dossier& dossier, core::Diagnostics& diags,
                    const DossierLines& lines = {}) const;

    const IssuerRegistry& issuers() const { return *m_issuers; }
    const AwardCatalogue& catalogue() const { return *m_catalogue; }
    // The legal rules of config/rules.xml (applied to a whole run by checkLaw).
    const RuleBook& rules() const { return *m_rules; }
    // The decision date used for proposals without one.
    const model::Date& runDate() const { return m_runDate; }

private:
    DossierValidator() = default;
    core::Error tooLarge(std::uintmax_t size, const std::string& displayName,
                         core::Diagnostics& diags) const;

    core::XmlSchema m_schema10;
    core::XmlSchema m_schema20;
    std::shared_ptr<const IssuerRegistry> m_issuers;
    std::shared_ptr<const AwardCatalogue> m_catalogue;
    std::shared_ptr<const RuleBook> m_rules;
    model::Date m_runDate;
    std::uintmax_t m_maxBytes = 0; // a larger dossier file is refused unread (env.maxDossierBytes)
};

// The attached PDFs of a dossier: each exists beside the dossier, is a PDF, is within the size
// limit and matches its declared SHA-256; fills in the SHA-256 where none was declared. Errors
// V020–V023.
void checkAttachments(model::Dossier& dossier, const fs::path& baseDir, core::Diagnostics& diags);

} // namespace tdkt::validate
