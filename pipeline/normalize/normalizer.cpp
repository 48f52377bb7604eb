#include "pipeline/normalize/normalizer.hpp"

#include "pipeline/text/normalize.hpp"

namespace tdkt::normalize {

void normalizeDossier(model::Dossier& dossier, const text::Options& options) {
    const core::SourceLocation fileLevel{dossier.sourceFile, 0, 0};
    // `path` is a callable so the field path is only built for fields that change.
    auto clean = [&dossier, &options](std::string& value, const core::SourceLocation& where,
                                      auto path) {
        text::Change change;
        std::string after = text::normalize(value, options, &change);
        if (!change.changed) {
            return;
        }
        dossier.changes.push_back(
            model::FieldChange{path(), std::move(value), after, std::move(change.reason), where});
        value = std::move(after);
    };
    auto fixed = [](const char* path) { return [path] { return std::string(path); }; };

    const bool v10 = dossier.schemaVersion == "1.0";
    clean(dossier.proposingUnit.name, fileLevel, fixed("proposingUnit/name"));
    clean(dossier.round.name, fileLevel, fixed("round/name"));
    clean(dossier.round.movement, fileLevel, fixed("round/movement"));
    for (model::DossierDocument& doc : dossier.documents) {
        auto path = [&doc, v10](const char* field) {
            return [&doc, field, v10] {
                // 1.0 has a <submission> element where 2.0 has documents.
                return v10 ? doc.id + "/" + field : "document[" + doc.id + "]/" + field;
            };
        };
        clean(doc.number, doc.where, path("number"));
        clean(doc.signer, doc.where, path("signer"));
        clean(doc.title, doc.where, path("title"));
    }
    for (model::Proposal& p : dossier.proposals) {
        clean(p.reason, p.where,
              [&p, v10] { return (v10 ? "award[" : "proposal[") + p.id + "]/reason"; });
    }
    for (model::Nominee& nominee : dossier.nominees) {
        // Paths name the dossier's XML elements: an individual's name is <fullName>.
        auto path = [&nominee](const char* field) {
            return [&nominee, field] { return "nominee[" + nominee.id + "]/" + field; };
        };
        const bool individual = nominee.kind == model::NomineeKind::Individual;
        clean(nominee.name, nominee.where, path(individual ? "fullName" : "name"));
        clean(nominee.honorific, nominee.where, path("honorific"));
        clean(nominee.position, nominee.where, path("position"));
        clean(nominee.workplace, nominee.where, path("workplace"));
        clean(nominee.parentUnit, nominee.where, path("parentUnit"));
        clean(nominee.headName, nominee.where, path("head/fullName"));
        clean(nominee.headHonorific, nominee.where, path("head/honorific"));
        clean(nominee.address, nominee.where, path("address"));
        clean(nominee.representative.honorific, nominee.where, path("representative/honorific"));
        clean(nominee.representative.name, nominee.where, path("representative/fullName"));
        clean(nominee.representative.position, nominee.where, path("representative/position"));
        for (model::Nomination& nom : nominee.nominations) {
            clean(nom.achievement, nom.where, [&nominee, &nom, v10] {
                return "nominee[" + nominee.id + "]/" +
                       (v10 ? std::string() : "nomination[" + nom.proposalId + "]/") +
                       "achievement";
            });
        }
        model::History& h = nominee.history;
        for (model::PriorAward& a : h.awards) {
            clean(a.name, a.where, path("history/priorAward/@name"));
            clean(a.issuer, a.where, path("history/priorAward/@issuer"));
            clean(a.decisionNumber, a.where, path("history/priorAward/@decisionNumber"));
        }
        for (model::Initiative& in : h.initiatives) {
            clean(in.code, in.where, path("history/initiative/code"));
            clean(in.title, in.where, path("history/initiative/title"));
            clean(in.recognisedBy, in.where, path("history/initiative/recognisedBy"));
            for (std::string& author : in.coAuthors) {
                clean(author, in.where, path("history/initiative/coAuthor"));
            }
        }
        for (model::Discipline& d : h.disciplines) {
            clean(d.form, d.where, path("history/discipline/form"));
            clean(d.note, d.where, path("history/discipline/note"));
        }
    }
}

} // namespace tdkt::normalize
