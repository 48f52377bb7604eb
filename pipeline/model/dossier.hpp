#pragma once
// The one typed model that flows between stages: an award-proposal dossier (hồ sơ đề nghị
// khen thưởng) — its documents, its proposals (each an award kind of the catalogue, asked of an
// issuer) and its nominees (individuals, collectives, households) with what each is proposed
// for and what each earned before. Read by validate (dossier 1.0 and 2.0 map to this one
// model), cleaned by normalize, turned into decisions by job, drawn by render, filed by archive.
#include "date.hpp"
#include "pipeline/core/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
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

// Cá nhân / tập thể / hộ gia đình: the three recipient groups of Law 06/2022.
enum class NomineeKind { Individual, Collective, Household };

// Phương thức khen thưởng (Biểu 0602 rows 15–21).
enum class AwardMode { Regular, Thematic, AdHoc, Foreign, Dedication, Seniority, Resistance };

enum class DocumentKind {
    Submission,        // tờ trình
    AchievementReport, // báo cáo thành tích
    ReviewMinutes,     // biên bản xét của Hội đồng thi đua, khen thưởng
    InitiativeProof,   // chứng nhận sáng kiến, đề tài
    Other,
};

// Mức độ hoàn thành nhiệm vụ, from best to worst.
enum class TaskRating {
    Excellent,    // HTXSNV: hoàn thành xuất sắc nhiệm vụ
    Good,         // HTTNV: hoàn thành tốt nhiệm vụ
    Completed,    // HTNV: hoàn thành nhiệm vụ
    NotCompleted, // KHTNV: không hoàn thành nhiệm vụ
};

enum class InitiativeScope { Base, Province, National }; // cơ sở / tỉnh / toàn quốc

enum class DisciplineStatus {
    UnderReview,        // đang bị xem xét kỷ luật
    UnderInvestigation, // đang bị điều tra, thanh tra, kiểm tra
    ComplaintPending,   // có đơn thư khiếu nại, tố cáo đang được xác minh
    Disciplined,        // bị kỷ luật (from … until)
};

struct Unit {
    std::string code; // stable unit code, e.g. "HN-THCS-NGUYENTRAI"
    std::string name; // "Trường THCS Nguyễn Trãi"
};

struct Round {
    std::string name; // "Tổng kết năm học 2025-2026"
    int year = 0;
    std::string movement; // phong trào thi đua
};

// The period an achievement belongs to: a year, a school year, a date range or a single act.
struct AchievementPeriod {
    enum class Kind { Year, SchoolYear, Range, Act };
    Kind kind = Kind::Year;
    int year = 0; // Year; the first year of a SchoolYear ("2024-2025" → 2024)
    Date from;    // Range; the day of an Act
    Date to;      // Range

    // "năm 2025", "năm học 2024 - 2025", "giai đoạn 2021 - 2025" (a range of whole years),
    // "từ ngày 01/03/2025 đến ngày 30/09/2025", "ngày 02 tháng 9 năm 2025" (an act).
    std::string text() const;
    // The calendar year the achievement ends in (for history rules and reports).
    int endYear() const;
    friend bool operator==(const AchievementPeriod& a, const AchievementPeriod& b) {
        return a.kind == b.kind && a.year == b.year && a.from == b.from && a.to == b.to;
    }
};

// A document of the dossier: tờ trình, báo cáo thành tích, biên bản xét, …
struct DossierDocument {
    std::string id;
    DocumentKind kind = DocumentKind::Other;
    std::string number; // "15/TTr-UBND"
    Date date;
    std::string signer;
    std::string title; // trích yếu
    // The attached PDF, relative to the dossier file as written in it ("documents/tt.pdf"),
    // and its SHA-256 (declared in the dossier, or computed when it was read).
    std::string file;
    std::string fileSha256;
    std::vector<std::string> proposalIds;   // about these proposals only (empty: all)
    std::vector<std::string> nomineeIds;    // about these nominees only (empty: all)
    std::vector<std::string> initiativeIds; // the initiatives an InitiativeProof proves
    core::SourceLocation where;
};

// One award kind asked of one issuer for the nominees that name it.
struct Proposal {
    std::string id;       // local id inside the dossier, e.g. "ldtt"
    std::string kindId;   // config/award-catalogue.xml, e.g. "lao-dong-tien-tien"
    std::string issuerId; // config/issuers.xml, e.g. "ubnd-p-caugiay"
    std::string reason; // "đã có thành tích xuất sắc trong …" (Điều 1); may be empty
    Date decisionDate;  // planned date of the decision; invalid = take the run's date
    AwardMode mode = AwardMode::Regular;
    AchievementPeriod period;
    core::SourceLocation where;
};

// An award received before (catalogue kind, or a name for anything else).
struct PriorAward {
    int year = 0;
    std::string kindId; // may be empty when only `name` is known
    std::string name;
    std::string issuer;
    std::string decisionNumber;
    Date decisionDate;
    core::SourceLocation where;
};

struct Rating {
    int year = 0;
    TaskRating value = TaskRating::Completed;
};

struct Initiative {
    std::string id;
    std::string code;
    std::string title;
    std::string recognisedBy;
    Date date;
    InitiativeScope scope = InitiativeScope::Base;
    std::vector<std::string> coAuthors;
    core::SourceLocation where;
};

struct Discipline {
    DisciplineStatus status = DisciplineStatus::UnderReview;
    Date from;
    Date until;
    std::string form; // hình thức kỷ luật
    std::string note;
    core::SourceLocation where;
};

// What a nominee earned and did before: the eligibility rules read it.
struct History {
    std::vector<PriorAward> awards;
    std::vector<Rating> ratings;
    std::vector<Initiative> initiatives;
    std::vector<Discipline> disciplines;
    bool empty() const {
        return awards.empty() && ratings.empty() && initiatives.empty() && disciplines.empty();
    }
};

// A nominee's entry in one proposal: what it is proposed for.
struct Nomination {
    std::string proposalId;
    std::string achievement;                // printed on the artefact; may be empty for titles
    std::vector<std::string> initiativeIds; // the initiatives this proposal uses
    core::SourceLocation where;
};

// Who receives for a collective or household at the ceremony.
struct Representative {
    std::string honorific;
    std::string name;
    std::string position;
    std::optional<Gender> gender;
    bool empty() const { return name.empty(); }
};

struct Nominee {
    NomineeKind kind = NomineeKind::Individual;
    std::string id;        // local id, unique in the dossier
    std::string name;      // full name / collective name / household name (may be empty:
                           // then "Hộ ông …" from the head, see displayName)
    std::string honorific; // as given: "Ông", "Bà", "Thượng tá", "đồng chí"; may be empty
    // Individuals
    Gender gender = Gender::Male;
    int birthYear = 0;
    Date birthDate;        // when the dossier gives the full date (birthYear is then its year)
    std::string position;  // chức vụ
    std::string workplace; // đơn vị công tác
    PersonCategory category = PersonCategory::DirectWorker;
    // Collectives
    std::string parentUnit;  // may be empty (a company on its own)
    bool enterprise = false; // doanh nghiệp (statistics forms)
    // Households: the head (chủ hộ)
    std::string headName;
    std::string headHonorific;
    Gender headGender = Gender::Male;
    int headBirthYear = 0;
    std::string address; // households; collectives without a parent unit
    Representative representative;
    std::vector<Nomination> nominations;
    History history;
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

// A rule finding (config/rules.xml) the office accepted when issuing (`tdkt issue --accept
// L012:cn04 --reason "…"`): recorded in the journal and the decision's metadata.
struct AcceptedFinding {
    std::string code;    // "L012"
    std::string subject; // whom it is about ("Nguyễn Văn An"); may be empty
    std::string field;   // where in the dossier
    std::string reason;  // the office's reason, as given
};

struct Dossier {
    std::string sourceFile;    // as named on the command line
    std::string sha256;        // of the file's bytes: the identity used for idempotent issuing
    std::string schemaVersion; // "1.0" or "2.0"
    Unit proposingUnit;
    Round round;
    std::vector<DossierDocument> documents;
    std::vector<Proposal> proposals;
    std::vector<Nominee> nominees;
    std::vector<FieldChange> changes;      // filled by normalize
    std::vector<AcceptedFinding> accepted; // filled when issuing with --accept

    // The first document of a kind (the tờ trình, the biên bản xét), or nullptr.
    const DossierDocument* firstDocument(DocumentKind kind) const;
    // The document of a kind that covers a proposal: the first naming it in @proposals, else
    // the first naming no proposal (the whole dossier's), else the first of the kind. A ward
    // that sends one tờ trình to its own chairman and another to the city names the proposals
    // each covers, and each decision cites its own.
    const DossierDocument* documentFor(DocumentKind kind, const std::string& proposalId) const;
    const Proposal* proposal(const std::string& id) const;
    const Nominee* nominee(const std::string& id) const;
};

// "Ông" / "Bà" from the gender when none was given, else the honorific as given; "" for
// collectives. For households, the head's.
std::string honorificOf(const Nominee& n);
// The name as printed: a household without a name is "Hộ ông Nguyễn Văn An" (the head's
// honorific, lower-cased when it is "Ông"/"Bà").
std::string displayName(const Nominee& n);

const char* toString(PersonCategory c);   // schema token, e.g. "directWorker"
const char* toString(NomineeKind k);      // "individual" / "collective" / "household"
const char* toString(Gender g);           // "male" / "female"
const char* toString(AwardMode m);        // "regular", "adHoc", …
const char* toString(DocumentKind k);     // "submission", …
const char* toString(TaskRating r);       // "HTXSNV", …
const char* toString(InitiativeScope s);  // "base" / "province" / "national"
const char* toString(DisciplineStatus s); // "underReview", …

// Vietnamese display names ("cá nhân", "thường xuyên", "tờ trình", "hoàn thành xuất sắc nhiệm
// vụ", "cơ sở", "đang bị xem xét kỷ luật").
const char* displayName(PersonCategory c);
const char* displayName(NomineeKind k);
const char* displayName(Gender g);
const char* displayName(AwardMode m);
const char* displayName(DocumentKind k);
const char* displayName(TaskRating r);
const char* displayName(InitiativeScope s);
const char* displayName(DisciplineStatus s);

// Schema tokens back to values; false when the token is unknown.
bool parse(std::string_view token, PersonCategory& out);
bool parse(std::string_view token, NomineeKind& out);
bool parse(std::string_view token, Gender& out);
bool parse(std::string_view token, AwardMode& out);
bool parse(std::string_view token, DocumentKind& out);
bool parse(std::string_view token, TaskRating& out);
bool parse(std::string_view token, InitiativeScope& out);
bool parse(std::string_view token, DisciplineStatus& out);

} // namespace tdkt::model
