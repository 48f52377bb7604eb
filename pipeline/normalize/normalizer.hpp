#pragma once
// Vietnamese text normalisation: legacy-encoding repair, invisible characters, whitespace, NFC,
// tone placement; search keys (no diacritics, đ→d), title/upper case, Vietnamese collation (ICU).
#include "pipeline/model/dossier.hpp"
#include "pipeline/normalize/options.hpp"

#include <string>
#include <string_view>

namespace tdkt::normalize {

struct Change {
    bool changed = false;
    std::string reason; // Vietnamese, e.g. "chuẩn hóa Unicode NFC; bỏ khoảng trắng thừa"
};

// Clean one field, in this order: invalid UTF-8 → U+FFFD; text typed in a legacy encoding
// (TCVN3/ABC, VNI-Windows, Windows-1258 read as cp1252, VIQR) decoded, decided for the whole
// field on strong evidence only; invisible characters removed; fullwidth ASCII folded; whitespace
// collapsed and trimmed; a tone typed before a circumflex or breve moved after it; NFC; "Ð" → "Đ"
// in Vietnamese text; the tone of open "oa", "oe", "uy" syllables placed in options.toneStyle.
// No NFKC ("m²", "½" stay); letter case kept; unaccented text never gains a mark. Text that
// needs none of this is returned after one scan. Thread-safe.
std::string normalize(std::string_view text, const Options& options, Change* change = nullptr);
// The same with the default options (classic tone placement: "hòa", "thủy").
std::string normalize(std::string_view text, Change* change = nullptr);

// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD; `replaced` (optional) receives
// how many were replaced. Valid text is returned as it is.
std::string repairUtf8(std::string_view text, int* replaced = nullptr);

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
void normalizeDossier(model::Dossier& dossier, const Options& options = {});

} // namespace tdkt::normalize
