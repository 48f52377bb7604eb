#pragma once
// Award money (tiền thưởng): coefficient × the base salary in force on the decision date, times
// the collective or household multiplier, rounded by the policy in force on that date. Every
// figure is configuration with effective dates (config/award-money.xml, validated by
// schemas/award-money-1.0.xsd), never a constant in code: the 2025 change of coefficients and
// the base-salary steps are law that moves, and some values are still unverified
// (domain/facts.md §4), so each amount says which of its inputs were not verified.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/dossier.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::award {

// Who receives: the decrees give collectives and households (hộ gia đình) their own multipliers.
enum class RecipientKind { Individual, Collective, Household };
RecipientKind recipientKind(model::NomineeKind kind);
const char* toString(RecipientKind kind); // "individual" / "collective" / "household"

enum class RoundingRule { Ceil, Nearest, None };

struct Amount {
    long long vnd = 0;       // what is paid, after rounding
    long long unrounded = 0; // before rounding (whole đồng, fractions rounded up)
    long long baseSalary = 0;
    long long coefficientMilli = 0; // coefficient × 1000 (0.3 → 300)
    long long multiplierMilli = 1000;
    RoundingRule rounding = RoundingRule::Ceil;
    long long roundingStep = 10000;
    std::string formId;   // "giay-khen"
    std::string formName; // "Giấy khen"
    std::string regimeId; // "nd-152-2025"
    // Legal bases and notes of every input that is not "verified", in Vietnamese, e.g.
    // "mức lương cơ sở 2.530.000 đồng (NĐ 161/2026/NĐ-CP) chưa xác minh". Empty when every input
    // is verified.
    std::vector<std::string> unverified;
    bool verified() const { return unverified.empty(); }
};

// Error codes (all InputRejected except M010/M011 which are Config):
//   M001 no regime (coefficient table) in force on the date
//   M002 no base salary in force on the date
//   M003 no rounding policy in force on the date
//   M004 the form is not in the regime in force on the date
//   M005 the regime has no multiplier for a collective / household
//   M006 the coefficient is another recipient kind's amount (a collective title)
//   M010 configuration unreadable, M011 configuration invalid (schema or consistency)
class AwardMoney {
public:
    // config/award-money.xml of the environment, validated against award-money-1.0.xsd.
    static core::Result<AwardMoney> load(const core::Environment& env);
    static core::Result<AwardMoney> load(const fs::path& configFile, const fs::path& schemasDir);
    // From bytes (tests, tools); displayName is used in messages.
    static core::Result<AwardMoney> parse(std::string_view xml, const std::string& displayName,
                                          const fs::path& schemasDir);

    // By form id of the configuration ("giay-khen", "bang-khen-tinh", "nha-giao-uu-tu", ...),
    // as the award catalogue names it for each kind (rule/money/@form).
    core::Result<Amount> amountFor(std::string_view formId, RecipientKind kind,
                                   const model::Date& decisionDate) const;
    AwardMoney(const AwardMoney&) = default;
    AwardMoney& operator=(const AwardMoney&) = default;
    AwardMoney(AwardMoney&&) noexcept = default;
    AwardMoney& operator=(AwardMoney&&) noexcept = default;
    ~AwardMoney();

    struct Data;

private:
    explicit AwardMoney(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> m_data; // immutable after load: cheap to copy, thread-safe
};

} // namespace tdkt::award
