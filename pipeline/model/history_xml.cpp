#include "history_xml.hpp"

#include "pipeline/core/xml.hpp"

#include <cstdlib>

namespace tdkt::model {
namespace {

namespace xml = core::xml;

std::string trimmed(std::string s) {
    const char* ws = " \t\r\n";
    const std::size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) {
        return {};
    }
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

Date dateOf(const std::string& text) {
    return Date::parseIso(trimmed(text)).value_or(Date{});
}

int intOf(const std::string& text) {
    return static_cast<int>(std::strtol(trimmed(text).c_str(), nullptr, 10));
}

template <class T> T tokenOf(const std::string& text, T fallback) {
    T out = fallback;
    return parse(trimmed(text), out) ? out : fallback;
}

void dateElement(core::XmlWriter& w, const char* name, const Date& d) {
    if (d.valid()) {
        w.element(name, d.iso());
    }
}

core::SourceLocation at(const std::string& file, const xmlNode* n) {
    return {file, xml::line(n), 0};
}

} // namespace

void writeHistory(core::XmlWriter& w, const History& h) {
    if (h.empty()) {
        return;
    }
    w.start("history");
    for (const auto& a : h.awards) {
        w.start("priorAward");
        w.attr("year", std::to_string(a.year));
        w.optionalAttr("kind", a.kindId);
        w.optionalAttr("name", a.name);
        w.optionalAttr("issuer", a.issuer);
        w.optionalAttr("decisionNumber", a.decisionNumber);
        if (a.decisionDate.valid()) {
            w.attr("decisionDate", a.decisionDate.iso());
        }
        w.end();
    }
    for (const auto& r : h.ratings) {
        w.start("rating");
        w.attr("year", std::to_string(r.year));
        w.attr("value", toString(r.value));
        w.end();
    }
    for (const auto& in : h.initiatives) {
        w.start("initiative");
        w.attr("id", in.id);
        w.optional("code", in.code);
        w.element("title", in.title);
        w.element("recognisedBy", in.recognisedBy);
        dateElement(w, "date", in.date);
        w.element("scope", toString(in.scope));
        for (const auto& author : in.coAuthors) {
            w.element("coAuthor", author);
        }
        w.end();
    }
    for (const auto& d : h.disciplines) {
        w.start("discipline");
        w.attr("status", toString(d.status));
        if (d.from.valid()) {
            w.attr("from", d.from.iso());
        }
        if (d.until.valid()) {
            w.attr("until", d.until.iso());
        }
        w.optional("form", d.form);
        w.optional("note", d.note);
        w.end();
    }
    w.end();
}

History readHistory(const xmlNode* h, const std::string& file) {
    History out;
    if (!h) {
        return out;
    }
    for (xmlNode* a = xml::firstChild(h, "priorAward"); a; a = xml::nextSibling(a, "priorAward")) {
        PriorAward p;
        p.year = intOf(xml::attr(a, "year"));
        p.kindId = trimmed(xml::attr(a, "kind"));
        p.name = xml::attr(a, "name");
        p.issuer = xml::attr(a, "issuer");
        p.decisionNumber = xml::attr(a, "decisionNumber");
        p.decisionDate = dateOf(xml::attr(a, "decisionDate"));
        p.where = at(file, a);
        out.awards.push_back(std::move(p));
    }
    for (xmlNode* r = xml::firstChild(h, "rating"); r; r = xml::nextSibling(r, "rating")) {
        out.ratings.push_back(
            {intOf(xml::attr(r, "year")), tokenOf(xml::attr(r, "value"), TaskRating::Completed)});
    }
    for (xmlNode* i = xml::firstChild(h, "initiative"); i; i = xml::nextSibling(i, "initiative")) {
        Initiative in;
        in.id = trimmed(xml::attr(i, "id"));
        in.code = xml::childText(i, "code");
        in.title = xml::childText(i, "title");
        in.recognisedBy = xml::childText(i, "recognisedBy");
        in.date = dateOf(xml::childText(i, "date"));
        in.scope = tokenOf(xml::childText(i, "scope"), InitiativeScope::Base);
        for (xmlNode* c = xml::firstChild(i, "coAuthor"); c; c = xml::nextSibling(c, "coAuthor")) {
            in.coAuthors.push_back(xml::text(c));
        }
        in.where = at(file, i);
        out.initiatives.push_back(std::move(in));
    }
    for (xmlNode* d = xml::firstChild(h, "discipline"); d; d = xml::nextSibling(d, "discipline")) {
        Discipline dis;
        dis.status = tokenOf(xml::attr(d, "status"), DisciplineStatus::UnderReview);
        dis.from = dateOf(xml::attr(d, "from"));
        dis.until = dateOf(xml::attr(d, "until"));
        dis.form = xml::childText(d, "form");
        dis.note = xml::childText(d, "note");
        dis.where = at(file, d);
        out.disciplines.push_back(std::move(dis));
    }
    return out;
}

} // namespace tdkt::model
