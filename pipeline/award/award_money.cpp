#include "award_money.hpp"

#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date_display.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace tdkt::award {

namespace xml = core::xml;
using core::ErrorKind;

// 128-bit intermediate: base (≤ 1e9) × coefficient (≤ 1e6 milli) × multiplier (≤ 1e6 milli)
// does not fit in 64 bits at the schema's bounds.
__extension__ typedef __int128 Wide;

namespace {

struct Provenance {
    std::string basis;
    std::string status; // verified / probable / unverified
    std::string note;
};

struct BaseSalaryStep {
    model::Date from;
    long long amount = 0;
    Provenance source;
};

struct RoundingStep {
    model::Date from;
    RoundingRule rule = RoundingRule::Ceil;
    long long step = 10000;
    Provenance source;
};

struct Multiplier {
    RecipientKind kind = RecipientKind::Collective;
    long long factorMilli = 1000;
    Provenance source;
};

struct Form {
    std::string id;
    std::string name;
    long long coefficientMilli = 0;
    // The coefficient is already this recipient kind's amount (collective titles): no
    // multiplier applies, and no other kind may receive it.
    std::optional<RecipientKind> recipient;
    Provenance source;
};

struct Regime {
    std::string id;
    model::Date from;
    Provenance source;
    std::vector<Multiplier> multipliers;
    std::vector<Form> forms;
};

model::Date date(const std::string& iso) {
    return model::Date::parseIso(iso).value_or(model::Date{});
}

// xs:decimal with at most three fraction digits (the schema guarantees the lexical form).
long long milli(const std::string& text) {
    long long whole = 0;
    long long frac = 0;
    int fracDigits = 0;
    bool inFrac = false;
    for (char ch : text) {
        if (ch == '.') {
            inFrac = true;
        } else if (ch >= '0' && ch <= '9') {
            if (inFrac) {
                if (fracDigits < 3) {
                    frac = frac * 10 + (ch - '0');
                    ++fracDigits;
                }
            } else {
                whole = whole * 10 + (ch - '0');
            }
        }
    }
    for (; fracDigits < 3; ++fracDigits) {
        frac *= 10;
    }
    return whole * 1000 + frac;
}

Provenance provenance(const xmlNode* n) {
    return {xml::attr(n, "basis"), xml::attr(n, "status"), xml::attr(n, "note")};
}

// The entry in force on `on`: the last one whose `from` is not after it (entries sorted).
template <class T> const T* inForce(const std::vector<T>& steps, const model::Date& on) {
    const T* found = nullptr;
    for (const auto& s : steps) {
        if (s.from <= on) {
            found = &s;
        }
    }
    return found;
}

template <class T> void sortByFrom(std::vector<T>& v) {
    std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.from < b.from; });
}

void noteIfUnverified(std::vector<std::string>& out, const std::string& what, const Provenance& p) {
    if (p.status == "verified") {
        return;
    }
    std::string text =
        what + " (" + p.basis + "): " +
        (p.status == "probable" ? "theo thực tiễn, chưa đối chiếu điều khoản" : "chưa xác minh");
    if (!p.note.empty()) {
        text += " — " + p.note;
    }
    out.push_back(std::move(text));
}

std::string recipientName(RecipientKind k) {
    return k == RecipientKind::Collective  ? "tập thể"
           : k == RecipientKind::Household ? "hộ gia đình"
                                           : "cá nhân";
}

core::Error rejected(std::string code, std::string message) {
    return core::makeError(ErrorKind::InputRejected, std::move(code), std::move(message));
}

} // namespace

struct AwardMoney::Data {
    std::string source;
    std::vector<BaseSalaryStep> baseSalaries; // sorted by from
    std::vector<RoundingStep> roundings;      // sorted by from
    std::vector<Regime> regimes;              // sorted by from
};

AwardMoney::AwardMoney(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
AwardMoney::~AwardMoney() = default;

RecipientKind recipientKind(model::NomineeKind kind) {
    switch (kind) {
    case model::NomineeKind::Collective:
        return RecipientKind::Collective;
    case model::NomineeKind::Household:
        return RecipientKind::Household;
    case model::NomineeKind::Individual:
        break;
    }
    return RecipientKind::Individual;
}

const char* toString(RecipientKind kind) {
    switch (kind) {
    case RecipientKind::Collective:
        return "collective";
    case RecipientKind::Household:
        return "household";
    case RecipientKind::Individual:
        break;
    }
    return "individual";
}

core::Result<AwardMoney> AwardMoney::load(const core::Environment& env) {
    return load(env.configDir() / "award-money.xml", env.schemasDir());
}

core::Result<AwardMoney> AwardMoney::load(const fs::path& configFile, const fs::path& schemasDir) {
    auto bytes = core::readFile(configFile);
    if (!bytes) {
        return core::makeError(ErrorKind::Config, "M010",
                               "không đọc được tệp cấu hình tiền thưởng: " + bytes.error().message,
                               {configFile.string()});
    }
    return parse(bytes.value(), configFile.string(), schemasDir);
}

core::Result<AwardMoney> AwardMoney::parse(std::string_view bytes, const std::string& displayName,
                                           const fs::path& schemasDir) {
    auto schema = core::XmlSchema::load(schemasDir / "award-money-1.0.xsd");
    if (!schema) {
        return schema.error();
    }
    core::Diagnostics diags;
    auto invalid = [&](const std::string& message) {
        core::Error e = core::makeError(ErrorKind::Config, "M011", message, {displayName});
        e.details = diags.items();
        return e;
    };
    auto doc = schema->parseAndValidate(bytes, displayName, diags);
    if (!doc) {
        return invalid("tệp cấu hình tiền thưởng không hợp lệ (award-money-1.0.xsd)");
    }

    auto data = std::make_shared<Data>();
    data->source = displayName;
    const xmlNode* root = doc->root();
    for (xmlNode* n = xml::firstChild(root, "baseSalary"); n;
         n = xml::nextSibling(n, "baseSalary")) {
        data->baseSalaries.push_back(
            {date(xml::attr(n, "from")), std::stoll(xml::attr(n, "amount")), provenance(n)});
    }
    for (xmlNode* n = xml::firstChild(root, "rounding"); n; n = xml::nextSibling(n, "rounding")) {
        RoundingStep r;
        r.from = date(xml::attr(n, "from"));
        std::string rule = xml::attr(n, "rule");
        r.rule = rule == "none"      ? RoundingRule::None
                 : rule == "nearest" ? RoundingRule::Nearest
                                     : RoundingRule::Ceil;
        r.step = std::stoll(xml::attr(n, "step", "10000"));
        r.source = provenance(n);
        data->roundings.push_back(std::move(r));
    }
    for (xmlNode* n = xml::firstChild(root, "regime"); n; n = xml::nextSibling(n, "regime")) {
        Regime g;
        g.id = xml::attr(n, "id");
        g.from = date(xml::attr(n, "from"));
        g.source = provenance(n);
        for (xmlNode* m = xml::firstChild(n, "multiplier"); m;
             m = xml::nextSibling(m, "multiplier")) {
            g.multipliers.push_back({xml::attr(m, "kind") == "household"
                                         ? RecipientKind::Household
                                         : RecipientKind::Collective,
                                     milli(xml::attr(m, "factor")), provenance(m)});
        }
        for (xmlNode* f = xml::firstChild(n, "form"); f; f = xml::nextSibling(f, "form")) {
            Form form;
            form.id = xml::attr(f, "id");
            form.name = xml::attr(f, "name");
            form.coefficientMilli = milli(xml::attr(f, "coefficient"));
            if (xml::hasAttr(f, "recipient")) {
                const std::string r = xml::attr(f, "recipient");
                form.recipient = r == "collective"  ? RecipientKind::Collective
                                 : r == "household" ? RecipientKind::Household
                                                    : RecipientKind::Individual;
            }
            form.source = provenance(f);
            g.forms.push_back(std::move(form));
        }
        data->regimes.push_back(std::move(g));
    }
    if (diags.hasErrors()) {
        return invalid("tệp cấu hình tiền thưởng không nhất quán");
    }
    sortByFrom(data->baseSalaries);
    sortByFrom(data->roundings);
    sortByFrom(data->regimes);
    return AwardMoney(std::move(data));
}

namespace {

core::Result<Amount> compute(const AwardMoney::Data& data, const Regime& regime, const Form& form,
                             RecipientKind kind, const model::Date& on) {
    const BaseSalaryStep* base = inForce(data.baseSalaries, on);
    if (!base) {
        return rejected("M002",
                        "không có mức lương cơ sở áp dụng vào ngày " + model::dateShort(on));
    }
    const RoundingStep* rounding = inForce(data.roundings, on);
    if (!rounding) {
        return rejected("M003", "không có quy tắc làm tròn tiền thưởng áp dụng vào ngày " +
                                    model::dateShort(on));
    }
    Amount a;
    a.baseSalary = base->amount;
    a.coefficientMilli = form.coefficientMilli;
    a.formId = form.id;
    a.formName = form.name;
    a.regimeId = regime.id;
    a.rounding = rounding->rule;
    a.roundingStep = rounding->step;
    noteIfUnverified(a.unverified, "chế độ tiền thưởng «" + regime.id + "»", regime.source);
    noteIfUnverified(a.unverified, "hệ số " + form.name, form.source);
    noteIfUnverified(a.unverified, "mức lương cơ sở từ " + model::dateShort(base->from),
                     base->source);
    noteIfUnverified(a.unverified, "quy tắc làm tròn từ " + model::dateShort(rounding->from),
                     rounding->source);
    if (form.recipient) {
        if (*form.recipient != kind) {
            return rejected("M006", "hệ số " + form.name + " là mức của " +
                                        recipientName(*form.recipient) + ", không áp dụng cho " +
                                        recipientName(kind));
        }
    } else if (kind != RecipientKind::Individual) {
        auto it = std::find_if(regime.multipliers.begin(), regime.multipliers.end(),
                               [&](const Multiplier& m) { return m.kind == kind; });
        if (it == regime.multipliers.end()) {
            return rejected("M005",
                            std::string("chế độ tiền thưởng «") + regime.id +
                                "» không quy định hệ số cho " +
                                (kind == RecipientKind::Household ? "hộ gia đình" : "tập thể"));
        }
        a.multiplierMilli = it->factorMilli;
        noteIfUnverified(a.unverified,
                         kind == RecipientKind::Household ? "hệ số hộ gia đình" : "hệ số tập thể",
                         it->source);
    }
    const Wide scale = 1000000; // coefficient and multiplier are both in thousandths
    const Wide exact = Wide(a.baseSalary) * a.coefficientMilli * a.multiplierMilli;
    a.unrounded = static_cast<long long>((exact + scale - 1) / scale);
    const Wide unit = scale * a.roundingStep;
    switch (a.rounding) {
    case RoundingRule::Ceil:
        a.vnd = static_cast<long long>((exact + unit - 1) / unit) * a.roundingStep;
        break;
    case RoundingRule::Nearest:
        a.vnd = static_cast<long long>((exact + unit / 2) / unit) * a.roundingStep;
        break;
    case RoundingRule::None:
        a.vnd = a.unrounded;
        break;
    }
    return a;
}

} // namespace

core::Result<Amount> AwardMoney::amountFor(std::string_view formId, RecipientKind kind,
                                           const model::Date& decisionDate) const {
    const Regime* regime = inForce(m_data->regimes, decisionDate);
    if (!regime) {
        return rejected("M001", "không có bảng hệ số tiền thưởng áp dụng vào ngày " +
                                    model::dateShort(decisionDate));
    }
    for (const auto& f : regime->forms) {
        if (f.id == formId) {
            return compute(*m_data, *regime, f, kind, decisionDate);
        }
    }
    return rejected("M004", "chế độ tiền thưởng «" + regime->id + "» không có hình thức «" +
                                std::string(formId) + "»");
}

} // namespace tdkt::award
