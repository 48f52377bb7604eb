// Archive commands (search, verify, reindex) with the normalise stage's search key wired in.
#include "pipeline.hpp"
#include "search_key.hpp"

namespace tdkt::job {

core::Result<std::vector<archive::SearchHit>> search(const core::Environment& env,
                                                     const fs::path& archiveRoot,
                                                     const archive::SearchQuery& query) {
    (void)env;
    return archive::search(archiveRoot, query, searchKeyFn());
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
