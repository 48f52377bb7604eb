#pragma once
// Thời hạn bảo quản (retention periods) as configuration: config/retention.xml, validated by
// schemas/retention-1.0.xsd. A period depends on the document kind, the issuing body's level
// and the decision date (Circular 10/2022/TT-BNV from 15/02/2023, 09/2011 before), and the
// commendation rows of those circulars are not verified (domain/facts.md §8), so the table is
// data with effective dates and a verified flag, never constants in code. The archive writes
// the chosen period into each document's metadata at filing; it is never recomputed.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tdkt::archive {

inline constexpr const char* kRetentionSchemaFile = "retention-1.0.xsd";
inline constexpr const char* kRetentionConfigFile = "retention.xml"; // in the config folder

// Document kinds (the DocumentKind tokens of retention-1.0.xsd).
inline constexpr const char* kKindAwardDossier = "awardDossier"; // data/dossier-meta.xml
inline constexpr const char* kKindDecision = "decision";         // data/decision.xml
inline constexpr const char* kKindCertificate = "certificate";   // data/certificates/NNNN.xml
inline constexpr const char* kKindDecisionRegister = "decisionRegister";

struct RetentionRule {
    std::string kind;
    std::vector<std::string> issuerLevels; // empty: any level no other rule of the kind lists
    std::string validFrom;                 // ISO date; empty = every earlier date
    std::string validTo;                   // ISO date, exclusive; empty = still in force
    std::string period;                    // "Vĩnh viễn" / "20 năm"
    std::string basis;                     // căn cứ
    bool verified = true;
    std::string note;
    int line = 0; // in the configuration file
};

class RetentionTable {
public:
    // An empty table: every lookup fails (A066). Archives opened only to read need no table.
    RetentionTable() = default;

    // Reads and validates `file` against <schemasDir>/retention-1.0.xsd. Config errors (exit
    // 78): A060 unreadable; A061 invalid, with details (file:line) of the X0xx schema problems
    // or A062 overlapping periods, A063 validTo not after validFrom, A064 a period missing
    // (a gap, an end with no successor, a level starting later than its kind), A065 a kind the
    // archive files (awardDossier, decision, certificate) without any rule.
    static core::Result<RetentionTable> load(const fs::path& file, const fs::path& schemasDir);
    static core::Result<RetentionTable> parse(std::string_view xml, const std::string& displayName,
                                              const fs::path& schemasDir);

    // The rule for a document of `kind` issued by a body of `issuerLevel` on `date` (ISO):
    // a rule listing the level, else (when no rule of the kind lists it) a rule for any level.
    // A066 (Config) when there is none.
    core::Result<RetentionRule> find(const std::string& kind, const std::string& issuerLevel,
                                     const std::string& date) const;

    // The distinct rules the documents of one filed decision use (its decision, its
    // certificates when it has any, its dossier), in that order; kinds without a rule are
    // skipped (filing has already failed with A066 for them).
    std::vector<RetentionRule> rulesFor(const std::string& issuerLevel, const std::string& date,
                                        bool withCertificates) const;

    bool empty() const { return m_rules.empty(); }
    const std::string& source() const { return m_source; } // the file's display name

private:
    std::vector<RetentionRule> m_rules;
    std::string m_source;
};

// "thời hạn bảo quản «20 năm» của hồ sơ khen thưởng theo TT 10/2022/TT-BNV … chưa xác minh — note"
// (Vietnamese): the clerk's warning A070 for a rule that is not verified.
std::string unverifiedRetentionNote(const RetentionRule& rule);

// Vietnamese name of a document kind token ("hồ sơ khen thưởng").
std::string retentionKindName(const std::string& kind);

} // namespace tdkt::archive
