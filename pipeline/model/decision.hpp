#pragma once
// A decision (quyết định khen thưởng) built by job from one AwardRequest of a dossier: what the
// renderer draws and what the archive files.
#include "dossier.hpp"
#include "issuer.hpp"

#include <string>
#include <vector>

namespace tdkt::model {

struct Awardee {
    NomineeKind kind = NomineeKind::Individual;
    int ordinal = 0; // STT in the attached list, 1-based
    std::string name;
    std::string position; // individuals
    std::string unit;     // workplace or parent unit
    std::string achievement;
    std::string nomineeId;
    std::string certificateFile; // file name inside the bag's data folder
    std::string searchName;      // diacritic-free search key of the name
    PersonCategory category = PersonCategory::DirectWorker;
    Gender gender = Gender::Male;
    int birthYear = 0;
};

struct Decision {
    Issuer issuer;
    AwardFormKind form = AwardFormKind::GiayKhen;
    std::string awardId;
    int number = 0;         // 5
    std::string numberText; // "05/QĐ-UBND"
    Date date;
    std::string subject; // trích yếu: "Về việc tặng Giấy khen ..."
    std::string reason;  // "đã có thành tích xuất sắc ..." (Điều 1)
    std::vector<Awardee> awardees;
    std::string dossierFile;
    std::string dossierSha256;
    Unit proposingUnit;
    Round round;
    Submission submission;
};

} // namespace tdkt::model
