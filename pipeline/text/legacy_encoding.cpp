// Legacy Vietnamese encodings as tables, and the evidence rule that decides when to use them.
#include "pipeline/text/legacy_encoding.hpp"

#include "pipeline/text/syllable.hpp"
#include "pipeline/text/unicode_text.hpp"

#include <algorithm>
#include <array>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <vector>

namespace tdkt::text::detail {

namespace {

// --- Tables: the upper half (bytes 0x80-0xFF) of each single-byte encoding ---------------------
// Generated at development time with Debian bookworm's glibc iconv, one byte at a time:
//   printf "\xNN" | iconv -f <ENCODING> -t UTF-16LE
// 0 marks a byte the encoding leaves undefined.
//
// TCVN 5712:1993 (iconv "TCVN5712-1"), code table VN1. TCVN3 / ABC, the encoding of the .VnTime
// fonts, is its VN3 subset: ASCII plus 0xA1-0xFF (lower-case letters with tones, the seven
// upper-case letters without tone at 0xA1-0xA7, combining tones at 0xB0-0xB4; "ư" is 0xAD, which
// arrives as U+00AD SOFT HYPHEN). The VN1 upper-case letters at 0x80-0x9F are used only for bytes
// that arrived as C1 controls (Latin-1 reading): read as cp1252 those bytes are ordinary
// punctuation (“ ” – …), which the ABC fonts also show as such.
const char16_t kTcvn5712High[128] = {
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, // 0x80
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128, // 0x88
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, // 0x90
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168, // 0x98
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, // 0xA0
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, // 0xA8
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, // 0xB0
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, // 0xB8
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, // 0xC0
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, // 0xC8
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, // 0xD0
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, // 0xD8
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, // 0xE0
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, // 0xE8
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, // 0xF0
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, // 0xF8
};
// Windows-1258 (iconv "CP1258"): Vietnamese base letters ă â ê ô ơ ư đ and combining tones
// (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook, 0xF2 dot below); the rest is cp1252.
const char16_t kCp1258High[128] = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 0x80
    0x02C6, 0x2030, 0x0000, 0x2039, 0x0152, 0x0000, 0x0000, 0x0000, // 0x88
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 0x90
    0x02DC, 0x2122, 0x0000, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178, // 0x98
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, // 0xA0
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, // 0xA8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, // 0xB0
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, // 0xB8
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, // 0xC0
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, // 0xC8
    0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, // 0xD0
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, // 0xD8
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, // 0xE0
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF, // 0xE8
    0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, // 0xF0
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF, // 0xF8
};
// Windows-1252 (iconv "CP1252"): how a legacy byte looks after a cp1252 reading; used backwards,
// to recover the byte from the character.
const char16_t kCp1252High[128] = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000, // 0x88
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178, // 0x98
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, // 0xA0
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, // 0xA8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, // 0xB0
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, // 0xB8
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, // 0xC0
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, // 0xC8
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, // 0xD0
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, // 0xD8
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, // 0xE0
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, // 0xE8
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, // 0xF0
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF, // 0xF8
};

// VNI-Windows (the VNI-Times fonts), from the VNI Software font encoding as published with the
// Vietnamese keyboard drivers (e.g. the VNI table of xvnkb and of Unikey's charset converter).
// Unlike TCVN3 it is a base-plus-mark encoding: the ASCII vowel is typed, then one byte carrying
// the tone, the circumflex or breve, or both ("Nguyeãn" = "Nguye" + 0xE3 = circumflex + tilde).
// Nine letters have a byte of their own: Đ Ơ Ư and the i/y forms Í Ì Ỉ Ĩ Ị Ỵ. Upper-case bytes
// are 0xC0-0xDC; each lower-case byte is the upper-case one + 0x20.
struct VniByte {
    char16_t letter = 0;     // a letter of its own, or 0
    char16_t marks[2] = {0}; // combining marks for the preceding vowel, in NFD order
};

std::array<VniByte, 128> buildVni() {
    std::array<VniByte, 128> t{};
    struct Mark {
        unsigned char byte;
        char16_t first, second;
    };
    // Upper-case bytes; the tone bytes alone, then circumflex + tone, then breve + tone.
    const Mark marks[] = {
        {0xD9, 0x0301, 0},      {0xD8, 0x0300, 0},      {0xDB, 0x0309, 0},
        {0xD5, 0x0303, 0},      {0xCF, 0x0323, 0},      {0xC2, 0x0302, 0},
        {0xC1, 0x0302, 0x0301}, {0xC0, 0x0302, 0x0300}, {0xC5, 0x0302, 0x0309},
        {0xC3, 0x0302, 0x0303}, {0xC4, 0x0302, 0x0323}, {0xCA, 0x0306, 0},
        {0xC9, 0x0306, 0x0301}, {0xC8, 0x0306, 0x0300}, {0xDA, 0x0306, 0x0309},
        {0xDC, 0x0306, 0x0303}, {0xCB, 0x0306, 0x0323},
    };
    for (const Mark& m : marks) {
        for (unsigned char b : {m.byte, static_cast<unsigned char>(m.byte + 0x20)}) {
            t[b - 0x80].marks[0] = m.first;
            t[b - 0x80].marks[1] = m.second;
        }
    }
    const std::pair<unsigned char, char16_t> letters[] = {
        {0xD1, u'Đ'}, {0xD4, u'Ơ'}, {0xD6, u'Ư'}, {0xCD, u'Í'}, {0xCC, u'Ì'},
        {0xC6, u'Ỉ'}, {0xD3, u'Ĩ'}, {0xD2, u'Ị'}, {0xCE, u'Ỵ'},
    };
    for (const auto& [byte, upperLetter] : letters) {
        t[byte - 0x80].letter = upperLetter;
        t[byte + 0x20 - 0x80].letter = static_cast<char16_t>(u_tolower(upperLetter));
    }
    return t;
}

const std::array<VniByte, 128>& vniTable() {
    static const std::array<VniByte, 128> t = buildVni();
    return t;
}

enum class Encoding { Tcvn3, Vni, Cp1258 };

// The byte a legacy-encoded character became after a Latin-1 or cp1252 reading; -1 when `c`
// cannot have come from one byte. `viaC1` tells a C1 control (Latin-1 reading) from cp1252's
// punctuation.
int legacyByte(UChar32 c, bool& viaC1) {
    viaC1 = c >= 0x80 && c < 0xA0;
    if (c < 0x100) {
        return c;
    }
    for (int i = 0; i < 0x20; ++i) {
        if (kCp1252High[i] != 0 && kCp1252High[i] == c) {
            return 0x80 + i;
        }
    }
    return -1;
}

bool isAsciiAlnum(UChar32 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isAsciiLetter(UChar32 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A character of a word of the mojibake: ASCII letters and digits, and every Latin-1 character
// except white space (TCVN3 letters arrive as "·", "§", "¸", "­"...).
bool isRawWordChar(UChar32 c) {
    if (c < 0x80) {
        return isAsciiAlnum(c);
    }
    bool viaC1 = false;
    return !u_isUWhiteSpace(c) && c < 0x100 && legacyByte(c, viaC1) >= 0;
}

// A character of a word of decoded (or ordinary Unicode) text.
bool isWordChar(UChar32 c) {
    if (c < 0x80) {
        return isAsciiAlnum(c);
    }
    return !u_isUWhiteSpace(c) && !u_ispunct(c);
}

bool isSyllable(const icu::UnicodeString& word) {
    Letter letters[8];
    int n = 0;
    for (int32_t i = 0; i < word.length();) {
        const UChar32 c = word.char32At(i);
        i += U16_LENGTH(c);
        if (n == 8) {
            return false;
        }
        letters[n] = letterOf(c);
        if (letters[n].base == 0) {
            return false;
        }
        ++n;
    }
    return parseSyllable(letters, n).valid;
}

// Calls f(word, nonAscii) for each word of `s` (callers pass NFC text). Invisible format
// characters are left out of the words, so that the verdict does not change once removeInvisible
// has run.
template <class IsWordChar, class F>
void forWords(const icu::UnicodeString& s, IsWordChar isWord, F f) {
    for (int32_t i = 0; i < s.length();) {
        if (!isWord(s.char32At(i))) {
            i += U16_LENGTH(s.char32At(i));
            continue;
        }
        icu::UnicodeString word;
        bool nonAscii = false;
        while (i < s.length() && isWord(s.char32At(i))) {
            const UChar32 c = s.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) != U_FORMAT_CHAR) {
                nonAscii = nonAscii || c >= 0x80;
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            f(word, nonAscii);
        }
    }
}

// Decodes the whole field as if its characters were the bytes of `encoding`; false when some
// character cannot be a legacy byte (a real "ư", "ễ", a CJK character: not mojibake).
bool decodeBytes(const icu::UnicodeString& s, Encoding encoding, icu::UnicodeString& out) {
    out.remove();
    int32_t wordStart = 0; // in `out`
    int wordLower = 0;     // ASCII lower-case letters in the current raw word
    int wordUpper = 0;
    bool fieldHasLower = false;
    for (int32_t i = 0; i < s.length() && !fieldHasLower; ++i) {
        fieldHasLower = s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }
    auto endWord = [&] {
        // The ABC fonts have no upper-case letters with tones: headings were typed in the
        // .VnTimeH font with the lower-case codes. A word typed in ASCII capitals around such a
        // code ("NGUYÔN") is upper case; "Hµ" (Hà) is not, unless the whole field is capitals.
        const bool capitals =
            wordLower == 0 && (wordUpper >= 2 || (wordUpper == 1 && !fieldHasLower));
        if (encoding == Encoding::Tcvn3 && capitals) {
            icu::UnicodeString word(out, wordStart);
            out.truncate(wordStart);
            out.append(word.toUpper(icu::Locale("vi")));
        }
        wordLower = wordUpper = 0;
        wordStart = out.length();
    };
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (!isRawWordChar(c)) {
            endWord();
        }
        if (c < 0x80) {
            wordLower += c >= 'a' && c <= 'z';
            wordUpper += c >= 'A' && c <= 'Z';
            out.append(c);
            if (!isRawWordChar(c)) {
                wordStart = out.length();
            }
            continue;
        }
        bool viaC1 = false;
        const int byte = legacyByte(c, viaC1);
        if (byte < 0) {
            if (u_isalpha(c)) {
                return false;
            }
            out.append(c); // punctuation or a symbol outside the legacy range: kept
            wordStart = out.length();
            continue;
        }
        const int high = byte - 0x80;
        switch (encoding) {
        case Encoding::Tcvn3:
            out.append(byte >= 0xA0 || viaC1 ? static_cast<UChar32>(kTcvn5712High[high]) : c);
            break;
        case Encoding::Cp1258: {
            const char16_t u = kCp1258High[high];
            out.append(byte >= 0xA0 && u != 0 ? static_cast<UChar32>(u) : c);
            break;
        }
        case Encoding::Vni: {
            const VniByte& v = vniTable()[static_cast<std::size_t>(high)];
            if (v.letter != 0) {
                out.append(static_cast<UChar>(v.letter));
            } else if (v.marks[0] != 0) {
                out.append(static_cast<UChar>(v.marks[0]));
                if (v.marks[1] != 0) {
                    out.append(static_cast<UChar>(v.marks[1]));
                }
            } else {
                out.append(c);
            }
            break;
        }
        }
    }
    endWord();
    UErrorCode status = U_ZERO_ERROR;
    out = nfc().normalize(out, status);
    return U_SUCCESS(status);
}

// Strong evidence for a single-byte encoding (with rawIsBroken): every non-ASCII word of the
// decoding is a Vietnamese syllable, and either there are two such words, or there is one and
// every other word is a Vietnamese syllable too. One lone word is not enough: "µm" would read as
// TCVN3 "àm".
bool decodingIsVietnamese(const icu::UnicodeString& decoded) {
    int nonAsciiWords = 0;
    int words = 0;
    bool nonAsciiValid = true;
    bool allValid = true;
    bool longWord = false; // one-letter words alone ("ũ ố ã") prove nothing
    forWords(decoded, isWordChar, [&](const icu::UnicodeString& w, bool nonAscii) {
        const bool valid = isSyllable(w);
        ++words;
        allValid = allValid && valid;
        if (nonAscii) {
            ++nonAsciiWords;
            nonAsciiValid = nonAsciiValid && valid;
            longWord = longWord || w.countChar32() >= 2;
        }
    });
    return nonAsciiValid && longWord &&
           (nonAsciiWords >= 2 || (nonAsciiWords == 1 && words >= 2 && allValid));
}

// Some non-ASCII word of the field is not a Vietnamese syllable as it stands.
bool rawIsBroken(const icu::UnicodeString& s) {
    bool broken = false;
    forWords(s, isRawWordChar, [&](const icu::UnicodeString& w, bool nonAscii) {
        broken = broken || (nonAscii && !isSyllable(w));
    });
    return broken;
}

// --- VIQR (RFC 1456, "Vietnamese Quoted-Readable") ---------------------------------------------
// Marks follow the vowel: ( breve, ^ circumflex, + horn; ' acute, ` grave, ? hook above, ~ tilde,
// . dot below; "dd"/"DD" is đ/Đ; a backslash makes the next mark literal.

bool isViqrMark(UChar c) {
    switch (c) {
    case '(':
    case '^':
    case '+':
    case '\'':
    case '`':
    case '?':
    case '~':
    case '.':
        return true;
    default:
        return false;
    }
}

bool isAsciiVowel(UChar c) {
    switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
        return true;
    default:
        return false;
    }
}

Quality viqrQuality(UChar m, char base) {
    if (m == '(' && base == 'a') {
        return Quality::Breve;
    }
    if (m == '^' && (base == 'a' || base == 'e' || base == 'o')) {
        return Quality::Circumflex;
    }
    if (m == '+' && (base == 'o' || base == 'u')) {
        return Quality::Horn;
    }
    return Quality::None;
}

Tone viqrTone(UChar m) {
    switch (m) {
    case '\'':
        return Tone::Acute;
    case '`':
        return Tone::Grave;
    case '?':
        return Tone::Hook;
    case '~':
        return Tone::Tilde;
    case '.':
        return Tone::DotBelow;
    default:
        return Tone::None;
    }
}

enum class Evidence : std::uint8_t { None, Weak, Internal, Strong };

// Decodes an ASCII field as VIQR; `evidence` gets one entry per output character. With
// `finalMarks` false, a word-final "." or "?" is a tone only between words; with true (a field
// already judged VIQR) it is a tone wherever it follows a vowel, as RFC 1456 reads it.
void decodeViqr(const icu::UnicodeString& s, bool finalMarks, icu::UnicodeString& out,
                std::vector<Evidence>& evidence) {
    const int32_t n = s.length();
    auto put = [&](UChar32 c, Evidence e) {
        out.append(c);
        evidence.push_back(e);
    };
    for (int32_t i = 0; i < n;) {
        const UChar c = s.charAt(i);
        if (c == '\\' && i + 1 < n && isViqrMark(s.charAt(i + 1))) {
            put(s.charAt(i + 1), Evidence::None);
            i += 2;
            continue;
        }
        const bool wordStart = i == 0 || !isAsciiLetter(s.charAt(i - 1));
        if ((c | 0x20) == 'd' && wordStart && i + 1 < n && (s.charAt(i + 1) | 0x20) == 'd') {
            put(c == 'D' ? 0x0110 : 0x0111, Evidence::Weak);
            i += 2;
            continue;
        }
        if (!isAsciiVowel(c)) {
            put(c, Evidence::None);
            ++i;
            continue;
        }
        Letter l;
        l.base = static_cast<char>(c | 0x20);
        l.upper = c < 'a';
        int32_t j = i + 1;
        for (int k = 0; k < 2 && j < n; ++k) {
            const UChar m = s.charAt(j);
            const Quality q = viqrQuality(m, l.base);
            if (l.quality == Quality::None && q != Quality::None) {
                l.quality = q;
            } else if (l.tone == Tone::None && viqrTone(m) != Tone::None) {
                l.tone = viqrTone(m);
            } else {
                break;
            }
            ++j;
        }
        const bool internal = j < n && isAsciiLetter(s.charAt(j));
        const UChar last = s.charAt(j - 1);
        if (!finalMarks && j > i + 1 && !internal && (last == '.' || last == '?') &&
            viqrTone(last) == l.tone) {
            // A word-final "." or "?" is punctuation at the end of a sentence or of the field;
            // only between words ("Thi. Hoa", "Thu? tu+o+'ng") is it a tone.
            int32_t k = j;
            while (k < n && u_isUWhiteSpace(s.charAt(k))) {
                ++k;
            }
            const bool midSentence = k > j && k < n && isAsciiLetter(s.charAt(k));
            if (!midSentence) {
                l.tone = Tone::None;
                --j;
            }
        }
        const UChar32 composed = j > i + 1 ? composeLetter(l) : -1;
        if (composed < 0) {
            put(c, Evidence::None);
            ++i;
            continue;
        }
        // A quality mark, or a grave or tilde inside a word, hardly occurs outside VIQR; an
        // apostrophe, "." or "?" inside a word does ("O'Neil", "a.m.").
        const bool rareTone = l.tone == Tone::Grave || l.tone == Tone::Tilde;
        put(composed, l.quality != Quality::None || (internal && rareTone) ? Evidence::Strong
                      : internal                                           ? Evidence::Internal
                                                                           : Evidence::Weak);
        i = j;
    }
}

// Whether every word a VIQR mark was applied to is a Vietnamese syllable; counts the evidence.
bool viqrWordsValid(const icu::UnicodeString& out, const std::vector<Evidence>& evidence,
                    int& marked, int& internal, bool& quality) {
    marked = 0;
    internal = 0;
    quality = false;
    for (int32_t i = 0; i < out.length();) {
        if (!u_isalpha(out.charAt(i))) {
            ++i;
            continue;
        }
        const int32_t start = i;
        Evidence best = Evidence::None;
        while (i < out.length() && u_isalpha(out.charAt(i))) {
            best = std::max(best, evidence[static_cast<std::size_t>(i)]);
            ++i;
        }
        if (best == Evidence::None) {
            continue;
        }
        if (!isSyllable(icu::UnicodeString(out, start, i - start))) {
            return false;
        }
        ++marked;
        internal += best >= Evidence::Internal;
        quality = quality || best == Evidence::Strong;
    }
    return true;
}

// Strong evidence for VIQR: every word a mark was applied to is a Vietnamese syllable, and there
// is a vowel-quality mark (^ ( +), a grave or tilde inside a word, or at least two words with a
// tone mark inside the word. Addresses are never VIQR. Once the field is judged VIQR, word-final
// marks are read as RFC 1456 does ("nhie^.m vu." → "nhiệm vụ") if that keeps every word valid.
bool repairViqr(icu::UnicodeString& s) {
    if (s.indexOf(u'@') >= 0 || s.indexOf(icu::UnicodeString(u"://")) >= 0) {
        return false;
    }
    icu::UnicodeString out;
    std::vector<Evidence> evidence;
    decodeViqr(s, false, out, evidence);
    int marked = 0;
    int internal = 0;
    bool quality = false;
    if (!viqrWordsValid(out, evidence, marked, internal, quality) || marked == 0 ||
        !(quality || internal >= 2)) {
        return false;
    }
    icu::UnicodeString full;
    std::vector<Evidence> fullEvidence;
    decodeViqr(s, true, full, fullEvidence);
    if (viqrWordsValid(full, fullEvidence, marked, internal, quality)) {
        out = std::move(full);
    }
    s = std::move(out);
    return true;
}

// ASCII once collapseWhitespace has made every space an ASCII one: VIQR is a 7-bit encoding.
bool isAsciiText(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); ++i) {
        if (s.charAt(i) >= 0x80 && !u_isUWhiteSpace(s.charAt(i))) {
            return false;
        }
    }
    return true;
}

// Every character could be a byte of a single-byte legacy encoding (or is no letter at all), and
// some is not ASCII.
bool singleByteShape(const icu::UnicodeString& s) {
    bool nonAscii = false;
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        bool viaC1 = false;
        if (c >= 0x80) {
            nonAscii = true;
            if (legacyByte(c, viaC1) < 0 && u_isalpha(c)) {
                return false;
            }
        }
    }
    return nonAscii;
}

// Tries TCVN3, VNI and Windows-1258 on `text`; on strong evidence for exactly one reading
// replaces `text` with it (NFC) and returns the reason.
const char* decodeSingleByte(icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    text = nfc().normalize(text, status);
    if (U_FAILURE(status) || !rawIsBroken(text)) {
        return nullptr; // "Tô Hoài", "Lê Tâm": already Vietnamese in Unicode
    }
    struct Candidate {
        Encoding encoding;
        const char* reason;
    };
    static const Candidate candidates[] = {
        {Encoding::Tcvn3, "chuyển mã TCVN3 (ABC) → Unicode"},
        {Encoding::Vni, "chuyển mã VNI-Windows → Unicode"},
        {Encoding::Cp1258, "chuyển mã Windows-1258 → Unicode"},
    };
    const char* chosen = nullptr;
    icu::UnicodeString result;
    for (const Candidate& c : candidates) {
        icu::UnicodeString decoded;
        if (!decodeBytes(text, c.encoding, decoded) || !decodingIsVietnamese(decoded)) {
            continue;
        }
        // The reading must be final: one that could itself be read again as mojibake (only
        // Latin-1 letters, a word still not Vietnamese) is no evidence.
        if (singleByteShape(decoded) && rawIsBroken(decoded)) {
            continue;
        }
        if (chosen != nullptr && decoded != result) {
            return nullptr; // two encodings read the field as different Vietnamese: no evidence
        }
        if (chosen == nullptr) {
            chosen = c.reason;
            result = std::move(decoded);
        }
    }
    if (chosen != nullptr) {
        text = std::move(result);
    }
    return chosen;
}

} // namespace

bool looksLikeMojibake(const icu::UnicodeString& s) {
    return singleByteShape(s) && rawIsBroken(s);
}

bool isLegacyByteChar(UChar32 c) {
    bool viaC1 = false;
    return c >= 0x80 && legacyByte(c, viaC1) >= 0;
}

bool isViqrTrigger(const char* text, int length, int at) {
    if (at == 0 || !isAsciiVowel(static_cast<UChar>(text[at - 1]))) {
        return false;
    }
    const char m = text[at];
    if (m == '(' || m == '^' || m == '+') {
        return true;
    }
    if (viqrTone(static_cast<UChar>(m)) == Tone::None || at + 1 >= length) {
        return false;
    }
    const char next = text[at + 1];
    return isAsciiLetter(static_cast<unsigned char>(next)) ||
           isViqrMark(static_cast<UChar>(static_cast<unsigned char>(next)));
}

const char* repairLegacyEncoding(icu::UnicodeString& s) {
    // Judged and decoded as the later steps will leave the text (invisible characters removed,
    // NFC, fullwidth ASCII folded), so that a second normalize() comes to the same verdict.
    // Mojibake holds no combining marks and no fullwidth forms, so this changes no legacy byte.
    // Soft hyphens and C1 controls are legacy bytes (TCVN3 "ư", VN1 capitals): the field is
    // judged with them first, then, as the later steps would leave it, without them.
    icu::UnicodeString withBytes;
    icu::UnicodeString without;
    bool droppedBytes = false;
    for (int32_t i = 0; i < s.length();) {
        UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        if (c >= 0xFF01 && c <= 0xFF5E) {
            c -= 0xFEE0;
        }
        const bool legacyInvisible = c == 0x00AD || (c >= 0x80 && c < 0xA0);
        if (!isInvisible(c)) {
            without.append(c);
        }
        if (!isInvisible(c) || legacyInvisible) {
            withBytes.append(c);
        }
        droppedBytes = droppedBytes || (isInvisible(c) && legacyInvisible);
    }
    if (isAsciiText(without)) {
        if (!repairViqr(without)) {
            return nullptr;
        }
        s = std::move(without);
        return "chuyển mã VIQR → Unicode";
    }
    const char* reason = decodeSingleByte(withBytes);
    if (reason == nullptr && droppedBytes) {
        withBytes = without;
        reason = decodeSingleByte(withBytes);
    }
    if (reason != nullptr) {
        s = std::move(withBytes);
    }
    return reason;
}

} // namespace tdkt::text::detail
