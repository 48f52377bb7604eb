// Archive commands (verify, reindex, search's --award) with the normalise stage's search key
// wired in; the search itself is search_job.cpp.
#include "pipeline.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "search_key.hpp"

namespace tdkt::job {

core::Result<std::vector<std::string>> awardKindsFor(const core::Environment& env,
                                                     const std::string& text) {
    auto catalogue = validate::AwardCatalogue::load(env);
    if (!catalogue) {
        return catalogue.error();
    }
    if (const validate::CatalogueEntry* exact = catalogue->lookup(text)) {
        return std::vector<std::string>{exact->id};
    }
    // Part of a name ("chiến sĩ thi đua"): every kind whose name or alias holds it.
    const std::string wanted = text::searchKey(text);
    std::vector<std::string> out;
    std::string known;
    for (const auto& e : catalogue->entries()) {
        std::vector<std::string> names = {e.name, e.fullName};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& name : names) {
            if (!wanted.empty() && text::searchKey(name).find(wanted) != std::string::npos) {
                out.push_back(e.id);
                break;
            }
        }
        known += (known.empty() ? "" : ", ") + e.name;
    }
    if (out.empty()) {
        return core::makeError(core::ErrorKind::Usage, "U020",
                               "không có danh hiệu, hình thức khen thưởng «" + text +
                                   "» trong danh mục; các loại có: " + known);
    }
    return out;
}

core::Result<archive::VerifyReport>
verify(const core::Environment& env, const fs::path& archiveRoot, archive::VerifyOptions options) {
    options.searchKey = searchKeyFn();
    return archive::verify(archiveRoot, env.schemasDir(), options);
}

core::Result<int> reindex(const core::Environment& env, const fs::path& archiveRoot) {
    return archive::reindex(archiveRoot, env.schemasDir(), searchKeyFn());
}

} // namespace tdkt::job
