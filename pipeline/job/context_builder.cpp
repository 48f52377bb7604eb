#include "context_builder.hpp"

#include "decision_wording.hpp"
#include "pipeline/format/vi_format.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/case_mapping.hpp"
#include "pipeline/text/position_unit.hpp"

#include <algorithm>

namespace tdkt::job {
namespace {

// The issuing body's name as header lines: configuration may break it with "\n".
tmpl::Value lines(const std::string& text) {
    tmpl::Value out = tmpl::Value::list();
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        if (end > start) {
            out.push(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

std::string oneLine(std::string text) {
    for (auto& ch : text) {
        if (ch == '\n') {
            ch = ' ';
        }
    }
    return text;
}

tmpl::Value issuerValue(const model::Issuer& issuer) {
    tmpl::Value v = tmpl::Value::map();
    v.set("parentBody", issuer.parentBody);
    v.set("nameLines", lines(issuer.name));
    v.set("name", oneLine(issuer.name));
    v.set("nameUpper", text::upper(oneLine(issuer.name)));
    v.set("notation", issuer.notation);
    v.set("authority", issuer.authority);
    v.set("authorityText", issuer.authorityText);
    v.set("place", issuer.place);
    return v;
}

tmpl::Value signerValue(const model::Signer& s) {
    tmpl::Value v = tmpl::Value::map();
    std::string capacity = s.capacity.empty() ? "" : s.capacity + " " + s.capacityBody;
    v.set("capacityLine", capacity);
    v.set("title", s.title);
    v.set("name", s.name);
    return v;
}

// "Bằng khen", or "Lao động tiên tiến, Giấy khen" for a decision of several kinds.
std::string kindNames(const model::Decision& d) {
    std::string out;
    for (const auto& p : d.parts) {
        out += (out.empty() ? "" : ", ") + p.kind.name;
    }
    return out;
}

tmpl::Value decisionValue(const model::Decision& d) {
    tmpl::Value v = tmpl::Value::map();
    v.set("numberText", d.numberText);
    v.set("dateLine", model::dateLine(d.issuer.place, d.date));
    v.set("dateText", model::dateText(d.date));
    v.set("formName", kindNames(d));
    v.set("subject", d.subject);
    return v;
}

std::string positionUnit(const model::Awardee& a) {
    return text::joinPositionUnit(a.position, a.unit);
}

// "mỗi tập thể được thưởng 7.020.000 đồng, mỗi cá nhân được thưởng 3.510.000 đồng" (only the
// recipient kinds present in the part).
std::string eachOfPart(const DecisionMoney::Each& e) {
    std::string out;
    auto add = [&](long long amount, const char* who) {
        if (amount > 0) {
            out += (out.empty() ? "" : ", ") + std::string("mỗi ") + who + " được thưởng " +
                   format::money(amount);
        }
    };
    add(e.collective, "tập thể");
    add(e.individual, "cá nhân");
    add(e.household, "hộ gia đình");
    return out;
}

// Điều 2's amounts as Vietnamese decisions state them: "Mỗi tập thể được thưởng …, mỗi cá nhân
// được thưởng …" for one kind; "Kèm theo danh hiệu “Lao động tiên tiến”, mỗi cá nhân được
// thưởng …; kèm theo Giấy khen, …" for several.
std::string eachText(const model::Decision& d, const DecisionMoney& m) {
    if (d.parts.size() == 1) {
        std::string out = eachOfPart(m.perPart[0]);
        if (!out.empty()) {
            out.replace(0, 1, "M"); // "m" is ASCII: the first letter upper-cased in place
        }
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < d.parts.size(); ++i) {
        const std::string each = eachOfPart(m.perPart[i]);
        if (each.empty()) {
            continue;
        }
        const model::AwardKind& k = d.parts[i].kind;
        const std::string what =
            k.awardClass == model::AwardClass::Title ? "danh hiệu “" + k.name + "”" : k.name;
        out += (out.empty() ? "Kèm theo " : "; kèm theo ") + what + ", " + each;
    }
    return out;
}

tmpl::Value moneyValue(const model::Decision& d, const DecisionMoney& m) {
    tmpl::Value v = tmpl::Value::map();
    v.set("eachText", eachText(d, m));
    const DecisionMoney::Each& first = m.perPart.front();
    v.set("collectiveEach", first.collective > 0 ? format::money(first.collective) : "");
    v.set("individualEach", first.individual > 0 ? format::money(first.individual) : "");
    v.set("householdEach", first.household > 0 ? format::money(first.household) : "");
    v.set("totalFigures", format::groupThousands(m.total));
    v.set("total", format::money(m.total));
    v.set("totalWords", format::moneyInWords(m.total));
    return v;
}

const char* sectionTitle(model::NomineeKind k) {
    switch (k) {
    case model::NomineeKind::Collective:
        return "TẬP THỂ";
    case model::NomineeKind::Household:
        return "HỘ GIA ĐÌNH";
    case model::NomineeKind::Individual:
        break;
    }
    return "CÁ NHÂN";
}

const char* sectionTitleLower(model::NomineeKind k) {
    switch (k) {
    case model::NomineeKind::Collective:
        return "Tập thể";
    case model::NomineeKind::Household:
        return "Hộ gia đình";
    case model::NomineeKind::Individual:
        break;
    }
    return "Cá nhân";
}

std::string roman(int n) {
    static const char* numerals[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                     "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                     "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
    return n >= 1 && n <= 20 ? numerals[n - 1] : std::to_string(n);
}

// The heading of a part of a decision of several kinds: "DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM
// 2025", "GIẤY KHEN".
std::string partHeading(const model::DecisionPart& p) {
    return text::upper(p.kind.awardClass == model::AwardClass::Title
                           ? "danh hiệu “" + p.kind.name + "” " + p.period.text()
                           : p.kind.name);
}

tmpl::Value section(std::string title, tmpl::Value rows, bool heading = false) {
    tmpl::Value v = tmpl::Value::map();
    v.set("title", std::move(title));
    v.set("rows", std::move(rows));
    if (heading) {
        v.set("heading", "1");
    }
    return v;
}

// The attached list's sections. One unit, one kind: "I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA
// ĐÌNH" (the sections present, numbered in order). One unit, several kinds: a heading per kind
// ("I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025") and "1. Tập thể", "2. Cá nhân" under it. A
// consolidated decision (several units): a section per unit ("1. Sở Y tế Hà Nội"), under a
// heading per kind when it has several.
tmpl::Value listSections(const model::Decision& d, std::vector<tmpl::Value>& rows) {
    tmpl::Value sections = tmpl::Value::list();
    const bool several = d.parts.size() > 1;
    for (std::size_t part = 0; part < d.parts.size(); ++part) {
        if (several) {
            sections.push(
                section(roman(static_cast<int>(part) + 1) + ". " + partHeading(d.parts[part]),
                        tmpl::Value::list(), true));
        }
        int number = 0;
        if (d.consolidated()) {
            for (std::size_t source = 0; source < d.sources.size(); ++source) {
                tmpl::Value list = tmpl::Value::list();
                for (std::size_t i = 0; i < d.awardees.size(); ++i) {
                    const model::Awardee& a = d.awardees[i];
                    if (a.part == static_cast<int>(part) && a.source == static_cast<int>(source)) {
                        list.push(rows[i]);
                    }
                }
                if (!list.items().empty()) {
                    ++number;
                    const std::string& unit = d.sources[source].proposingUnit.name;
                    sections.push(section(several ? std::to_string(number) + ". " + unit
                                                  : roman(number) + ". " + text::upper(unit),
                                          std::move(list)));
                }
            }
            continue;
        }
        for (model::NomineeKind kind :
             {model::NomineeKind::Collective, model::NomineeKind::Individual,
              model::NomineeKind::Household}) {
            tmpl::Value list = tmpl::Value::list();
            for (std::size_t i = 0; i < d.awardees.size(); ++i) {
                const model::Awardee& a = d.awardees[i];
                if (a.part == static_cast<int>(part) && a.kind == kind) {
                    list.push(rows[i]);
                }
            }
            if (list.items().empty()) {
                continue;
            }
            ++number;
            sections.push(section(several ? std::to_string(number) + ". " + sectionTitleLower(kind)
                                          : roman(number) + ". " + sectionTitle(kind),
                                  std::move(list)));
        }
    }
    return sections;
}

// A consolidated decision cites its units' tờ trình in the căn cứ while they are few; more
// are listed after the attached list.
constexpr std::size_t kMaxCitedInline = 6;

// "Sở Y tế Hà Nội tại Tờ trình số 45/TTr-SYT ngày 05 tháng 01 năm 2026".
std::string citation(const model::DecisionSource& s) {
    std::string out = s.proposingUnit.name;
    if (!s.submission.number.empty()) {
        out += " tại Tờ trình số " + s.submission.number;
        if (s.submission.date.valid()) {
            out += " " + model::dateText(s.submission.date);
        }
    }
    return out;
}

// The last căn cứ: "Xét đề nghị của … tại Tờ trình số … ngày …." — every unit's when few,
// else a count and a pointer to the list of tờ trình after the attached list.
std::string proposalLine(const model::Decision& d) {
    if (d.sources.size() <= kMaxCitedInline) {
        std::string out;
        for (const auto& s : d.sources) {
            out += (out.empty() ? "" : "; ") + citation(s);
        }
        return "Xét đề nghị của " + out + ".";
    }
    return "Xét đề nghị của " + std::to_string(d.sources.size()) +
           " cơ quan, đơn vị tại các tờ trình có tên trong danh sách kèm theo.";
}

// "Như Điều 3" (any article number): the recipients line that points to the execution article.
bool isAsInArticle(const std::string& line) {
    const std::string prefix = "Như Điều ";
    if (line.compare(0, prefix.size(), prefix) != 0 || line.size() == prefix.size()) {
        return false;
    }
    return std::all_of(line.begin() + static_cast<std::ptrdiff_t>(prefix.size()), line.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// The list's column titles for who is on it.
tmpl::Value listTitles(const Counts& c) {
    tmpl::Value v = tmpl::Value::map();
    const bool onlyHouseholds = c.households > 0 && c.households == c.total();
    const bool onlyCollectives = c.collectives > 0 && c.collectives == c.total();
    v.set("nameTitle", onlyHouseholds    ? "Tên hộ gia đình"
                       : onlyCollectives ? "Tên tập thể"
                                         : "Họ và tên");
    v.set("unitTitle", onlyHouseholds     ? "Địa chỉ"
                       : c.households > 0 ? "Chức vụ, đơn vị, địa chỉ"
                       : onlyCollectives  ? "Đơn vị"
                                          : "Chức vụ, đơn vị");
    return v;
}

// Who carries the decision out, in Điều 3: "các tập thể, cá nhân", "các hộ gia đình", …
std::string recipientsPhrase(const Counts& c) {
    if (c.households > 0 && c.households == c.total()) {
        return "các hộ gia đình";
    }
    return c.households > 0 ? "các tập thể, cá nhân, hộ gia đình" : "các tập thể, cá nhân";
}

std::string capitalFirst(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

} // namespace

std::string certificateTemplateName(const model::AwardKind& kind) {
    return kind.artefactTemplate;
}

tmpl::Value decisionContext(const model::Decision& d, const DecisionMoney* money,
                            const std::string& combinedListTitle) {
    tmpl::Value ctx = tmpl::Value::map();
    const model::DecisionSource& source = d.source();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    meta.set("title", "Quyết định số " + d.numberText + " " + d.subject);
    meta.set("author", oneLine(d.issuer.name));
    meta.set("subject", d.subject);
    meta.set("keywords", "khen thưởng, " + kindNames(d) + ", " +
                             (d.consolidated() ? std::to_string(d.sources.size()) + " đơn vị"
                                               : source.proposingUnit.name) +
                             ", " + std::to_string(d.date.year));

    ctx.set("issuer", issuerValue(d.issuer));
    tmpl::Value& dec = ctx.set("decision", decisionValue(d));
    dec.set("article1", article1Of(d));
    dec.set("listTitle", listTitleOf(d, combinedListTitle));

    if (money && money->perAwardee.size() != d.awardees.size()) {
        money = nullptr; // not computed for this decision: print no amounts rather than wrong ones
    }
    bool achievements = false;
    std::vector<tmpl::Value> rows;
    for (std::size_t i = 0; i < d.awardees.size(); ++i) {
        const model::Awardee& a = d.awardees[i];
        tmpl::Value row = tmpl::Value::map();
        if (money && money->perAwardee[i] > 0) {
            row.set("amount", format::money(money->perAwardee[i]));
            // Figures only, for a list column headed "(đồng)".
            row.set("amountFigures", format::groupThousands(money->perAwardee[i]));
        }
        row.set("ordinal", std::to_string(a.ordinal));
        row.set("name", a.name);
        row.set("position", a.position);
        row.set("unit", a.unit);
        row.set("positionUnit", positionUnit(a));
        row.set("achievement", a.achievement);
        achievements = achievements || !a.achievement.empty();
        rows.push_back(std::move(row));
    }
    // Every basis ends with ";"; the proposal is the last line and ends with ".".
    tmpl::Value bases = tmpl::Value::list();
    for (const auto& basis : d.issuer.legalBases) {
        bases.push(basis + ";");
    }
    ctx.set("legalBases", std::move(bases));
    ctx.set("proposal", proposalLine(d));
    if (d.sources.size() > kMaxCitedInline) {
        tmpl::Value cited = tmpl::Value::list();
        for (const auto& s : d.sources) {
            cited.push(citation(s) + ";");
        }
        ctx.set("citedSubmissions", std::move(cited));
    }

    const Counts c = countsOf(d);
    tmpl::Value& counts = ctx.set("counts", tmpl::Value::map());
    counts.set("collectives", std::to_string(c.collectives));
    counts.set("individuals", std::to_string(c.individuals));
    counts.set("households", std::to_string(c.households));
    counts.set("total", std::to_string(c.total()));
    counts.set("text", countsText(c));
    ctx.set("proposingUnit", tmpl::Value::map())
        .set("name", d.consolidated() ? std::string() : source.proposingUnit.name);
    ctx.set("signer", signerValue(d.issuer.signer));

    // The article that names who carries the decision out is Điều 3, or Điều 2 when a kind
    // without money has no Điều 2 on money: "Như Điều 3" in the issuer's recipients follows it.
    const bool moneyArticle = money && money->any();
    const std::string execution = moneyArticle ? "3" : "2";
    tmpl::Value recipients = tmpl::Value::list();
    for (const auto& r : d.issuer.recipients) {
        recipients.push("- " + (isAsInArticle(r) ? "Như Điều " + execution : r) + ";");
    }
    if (d.sources.size() <= kMaxCitedInline) {
        for (const auto& s : d.sources) {
            recipients.push("- " + s.proposingUnit.name + ";");
        }
    } else {
        recipients.push("- Các cơ quan, đơn vị đề nghị (theo danh sách);");
    }
    ctx.set("recipients", std::move(recipients));
    ctx.set("archiveLine",
            "- Lưu: " + (d.issuer.archiveNote.empty() ? std::string("VT") : d.issuer.archiveNote) +
                ".");
    ctx.set("listSections", listSections(d, rows));
    ctx.set("list", listTitles(c));
    ctx.set("recipientsPhrase", recipientsPhrase(c));
    ctx.set("hasAchievements", achievements ? "1" : "");
    if (money && money->any()) {
        ctx.set("money", moneyValue(d, *money));
    }
    return ctx;
}

tmpl::Value certificateContext(const model::Decision& d, const model::Awardee& a) {
    const model::DecisionPart& part = d.parts[static_cast<std::size_t>(a.part)];
    const model::AwardKind& kind = part.kind;
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    const std::string artefact = kind.artefactName.empty() ? kind.name : kind.artefactName;
    const std::string what = kind.artefact == model::ArtefactKind::Flag ? kind.name : artefact;
    meta.set("title", what + " - " + a.name);
    meta.set("author", oneLine(d.issuer.name));
    meta.set("subject",
             what + " theo Quyết định số " + d.numberText + " " + model::dateText(d.date));
    meta.set("keywords", "khen thưởng, " + kind.name + ", " + a.name);

    ctx.set("issuer", issuerValue(d.issuer));
    ctx.set("formTitle", text::upper(artefact));
    tmpl::Value& k = ctx.set("kind", tmpl::Value::map());
    k.set("name", kind.name);
    k.set("nameUpper", text::upper(kind.name));
    tmpl::Value& period = ctx.set("period", tmpl::Value::map());
    const std::string periodText = part.period.text();
    period.set("text", periodText);
    period.set("textUpper", text::upper(periodText));
    period.set("textCapital", capitalFirst(periodText));

    tmpl::Value& r = ctx.set("recipient", tmpl::Value::map());
    const bool person = a.kind == model::NomineeKind::Individual;
    const std::string honorific = !a.honorific.empty()                ? a.honorific
                                  : a.gender == model::Gender::Female ? "Bà"
                                                                      : "Ông";
    r.set("salutation", person ? honorific : "");
    r.set("name", a.name);
    r.set("nameUpper", text::upper(a.name));
    r.set("unit", person ? positionUnit(a) : a.unit);
    r.set("achievement", a.achievement);
    r.set("kind", model::toString(a.kind));
    r.set("isIndividual", person ? "1" : "");
    r.set("isCollective", a.kind == model::NomineeKind::Collective ? "1" : "");
    r.set("isHousehold", a.kind == model::NomineeKind::Household ? "1" : "");
    ctx.set("decision", decisionValue(d));
    ctx.set("signer", signerValue(d.issuer.signer));
    ctx.set("goldenBook", "");
    if (!a.inscription.empty()) {
        ctx.set("inscription", tmpl::Value::map()).set("lines", lines(a.inscription));
    }
    return ctx;
}

} // namespace tdkt::job
