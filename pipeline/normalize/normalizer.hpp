#pragma once
// The normalise stage: every text field of a dossier cleaned by text::normalize (the shared text
// layer), each change recorded in the dossier so the clerk can confirm it before printing.
#include "pipeline/model/dossier.hpp"
#include "pipeline/text/options.hpp"

namespace tdkt::normalize {

// Normalise every text field of the dossier in place, recording each change in
// dossier.changes (field paths name the XML elements, e.g. "nominee[gv03]/fullName").
void normalizeDossier(model::Dossier& dossier, const text::Options& options = {});

} // namespace tdkt::normalize
