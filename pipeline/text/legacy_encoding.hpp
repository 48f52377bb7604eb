#pragma once
// Internal to the text module: repair of text typed in a legacy Vietnamese encoding
// (TCVN3/ABC, VNI-Windows, Windows-1258 read as cp1252, VIQR) that reached us as Unicode
// mojibake. ICU has none of these converters, so they are tables here.
#include <unicode/unistr.h>

namespace tdkt::text::detail {

// Decides for the whole field, on strong evidence only: the field must contain words that are
// not Vietnamese syllables as they stand, and every word the decoding touches must become a valid
// Vietnamese syllable. On success rewrites `s` (NFC) and returns the change-report reason, e.g.
// "chuyển mã TCVN3 → Unicode"; otherwise leaves `s` alone and returns nullptr.
const char* repairLegacyEncoding(icu::UnicodeString& s);

// Text (as the clean-up steps leave it) that looks like single-byte mojibake — only Latin-1 and
// cp1252 characters, some word not Vietnamese — which no table read as Vietnamese. Tone
// placement leaves such a field alone: reshaping it could make a second normalize() find evidence
// the first did not.
bool looksLikeMojibake(const icu::UnicodeString& s);

// Cheap pre-checks for the fast path of normalize(): false means repairLegacyEncoding cannot
// change a text with this shape.
// A code point that a single-byte legacy encoding read as Latin-1/cp1252 can produce.
bool isLegacyByteChar(UChar32 c);
// A VIQR mark right after a vowel in an ASCII text, with the evidence repairLegacyEncoding needs
// (a quality mark, or a tone mark followed by a letter or another mark). `at` indexes the mark.
bool isViqrTrigger(const char* text, int length, int at);

} // namespace tdkt::text::detail
