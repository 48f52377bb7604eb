#pragma once
// DecisionRecord <-> data/decision.xml and the per-certificate metadata, both in the
// urn:tdkt:archive:1.0 namespace and validated against schemas/archive-metadata-1.0.xsd.
#include "archive/archive.hpp"
#include "archive/retention.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/xml.hpp"

#include <string>
#include <string_view>

namespace tdkt::archive {

inline constexpr const char* kMetadataSchemaFile = "archive-metadata-1.0.xsd";
inline constexpr const char* kMetadataNamespace = "urn:tdkt:archive:1.0";

class Metadata {
public:
    // Compiles the schema once. `retention` (config/retention.xml) gives the periods written
    // when filing; readers (verify, reindex, report) need none.
    static core::Result<Metadata> load(const fs::path& schemasDir, RetentionTable retention = {});

    // Thời hạn bảo quản of one document kind (kKindDecision, kKindCertificate,
    // kKindAwardDossier) of this record, by its issuer level and decision date; A066 if none.
    core::Result<RetentionRule> retention(const std::string& kind,
                                          const DecisionRecord& record) const;

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
    // The period written into <maintenance>: the record's own for the decision when set (a
    // record read back keeps what it recorded), else the table's; "" (which the schema
    // refuses, so nothing is filed) when the table has none.
    std::string maintenanceOf(const std::string& kind, const DecisionRecord& record) const;

    core::XmlSchema m_schema;
    RetentionTable m_retention;
};

// The award (part) an awardee belongs to; nullptr when the record is inconsistent.
const AwardRecord* awardOf(const DecisionRecord& record, const AwardeeRecord& awardee);
// Fills DecisionRecord::awardId, awardKind and awardKindName from its awards.
void joinAwards(DecisionRecord& record);

// Mã định danh văn bản of a decision: "<issuer code>.<year>.<number, 2+ digits>".
std::string docCodeOf(const DecisionRecord& record);

inline constexpr const char* kDossierMetadataFile = "dossier-meta.xml"; // in data/

// "certificates/0001.pdf" -> "certificates/0001.xml".
std::string certificateMetadataPath(const std::string& certificateFile);

} // namespace tdkt::archive
