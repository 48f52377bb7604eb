#pragma once
// The legal rules as data (config/rules.xml, validated by schemas/rules-1.0.xsd): each rule a
// stable code (L001…), a severity, its legal basis, its effective period and one rule kind with
// its parameters. The kinds are implemented in law_checks.cpp; the data chooses which apply,
// to which awards, with which numbers and since when. Loaded once; immutable and thread-safe.
#include "award_catalogue.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/model/award_kind.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/dossier.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::validate {

enum class RuleKind {
    RequireDocument,
    DateOrder,
    NotAfterRunDate,
    Eligibility,
    Quota,
    Discipline,
    InitiativeOnce,
    DuplicateEntry,
    SameAcrossUnits,
    SimilarName,
    AlreadyRewarded,
    OneFormPerAchievement,
    PriorAwardKnown,
    NameDigits,
    NameCapitals,
    Age,
};

// The element name of a kind in rules.xml ("requireDocument", …).
const char* toString(RuleKind k);

// Which nominations a rule looks at; an empty list or an unset field does not narrow.
struct AppliesTo {
    std::vector<std::string> awards;
    std::vector<std::string> exceptAwards;
    std::optional<model::AwardClass> awardClass;
    std::vector<model::NomineeKind> recipients;
    bool regularOnly = false; // leaves out ad-hoc and thematic awards

    bool matches(const std::string& kindId, model::AwardClass awardClass, model::AwardMode mode,
                 model::NomineeKind recipient) const;
    // Whether a nominee of this kind can ever match (the recipients filter alone).
    bool accepts(model::NomineeKind recipient) const;
};

// One condition of an eligibility alternative.
struct Condition {
    enum class Type { Titles, Ratings, Initiatives, Holds };
    Type type = Type::Titles;
    std::string kindId;                                       // Titles, Holds
    int years = 0;                                            // Titles, Ratings, Initiatives
    int count = 0;                                            // Initiatives
    model::TaskRating atLeast = model::TaskRating::Completed; // Ratings
    model::InitiativeScope scope = model::InitiativeScope::Base;
};

// One way to qualify: every condition holds.
struct Alternative {
    std::string text; // Vietnamese, for the message ("2 năm liên tục đạt Chiến sĩ thi đua cơ sở")
    std::vector<Condition> conditions;
};

struct Rule {
    std::string code; // "L010"
    core::Severity severity = core::Severity::Error;
    std::optional<model::Date> from; // in force for decision dates in [from, to)
    std::optional<model::Date> to;
    bool verified = true;
    std::string title; // Vietnamese: what the rule requires
    std::string basis; // "Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d"
    AppliesTo appliesTo;
    RuleKind kind = RuleKind::RequireDocument;
    // Parameters, by kind.
    model::DocumentKind document = model::DocumentKind::Submission; // RequireDocument
    std::string earlier, later;                                     // DateOrder events
    std::vector<Alternative> alternatives;                          // Eligibility
    core::Severity noHistory = core::Severity::Error;               // Eligibility
    std::string quotaKind, quotaAmong;                              // Quota
    double percent = 0;                                             // Quota
    int minAge = 0, maxAge = 0;                                     // Age
    core::SourceLocation where;

    bool inForce(const model::Date& on) const;
    // "từ 01/01/2024", "từ 01/01/2024 đến trước 01/07/2025".
    std::string periodText() const;
};

class RuleBook {
public:
    // Reads and validates `file` against <schemasDir>/rules-1.0.xsd, then checks what the
    // schema cannot: periods (K032), overlapping periods of one code (K033), one code used for
    // two kinds (K034), award kinds that the catalogue does not have (K035). ErrorKind::Config
    // (exit 78) with every problem in Error::details.
    static core::Result<RuleBook> load(const fs::path& file, const fs::path& schemasDir,
                                       const AwardCatalogue& catalogue);
    // <configDir>/rules.xml.
    static core::Result<RuleBook> load(const core::Environment& env,
                                       const AwardCatalogue& catalogue);
    // A book without rules (tests of other stages).
    RuleBook();

    // The rules of `kind` in force on `on`, in file order.
    std::vector<const Rule*> inForce(RuleKind kind, const model::Date& on) const;
    bool any(RuleKind kind) const;
    const std::vector<Rule>& rules() const;
    const fs::path& source() const;

private:
    struct Data;
    explicit RuleBook(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
    std::shared_ptr<const Data> m_data;
};

} // namespace tdkt::validate
