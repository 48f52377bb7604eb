#pragma once
// model::Dossier → dossier 2.0 XML (urn:tdkt:dossier:2.0), the inverse of readDossier20: what
// `tdkt upgrade` writes for a 1.0 file, and what spreadsheet intake will write. Text is written
// as it is in the model (upgrade keeps it as typed: cleaning is the normalise stage's job and is
// reported when the file is validated or issued).
#include "pipeline/model/dossier.hpp"

#include <string>

namespace tdkt::validate {

std::string writeDossier20(const model::Dossier& dossier);

} // namespace tdkt::validate
