#pragma once
// Vietnamese text normalisation with ICU. Issue #2 scope: NFC, invisible characters and
// whitespace, search keys (no diacritics, đ→d), title/upper case, Vietnamese collation.
// The full normaliser (legacy encodings, tone placement) extends this same interface.
#include "pipeline/model/dossier.hpp"

#include <string>
#include <string_view>

namespace tdkt::normalize {

struct Change {
    bool changed = false;
    std::string reason; // Vietnamese, e.g. "chuẩn hóa NFC; bỏ khoảng trắng thừa"
};

// Clean one field: invisible characters removed, whitespace collapsed and trimmed, NFC.
std::string normalize(std::string_view text, Change* change = nullptr);

// Diacritic-free, lower-case, đ→d, spaces collapsed: "Nguyễn Thị Đào" → "nguyen thi dao".
std::string searchKey(std::string_view text);

// "NGUYỄN văn a" → "Nguyễn Văn A".
std::string titleCase(std::string_view text);
// "Nguyễn Thị Đào" → "NGUYỄN THỊ ĐÀO" (every mark kept).
std::string upper(std::string_view text);

// Binary sort key for Vietnamese collation (ICU "vi"); compare keys with <.
std::string collationKey(std::string_view text);
// Sort key for a personal name, ordering by given name, then middle, then family name.
std::string nameSortKey(std::string_view fullName);

// Normalise every text field of the dossier in place, recording each change in
// dossier.changes.
void normalizeDossier(model::Dossier& dossier);

} // namespace tdkt::normalize
