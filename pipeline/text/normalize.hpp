#pragma once
// Vietnamese text normalisation of one field: legacy-encoding repair, invisible characters,
// whitespace, NFC, tone placement (ICU). The normalise stage applies it to every field of a
// dossier; the command line's `tdkt text normalize` to every line.
#include "pipeline/text/options.hpp"

#include <string>
#include <string_view>

namespace tdkt::text {

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

// Unicode NFC and nothing else (ill-formed UTF-8 becomes U+FFFD): for comparing names that are
// not ours to clean, such as the file names in a bag's manifest.
std::string toNfc(std::string_view text);

} // namespace tdkt::text
