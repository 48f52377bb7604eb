#pragma once
// How validate's findings name a nominee of the dossier: its element and id, as in the file
// ("individual[@id=\"cg05\"]"), for the field of a diagnostic.
#include "pipeline/model/dossier.hpp"

#include <string>

namespace tdkt::validate {

inline std::string nomineeField(const model::Nominee& n) {
    return std::string(model::toString(n.kind)) + "[@id=\"" + n.id + "\"]";
}

} // namespace tdkt::validate
