#pragma once
// The Phiếu kiểm tra hồ sơ of each checked dossier (templates/check-sheet).
#include "pipeline.hpp"
#include "pipeline/validate/issuer_registry.hpp"

namespace tdkt::job {

// One PDF per file of `files` in outDir (NAME-phieu-kiem-tra.pdf): the dossier's errors and
// warnings from `report` with their lines, codes, subjects and bases, dated `date` at the
// place of the issuer the dossier proposes to. Returns the files written.
core::Result<std::vector<fs::path>> checkSheets(const core::Environment& env,
                                                const validate::IssuerRegistry& issuers,
                                                const CheckReport& report,
                                                const std::vector<std::string>& files,
                                                const model::Date& date, const fs::path& outDir);

} // namespace tdkt::job
