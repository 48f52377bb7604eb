#pragma once
// A decision (quyết định khen thưởng) planned by job from the proposals of one or more dossiers:
// what the renderer draws and what the archive files. One decision grants one award kind (or,
// where the issuer's configuration says so, several kinds in sections) on one date.
#include "award_kind.hpp"
#include "dossier.hpp"
#include "issuer.hpp"

#include <string>
#include <vector>

namespace tdkt::model {

// One line of the attached list: a nominee as awarded by one part of the decision.
struct Awardee {
    NomineeKind kind = NomineeKind::Individual;
    int part = 0;          // index into Decision::parts (the award kind)
    int source = 0;        // index into Decision::sources (the dossier that proposed it)
    Unit proposingUnit;    // of that dossier
    int ordinal = 0;       // STT in its section of the attached list, 1-based
    std::string name;      // as printed (a household: "Hộ ông …")
    std::string honorific; // "Ông", "Bà", a rank; "" for collectives
    std::string position;  // individuals
    std::string unit;      // workplace, parent unit, or a household's address
    std::string achievement;
    std::string nomineeId;
    std::string proposalId;
    std::string certificateFile; // the artefact's file inside data/, "" when the kind has none
    std::string searchName;      // diacritic-free search key of the name
    std::string inscription;     // a flag's inscription, lines joined by "\n"
    PersonCategory category = PersonCategory::DirectWorker;
    Gender gender = Gender::Male;
    int birthYear = 0;
    Date birthDate;
    bool enterprise = false;
    std::string headName; // households
    std::string address;  // households
    Representative representative;
    std::vector<std::string> initiativeIds; // used by this award
    History history;
};

// One award kind inside a decision.
struct DecisionPart {
    AwardKind kind; // the catalogue rule in force on the decision date, named as the issuer does
    AchievementPeriod period;
    AwardMode mode = AwardMode::Regular;
    std::string reason; // the proposals' common reason; "" when they differ
    std::vector<std::string> proposalIds;
};

// One dossier a decision was made from.
struct DecisionSource {
    std::string dossierFile;
    std::string dossierSha256;
    std::string schemaVersion;
    Unit proposingUnit;
    Round round;
    DossierDocument submission; // the tờ trình cited in the căn cứ (may be empty)
    std::vector<DossierDocument> documents;
    std::vector<AcceptedFinding> accepted; // the dossier's rule findings accepted on issuing
};

struct Decision {
    Issuer issuer;
    std::vector<DecisionPart> parts;
    // What identifies this decision for idempotent issuing: `identity` (the dossier's SHA-256,
    // or for a decision consolidated from several dossiers a SHA-256 over their SHA-256s and
    // proposals) and `key` (the proposal ids joined by "+", "bk" for a 1.0 award; the kinds for
    // a consolidated decision). Issuing the same dossiers again finds it.
    std::string identity;
    std::string key;
    int number = 0;         // 5
    std::string numberText; // "05/QĐ-UBND"
    Date date;
    std::string subject; // trích yếu: "Về việc công nhận danh hiệu …"
    std::vector<Awardee> awardees;
    std::vector<DecisionSource> sources;

    const DecisionSource& source() const { return sources.front(); }
    bool consolidated() const { return sources.size() > 1; }
    const AwardKind& kind() const { return parts.front().kind; }
};

} // namespace tdkt::model
