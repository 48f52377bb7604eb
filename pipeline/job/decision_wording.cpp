#include "decision_wording.hpp"

#include "pipeline/template/template.hpp"
#include "pipeline/text/case_mapping.hpp"

namespace tdkt::job {
namespace {

std::string twoDigits(int n) {
    return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

std::string oneLine(std::string text) {
    for (auto& ch : text) {
        ch = ch == '\n' ? ' ' : ch;
    }
    return text;
}

// The proposing unit named in the wording: the one unit the decision's dossiers come from, or
// none when it covers several (a consolidated round).
std::string soleUnit(const model::Decision& d) {
    std::string name;
    for (const auto& s : d.sources) {
        if (!name.empty() && s.proposingUnit.name != name) {
            return {};
        }
        name = s.proposingUnit.name;
    }
    return name;
}

// "Công nhận …" → "công nhận …" for a clause after the first (an ASCII capital only: every
// pattern starts with a verb, and "Tặng", "Công" are ASCII at their first letter).
std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    }
    return s;
}

} // namespace

Counts countsOf(const model::Decision& d, int part) {
    Counts c;
    for (const auto& a : d.awardees) {
        if (part >= 0 && a.part != part) {
            continue;
        }
        switch (a.kind) {
        case model::NomineeKind::Collective:
            ++c.collectives;
            break;
        case model::NomineeKind::Individual:
            ++c.individuals;
            break;
        case model::NomineeKind::Household:
            ++c.households;
            break;
        }
    }
    return c;
}

std::string countsText(const Counts& c) {
    std::vector<std::string> parts;
    if (c.collectives > 0) {
        parts.push_back(twoDigits(c.collectives) + " tập thể");
    }
    if (c.individuals > 0) {
        parts.push_back(twoDigits(c.individuals) + " cá nhân");
    }
    if (c.households > 0) {
        parts.push_back(twoDigits(c.households) + " hộ gia đình");
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += i == 0 ? "" : (i + 1 == parts.size() ? " và " : ", ");
        out += parts[i];
    }
    return out;
}

tmpl::Value wordingValues(const model::Decision& d, int part) {
    const model::DecisionPart& p = d.parts[static_cast<std::size_t>(part < 0 ? 0 : part)];
    tmpl::Value v = tmpl::Value::map();
    tmpl::Value& kind = v.set("kind", tmpl::Value::map());
    kind.set("name", p.kind.name);
    kind.set("nameUpper", text::upper(p.kind.name));
    kind.set("verb", p.kind.verb);
    tmpl::Value& period = v.set("period", tmpl::Value::map());
    const std::string periodText = p.period.text();
    period.set("text", periodText);
    period.set("textUpper", text::upper(periodText));
    const Counts c = countsOf(d, part);
    tmpl::Value& counts = v.set("counts", tmpl::Value::map());
    counts.set("text", countsText(c));
    counts.set("collectives", c.collectives > 0 ? std::to_string(c.collectives) : "");
    counts.set("individuals", c.individuals > 0 ? std::to_string(c.individuals) : "");
    counts.set("households", c.households > 0 ? std::to_string(c.households) : "");
    v.set("proposingUnit", tmpl::Value::map()).set("name", soleUnit(d));
    std::string reason = p.reason;
    // The patterns end Điều 1 with their own full stop.
    while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) {
        reason.pop_back();
    }
    v.set("reason", reason);
    tmpl::Value& issuer = v.set("issuer", tmpl::Value::map());
    issuer.set("name", oneLine(d.issuer.name));
    issuer.set("nameUpper", text::upper(oneLine(d.issuer.name)));
    issuer.set("authorityText", d.issuer.authorityText);
    tmpl::Value& round = v.set("round", tmpl::Value::map());
    if (!d.sources.empty()) {
        round.set("name", d.source().round.name);
        round.set("year", std::to_string(d.source().round.year));
    }
    return v;
}

std::string renderPattern(const std::string& pattern, const tmpl::Value& values) {
    auto t = tmpl::Template::parse(pattern, "award-catalogue.xml");
    const std::string rendered = t ? t->render(values) : pattern;
    // A pattern may be wrapped over several lines in the configuration; a missing optional value
    // leaves a double space. Either way: one space.
    std::string out;
    for (char c : rendered) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::string subjectOf(const model::Decision& d, const std::string& combinedPattern) {
    if (d.parts.size() == 1) {
        return renderPattern(d.parts[0].kind.subjectPattern, wordingValues(d, 0));
    }
    return renderPattern(combinedPattern, wordingValues(d, -1));
}

std::string article1Of(const model::Decision& d) {
    if (d.parts.size() == 1) {
        return renderPattern(d.parts[0].kind.article1Pattern, wordingValues(d, 0));
    }
    std::string out;
    for (std::size_t i = 0; i < d.parts.size(); ++i) {
        const std::string clause =
            renderPattern(d.parts[i].kind.clausePattern, wordingValues(d, static_cast<int>(i)));
        out += i == 0 ? clause : "; " + lowerFirst(clause);
    }
    return out + " (có danh sách kèm theo).";
}

std::string listTitleOf(const model::Decision& d, const std::string& combinedPattern) {
    if (d.parts.size() == 1) {
        return renderPattern(d.parts[0].kind.listTitlePattern, wordingValues(d, 0));
    }
    return renderPattern(combinedPattern, wordingValues(d, -1));
}

std::vector<std::string> inscriptionOf(const model::Decision& d, const model::Awardee& a) {
    const model::DecisionPart& part = d.parts[static_cast<std::size_t>(a.part)];
    tmpl::Value values = wordingValues(d, a.part);
    tmpl::Value& recipient = values.set("recipient", tmpl::Value::map());
    recipient.set("name", a.name);
    recipient.set("nameUpper", text::upper(a.name));
    const std::string text = renderPattern(part.kind.inscriptionPattern, values);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('|', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        while (!line.empty() && line.front() == ' ') {
            line.erase(line.begin());
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        if (!line.empty()) {
            lines.push_back(std::move(line));
        }
        start = end + 1;
    }
    return lines;
}

} // namespace tdkt::job
