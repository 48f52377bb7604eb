// `tdkt search`'s job, in a file of its own: the quick `tdkt` links it without what the other
// archive jobs (archive_jobs.cpp) bring along — the award catalogue, verify, reindex, and with
// them libxml2's schemas, OpenSSL and libarchive.
#include "pipeline.hpp"
#include "search_key.hpp"

namespace tdkt::job {

core::Result<std::vector<archive::SearchHit>> search(const core::Environment& env,
                                                     const fs::path& archiveRoot,
                                                     const archive::SearchQuery& query) {
    (void)env;
    return archive::search(archiveRoot, query, searchKeyFn());
}

} // namespace tdkt::job
