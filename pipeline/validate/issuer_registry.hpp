#pragma once
// The issuing bodies of config/issuers.xml (validated by schemas/issuers-2.0.xsd), looked up by
// id and date. Authority changes by date (no district level from 2025-07-01), so a body may
// have several entries for consecutive periods and every lookup takes the decision date.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/issuer.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::validate {

inline constexpr const char* kIssuersSchemaFile = "issuers-2.0.xsd";

// One <issuer> entry: the body as configured for one validity period.
struct IssuerEntry {
    model::Issuer issuer;
    std::string note; // why the period ends, for clerks (Vietnamese), may be empty
    core::SourceLocation where;
};

class IssuerRegistry {
public:
    // Reads and validates `configFile` against <schemasDir>/issuers-2.0.xsd, then checks what a
    // schema cannot (periods, grant windows, codes). Every failure is ErrorKind::Config with the
    // problems in Error::details.
    static core::Result<IssuerRegistry> load(const fs::path& configFile,
                                             const fs::path& schemasDir);
    // <configDir>/issuers.xml with <schemasDir>/issuers-2.0.xsd.
    static core::Result<IssuerRegistry> load(const core::Environment& env);

    // The entry of `id` whose [validFrom, validTo) holds `on`; nullptr when none.
    // The pointer stays valid as long as any copy of this registry lives.
    const model::Issuer* find(const std::string& id, const model::Date& on) const;

    // Whether any period of `id` is configured.
    bool contains(const std::string& id) const;
    // Every configured period of `id`, oldest first.
    std::vector<const IssuerEntry*> periods(const std::string& id) const;
    // The full entry behind an issuer returned by find(); nullptr for a foreign issuer.
    const IssuerEntry* entry(const model::Issuer& issuer) const;

    const std::vector<IssuerEntry>& entries() const;
    const fs::path& source() const;

private:
    struct Data;
    explicit IssuerRegistry(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
    // Shared and immutable: copies are cheap, lookups are thread-safe, and pointers handed out
    // by find() stay valid in every copy.
    std::shared_ptr<const Data> m_data;
};

// "từ ngày 01/01/2024 đến trước ngày 01/07/2025" (or just "từ ngày …" when open-ended).
std::string validityText(const model::Issuer& issuer);

} // namespace tdkt::validate
