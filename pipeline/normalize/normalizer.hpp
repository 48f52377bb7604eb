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

// Clean one field, in this order: invalid UTF-8 → U+FFFD; invisible characters removed;
// fullwidth ASCII folded; whitespace collapsed and trimmed; a tone typed before a circumflex or
// breve moved after it; NFC; "Ð" → "Đ" in Vietnamese text. No NFKC ("m²", "½" stay). Text that
// needs none of this is returned after one scan. Thread-safe.
std::string normalize(std::string_view text, Change* change = nullptr);

// Diacritic-free, lower-case, đ→d, spaces collapsed: "Nguyễn Thị Đào" → "nguyen thi dao".
// Normalised first, so NFC/NFD input and "Hoà"/"Hòa" give one key; typographic quotes become
// ASCII quotes; other punctuation is kept.
std::string searchKey(std::string_view text);

// "NGUYỄN văn a" → "Nguyễn Văn A" (words are space-separated: "nguyễn-thị" → "Nguyễn-thị").
std::string titleCase(std::string_view text);
// "Nguyễn Thị Đào" → "NGUYỄN THỊ ĐÀO" (every mark kept).
std::string upper(std::string_view text);

// Binary sort key for Vietnamese collation (ICU "vi"); compare keys with <. The key holds no
// zero byte. Thread-safe: one shared collator, used through its const API only.
std::string collationKey(std::string_view text);
// Sort key for a personal name, ordering by given name, then middle, then family name: the
// collation keys of the three parts joined by a zero byte. Thread-safe.
std::string nameSortKey(std::string_view fullName);

// Normalise every text field of the dossier in place, recording each change in
// dossier.changes (field paths name the XML elements, e.g. "nominee[gv03]/fullName").
void normalizeDossier(model::Dossier& dossier);

} // namespace tdkt::normalize
