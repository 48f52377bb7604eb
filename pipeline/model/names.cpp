// Schema tokens and Vietnamese display names of the model's enumerations, the dossier's small
// accessors and the achievement period's wording.
#include "award_kind.hpp"
#include "date_display.hpp"
#include "dossier.hpp"

#include <algorithm>
#include <string_view>

namespace tdkt::model {
namespace {

// One row per value: the enum, its schema token, its Vietnamese name.
template <class E> struct Name {
    E value;
    const char* token;
    const char* display;
};

const Name<PersonCategory> kCategories[] = {
    {PersonCategory::ProvincialLeader, "provincialLeader",
     "lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"},
    {PersonCategory::DepartmentLeader, "departmentLeader", "lãnh đạo cấp vụ, sở, ngành"},
    {PersonCategory::Entrepreneur, "entrepreneur", "doanh nhân"},
    {PersonCategory::OtherLeader, "otherLeader", "lãnh đạo khác (từ phó phòng trở lên)"},
    {PersonCategory::DirectWorker, "directWorker", "người trực tiếp lao động, công tác"},
};
const Name<NomineeKind> kNomineeKinds[] = {
    {NomineeKind::Individual, "individual", "cá nhân"},
    {NomineeKind::Collective, "collective", "tập thể"},
    {NomineeKind::Household, "household", "hộ gia đình"},
};
const Name<Gender> kGenders[] = {
    {Gender::Male, "male", "nam"},
    {Gender::Female, "female", "nữ"},
};
const Name<AwardMode> kModes[] = {
    {AwardMode::Regular, "regular", "thường xuyên"},
    {AwardMode::Thematic, "thematic", "theo chuyên đề"},
    {AwardMode::AdHoc, "adHoc", "đột xuất"},
    {AwardMode::Foreign, "foreign", "đối ngoại"},
    {AwardMode::Dedication, "dedication", "quá trình cống hiến"},
    {AwardMode::Seniority, "seniority", "niên hạn"},
    {AwardMode::Resistance, "resistance", "kháng chiến"},
};
const Name<DocumentKind> kDocumentKinds[] = {
    {DocumentKind::Submission, "submission", "tờ trình"},
    {DocumentKind::AchievementReport, "achievementReport", "báo cáo thành tích"},
    {DocumentKind::ReviewMinutes, "reviewMinutes", "biên bản xét"},
    {DocumentKind::InitiativeProof, "initiativeProof", "chứng nhận sáng kiến"},
    {DocumentKind::Other, "other", "văn bản khác"},
};
const Name<TaskRating> kRatings[] = {
    {TaskRating::Excellent, "HTXSNV", "hoàn thành xuất sắc nhiệm vụ"},
    {TaskRating::Good, "HTTNV", "hoàn thành tốt nhiệm vụ"},
    {TaskRating::Completed, "HTNV", "hoàn thành nhiệm vụ"},
    {TaskRating::NotCompleted, "KHTNV", "không hoàn thành nhiệm vụ"},
};
const Name<InitiativeScope> kScopes[] = {
    {InitiativeScope::Base, "base", "cơ sở"},
    {InitiativeScope::Province, "province", "cấp tỉnh"},
    {InitiativeScope::National, "national", "toàn quốc"},
};
const Name<DisciplineStatus> kDisciplines[] = {
    {DisciplineStatus::UnderReview, "underReview", "đang bị xem xét kỷ luật"},
    {DisciplineStatus::UnderInvestigation, "underInvestigation",
     "đang bị điều tra, thanh tra, kiểm tra"},
    {DisciplineStatus::ComplaintPending, "complaintPending",
     "có đơn thư khiếu nại, tố cáo đang được xác minh"},
    {DisciplineStatus::Disciplined, "disciplined", "bị kỷ luật"},
};

template <class E, std::size_t N> const Name<E>& row(const Name<E> (&table)[N], E value) {
    for (const auto& r : table) {
        if (r.value == value) {
            return r;
        }
    }
    return table[0];
}

template <class E, std::size_t N>
bool fromToken(const Name<E> (&table)[N], std::string_view token, E& out) {
    for (const auto& r : table) {
        if (token == r.token) {
            out = r.value;
            return true;
        }
    }
    return false;
}

bool wholeYears(const Date& from, const Date& to) {
    return from.month == 1 && from.day == 1 && to.month == 12 && to.day == 31;
}

} // namespace

const char* toString(PersonCategory c) {
    return row(kCategories, c).token;
}
const char* toString(NomineeKind k) {
    return row(kNomineeKinds, k).token;
}
const char* toString(Gender g) {
    return row(kGenders, g).token;
}
const char* toString(AwardMode m) {
    return row(kModes, m).token;
}
const char* toString(DocumentKind k) {
    return row(kDocumentKinds, k).token;
}
const char* toString(TaskRating r) {
    return row(kRatings, r).token;
}
const char* toString(InitiativeScope s) {
    return row(kScopes, s).token;
}
const char* toString(DisciplineStatus s) {
    return row(kDisciplines, s).token;
}

const char* displayName(PersonCategory c) {
    return row(kCategories, c).display;
}
const char* displayName(NomineeKind k) {
    return row(kNomineeKinds, k).display;
}
const char* displayName(Gender g) {
    return row(kGenders, g).display;
}
const char* displayName(AwardMode m) {
    return row(kModes, m).display;
}
const char* displayName(DocumentKind k) {
    return row(kDocumentKinds, k).display;
}
const char* displayName(TaskRating r) {
    return row(kRatings, r).display;
}
const char* displayName(InitiativeScope s) {
    return row(kScopes, s).display;
}
const char* displayName(DisciplineStatus s) {
    return row(kDisciplines, s).display;
}

bool parse(std::string_view t, PersonCategory& out) {
    return fromToken(kCategories, t, out);
}
bool parse(std::string_view t, NomineeKind& out) {
    return fromToken(kNomineeKinds, t, out);
}
bool parse(std::string_view t, Gender& out) {
    return fromToken(kGenders, t, out);
}
bool parse(std::string_view t, AwardMode& out) {
    return fromToken(kModes, t, out);
}
bool parse(std::string_view t, DocumentKind& out) {
    return fromToken(kDocumentKinds, t, out);
}
bool parse(std::string_view t, TaskRating& out) {
    return fromToken(kRatings, t, out);
}
bool parse(std::string_view t, InitiativeScope& out) {
    return fromToken(kScopes, t, out);
}
bool parse(std::string_view t, DisciplineStatus& out) {
    return fromToken(kDisciplines, t, out);
}

std::string AchievementPeriod::text() const {
    switch (kind) {
    case Kind::Year:
        return "năm " + std::to_string(year);
    case Kind::SchoolYear:
        return "năm học " + std::to_string(year) + " - " + std::to_string(year + 1);
    case Kind::Range:
        if (wholeYears(from, to)) {
            return from.year == to.year
                       ? "năm " + std::to_string(from.year)
                       : "giai đoạn " + std::to_string(from.year) + " - " + std::to_string(to.year);
        }
        return "từ ngày " + dateShort(from) + " đến ngày " + dateShort(to);
    case Kind::Act:
        return dateText(from);
    }
    return {};
}

int AchievementPeriod::endYear() const {
    switch (kind) {
    case Kind::SchoolYear:
        return year + 1;
    case Kind::Range:
        return to.year;
    case Kind::Act:
        return from.year;
    case Kind::Year:
        break;
    }
    return year;
}

const DossierDocument* Dossier::firstDocument(DocumentKind k) const {
    for (const auto& d : documents) {
        if (d.kind == k) {
            return &d;
        }
    }
    return nullptr;
}

const DossierDocument* Dossier::documentFor(DocumentKind k, const std::string& proposalId) const {
    const DossierDocument* general = nullptr;
    for (const auto& d : documents) {
        if (d.kind != k) {
            continue;
        }
        if (std::find(d.proposalIds.begin(), d.proposalIds.end(), proposalId) !=
            d.proposalIds.end()) {
            return &d;
        }
        if (d.proposalIds.empty() && !general) {
            general = &d;
        }
    }
    return general ? general : firstDocument(k);
}

const Proposal* Dossier::proposal(const std::string& id) const {
    for (const auto& p : proposals) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

const Nominee* Dossier::nominee(const std::string& id) const {
    for (const auto& n : nominees) {
        if (n.id == id) {
            return &n;
        }
    }
    return nullptr;
}

std::string honorificOf(const Nominee& n) {
    switch (n.kind) {
    case NomineeKind::Collective:
        return {};
    case NomineeKind::Household:
        if (!n.headHonorific.empty()) {
            return n.headHonorific;
        }
        return n.headGender == Gender::Female ? "Bà" : "Ông";
    case NomineeKind::Individual:
        break;
    }
    if (!n.honorific.empty()) {
        return n.honorific;
    }
    return n.gender == Gender::Female ? "Bà" : "Ông";
}

std::string displayName(const Nominee& n) {
    if (!n.name.empty() || n.kind != NomineeKind::Household) {
        return n.name;
    }
    std::string honorific = honorificOf(n);
    // "Hộ ông …", "Hộ bà …": the common honorifics are written in lower case inside a phrase;
    // a rank or title ("Hộ Thượng tá …") keeps its capital.
    if (honorific == "Ông") {
        honorific = "ông";
    } else if (honorific == "Bà") {
        honorific = "bà";
    }
    return "Hộ " + honorific + " " + n.headName;
}

bool AwardKind::accepts(NomineeKind k) const {
    return std::find(recipients.begin(), recipients.end(), k) != recipients.end();
}

const char* toString(AwardClass c) {
    return c == AwardClass::Title ? "title" : "form";
}

const char* displayName(AwardClass c) {
    return c == AwardClass::Title ? "danh hiệu thi đua" : "hình thức khen thưởng";
}

const char* toString(ArtefactKind k) {
    switch (k) {
    case ArtefactKind::Certificate:
        return "certificate";
    case ArtefactKind::Flag:
        return "flag";
    case ArtefactKind::None:
        break;
    }
    return "none";
}

} // namespace tdkt::model
