#include "context_builder.hpp"

#include "pipeline/format/vi_format.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/case_mapping.hpp"

namespace tdkt::job {
namespace {

std::string twoDigits(int n) {
    return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

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

std::string countsText(int collectives, int individuals) {
    std::string out;
    if (collectives > 0) {
        out = twoDigits(collectives) + " tập thể";
    }
    if (individuals > 0) {
        out += (out.empty() ? "" : " và ") + twoDigits(individuals) + " cá nhân";
    }
    return out;
}

tmpl::Value issuerValue(const model::Issuer& issuer) {
    tmpl::Value v = tmpl::Value::map();
    v.set("parentBody", issuer.parentBody);
    v.set("nameLines", lines(issuer.name));
    v.set("name", oneLine(issuer.name));
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

tmpl::Value decisionValue(const model::Decision& d) {
    tmpl::Value v = tmpl::Value::map();
    v.set("numberText", d.numberText);
    v.set("dateLine", model::dateLine(d.issuer.place, d.date));
    v.set("dateText", model::dateText(d.date));
    v.set("formName", model::displayName(d.form));
    v.set("subject", d.subject);
    return v;
}

std::string positionUnit(const model::Awardee& a) {
    if (a.position.empty()) {
        return a.unit;
    }
    if (a.unit.empty()) {
        return a.position;
    }
    return a.position + ", " + a.unit;
}

// "Mỗi tập thể được thưởng 7.020.000 đồng, mỗi cá nhân được thưởng 3.510.000 đồng", as Vietnamese
// decisions state the amount (only the kinds present in the decision).
std::string eachText(const DecisionMoney& m, bool collectives, bool individuals) {
    std::string out;
    if (collectives) {
        out = "mỗi tập thể được thưởng " + format::money(m.collectiveEach);
    }
    if (individuals) {
        out += (out.empty() ? "" : ", ") + std::string("mỗi cá nhân được thưởng ") +
               format::money(m.individualEach);
    }
    if (!out.empty()) {
        out.replace(0, 1, "M"); // "m" is ASCII: the first letter upper-cased in place
    }
    return out;
}

tmpl::Value moneyValue(const DecisionMoney& m, bool collectives, bool individuals) {
    tmpl::Value v = tmpl::Value::map();
    v.set("eachText", eachText(m, collectives, individuals));
    v.set("collectiveEach", collectives ? format::money(m.collectiveEach) : "");
    v.set("individualEach", individuals ? format::money(m.individualEach) : "");
    v.set("totalFigures", format::groupThousands(m.total));
    v.set("total", format::money(m.total));
    v.set("totalWords", format::moneyInWords(m.total));
    return v;
}

} // namespace

std::string certificateTemplateName(model::AwardFormKind form) {
    return form == model::AwardFormKind::BangKhen ? "certificate-bang-khen"
                                                  : "certificate-giay-khen";
}

tmpl::Value decisionContext(const model::Decision& d, const DecisionMoney* money) {
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    meta.set("title", "Quyết định số " + d.numberText + " " + d.subject);
    meta.set("author", oneLine(d.issuer.name));
    meta.set("subject", d.subject);
    meta.set("keywords", std::string("khen thưởng, ") + model::displayName(d.form) + ", " +
                             d.proposingUnit.name + ", " + std::to_string(d.date.year));

    ctx.set("issuer", issuerValue(d.issuer));
    tmpl::Value& dec = ctx.set("decision", decisionValue(d));

    int collectives = 0;
    int individuals = 0;
    tmpl::Value collectiveList = tmpl::Value::list();
    tmpl::Value individualList = tmpl::Value::list();
    if (money && money->perAwardee.size() != d.awardees.size()) {
        money = nullptr; // not computed for this decision: print no amounts rather than wrong ones
    }
    for (std::size_t i = 0; i < d.awardees.size(); ++i) {
        const model::Awardee& a = d.awardees[i];
        tmpl::Value row = tmpl::Value::map();
        if (money) {
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
        if (a.kind == model::NomineeKind::Collective) {
            ++collectives;
            collectiveList.push(std::move(row));
        } else {
            ++individuals;
            individualList.push(std::move(row));
        }
    }
    // The template ends Điều 1 with its own full stop.
    std::string reason = d.reason;
    while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) {
        reason.pop_back();
    }
    dec.set("reason", reason);

    tmpl::Value bases = tmpl::Value::list();
    for (const auto& basis : d.issuer.legalBases) {
        bases.push(basis + ";");
    }
    // Every basis ends with ";"; the proposal is the last line and ends with ".".
    std::string proposal = "Xét đề nghị của " + d.proposingUnit.name;
    if (!d.submission.number.empty()) {
        proposal += " tại Tờ trình số " + d.submission.number;
        if (d.submission.date.valid()) {
            proposal += " " + model::dateText(d.submission.date);
        }
    }
    proposal += ".";
    ctx.set("legalBases", std::move(bases));
    ctx.set("proposal", proposal);

    tmpl::Value& counts = ctx.set("counts", tmpl::Value::map());
    counts.set("collectives", std::to_string(collectives));
    counts.set("individuals", std::to_string(individuals));
    counts.set("total", std::to_string(collectives + individuals));
    counts.set("text", countsText(collectives, individuals));
    ctx.set("proposingUnit", tmpl::Value::map()).set("name", d.proposingUnit.name);
    ctx.set("signer", signerValue(d.issuer.signer));

    tmpl::Value recipients = tmpl::Value::list();
    for (const auto& r : d.issuer.recipients) {
        recipients.push("- " + r + ";");
    }
    recipients.push("- " + d.proposingUnit.name + ";");
    ctx.set("recipients", std::move(recipients));
    ctx.set("archiveLine",
            "- Lưu: " + (d.issuer.archiveNote.empty() ? std::string("VT") : d.issuer.archiveNote) +
                ".");
    ctx.set("collectives", std::move(collectiveList));
    ctx.set("individuals", std::move(individualList));
    ctx.set("hasCollectives", collectives > 0 ? "1" : "");
    ctx.set("hasIndividuals", individuals > 0 ? "1" : "");
    if (money) {
        ctx.set("money", moneyValue(*money, collectives > 0, individuals > 0));
    }
    return ctx;
}

tmpl::Value certificateContext(const model::Decision& d, const model::Awardee& a) {
    tmpl::Value ctx = tmpl::Value::map();
    tmpl::Value& meta = ctx.set("meta", tmpl::Value::map());
    std::string form = model::displayName(d.form);
    meta.set("title", form + " - " + a.name);
    meta.set("author", oneLine(d.issuer.name));
    meta.set("subject",
             form + " theo Quyết định số " + d.numberText + " " + model::dateText(d.date));
    meta.set("keywords", "khen thưởng, " + form + ", " + a.name);

    ctx.set("issuer", issuerValue(d.issuer));
    ctx.set("formTitle", text::upper(form));
    tmpl::Value& r = ctx.set("recipient", tmpl::Value::map());
    bool person = a.kind == model::NomineeKind::Individual;
    r.set("salutation", person ? (a.gender == model::Gender::Female ? "Bà" : "Ông") : "");
    r.set("name", a.name);
    r.set("nameUpper", text::upper(a.name));
    r.set("unit", person ? positionUnit(a) : a.unit);
    r.set("achievement", a.achievement);
    ctx.set("decision", decisionValue(d));
    ctx.set("signer", signerValue(d.issuer.signer));
    ctx.set("goldenBook", "");
    return ctx;
}

} // namespace tdkt::job
