#pragma once
// Internal to the text module: the Vietnamese letter table and the syllable parser that
// tone placement and the legacy-encoding detector share.
#include "pipeline/text/options.hpp"

#include <cstdint>
#include <unicode/unistr.h>

namespace tdkt::text::detail {

enum class Quality : std::uint8_t { None, Circumflex, Breve, Horn };
enum class Tone : std::uint8_t { None, Grave, Acute, Tilde, Hook, DotBelow };

// What a precomposed (NFC) Vietnamese letter is made of. base == 0: not a letter of the
// Vietnamese alphabet ("ü", "ñ", "ç", a digit, a CJK character...). "đ" has base 'd' and dStroke.
struct Letter {
    char base = 0; // lower-case ASCII letter
    Quality quality = Quality::None;
    Tone tone = Tone::None;
    bool upper = false;
    bool dStroke = false;
};

// One table lookup; code points past the Latin Extended Additional block are never letters.
Letter letterOf(UChar32 c);
// The table behind letterOf, for loops that look up every character: entries 0 ..
// kLetterTableEnd-1.
constexpr UChar32 kLetterTableEnd = 0x1F00;
const Letter* letterTable();
// The precomposed letter (NFC) for a decomposition; -1 when Vietnamese has no such letter.
UChar32 composeLetter(const Letter& l);

bool isVowel(char base);

// A parsed syllable: index ranges are in code points of the word it was parsed from.
struct Syllable {
    bool valid = false;
    int initialLength = 0; // "ngh", "gi", "qu", "đ", ... or 0
    int nucleusStart = 0;  // the vowel cluster (with the glides), e.g. "oa" in "hoa"
    int nucleusLength = 0;
    int finalLength = 0; // "", "c", "ch", "m", "n", "ng", "nh", "p", "t"
    int toneIndex = -1;  // the letter carrying the tone, -1 when none
    Tone tone = Tone::None;
};

// Parses one word (letters only, NFC, at most 8 letters: the longest Vietnamese syllable is
// "nghiêng"). valid == false for anything Vietnamese spelling does not allow: a foreign letter,
// an unknown initial or final, a vowel cluster Vietnamese does not have, two tones, a tone off the
// vowels, a stop final (c, ch, p, t) with a tone other than sắc or nặng.
Syllable parseSyllable(const Letter* letters, int count);

// For a valid open syllable whose vowel cluster is exactly "oa", "oe" or "uy" and that carries a
// tone: the index of the letter that should carry it in `style`. -1 when placement does not
// apply (closed syllable, another cluster, no tone, "qu" + y, ...).
int wantedToneIndex(const Syllable& s, const Letter* letters, ToneStyle style);

// Moves the tone of every "oa", "oe", "uy" open syllable of NFC text to where `style` puts it,
// keeping each letter's case ("UỶ BAN" → "ỦY BAN"). Words that are not Vietnamese syllables are
// left alone. Returns whether anything moved.
bool placeTones(icu::UnicodeString& s, ToneStyle style);

} // namespace tdkt::text::detail
