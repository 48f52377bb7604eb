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

    clean(dossier.proposingUnit.name, fileLevel, fixed("proposingUnit/name"));
    clean(dossier.round.name, fileLevel, fixed("round/name"));
    clean(dossier.round.movement, fileLevel, fixed("round/movement"));
    clean(dossier.submission.number, fileLevel, fixed("submission/number"));
    for (model::AwardRequest& award : dossier.awards) {
        clean(award.reason, award.where, [&award] { return "award[" + award.id + "]/reason"; });
    }
    for (model::Nominee& nominee : dossier.nominees) {
        // Paths name the dossier's XML elements: an individual's name is <fullName>.
        auto path = [&nominee](const char* field) {
            return [&nominee, field] { return "nominee[" + nominee.id + "]/" + field; };
        };
        const bool individual = nominee.kind == model::NomineeKind::Individual;
        clean(nominee.name, nominee.where, path(individual ? "fullName" : "name"));
        clean(nominee.position, nominee.where, path("position"));
        clean(nominee.workplace, nominee.where, path("workplace"));
        clean(nominee.parentUnit, nominee.where, path("parentUnit"));
        clean(nominee.achievement, nominee.where, path("achievement"));
    }
}

} // namespace tdkt::normalize
