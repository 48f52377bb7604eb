// The rule kinds of config/rules.xml. Each check reads the rules of its kind in force on the
// decision date of the proposal concerned (for what concerns a whole nominee or dossier: the
// earliest decision date it is proposed for), so a dossier is judged by the law of the date its
// decision will carry.
#include "law_checks.hpp"

#include "field_paths.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/case_mapping.hpp"
#include "pipeline/text/name_key.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace tdkt::validate {
namespace {

using model::DocumentKind;
using model::Dossier;
using model::Nomination;
using model::Nominee;
using model::NomineeKind;
using model::Proposal;

// One nomination of the run with what the rules need of it.
struct Entry {
    std::size_t dossier = 0; // index into the run
    const Dossier* d = nullptr;
    const Nominee* n = nullptr;
    const Nomination* nom = nullptr;
    const Proposal* p = nullptr;
    const model::AwardKind* kind = nullptr; // the catalogue's rule in force on `on` (cached)
    model::Date on;                         // the decision date
    int year = 0;                           // the year the achievement ends in
    std::string person;                     // the recipient's identity in the run
};

// What is known of one recipient: titles and awards by year, ratings by year.
struct Facts {
    std::set<std::pair<std::string, int>> awards; // (kind id, year)
    std::map<int, model::TaskRating> ratings;     // year → best rating declared
    bool any = false;                             // anything at all is known
};

const char* documentName(DocumentKind k) {
    switch (k) {
    case DocumentKind::Submission:
        return "tờ trình";
    case DocumentKind::AchievementReport:
        return "báo cáo thành tích";
    case DocumentKind::ReviewMinutes:
        return "biên bản xét của Hội đồng Thi đua - Khen thưởng";
    case DocumentKind::InitiativeProof:
        return "giấy chứng nhận sáng kiến";
    case DocumentKind::Other:
        break;
    }
    return "tài liệu";
}

// The name the archive knows a recipient by: a household by its head.
const std::string& lookupName(const Nominee& n) {
    return n.kind == NomineeKind::Household && !n.headName.empty() ? n.headName : n.name;
}

int lookupBirthYear(const Nominee& n) {
    return n.kind == NomineeKind::Individual  ? n.birthYear
           : n.kind == NomineeKind::Household ? n.headBirthYear
                                              : 0;
}

// How the rules know a recipient: its identity in the run and the name the archive files it
// under. An individual by name and birth year, a collective by name and parent unit, a
// household by its head, the head's birth year and the address; the name is text::nameKey of
// what the clerk typed, whatever the typing.
struct RecipientKeys {
    std::string person;
    std::string name; // of lookupName
};

RecipientKeys recipientKeys(const Nominee& n) {
    RecipientKeys k;
    k.name = text::nameKey(lookupName(n));
    switch (n.kind) {
    case NomineeKind::Collective:
        k.person =
            "c|" + k.name + '|' + text::nameKey(n.parentUnit.empty() ? n.address : n.parentUnit);
        break;
    case NomineeKind::Household:
        k.person =
            "h|" + k.name + '|' + std::to_string(n.headBirthYear) + '|' + text::nameKey(n.address);
        break;
    case NomineeKind::Individual:
        k.person = "i|" + k.name + '|' + std::to_string(n.birthYear);
        break;
    }
    return k;
}

bool rankAtLeast(model::TaskRating have, model::TaskRating need) {
    return static_cast<int>(have) <= static_cast<int>(need); // Excellent is 0, the best
}

bool scopeAtLeast(model::InitiativeScope have, model::InitiativeScope need) {
    return static_cast<int>(have) >= static_cast<int>(need);
}

std::string where(const core::SourceLocation& at) {
    return at.file + (at.line > 0 ? ", dòng " + std::to_string(at.line) : std::string());
}

bool fromDossier(const std::vector<std::string>& shas, const Dossier& d) {
    return !d.sha256.empty() && std::find(shas.begin(), shas.end(), d.sha256) != shas.end();
}

class LawRun {
public:
    LawRun(const std::vector<const Dossier*>& dossiers, const LawContext& ctx,
           std::vector<core::Diagnostics>& out)
        : m_dossiers(dossiers), m_ctx(ctx), m_out(out) {
        m_out.resize(dossiers.size());
    }

    void run() {
        collect();
        for (std::size_t i = 0; i < m_dossiers.size(); ++i) {
            checkDocuments(i);
            checkDateOrder(i);
            checkFutureDates(i);
            checkNominees(i);
        }
        for (const Entry& e : m_entries) {
            checkAge(e);
            checkEligibility(e);
            checkAlreadyRewarded(e);
        }
        checkQuota();
        checkInitiatives();
        checkAcrossRun();
    }

private:
    // --- the run's nominations -----------------------------------------------------------

    model::Date dateOf(const Proposal& p) const {
        return p.decisionDate.valid() ? p.decisionDate : m_ctx.decisionDate.value_or(m_ctx.runDate);
    }

    // The earliest decision date a dossier (or one nominee) is proposed for.
    model::Date dossierDate(const Dossier& d) const {
        std::optional<model::Date> first;
        for (const Proposal& p : d.proposals) {
            const model::Date on = dateOf(p);
            if (!first || on < *first) {
                first = on;
            }
        }
        return first.value_or(m_ctx.decisionDate.value_or(m_ctx.runDate));
    }
    model::Date nomineeDate(const Dossier& d, const Nominee& n) const {
        std::optional<model::Date> first;
        for (const Nomination& nom : n.nominations) {
            if (const Proposal* p = d.proposal(nom.proposalId)) {
                const model::Date on = dateOf(*p);
                if (!first || on < *first) {
                    first = on;
                }
            }
        }
        return first.value_or(dossierDate(d));
    }

    // The catalogue's kind in force on a date, looked up once per kind and date of the run.
    const model::AwardKind* kindOn(const std::string& id, const model::Date& on) {
        auto key = std::make_pair(id, on);
        auto it = m_kinds.find(key);
        if (it == m_kinds.end()) {
            it = m_kinds.emplace(std::move(key), m_ctx.catalogue.at(id, on)).first;
        }
        return it->second ? &*it->second : nullptr;
    }

    void collect() {
        m_byDossier.resize(m_dossiers.size());
        for (std::size_t i = 0; i < m_dossiers.size(); ++i) {
            const Dossier& d = *m_dossiers[i];
            for (const Nominee& n : d.nominees) {
                const std::string& person =
                    m_keys.emplace(&n, recipientKeys(n)).first->second.person;
                for (const Nomination& nom : n.nominations) {
                    const Proposal* p = d.proposal(nom.proposalId);
                    if (!p) {
                        continue;
                    }
                    const model::Date on = dateOf(*p);
                    const model::AwardKind* kind = kindOn(p->kindId, on);
                    if (!kind) {
                        continue; // V014/V015 already say so
                    }
                    Entry e;
                    e.dossier = i;
                    e.d = &d;
                    e.n = &n;
                    e.nom = &nom;
                    e.p = p;
                    e.kind = kind;
                    e.on = on;
                    e.year = p->period.endYear() > 0 ? p->period.endYear()
                             : d.round.year > 0      ? d.round.year
                                                     : on.year;
                    e.person = person;
                    m_byPerson[person].push_back(m_entries.size());
                    m_byDossier[i].push_back(m_entries.size());
                    m_entries.push_back(std::move(e));
                }
            }
        }
        fetchArchived();
    }

    // The archive's records of every recipient of the run, asked for all at once (the archive
    // may answer on both cores).
    void fetchArchived() {
        if (!m_ctx.archive) {
            return;
        }
        std::vector<model::PersonQuery> queries;
        std::vector<const std::string*> persons;
        for (const Entry& e : m_entries) {
            if (m_fetched.count(e.person) == 0) {
                m_fetched.emplace(e.person, std::vector<model::KnownAward>());
                queries.push_back({e.n->kind, keysOf(*e.n).name, lookupBirthYear(*e.n)});
                persons.push_back(&e.person);
            }
        }
        auto answers = m_ctx.archive->awardsOfEach(queries);
        for (std::size_t k = 0; k < answers.size() && k < persons.size(); ++k) {
            m_fetched[*persons[k]] = std::move(answers[k]);
        }
    }

    // text::nameKey of a text the run meets again and again (award names, periods, units).
    const std::string& keyOf(const std::string& text) {
        auto it = m_textKeys.find(text);
        if (it == m_textKeys.end()) {
            if (m_textKeys.size() >= 65536) {
                m_textKeys.clear(); // bounded: a memo, not an index
            }
            it = m_textKeys.emplace(text, text::nameKey(text)).first;
        }
        return it->second;
    }

    const RecipientKeys& keysOf(const Nominee& n) {
        auto it = m_keys.find(&n);
        if (it == m_keys.end()) {
            it = m_keys.emplace(&n, recipientKeys(n)).first;
        }
        return it->second;
    }

    std::vector<const Rule*> rulesFor(RuleKind kind, const Entry& e) const {
        std::vector<const Rule*> out;
        for (const Rule* r : m_ctx.rules.inForce(kind, e.on)) {
            if (r->appliesTo.matches(e.kind->id, e.kind->awardClass, e.p->mode, e.n->kind)) {
                out.push_back(r);
            }
        }
        return out;
    }

    void report(std::size_t dossier, const Rule& r, const core::SourceLocation& at,
                std::string field, std::string subject, std::string message,
                std::optional<core::Severity> severity = std::nullopt) {
        core::Diagnostic d;
        d.severity = severity.value_or(r.severity);
        d.code = r.code;
        d.where = at;
        d.field = std::move(field);
        d.subject = std::move(subject);
        d.message = std::move(message);
        d.basis = r.basis;
        m_out[dossier].add(std::move(d));
    }

    // Reports each (rule, key) once.
    bool once(const Rule& r, const std::string& key) {
        return m_reported.insert(r.code + '\x1f' + key).second;
    }

    // --- dossier components ---------------------------------------------------------------

    static bool covers(const model::DossierDocument& doc, const Proposal& p, const Nominee& n) {
        const bool proposal = doc.proposalIds.empty() ||
                              std::find(doc.proposalIds.begin(), doc.proposalIds.end(), p.id) !=
                                  doc.proposalIds.end();
        const bool nominee =
            doc.nomineeIds.empty() ||
            std::find(doc.nomineeIds.begin(), doc.nomineeIds.end(), n.id) != doc.nomineeIds.end();
        return proposal && nominee;
    }

    static bool proves(const Dossier& d, const Nominee& n, const std::string& initiativeId) {
        return std::any_of(d.documents.begin(), d.documents.end(), [&](const auto& doc) {
            if (doc.kind != DocumentKind::InitiativeProof) {
                return false;
            }
            if (!doc.initiativeIds.empty()) {
                return std::find(doc.initiativeIds.begin(), doc.initiativeIds.end(),
                                 initiativeId) != doc.initiativeIds.end();
            }
            return doc.nomineeIds.empty() || std::find(doc.nomineeIds.begin(), doc.nomineeIds.end(),
                                                       n.id) != doc.nomineeIds.end();
        });
    }

    // The initiatives a nomination relies on: those it names, else the nominee's own.
    static std::vector<const model::Initiative*> initiativesOf(const Entry& e) {
        std::vector<const model::Initiative*> out;
        for (const auto& in : e.n->history.initiatives) {
            const bool named = std::find(e.nom->initiativeIds.begin(), e.nom->initiativeIds.end(),
                                         in.id) != e.nom->initiativeIds.end();
            if (named || e.nom->initiativeIds.empty()) {
                out.push_back(&in);
            }
        }
        return out;
    }

    void checkDocuments(std::size_t i) {
        const Dossier& d = *m_dossiers[i];
        if (d.schemaVersion == "1.0") {
            return; // a dossier 1.0 cannot list these documents (tdkt upgrade makes it 2.0)
        }
        // Documents missing from the whole dossier: one finding per rule, naming the awards.
        std::map<const Rule*, std::vector<std::string>> missing;
        for (std::size_t k : m_byDossier[i]) {
            const Entry& e = m_entries[k];
            for (const Rule* r : rulesFor(RuleKind::RequireDocument, e)) {
                if (r->document == DocumentKind::InitiativeProof) {
                    for (const model::Initiative* in : initiativesOf(e)) {
                        if (!proves(d, *e.n, in->id) && once(*r, d.sourceFile + e.n->id + in->id)) {
                            report(
                                i, *r, e.nom->where, nomineeField(*e.n) + "/nomination",
                                model::displayName(*e.n),
                                "sáng kiến «" + in->title + "» dùng để xét " + e.kind->name +
                                    " không có giấy chứng nhận (document kind=\"initiativeProof\" "
                                    "initiatives=\"" +
                                    in->id + "\") trong hồ sơ");
                        }
                    }
                    continue;
                }
                const bool any =
                    std::any_of(d.documents.begin(), d.documents.end(),
                                [&](const auto& doc) { return doc.kind == r->document; });
                if (!any) {
                    auto& kinds = missing[r];
                    if (std::find(kinds.begin(), kinds.end(), e.kind->name) == kinds.end()) {
                        kinds.push_back(e.kind->name);
                    }
                    continue;
                }
                const bool covered =
                    std::any_of(d.documents.begin(), d.documents.end(), [&](const auto& doc) {
                        return doc.kind == r->document && covers(doc, *e.p, *e.n);
                    });
                if (!covered && once(*r, d.sourceFile + e.n->id)) {
                    report(i, *r, e.n->where, nomineeField(*e.n), model::displayName(*e.n),
                           std::string("không có ") + documentName(r->document) + " cho " +
                               e.kind->name + " (các " + documentName(r->document) +
                               " trong hồ sơ đều ghi cho người hoặc đề nghị khác)");
                }
            }
        }
        for (const auto& [rule, kinds] : missing) {
            std::string names;
            for (const std::string& k : kinds) {
                names += (names.empty() ? "" : ", ") + k;
            }
            report(i, *rule, {d.sourceFile, d.proposals.empty() ? 0 : d.proposals[0].where.line, 0},
                   "documents", {},
                   std::string("hồ sơ không có ") + documentName(rule->document) +
                       " (document kind=\"" + model::toString(rule->document) +
                       "\"), cần cho: " + names);
        }
    }

    // --- dates ----------------------------------------------------------------------------

    struct Event {
        model::Date date;
        std::string text; // "biên bản xét ngày 20/12/2025"
        core::SourceLocation where;
        std::string field;
    };

    std::optional<Event> eventOf(const std::string& name, const Dossier& d,
                                 const Proposal& p) const {
        if (name == "decision") {
            return Event{dateOf(p), "ngày quyết định " + model::dateShort(dateOf(p)), p.where,
                         "proposal[@id=\"" + p.id + "\"]/@decisionDate"};
        }
        DocumentKind kind;
        if (!model::parse(name, kind)) {
            return std::nullopt;
        }
        const model::DossierDocument* doc = d.documentFor(kind, p.id);
        if (!doc || !doc->date.valid()) {
            return std::nullopt;
        }
        std::string text = documentName(kind);
        if (!doc->number.empty()) {
            text += " số " + doc->number;
        }
        return Event{doc->date, text + " ngày " + model::dateShort(doc->date), doc->where,
                     "document[@id=\"" + doc->id + "\"]/date"};
    }

    void checkDateOrder(std::size_t i) {
        const Dossier& d = *m_dossiers[i];
        for (const Proposal& p : d.proposals) {
            for (const Rule* r : m_ctx.rules.inForce(RuleKind::DateOrder, dateOf(p))) {
                auto earlier = eventOf(r->earlier, d, p);
                auto later = eventOf(r->later, d, p);
                if (!earlier || !later || earlier->date <= later->date) {
                    continue;
                }
                if (!once(*r, d.sourceFile + earlier->field + later->field + later->date.iso())) {
                    continue;
                }
                // The later event is where the clerk looks: the date that came too early.
                const bool atDecision = r->later == "decision";
                report(i, *r, atDecision ? later->where : earlier->where,
                       atDecision ? later->field : earlier->field, {},
                       earlier->text + " sau " + later->text + "; phải lập trước hoặc cùng ngày");
            }
        }
    }

    void checkFutureDates(std::size_t i) {
        const Dossier& d = *m_dossiers[i];
        const model::Date today = m_ctx.runDate;
        const auto rules = m_ctx.rules.inForce(RuleKind::NotAfterRunDate, dossierDate(d));
        if (rules.empty()) {
            return;
        }
        const Rule& r = *rules.front();
        const std::string asOf = " sau ngày kiểm tra " + model::dateShort(today);
        for (const Proposal& p : d.proposals) {
            if (p.decisionDate.valid() && today < p.decisionDate) {
                report(i, r, p.where, "proposal[@id=\"" + p.id + "\"]/@decisionDate", {},
                       "ngày quyết định " + model::dateShort(p.decisionDate) + asOf +
                           "; quyết định ghi ngày ký, không ghi trước (kiểm tra lại năm, hoặc "
                           "dùng --as-of nếu đang chuẩn bị trước)");
            }
        }
        for (const auto& doc : d.documents) {
            if (doc.date.valid() && today < doc.date) {
                report(i, r, doc.where, "document[@id=\"" + doc.id + "\"]/date", {},
                       std::string(documentName(doc.kind)) + " ghi ngày " +
                           model::dateShort(doc.date) + asOf);
            }
        }
        for (const Nominee& n : d.nominees) {
            const std::string field = nomineeField(n);
            const std::string who = model::displayName(n);
            if (n.birthDate.valid() && today < n.birthDate) {
                report(i, r, n.where, field + "/birthDate", who,
                       "ngày sinh " + model::dateShort(n.birthDate) + asOf);
            }
            for (const auto& a : n.history.awards) {
                if ((a.decisionDate.valid() && today < a.decisionDate) || a.year > today.year) {
                    report(i, r, a.where, field + "/history/priorAward", who,
                           "khen thưởng đã nhận ghi năm " + std::to_string(a.year) +
                               (a.decisionDate.valid()
                                    ? ", quyết định ngày " + model::dateShort(a.decisionDate)
                                    : std::string()) +
                               asOf);
                }
            }
            for (const auto& rating : n.history.ratings) {
                if (rating.year > today.year) {
                    report(i, r, n.where, field + "/history/rating", who,
                           "xếp loại năm " + std::to_string(rating.year) + " sau năm kiểm tra " +
                               std::to_string(today.year));
                }
            }
            for (const auto& in : n.history.initiatives) {
                if (in.date.valid() && today < in.date) {
                    report(i, r, in.where, field + "/history/initiative/date", who,
                           "sáng kiến «" + in.title + "» công nhận ngày " +
                               model::dateShort(in.date) + asOf);
                }
            }
        }
    }

    // --- one nominee ----------------------------------------------------------------------

    void checkNominees(std::size_t i) {
        const Dossier& d = *m_dossiers[i];
        std::unordered_map<std::string, const Nominee*> seen;
        for (const Nominee& n : d.nominees) {
            const model::Date on = nomineeDate(d, n);
            checkNames(i, n, on);
            checkDiscipline(i, n, on);
            auto [first, fresh] = seen.emplace(keysOf(n).person, &n);
            if (!fresh) {
                for (const Rule* r : m_ctx.rules.inForce(RuleKind::DuplicateEntry, on)) {
                    report(i, *r, n.where, nomineeField(n), model::displayName(n),
                           "trùng với «" + model::displayName(*first->second) + "» (id " +
                               first->second->id + ", dòng " +
                               std::to_string(first->second->where.line) + "): cùng " +
                               (n.kind == NomineeKind::Individual ? "họ tên và năm sinh"
                                                                  : "tên và đơn vị") +
                               "; mỗi người chỉ ghi một lần, với mọi hình thức đề nghị");
                }
            }
        }
    }

    void checkNames(std::size_t i, const Nominee& n, const model::Date& on) {
        struct Name {
            const std::string* text;
            const char* field;
        };
        std::vector<Name> names;
        if (n.kind == NomineeKind::Individual) {
            names.push_back({&n.name, "/fullName"});
        }
        if (n.kind == NomineeKind::Household && !n.headName.empty()) {
            names.push_back({&n.headName, "/head/fullName"});
        }
        if (!n.representative.name.empty()) {
            names.push_back({&n.representative.name, "/representative/fullName"});
        }
        for (const Name& name : names) {
            const std::string& text = *name.text;
            if (text::hasDigit(text)) {
                for (const Rule* r : m_ctx.rules.inForce(RuleKind::NameDigits, on)) {
                    report(i, *r, n.where, nomineeField(n) + name.field, text,
                           "họ tên người có chữ số; kiểm tra lỗi gõ (ví dụ số 0 thay chữ O)");
                }
            } else if (maybeAllCapitals(text) && text::upper(text) == text &&
                       text::lower(text) != text && text::visibleLength(text) > 1) {
                for (const Rule* r : m_ctx.rules.inForce(RuleKind::NameCapitals, on)) {
                    report(i, *r, n.where, nomineeField(n) + name.field, text,
                           "họ tên viết toàn chữ in hoa; nên viết «" + text::titleCase(text) + "»");
                }
            }
        }
    }

    // A name with a small ASCII letter is not in capitals: most names are answered without
    // ICU's case mapping.
    static bool maybeAllCapitals(const std::string& text) {
        return std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }

    void checkDiscipline(std::size_t i, const Nominee& n, const model::Date& on) {
        const auto rules = m_ctx.rules.inForce(RuleKind::Discipline, on);
        if (rules.empty()) {
            return;
        }
        for (const auto& dis : n.history.disciplines) {
            const bool started = !dis.from.valid() || dis.from <= on;
            const bool ended = dis.until.valid() && dis.until < on;
            if (!started || ended) {
                continue;
            }
            std::string what = model::displayName(dis.status);
            if (!dis.form.empty()) {
                what += " (" + dis.form + ")";
            }
            if (dis.from.valid()) {
                what += " từ " + model::dateShort(dis.from);
            }
            if (dis.until.valid()) {
                what += " đến " + model::dateShort(dis.until);
            }
            for (const Rule* r : rules) {
                report(i, *r, dis.where, nomineeField(n) + "/history/discipline",
                       model::displayName(n),
                       what + " vào ngày quyết định " + model::dateShort(on) +
                           "; không được đề nghị khen thưởng");
            }
        }
    }

    void checkAge(const Entry& e) {
        if (e.n->kind != NomineeKind::Individual || e.n->birthYear <= 0) {
            return;
        }
        const int age = e.year - e.n->birthYear;
        for (const Rule* r : rulesFor(RuleKind::Age, e)) {
            if ((age < r->minAge || age > r->maxAge) && once(*r, e.d->sourceFile + e.n->id)) {
                report(e.dossier, *r, e.n->where,
                       nomineeField(*e.n) + (e.n->birthDate.valid() ? "/birthDate" : "/birthYear"),
                       model::displayName(*e.n),
                       "năm sinh " + std::to_string(e.n->birthYear) + " cho tuổi " +
                           std::to_string(age) + " trong năm " + std::to_string(e.year) +
                           ", ngoài khoảng " + std::to_string(r->minAge) + "–" +
                           std::to_string(r->maxAge) + " tuổi cho " + e.kind->name);
            }
        }
    }

    // --- history: declared, archived, and in this run ---------------------------------------

    // The round keys of this run's awards to the recipient: archived awards with one of them
    // are replaced by this run (a corrected dossier), not earlier awards.
    std::set<std::string> replacedRounds(const Entry& e) {
        std::set<std::string> out;
        for (std::size_t k : m_byPerson[e.person]) {
            const Entry& mine = m_entries[k];
            out.insert(model::awardRoundKey(mine.d->proposingUnit.code, mine.d->round.name,
                                            mine.d->round.year, mine.kind->id));
        }
        return out;
    }

    const std::vector<model::KnownAward>& archived(const Entry& e) {
        auto it = m_archived.find(e.person);
        if (it != m_archived.end()) {
            return it->second;
        }
        std::vector<model::KnownAward> records;
        if (m_ctx.archive) {
            // Not the awards this run files again (a rerun after a kill) or replaces (a
            // corrected dossier of the same unit, round and kind).
            const std::set<std::string> replaced = replacedRounds(e);
            auto fetched = m_fetched.find(e.person);
            auto all =
                fetched != m_fetched.end()
                    ? std::move(fetched->second)
                    : m_ctx.archive->awardsOf(e.n->kind, keysOf(*e.n).name, lookupBirthYear(*e.n));
            for (auto& a : all) {
                if (!fromDossier(a.dossierSha256, *e.d) &&
                    (a.roundKey.empty() || replaced.count(a.roundKey) == 0)) {
                    records.push_back(std::move(a));
                }
            }
        }
        return m_archived.emplace(e.person, std::move(records)).first->second;
    }

    Facts factsOf(const Entry& e) {
        Facts f;
        for (const auto& a : e.n->history.awards) {
            if (!a.kindId.empty()) {
                f.awards.emplace(a.kindId, a.year);
            }
            f.any = true;
        }
        for (const auto& r : e.n->history.ratings) {
            auto [it, fresh] = f.ratings.emplace(r.year, r.value);
            if (!fresh && rankAtLeast(r.value, it->second)) {
                it->second = r.value;
            }
            f.any = true;
        }
        f.any = f.any || !e.n->history.initiatives.empty();
        for (const auto& a : archived(e)) {
            if (!a.kindId.empty()) {
                f.awards.emplace(a.kindId, a.year);
            }
            f.any = true;
        }
        // Titles proposed in this run count: a ward proposes CSTĐ cơ sở 2025 and, to the city,
        // the Bằng khen that needs it.
        for (std::size_t k : m_byPerson[e.person]) {
            const Entry& other = m_entries[k];
            if (&other != &e && other.p != e.p) {
                f.awards.emplace(other.kind->id, other.year);
            }
        }
        return f;
    }

    // Whether `years` consecutive years ending with the achievement year, or (for a run of
    // several years) the year before, all satisfy `has`.
    template <class Has> static bool consecutive(int year, int years, Has has) {
        for (int end : {year, year - 1}) {
            if (end != year && years <= 1) {
                break; // a one-year condition is the achievement year's own
            }
            bool all = true;
            for (int y = end - years + 1; y <= end && all; ++y) {
                all = has(y);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    bool holds(const Condition& c, const Entry& e, const Facts& f) const {
        switch (c.type) {
        case Condition::Type::Titles:
            return consecutive(e.year, c.years, [&](int y) {
                return f.awards.count({c.kindId, y}) > 0;
            });
        case Condition::Type::Ratings:
            return consecutive(e.year, c.years, [&](int y) {
                auto it = f.ratings.find(y);
                return it != f.ratings.end() && rankAtLeast(it->second, c.atLeast);
            });
        case Condition::Type::Initiatives: {
            int count = 0;
            for (const model::Initiative* in : initiativesOf(e)) {
                const bool inWindow = !in->date.valid() ||
                                      (in->date.year <= e.year && in->date.year > e.year - c.years);
                if (inWindow && scopeAtLeast(in->scope, c.scope)) {
                    ++count;
                }
            }
            return count >= c.count;
        }
        case Condition::Type::Holds:
            return std::any_of(f.awards.begin(), f.awards.end(), [&](const auto& a) {
                return a.first == c.kindId && a.second <= e.year;
            });
        }
        return false;
    }

    std::string knownText(const Entry& e, const Facts& f) const {
        std::string titles;
        for (const auto& [kind, year] : f.awards) {
            const CatalogueEntry* entry = m_ctx.catalogue.find(kind);
            titles += (titles.empty() ? "" : "; ") + (entry ? entry->name : kind) + " " +
                      std::to_string(year);
        }
        std::string ratings;
        for (const auto& [year, rating] : f.ratings) {
            ratings += (ratings.empty() ? "" : ", ") + std::string(model::toString(rating)) + " " +
                       std::to_string(year);
        }
        const std::size_t initiatives = initiativesOf(e).size();
        return "đã biết: " + (titles.empty() ? std::string("chưa có khen thưởng") : titles) +
               "; xếp loại: " + (ratings.empty() ? std::string("chưa kê khai") : ratings) + "; " +
               std::to_string(initiatives) + " sáng kiến";
    }

    void checkEligibility(const Entry& e) {
        const auto rules = rulesFor(RuleKind::Eligibility, e);
        if (rules.empty()) {
            return;
        }
        const Facts f = factsOf(e);
        for (const Rule* r : rules) {
            const bool ok = std::any_of(
                r->alternatives.begin(), r->alternatives.end(), [&](const Alternative& a) {
                    return std::all_of(a.conditions.begin(), a.conditions.end(),
                                       [&](const Condition& c) { return holds(c, e, f); });
                });
            if (ok) {
                continue;
            }
            std::string need;
            for (const Alternative& a : r->alternatives) {
                need += (need.empty() ? "" : ", hoặc ") + a.text;
            }
            const bool nothingKnown = !f.any && f.awards.empty();
            // A dossier 1.0 has no place for a history: what it cannot say is not held against
            // it, but the clerk is told to check (or to upgrade the dossier and declare it).
            const bool v10 = e.d->schemaVersion == "1.0";
            std::optional<core::Severity> severity;
            if (nothingKnown) {
                severity = v10 ? core::Severity::Warning : r->noHistory;
            }
            std::string message =
                nothingKnown ? (v10 ? "hồ sơ 1.0 không ghi được quá trình (history) để xét "
                                    : "hồ sơ không kê khai quá trình (history) để xét ")
                             : "chưa đủ tiêu chuẩn ";
            message += e.kind->name + " năm " + std::to_string(e.year) + ": cần " + need + " (" +
                       knownText(e, f) + ")";
            if (nothingKnown && v10) {
                message += "; kiểm tra hồ sơ giấy, hoặc chuyển sang 2.0 (tdkt upgrade) và kê khai";
            }
            report(e.dossier, *r, e.nom->where, nomineeField(*e.n) + "/nomination",
                   model::displayName(*e.n), message, severity);
        }
    }

    // The same award for the same achievement, already granted; another form for the same
    // act; declared awards the archive does not hold.
    void checkAlreadyRewarded(const Entry& e) {
        for (const Rule* r : rulesFor(RuleKind::AlreadyRewarded, e)) {
            for (const auto& a : e.n->history.awards) {
                if (a.kindId == e.kind->id && a.year == e.year) {
                    report(e.dossier, *r, e.nom->where, nomineeField(*e.n) + "/nomination",
                           model::displayName(*e.n),
                           e.kind->name + " năm " + std::to_string(e.year) +
                               " đã có trong quá trình khen thưởng (dòng " +
                               std::to_string(a.where.line) +
                               (a.decisionNumber.empty() ? std::string()
                                                         : ", quyết định số " + a.decisionNumber) +
                               ")");
                }
            }
            for (const auto& a : archived(e)) {
                if (a.kindId == e.kind->id && a.year == e.year) {
                    report(e.dossier, *r, e.nom->where, nomineeField(*e.n) + "/nomination",
                           model::displayName(*e.n),
                           e.kind->name + " năm " + std::to_string(e.year) +
                               " đã được khen: quyết định số " + a.decisionNumber +
                               (a.decisionDate.valid() ? " ngày " + model::dateShort(a.decisionDate)
                                                       : std::string()) +
                               " (" + a.source + ")");
                }
            }
        }
        if (e.kind->awardClass == model::AwardClass::Form) {
            const std::string& period = keyOf(e.p->period.text());
            for (const Rule* r : rulesFor(RuleKind::OneFormPerAchievement, e)) {
                for (const auto& a : archived(e)) {
                    const CatalogueEntry* k = m_ctx.catalogue.find(a.kindId);
                    if (!k || k->awardClass != model::AwardClass::Form || a.kindId == e.kind->id ||
                        a.year != e.year || keyOf(a.period) != period) {
                        continue;
                    }
                    report(e.dossier, *r, e.nom->where, nomineeField(*e.n) + "/nomination",
                           model::displayName(*e.n),
                           "thành tích " + e.p->period.text() + " đã được khen " + k->name +
                               " (quyết định số " + a.decisionNumber + ", " + a.source +
                               "); một thành tích chỉ khen một hình thức");
                }
            }
        }
        if (!m_ctx.archive || !m_priorChecked.insert(e.n).second) {
            return;
        }
        for (const Rule* r : rulesFor(RuleKind::PriorAwardKnown, e)) {
            for (const auto& a : e.n->history.awards) {
                if (a.year <= 0 || !m_ctx.archive->coversYear(a.year)) {
                    continue;
                }
                const std::string& nameKey = keyOf(a.name);
                const bool known =
                    std::any_of(archived(e).begin(), archived(e).end(), [&](const auto& k) {
                        return k.year == a.year && (a.kindId.empty() ? keyOf(k.kindName) == nameKey
                                                                     : k.kindId == a.kindId);
                    });
                if (!known) {
                    const CatalogueEntry* k = m_ctx.catalogue.find(a.kindId);
                    report(e.dossier, *r, a.where, nomineeField(*e.n) + "/history/priorAward",
                           model::displayName(*e.n),
                           "kê khai " + (k ? k->name : a.name) + " năm " + std::to_string(a.year) +
                               (a.decisionNumber.empty()
                                    ? std::string()
                                    : " (quyết định số " + a.decisionNumber + ")") +
                               " nhưng kho lưu trữ không có; kiểm tra lại, hoặc nhập bằng "
                               "tdkt history import");
                }
            }
        }
    }

    // --- across the run -------------------------------------------------------------------

    // The keys one initiative is matched by: its recognition code when it has one (two
    // initiatives with different codes are different, however alike their titles), else its
    // title however typed.
    static std::vector<std::string> identityKeys(const model::Initiative& in) {
        std::vector<std::string> keys = text::initiativeKeys(in.code, in.title);
        if (keys.size() > 1) {
            keys.resize(1); // the "ma:" key comes first
        }
        return keys;
    }

    void checkQuota() {
        struct Count {
            std::set<std::string> kind, among;
            const Entry* first = nullptr;
        };
        std::map<std::pair<const Rule*, std::string>, Count> counts;
        for (const Entry& e : m_entries) {
            for (const Rule* r : rulesFor(RuleKind::Quota, e)) {
                const std::string unit = e.d->proposingUnit.code.empty()
                                             ? keyOf(e.d->proposingUnit.name)
                                             : e.d->proposingUnit.code;
                Count& c = counts[{r, unit}];
                if (e.kind->id == r->quotaKind) {
                    c.kind.insert(e.person);
                    c.first = c.first ? c.first : &e;
                }
                if (e.kind->id == r->quotaAmong) {
                    c.among.insert(e.person);
                }
            }
        }
        for (const auto& [key, c] : counts) {
            const Rule& r = *key.first;
            if (!c.first || c.among.empty()) {
                continue;
            }
            const auto most = static_cast<std::size_t>(
                std::floor(static_cast<double>(c.among.size()) * r.percent / 100.0 + 1e-9));
            if (c.kind.size() <= most) {
                continue;
            }
            const CatalogueEntry* kind = m_ctx.catalogue.find(r.quotaKind);
            const CatalogueEntry* among = m_ctx.catalogue.find(r.quotaAmong);
            const Entry& e = *c.first;
            char percent[32];
            std::snprintf(percent, sizeof percent, "%g", r.percent);
            report(e.dossier, r, e.p->where, "proposal[@id=\"" + e.p->id + "\"]", {},
                   "«" + e.d->proposingUnit.name + "» đề nghị " + std::to_string(c.kind.size()) +
                       " " + (kind ? kind->name : r.quotaKind) + " trên " +
                       std::to_string(c.among.size()) + " " + (among ? among->name : r.quotaAmong) +
                       ", vượt tỷ lệ " + percent + " % (tối đa " + std::to_string(most) + ")");
        }
    }

    void checkInitiatives() {
        struct Use {
            const Entry* entry;
            std::string title;
        };
        std::unordered_map<std::string, Use> used; // person + initiative key → first use
        for (const Entry& e : m_entries) {
            const auto rules = rulesFor(RuleKind::InitiativeOnce, e);
            if (rules.empty() || e.nom->initiativeIds.empty()) {
                continue;
            }
            const Rule& r = *rules.front();
            for (const model::Initiative* in : initiativesOf(e)) {
                bool reported = false;
                for (const std::string& key : identityKeys(*in)) {
                    auto [first, fresh] = used.emplace(e.person + '\x1f' + key, Use{&e, in->title});
                    if (!fresh && first->second.entry->nom != e.nom && !reported) {
                        const Entry& o = *first->second.entry;
                        report(e.dossier, r, e.nom->where, nomineeField(*e.n) + "/nomination",
                               model::displayName(*e.n),
                               "sáng kiến «" + in->title + "» đã dùng để đề nghị " + o.kind->name +
                                   " (" + where(o.nom->where) +
                                   "); mỗi sáng kiến chỉ dùng cho một danh hiệu hoặc một hình "
                                   "thức khen thưởng");
                        reported = true;
                    }
                }
                if (reported || !m_ctx.archive) {
                    continue;
                }
                const std::string& name = keysOf(*e.n).name;
                const std::set<std::string> replaced = replacedRounds(e);
                for (const std::string& key : identityKeys(*in)) {
                    for (const auto& u : m_ctx.archive->usesOf(key)) {
                        if (reported || fromDossier(u.dossierSha256, *e.d) ||
                            (!u.roundKey.empty() && replaced.count(u.roundKey) > 0) ||
                            keyOf(u.recipient) != name) {
                            continue;
                        }
                        report(e.dossier, r, e.nom->where, nomineeField(*e.n) + "/nomination",
                               model::displayName(*e.n),
                               "sáng kiến «" + in->title + "» đã được dùng cho " + u.kindName +
                                   " năm " + std::to_string(u.year) + " (quyết định số " +
                                   u.decisionNumber + ", " + u.source +
                                   "); mỗi sáng kiến chỉ dùng một lần");
                        reported = true;
                    }
                }
            }
        }
    }

    void checkAcrossRun() {
        struct Seen {
            std::size_t dossier;
            const Nominee* n;
            std::string unit;
            std::string nameKey;
        };
        std::unordered_map<std::string, Seen> byPerson;
        std::unordered_map<std::string, Seen> byFolded;
        for (std::size_t i = 0; i < m_dossiers.size(); ++i) {
            const Dossier& d = *m_dossiers[i];
            const std::string unit =
                d.proposingUnit.code.empty() ? d.proposingUnit.name : d.proposingUnit.code;
            for (const Nominee& n : d.nominees) {
                const model::Date on = nomineeDate(d, n);
                const std::string& person = keysOf(n).person;
                auto [other, fresh] = byPerson.emplace(person, Seen{i, &n, unit, {}});
                if (!fresh && other->second.unit != unit) {
                    const Dossier& od = *m_dossiers[other->second.dossier];
                    for (const Rule* r : m_ctx.rules.inForce(RuleKind::SameAcrossUnits, on)) {
                        report(i, *r, n.where, nomineeField(n), model::displayName(n),
                               "cũng được «" + od.proposingUnit.name + "» đề nghị (" +
                                   where(other->second.n->where) +
                                   "); một thành tích chỉ do một đơn vị đề nghị");
                    }
                }
                if (n.kind != NomineeKind::Individual || !fresh) {
                    continue;
                }
                const std::string key = text::nameKey(n.name);
                const std::string folded =
                    text::searchKey(n.name) + '|' + std::to_string(n.birthYear);
                auto [similar, first] = byFolded.emplace(folded, Seen{i, &n, unit, key});
                if (!first && similar->second.nameKey != key) {
                    for (const Rule* r : m_ctx.rules.inForce(RuleKind::SimilarName, on)) {
                        report(i, *r, n.where, nomineeField(n) + "/fullName", model::displayName(n),
                               "tên chỉ khác «" + model::displayName(*similar->second.n) + "" +
                                   "» (" + where(similar->second.n->where) +
                                   ") ở dấu, cùng năm sinh " + std::to_string(n.birthYear) +
                                   "; kiểm tra có phải một người gõ sai dấu");
                    }
                }
            }
        }
    }

    const std::vector<const Dossier*>& m_dossiers;
    const LawContext& m_ctx;
    std::vector<core::Diagnostics>& m_out;
    std::vector<Entry> m_entries;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byPerson;
    std::vector<std::vector<std::size_t>> m_byDossier; // entries of each dossier
    std::map<std::pair<std::string, model::Date>, std::optional<model::AwardKind>> m_kinds;
    std::unordered_map<std::string, std::vector<model::KnownAward>> m_archived;
    std::unordered_map<std::string, std::vector<model::KnownAward>> m_fetched; // unfiltered
    std::unordered_map<const Nominee*, RecipientKeys> m_keys;
    std::unordered_map<std::string, std::string> m_textKeys;
    std::set<const Nominee*> m_priorChecked;
    std::set<std::string> m_reported;
};

} // namespace

void checkLaw(const std::vector<const model::Dossier*>& dossiers, const LawContext& context,
              std::vector<core::Diagnostics>& out) {
    LawRun(dossiers, context, out).run();
}

} // namespace tdkt::validate
