#pragma once
// The one typed model that flows between stages: an award-proposal dossier (hồ sơ đề nghị
// khen thưởng) with its nominees. Read by validate, cleaned by normalize, turned into
// decisions by job, drawn by render, filed by archive.
#include "date.hpp"
#include "pipeline/core/diagnostic.hpp"

#include <string>
#include <vector>

namespace tdkt::model {

enum class Gender { Male, Female };

// The five personal categories of the statistics forms (Biểu 0602 rows 10–14).
enum class PersonCategory {
    ProvincialLeader, // lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên
    DepartmentLeader, // lãnh đạo cấp vụ, sở, ngành
    Entrepreneur,     // doanh nhân
    OtherLeader,      // lãnh đạo khác (từ phó phòng trở lên)
    DirectWorker,     // người trực tiếp lao động, công tác, học tập, chiến đấu
};

enum class AwardFormKind { BangKhen, GiayKhen };

enum class NomineeKind { Individual, Collective };

struct Unit {
    std::string code; // stable unit code, e.g. "HN-THCS-NGUYENTRAI"
    std::string name; // "Trường THCS Nguyễn Trãi"
};

struct Round {
    std::string name; // "Tổng kết năm học 2025-2026"
    int year = 0;
    std::string movement; // phong trào thi đua
};

// One award form the dossier asks for (a dossier may ask for several; each one awarded gets
// its own decision).
struct AwardRequest {
    std::string id; // local id inside the dossier, e.g. "bk"
    AwardFormKind form = AwardFormKind::GiayKhen;
    std::string issuerId; // key into the issuer configuration, e.g. "ubnd-tp-hanoi"
    std::string reason;   // "đã có thành tích xuất sắc trong ..." (used in Điều 1)
    Date decisionDate;    // planned date of the decision; invalid = take the run's date
    core::SourceLocation where;
};

struct Submission {     // tờ trình
    std::string number; // "15/TTr-THCSNT"
    Date date;
};

struct Nominee {
    NomineeKind kind = NomineeKind::Individual;
    std::string id;          // local id, unique in the dossier
    std::string awardId;     // which AwardRequest
    std::string name;        // full name, or collective name
    std::string achievement; // summary printed on the certificate
    // Individuals
    Gender gender = Gender::Male;
    int birthYear = 0;
    std::string position;  // chức vụ
    std::string workplace; // đơn vị công tác
    PersonCategory category = PersonCategory::DirectWorker;
    // Collectives
    std::string parentUnit;
    core::SourceLocation where;
};

// What normalisation changed in one field, shown to the clerk before anything is printed.
struct FieldChange {
    std::string field; // e.g. "nominee[3]/name"
    std::string before;
    std::string after;
    std::string reason; // Vietnamese, e.g. "chuẩn hóa NFC"
    core::SourceLocation where;
};

struct Dossier {
    std::string sourceFile; // as named on the command line
    std::string sha256;     // of the file's bytes: the identity used for idempotent issuing
    std::string schemaVersion;
    Unit proposingUnit;
    Round round;
    std::vector<AwardRequest> awards;
    Submission submission;
    Date reviewMinutesDate; // biên bản xét
    std::vector<Nominee> nominees;
    std::vector<FieldChange> changes; // filled by normalize
};

const char* toString(AwardFormKind k);    // "BangKhen" / "GiayKhen"
const char* displayName(AwardFormKind k); // "Bằng khen" / "Giấy khen"
const char* toString(PersonCategory c);   // schema token, e.g. "directWorker"
const char* toString(NomineeKind k);      // "individual" / "collective"
const char* toString(Gender g);           // "male" / "female"

} // namespace tdkt::model
