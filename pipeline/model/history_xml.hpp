#pragma once
// The XML form of a nominee's history (quá trình khen thưởng, xếp loại, sáng kiến, kỷ luật):
// the same elements in a dossier 2.0 (urn:tdkt:dossier:2.0) and in the archive's metadata
// (urn:tdkt:archive:1.0), written and read by these two functions (element names are matched
// without their namespace).
#include "pipeline/core/xml_writer.hpp"
#include "pipeline/model/dossier.hpp"

#include <string>

typedef struct _xmlNode xmlNode;

namespace tdkt::model {

// Writes <history> with its children; nothing for an empty history.
void writeHistory(core::XmlWriter& w, const History& history);

// Reads a <history> element (nullptr: an empty history). The document must be valid against its
// schema. Items carry `file` and their line in `where`.
History readHistory(const xmlNode* history, const std::string& file);

} // namespace tdkt::model
