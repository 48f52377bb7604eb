#pragma once
// The award catalogue (config/award-catalogue.xml, validated by award-catalogue-1.0.xsd): every
// award form and emulation title, who may grant it, who may receive it, its rank, wording,
// artefact and money — all by decision date. Loaded once; lookups are thread-safe.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/model/award_kind.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::validate {

// Bodies of `level` may decide the kind for decision dates in [from, to).
struct KindAuthority {
    std::string level; // "province", "department", "commune", "district", "state"
    std::optional<model::Date> from;
    std::optional<model::Date> to;
    std::string basis;
    bool verified = true;
    bool covers(const model::Date& on) const;
};

// One <kind> with every dated rule.
struct CatalogueEntry {
    std::string id;
    model::AwardClass awardClass = model::AwardClass::Form;
    std::string name;
    std::string fullName;
    std::vector<std::string> aliases;
    std::vector<KindAuthority> grantedBy;
    std::vector<model::AwardKind> rules; // sorted by ruleFrom; each a complete AwardKind
    core::SourceLocation where;
};

class AwardCatalogue {
public:
    // Reads and validates `file` against <schemasDir>/award-catalogue-1.0.xsd, then checks what
    // the schema cannot (overlapping rules or windows, a grantable kind without wording,
    // artefact or money, aliases shared by two kinds). ErrorKind::Config (exit 78) with every
    // problem in Error::details (codes K001–K019).
    static core::Result<AwardCatalogue> load(const fs::path& file, const fs::path& schemasDir);
    // <configDir>/award-catalogue.xml.
    static core::Result<AwardCatalogue> load(const core::Environment& env);

    // The entry with this id, or nullptr.
    const CatalogueEntry* find(std::string_view id) const;
    // The kind with the rule in force on `on`, or nullopt when the kind is unknown or has no
    // rule then.
    std::optional<model::AwardKind> at(std::string_view id, const model::Date& on) const;
    // The authority under which bodies of `level` may grant the kind on `on`, or nullptr.
    const KindAuthority* authority(std::string_view id, std::string_view level,
                                   const model::Date& on) const;
    // Kinds that bodies of `level` may grant on `on`, highest rank first.
    std::vector<const CatalogueEntry*> grantable(std::string_view level,
                                                 const model::Date& on) const;
    // The entry whose id, name, full name or alias matches `text` ignoring case, diacritics
    // and spacing ("LĐTT", "ldtt", "Lao động tiên tiến", "lao-dong-tien-tien"), or nullptr.
    const CatalogueEntry* lookup(std::string_view text) const;

    // Wording of a decision that covers several kinds.
    const std::string& combinedSubjectPattern() const;
    const std::string& combinedListTitlePattern() const;

    const std::vector<CatalogueEntry>& entries() const;
    const fs::path& source() const;

private:
    struct Data;
    explicit AwardCatalogue(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
    std::shared_ptr<const Data> m_data; // immutable after load: cheap copies, thread-safe
};

// "Lao động tiên tiến, Giấy khen, …": the kinds' names for a message.
std::string kindNames(const std::vector<const CatalogueEntry*>& entries);

} // namespace tdkt::validate
