#pragma once
// Schema-valid dossier XML → model::Dossier, for both versions of the dossier format: 1.0 (one
// flat list of nominees, each naming its award form) and 2.0 (documents, proposals by award
// kind, nominees with nominations and history). Both give the same model, so everything after
// reading is version-blind.
#include "pipeline/core/xml.hpp"
#include "pipeline/model/dossier.hpp"

#include <string>
#include <string_view>

namespace tdkt::validate {

inline constexpr const char* kDossierNamespace10 = "urn:tdkt:dossier:1.0";
inline constexpr const char* kDossierNamespace20 = "urn:tdkt:dossier:2.0";

// The catalogue kinds a 1.0 award form stands for.
inline constexpr const char* kKindBangKhen = "bang-khen-tinh";
inline constexpr const char* kKindGiayKhen = "giay-khen";

// Lines of the dossier-level fields the rules talk about (items of lists carry their own
// SourceLocation in the model). Zero when unknown, e.g. for a dossier built by other means.
struct DossierLines {
    int roundYear = 0;
};

// The document must already be valid against the schema of its version (every required element
// present, every token well-formed).
model::Dossier readDossier10(const core::XmlDocument& doc, const std::string& displayName,
                             DossierLines& lines);
model::Dossier readDossier20(const core::XmlDocument& doc, const std::string& displayName,
                             DossierLines& lines);

// The namespace URI of the document element ("" when it has none).
std::string rootNamespace(const core::XmlDocument& doc);

} // namespace tdkt::validate
