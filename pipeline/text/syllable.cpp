// The Vietnamese syllable: initial consonant, vowel cluster (glide + nucleus + off-glide), final
// consonant, one tone. Hand-written because no library parses Vietnamese syllables; the letter
// table itself comes from ICU's canonical decompositions.
#include "pipeline/text/syllable.hpp"

#include "pipeline/text/unicode_text.hpp"

#include <array>
#include <cstring>
#include <string>
#include <unicode/uchar.h>
#include <unordered_map>

namespace tdkt::text::detail {

namespace {

// Every Vietnamese letter is below U+1F00 (ASCII, Latin-1, Latin Extended-A/B, Latin Extended
// Additional up to U+1EF9).
constexpr UChar32 kTableEnd = kLetterTableEnd;

bool vietnameseQuality(char base, Quality q) {
    switch (q) {
    case Quality::None:
        return true;
    case Quality::Circumflex:
        return base == 'a' || base == 'e' || base == 'o';
    case Quality::Breve:
        return base == 'a';
    case Quality::Horn:
        return base == 'o' || base == 'u';
    }
    return false;
}

std::uint32_t packKey(const Letter& l) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(l.base)) |
           static_cast<std::uint32_t>(l.quality) << 8 | static_cast<std::uint32_t>(l.tone) << 12 |
           static_cast<std::uint32_t>(l.upper) << 16 | static_cast<std::uint32_t>(l.dStroke) << 17;
}

struct Tables {
    std::array<Letter, kTableEnd> letters{};
    std::unordered_map<std::uint32_t, UChar32> composed;

    Tables() {
        for (UChar32 c = 0; c < kTableEnd; ++c) {
            Letter l = decompose(c);
            if (l.base != 0) {
                letters[static_cast<std::size_t>(c)] = l;
                composed.emplace(packKey(l), c);
            }
        }
    }

    static Letter decompose(UChar32 c) {
        Letter l;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            l.upper = c <= 'Z';
            l.base = static_cast<char>(l.upper ? c - 'A' + 'a' : c);
            return l;
        }
        if (c == 0x0110 || c == 0x0111) { // Đ đ: no decomposition, the stroke is part of it
            l.base = 'd';
            l.upper = c == 0x0110;
            l.dStroke = true;
            return l;
        }
        icu::UnicodeString parts;
        if (c < 0x80 || !nfd().getDecomposition(c, parts) || parts.isEmpty()) {
            return Letter{};
        }
        const UChar first = parts.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return Letter{};
        }
        l.upper = first <= 'Z';
        l.base = static_cast<char>(l.upper ? first - 'A' + 'a' : first);
        for (int32_t i = 1; i < parts.length(); ++i) {
            Quality q = Quality::None;
            Tone t = Tone::None;
            switch (parts.charAt(i)) {
            case 0x0302:
                q = Quality::Circumflex;
                break;
            case 0x0306:
                q = Quality::Breve;
                break;
            case 0x031B:
                q = Quality::Horn;
                break;
            case 0x0300:
                t = Tone::Grave;
                break;
            case 0x0301:
                t = Tone::Acute;
                break;
            case 0x0303:
                t = Tone::Tilde;
                break;
            case 0x0309:
                t = Tone::Hook;
                break;
            case 0x0323:
                t = Tone::DotBelow;
                break;
            default:
                return Letter{}; // a mark Vietnamese does not use: "ü", "ñ", "ç", "å"
            }
            if (q != Quality::None) {
                if (l.quality != Quality::None || !vietnameseQuality(l.base, q)) {
                    return Letter{};
                }
                l.quality = q;
            } else {
                if (l.tone != Tone::None || !isVowel(l.base)) {
                    return Letter{};
                }
                l.tone = t;
            }
        }
        return l;
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

// The untoned lower-case spelling of letters [from, from + n), as UTF-16 for comparison with
// literals: "ươ", "uyê".
std::u16string spell(const Letter* letters, int from, int n) {
    std::u16string s;
    for (int i = from; i < from + n; ++i) {
        Letter l = letters[i];
        l.tone = Tone::None;
        l.upper = false;
        s.push_back(static_cast<char16_t>(composeLetter(l)));
    }
    return s;
}

// Vowel clusters: whether they take a final consonant, and which of their letters may carry the
// tone (bit i: letter i), from Vietnamese orthography. The open-only ones end in an off-glide
// (i/y, o/u) or are the diphthongs written "ia", "ua", "ưa", and carry the tone on the main
// vowel; the closed-only ones are "ă", "â" and the diphthongs written "iê", "yê", "uô", "ươ"
// before a final, with the tone on their second letter. "oa", "oe", "uy" take it on either
// letter: that is the classic/new convention placeTones settles.
enum class FinalRule { Forbidden, Required, Optional, Invalid };

struct Cluster {
    const char16_t* spelling;
    FinalRule rule;
    unsigned toneMask;
};

constexpr Cluster kClusters[] = {
    {u"a", FinalRule::Optional, 1},    {u"e", FinalRule::Optional, 1},
    {u"ê", FinalRule::Optional, 1},    {u"i", FinalRule::Optional, 1},
    {u"o", FinalRule::Optional, 1},    {u"ô", FinalRule::Optional, 1},
    {u"ơ", FinalRule::Optional, 1},    {u"u", FinalRule::Optional, 1},
    {u"ư", FinalRule::Optional, 1},    {u"y", FinalRule::Optional, 1},
    {u"oa", FinalRule::Optional, 3},   {u"oe", FinalRule::Optional, 3},
    {u"uy", FinalRule::Optional, 3},   {u"uê", FinalRule::Optional, 2},
    {u"ă", FinalRule::Required, 1},    {u"â", FinalRule::Required, 1},
    {u"iê", FinalRule::Required, 2},   {u"yê", FinalRule::Required, 2},
    {u"uô", FinalRule::Required, 2},   {u"ươ", FinalRule::Required, 2},
    {u"uyê", FinalRule::Required, 4},  {u"oă", FinalRule::Required, 2},
    {u"uâ", FinalRule::Required, 2},   {u"oo", FinalRule::Required, 2},
    {u"ai", FinalRule::Forbidden, 1},  {u"ao", FinalRule::Forbidden, 1},
    {u"au", FinalRule::Forbidden, 1},  {u"ay", FinalRule::Forbidden, 1},
    {u"âu", FinalRule::Forbidden, 1},  {u"ây", FinalRule::Forbidden, 1},
    {u"eo", FinalRule::Forbidden, 1},  {u"êu", FinalRule::Forbidden, 1},
    {u"ia", FinalRule::Forbidden, 1},  {u"iu", FinalRule::Forbidden, 1},
    {u"oi", FinalRule::Forbidden, 1},  {u"ôi", FinalRule::Forbidden, 1},
    {u"ơi", FinalRule::Forbidden, 1},  {u"ua", FinalRule::Forbidden, 1},
    {u"ui", FinalRule::Forbidden, 1},  {u"ưa", FinalRule::Forbidden, 1},
    {u"ưi", FinalRule::Forbidden, 1},  {u"ưu", FinalRule::Forbidden, 1},
    {u"uơ", FinalRule::Forbidden, 2},  {u"iêu", FinalRule::Forbidden, 2},
    {u"yêu", FinalRule::Forbidden, 2}, {u"oai", FinalRule::Forbidden, 2},
    {u"oay", FinalRule::Forbidden, 2}, {u"oeo", FinalRule::Forbidden, 2},
    {u"uây", FinalRule::Forbidden, 2}, {u"uôi", FinalRule::Forbidden, 2},
    {u"uya", FinalRule::Forbidden, 2}, {u"uyu", FinalRule::Forbidden, 2},
    {u"ươi", FinalRule::Forbidden, 2}, {u"ươu", FinalRule::Forbidden, 2},
};

const Cluster* findCluster(const std::u16string& v) {
    for (const Cluster& c : kClusters) {
        if (v == c.spelling) {
            return &c;
        }
    }
    return nullptr;
}

// Longest initial consonant first.
constexpr const char* kInitials[] = {"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu",
                                     "th",  "tr", "b",  "c",  "d",  "g",  "h",  "k",  "l",
                                     "m",   "n",  "p",  "r",  "s",  "t",  "v",  "x"};
constexpr const char* kFinals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

bool plainAt(const Letter* letters, int count, int at, const char* spelling) {
    const int n = static_cast<int>(std::strlen(spelling));
    if (at + n > count) {
        return false;
    }
    for (int i = 0; i < n; ++i) {
        const Letter& l = letters[at + i];
        if (l.base != spelling[i] || l.quality != Quality::None || l.dStroke) {
            return false;
        }
    }
    return true;
}

} // namespace

Letter letterOf(UChar32 c) {
    if (c < 0 || c >= kTableEnd) {
        return Letter{};
    }
    return tables().letters[static_cast<std::size_t>(c)];
}

const Letter* letterTable() {
    return tables().letters.data();
}

UChar32 composeLetter(const Letter& l) {
    const auto& map = tables().composed;
    auto it = map.find(packKey(l));
    return it == map.end() ? -1 : it->second;
}

bool isVowel(char base) {
    return base == 'a' || base == 'e' || base == 'i' || base == 'o' || base == 'u' || base == 'y';
}

Syllable parseSyllable(const Letter* letters, int count) {
    Syllable s;
    if (count <= 0 || count > 8) {
        return s;
    }
    for (int i = 0; i < count; ++i) {
        if (letters[i].base == 0) {
            return s;
        }
        if (letters[i].tone != Tone::None) {
            if (s.toneIndex >= 0) {
                return s; // two tones
            }
            s.toneIndex = i;
            s.tone = letters[i].tone;
        }
    }
    // Initial consonant.
    int at = 0;
    if (letters[0].dStroke) {
        at = 1;
    } else if (!isVowel(letters[0].base) || plainAt(letters, count, 0, "gi") ||
               plainAt(letters, count, 0, "qu")) {
        for (const char* initial : kInitials) {
            if (!plainAt(letters, count, 0, initial)) {
                continue;
            }
            const int n = static_cast<int>(std::strlen(initial));
            const bool glideInitial =
                std::strcmp(initial, "gi") == 0 || std::strcmp(initial, "qu") == 0;
            // "gi" and "qu" are initials only before another vowel: "gìn" is g + "in", "giữ"
            // is gi + "ư". The i of "gi" carries no tone when it is part of the initial.
            if (glideInitial &&
                (n >= count || !isVowel(letters[n].base) || letters[n - 1].tone != Tone::None)) {
                if (initial[0] == 'q') {
                    return s; // q is always followed by u and a vowel
                }
                continue;
            }
            at = n;
            break;
        }
        if (at == 0) {
            return s; // "f", "j", "w", "z", "q" alone, ...
        }
    }
    // Vowel cluster.
    s.initialLength = at;
    s.nucleusStart = at;
    while (at < count && isVowel(letters[at].base)) {
        ++at;
    }
    s.nucleusLength = at - s.nucleusStart;
    if (s.nucleusLength == 0) {
        return s;
    }
    // Final consonant.
    s.finalLength = count - at;
    bool finalOk = false;
    for (const char* final : kFinals) {
        if (static_cast<int>(std::strlen(final)) == s.finalLength &&
            plainAt(letters, count, at, final)) {
            finalOk = true;
            break;
        }
    }
    if (!finalOk) {
        return s;
    }
    const std::u16string cluster = spell(letters, s.nucleusStart, s.nucleusLength);
    const Cluster* known = findCluster(cluster);
    if (known == nullptr) {
        return s;
    }
    if (s.toneIndex >= s.nucleusStart && s.toneIndex < s.nucleusStart + s.nucleusLength &&
        (known->toneMask >> (s.toneIndex - s.nucleusStart) & 1u) == 0) {
        return s; // "thiũ", "hòai": the tone is not on a letter that can carry it
    }
    switch (known->rule) {
    case FinalRule::Invalid:
        return s;
    case FinalRule::Forbidden:
        if (s.finalLength > 0) {
            return s;
        }
        break;
    case FinalRule::Required:
        if (s.finalLength == 0) {
            return s;
        }
        break;
    case FinalRule::Optional:
        break;
    }
    if (s.finalLength == 2 && letters[at + 1].base == 'h') {
        // "ch" and "nh" follow only a front vowel or "a": "anh", "ếch", "inh", "uynh", "oach".
        const char16_t last = cluster.back();
        if (last != u'a' && last != u'ê' && last != u'i' && last != u'y') {
            return s;
        }
    }
    if (s.toneIndex >= 0 &&
        (s.toneIndex < s.nucleusStart || s.toneIndex >= s.nucleusStart + s.nucleusLength)) {
        return s;
    }
    const char lastFinal = s.finalLength > 0 ? letters[count - 1].base : 0;
    const bool stopFinal = lastFinal == 'c' || lastFinal == 'p' || lastFinal == 't' ||
                           (s.finalLength == 2 && letters[at].base == 'c');
    if (stopFinal && s.tone != Tone::None && s.tone != Tone::Acute && s.tone != Tone::DotBelow) {
        return s; // a stop final only takes sắc or nặng
    }
    s.valid = true;
    return s;
}

int wantedToneIndex(const Syllable& s, const Letter* letters, ToneStyle style) {
    if (!s.valid || s.tone == Tone::None || s.finalLength != 0 || s.nucleusLength != 2) {
        return -1;
    }
    const Letter& first = letters[s.nucleusStart];
    const Letter& second = letters[s.nucleusStart + 1];
    if (first.quality != Quality::None || second.quality != Quality::None) {
        return -1;
    }
    const bool pair = (first.base == 'o' && (second.base == 'a' || second.base == 'e')) ||
                      (first.base == 'u' && second.base == 'y');
    if (!pair) {
        return -1;
    }
    return s.nucleusStart + (style == ToneStyle::Classic ? 0 : 1);
}

} // namespace tdkt::text::detail

namespace tdkt::text::detail {

bool placeTones(icu::UnicodeString& s, ToneStyle style) {
    bool moved = false;
    const int32_t n = s.length();
    for (int32_t i = 0; i < n;) {
        // Every Vietnamese letter is one UTF-16 unit, so a word is a run of units with a letter
        // entry; a run touching any other letter ("Müller", "hoà字") is not a Vietnamese word.
        if (letterOf(s.charAt(i)).base == 0) {
            ++i;
            continue;
        }
        const int32_t start = i;
        while (i < n && letterOf(s.charAt(i)).base != 0) {
            ++i;
        }
        const bool foreignNeighbour = (start > 0 && u_isalpha(s.char32At(start - 1))) ||
                                      (i < n && (u_isalpha(s.char32At(i)) ||
                                                 u_charType(s.char32At(i)) == U_NON_SPACING_MARK));
        const int32_t length = i - start;
        if (foreignNeighbour || length < 2 || length > 8) {
            continue;
        }
        Letter letters[8];
        for (int32_t k = 0; k < length; ++k) {
            letters[k] = letterOf(s.charAt(start + k));
        }
        const Syllable syllable = parseSyllable(letters, length);
        const int wanted = wantedToneIndex(syllable, letters, style);
        if (wanted < 0 || wanted == syllable.toneIndex) {
            continue;
        }
        Letter from = letters[syllable.toneIndex];
        Letter to = letters[wanted];
        to.tone = from.tone;
        from.tone = Tone::None;
        const UChar32 fromChar = composeLetter(from);
        const UChar32 toChar = composeLetter(to);
        if (fromChar < 0 || toChar < 0) {
            continue;
        }
        s.setCharAt(start + syllable.toneIndex, static_cast<UChar>(fromChar));
        s.setCharAt(start + wanted, static_cast<UChar>(toChar));
        moved = true;
    }
    return moved;
}

} // namespace tdkt::text::detail
