#pragma once
// What an archive already knows about a person, collective or household: the awards tdkt
// filed and the awards imported from before tdkt was used (`tdkt history import`). The
// validate stage reads it through this interface, so the rules can use the archive without
// the validate stage depending on the archive stage; the job wires the two.
#include "date.hpp"
#include "dossier.hpp"

#include <string>
#include <vector>

namespace tdkt::model {

// One award the archive holds for one recipient.
struct KnownAward {
    std::string kindId;         // catalogue id ("chien-si-thi-dua-co-so"); "" when only named
    std::string kindName;       // as printed or as imported ("Chiến sĩ thi đua cơ sở")
    int year = 0;               // the year the achievement ends in (AchievementPeriod::endYear)
    std::string period;         // "năm 2025", as recorded
    std::string decisionNumber; // "15/QĐ-UBND"
    Date decisionDate;
    std::string issuer;                      // the issuing body's name
    std::string unit;                        // the recipient's unit as recorded
    std::vector<std::string> initiativeKeys; // text::initiativeKey of each initiative used
    // Where the record comes from, for messages: "2026/ubnd-tp/0012-…" (a bag) or
    // "nhập từ lich-su-2020-2023.csv, dòng 14" (an imported record).
    std::string source;
    // The dossiers the award was decided from (SHA-256 of their bytes; empty for imported
    // records): a rerun of the same round must not find its own awards "already granted".
    std::vector<std::string> dossierSha256;
    // awardRoundKey of the award ("" for imported records): an award proposed again by the
    // same unit in the same round for the same kind is a corrected version that will replace
    // this one (tdkt issue supersedes it), not a second award.
    std::string roundKey;
};

// The identity of a unit's proposal of one award kind in one round, as tdkt issue recognises a
// corrected version of it.
inline std::string awardRoundKey(const std::string& unitCode, const std::string& roundName,
                                 int roundYear, const std::string& kindId) {
    if (unitCode.empty() || roundName.empty()) {
        return {};
    }
    return unitCode + '\x1f' + roundName + '\x1f' + std::to_string(roundYear) + '\x1f' + kindId;
}

// One earlier use of an initiative (sáng kiến) for an award.
struct InitiativeUse {
    std::string recipient; // the name as recorded
    std::string kindName;
    int year = 0;
    std::string decisionNumber;
    std::string source;
    std::vector<std::string> dossierSha256; // as KnownAward::dossierSha256
    std::string roundKey;                   // as KnownAward::roundKey
};

// One recipient asked for, as KnownHistory::awardsOf takes it.
struct PersonQuery {
    NomineeKind kind = NomineeKind::Individual;
    std::string nameKey;
    int birthYear = 0;
};

class KnownHistory {
public:
    virtual ~KnownHistory() = default;
    // Every award recorded for the recipient whose text::nameKey is `nameKey` (for a
    // household: of its head's name), of kind `kind`, born in `birthYear` (individuals and
    // household heads; 0 matches any year, and a record without a year matches any).
    virtual std::vector<KnownAward> awardsOf(NomineeKind kind, const std::string& nameKey,
                                             int birthYear) const = 0;
    // awardsOf of each query, in order: what a whole run asks, which an archive may answer on
    // several cores.
    virtual std::vector<std::vector<KnownAward>>
    awardsOfEach(const std::vector<PersonQuery>& queries) const {
        std::vector<std::vector<KnownAward>> out;
        out.reserve(queries.size());
        for (const PersonQuery& q : queries) {
            out.push_back(awardsOf(q.kind, q.nameKey, q.birthYear));
        }
        return out;
    }
    // Every recorded use of the initiative whose text::initiativeKey is `key`.
    virtual std::vector<InitiativeUse> usesOf(const std::string& key) const = 0;
    // Whether the archive holds any award of that achievement year: a declared prior award is
    // only missing from an archive that covers its year.
    virtual bool coversYear(int /*year*/) const { return true; }
};

} // namespace tdkt::model
