#include "history_job.hpp"

#include "archive/history.hpp"
#include "archive/history_csv.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "search_key.hpp"

namespace tdkt::job {

core::Result<HistoryImportReport> importHistory(const core::Environment& env,
                                                const fs::path& archiveRoot,
                                                const fs::path& csvFile, int lockWaitSeconds) {
    HistoryImportReport report;
    report.file = csvFile.string();
    auto bytes = core::readFile(csvFile, env.maxDossierBytes);
    if (!bytes) {
        return bytes.error();
    }
    auto catalogue = validate::AwardCatalogue::load(env);
    if (!catalogue) {
        return catalogue.error();
    }
    const validate::AwardCatalogue& kinds = catalogue.value();
    auto resolve = [&kinds](const std::string& text) -> std::optional<archive::ResolvedKind> {
        if (const validate::CatalogueEntry* e = kinds.lookup(text)) {
            return archive::ResolvedKind{e->id, e->name};
        }
        return std::nullopt;
    };
    archive::HistoryImport import =
        archive::readHistoryCsv(bytes.value(), report.file, resolve, report.diagnostics);
    if (!report.ok()) {
        return report; // nothing is imported while a row is bad
    }
    import.fileName = csvFile.filename().string();
    import.importedAt = model::vietnamDateTime(env.now).iso();

    auto archive = archive::Archive::open(archiveRoot, env.schemasDir(), searchKeyFn());
    if (!archive) {
        return archive.error();
    }
    archive->setClock(env.now);
    auto held = archive->lock(lockWaitSeconds);
    if (!held) {
        return held.error();
    }
    auto stored = archive->importHistory(std::move(import), bytes.value(), held.value());
    if (!stored) {
        return stored.error();
    }
    report.stored = std::move(stored.value());
    return report;
}

} // namespace tdkt::job
