#pragma once
// Shared helpers of the validate tests: one validator for the whole run (as the product uses
// it), the test data folder, and edits of the known-good dossier.
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/environment.hpp"
#include "pipeline/validate/dossier_validator.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace tdkt::validate::test {

// The tests' clock: SOURCE_DATE_EPOCH of the test environment, 2026-01-01 07:00 in Hà Nội.
inline constexpr std::int64_t kTestNow = 1767225600;

inline core::Environment testEnvironment() {
    core::Environment env;
    env.dataDir = TDKT_SOURCE_DIR;
    env.now = kTestNow;
    return env;
}

inline const DossierValidator& validator() {
    static const DossierValidator instance = [] {
        auto v = DossierValidator::load(testEnvironment());
        if (!v) {
            FAIL(core::format(v.error()));
        }
        return std::move(v).value();
    }();
    return instance;
}

inline fs::path dataPath(const std::string& name) {
    return fs::path(TDKT_TEST_DATA) / "validate" / name;
}

inline std::string dataFile(const std::string& name) {
    auto bytes = core::readFile(dataPath(name));
    REQUIRE(bytes.ok());
    return bytes.value();
}

// `text` with the one occurrence of `from` replaced by `to` (fails when `from` is absent, so a
// test cannot silently stop testing anything after the data file changes).
inline std::string edit(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    return text.replace(at, from.size(), to);
}

inline std::vector<core::Diagnostic> withCode(const core::Diagnostics& diags,
                                              const std::string& code) {
    std::vector<core::Diagnostic> out;
    std::copy_if(diags.items().begin(), diags.items().end(), std::back_inserter(out),
                 [&](const core::Diagnostic& d) { return d.code == code; });
    return out;
}

inline std::string dump(const core::Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items()) {
        out += core::format(d) + "\n";
    }
    return out;
}

} // namespace tdkt::validate::test
