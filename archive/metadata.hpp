#pragma once
// DecisionRecord <-> data/decision.xml and the per-certificate metadata, both in the
// urn:tdkt:archive:1.0 namespace and validated against schemas/archive-metadata-1.0.xsd.
#include "archive/archive.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/xml.hpp"

#include <map>
#include <string>
#include <string_view>

namespace tdkt::archive {

inline constexpr const char* kMetadataSchemaFile = "archive-metadata-1.0.xsd";
inline constexpr const char* kMetadataNamespace = "urn:tdkt:archive:1.0";

class Metadata {
public:
    // Compiles the schema once and reads its retention table (xs:appinfo).
    static core::Result<Metadata> load(const fs::path& schemasDir);

    // Thời hạn bảo quản for an issuing level; the "default" rule when the level is unknown.
    std::string retentionFor(const std::string& issuerLevel) const;

    std::string decisionXml(const DecisionRecord& record) const;
    std::string certificateXml(const DecisionRecord& record, const AwardeeRecord& awardee) const;
    // data/dossier-meta.xml: the dossier (hồ sơ) level fields of Circular 02/2019.
    std::string dossierXml(const DecisionRecord& record) const;

    // Parses and validates; every schema problem goes to `diags`.
    core::Status check(std::string_view bytes, const std::string& displayName,
                       core::Diagnostics& diags) const;

    // Reads a decision.xml back (validated) into a record.
    core::Result<DecisionRecord> readDecision(const fs::path& file, const std::string& displayName,
                                              core::Diagnostics& diags) const;

private:
    core::XmlSchema m_schema;
    std::map<std::string, std::string> m_retention;
};

// Mã định danh văn bản of a decision: "<issuer code>.<year>.<number, 2+ digits>".
std::string docCodeOf(const DecisionRecord& record);

inline constexpr const char* kDossierMetadataFile = "dossier-meta.xml"; // in data/

// "certificates/0001.pdf" -> "certificates/0001.xml".
std::string certificateMetadataPath(const std::string& certificateFile);

} // namespace tdkt::archive
