// `tdkt upgrade`: dossiers of schema 1.0 rewritten in the 2.0 form (the same model, so the
// same decisions). Each input is validated first: a file that does not validate is reported
// and nothing is written for it.
#include "pipeline.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/validate/dossier_validator.hpp"
#include "pipeline/validate/dossier_writer.hpp"

namespace tdkt::job {
namespace {

fs::path targetFor(const fs::path& input, const UpgradeOptions& options) {
    if (options.inPlace) {
        return input;
    }
    if (!options.outDir.empty()) {
        return options.outDir / input.filename();
    }
    return input.parent_path() / (input.stem().string() + "-2.0" + input.extension().string());
}

} // namespace

core::Result<UpgradeReport> upgrade(const core::Environment& env, const UpgradeOptions& options) {
    auto validator = validate::DossierValidator::load(env);
    if (!validator) {
        return validator.error();
    }
    UpgradeReport report;
    if (!options.outDir.empty()) {
        boost::system::error_code ec;
        fs::create_directories(options.outDir, ec);
        if (ec) {
            return core::makeError(core::ErrorKind::CannotCreate, "U031",
                                   "không tạo được thư mục «" + options.outDir.string() + "»");
        }
    }
    for (const auto& file : options.files) {
        core::Diagnostics diags;
        auto dossier = validator->read(fs::path(file), file, diags);
        report.diagnostics.append(diags);
        if (!dossier) {
            if (!diags.hasErrors()) {
                const auto& e = dossier.error();
                report.diagnostics.error(e.code, e.where, {}, e.message);
            }
            continue;
        }
        UpgradedFile done;
        done.input = file;
        if (dossier->schemaVersion == "2.0") {
            done.alreadyCurrent = true;
            report.files.push_back(std::move(done));
            continue;
        }
        done.output = targetFor(fs::path(file), options);
        boost::system::error_code ec;
        if (!options.inPlace && fs::exists(done.output, ec) && !options.force) {
            report.diagnostics.error("U030", {file}, {},
                                     "tệp «" + done.output.string() +
                                         "» đã có; dùng --force để ghi đè");
            continue;
        }
        if (auto st = core::writeFileAtomic(done.output, validate::writeDossier20(dossier.value()));
            !st) {
            return st.error();
        }
        report.files.push_back(std::move(done));
    }
    return report;
}

} // namespace tdkt::job
