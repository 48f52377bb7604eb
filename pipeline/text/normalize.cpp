#include "pipeline/text/normalize.hpp"

#include "pipeline/text/legacy_encoding.hpp"
#include "pipeline/text/syllable.hpp"
#include "pipeline/text/unicode_text.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace tdkt::text {

using detail::isInvisible;
using detail::nfc;
using detail::nfd;

namespace {

constexpr const char* kInvalidUtf8Reason =
    "thay byte UTF-8 không hợp lệ bằng ký tự thay thế U+FFFD";

// Rebuilds `s` from the first code point `affected` selects, passing each code point from there
// on through `map(c, out)`. Text nothing selects costs one scan and no allocation.
template <class Affected, class Map>
bool rewrite(icu::UnicodeString& s, Affected affected, Map map) {
    int32_t first = 0;
    while (first < s.length() && !affected(s.char32At(first))) {
        first += U16_LENGTH(s.char32At(first));
    }
    if (first == s.length()) {
        return false;
    }
    icu::UnicodeString out(s, 0, first);
    for (int32_t i = first; i < s.length();) {
        const UChar32 c = s.char32At(i);
        map(c, out);
        i += U16_LENGTH(c);
    }
    s = std::move(out);
    return true;
}

// --- The steps of normalize(), one function each, applied in the order of kSteps. ---------------
// Each returns whether it changed the text.

bool removeInvisible(icu::UnicodeString& s) {
    return rewrite(s, isInvisible, [](UChar32 c, icu::UnicodeString& out) {
        if (!isInvisible(c)) {
            out.append(c);
        }
    });
}

bool isFullwidthAscii(UChar32 c) {
    return c >= 0xFF01 && c <= 0xFF5E;
}

// Only the fullwidth forms of ASCII: a blanket NFKC would also turn "m²" into "m2" and "½" into
// "1⁄2", which changes what the clerk typed.
bool foldFullwidth(icu::UnicodeString& s) {
    return rewrite(s, isFullwidthAscii, [](UChar32 c, icu::UnicodeString& out) {
        out.append(isFullwidthAscii(c) ? c - 0xFEE0 : c);
    });
}

bool collapseWhitespace(icu::UnicodeString& s) {
    bool needed = false;
    bool afterSpace = true; // a space at the very start is already one too many
    for (int32_t i = 0; i < s.length() && !needed; ++i) {
        const UChar unit = s.charAt(i);
        if (u_isUWhiteSpace(unit)) { // every White_Space code point is in the BMP
            needed = unit != u' ' || afterSpace;
            afterSpace = true;
        } else {
            afterSpace = false;
        }
    }
    if (!needed && !(afterSpace && !s.isEmpty())) {
        return false;
    }
    icu::UnicodeString out;
    bool pendingSpace = false;
    for (int32_t i = 0; i < s.length(); ++i) {
        const UChar unit = s.charAt(i);
        if (u_isUWhiteSpace(unit)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out.append(u' ');
            pendingSpace = false;
        }
        out.append(unit);
    }
    s = std::move(out);
    return true;
}

bool isToneMark(UChar c) {
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309;
}

// The vowels that take a circumflex (â ê ô) or a breve (ă) in Vietnamese.
bool takesQualityMark(UChar32 base, UChar mark) {
    switch (base) {
    case u'a':
    case u'A':
        return true;
    case u'e':
    case u'E':
    case u'o':
    case u'O':
        return mark == 0x0302;
    default:
        return false;
    }
}

// Typing a tone before the circumflex or breve ("e" U+0301 U+0302) gives marks of the same
// combining class in the "wrong" order: canonical equivalence keeps that order, so NFC cannot
// compose "ế". Move the vowel-quality mark in front of the tone marks (in NFD), then let
// composeNfc compose. The horn (ccc 216) and the dot below (ccc 220) need no help: canonical
// ordering already puts them before the class-230 tones.
bool repairMarkOrder(icu::UnicodeString& s) {
    if (s.indexOf(static_cast<UChar>(0x0302)) < 0 && s.indexOf(static_cast<UChar>(0x0306)) < 0) {
        return false; // misordered marks always leave an uncomposed circumflex or breve
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString d = nfd().normalize(s, status);
    if (U_FAILURE(status)) {
        return false;
    }
    bool moved = false;
    UChar32 base = -1;
    for (int32_t i = 0; i < d.length();) {
        const UChar32 c = d.char32At(i);
        if (nfc().getCombiningClass(c) == 0) {
            base = c;
        } else if ((c == 0x0302 || c == 0x0306) && takesQualityMark(base, static_cast<UChar>(c))) {
            int32_t to = i;
            while (to > 0 && isToneMark(d.charAt(to - 1))) {
                --to;
            }
            if (to < i) {
                d.remove(i, 1);
                d.insert(to, static_cast<UChar>(c));
                moved = true;
            }
        }
        i += U16_LENGTH(c);
    }
    if (moved) {
        s = std::move(d);
    }
    return moved;
}

bool composeNfc(icu::UnicodeString& s) {
    UErrorCode status = U_ZERO_ERROR;
    if (nfc().isNormalized(s, status) || U_FAILURE(status)) {
        return false;
    }
    icu::UnicodeString composed = nfc().normalize(s, status);
    if (U_FAILURE(status)) {
        return false;
    }
    s = std::move(composed);
    return true;
}

bool isVietnameseMark(UChar c) {
    switch (c) {
    case 0x0300: // huyền
    case 0x0301: // sắc
    case 0x0303: // ngã
    case 0x0309: // hỏi
    case 0x0323: // nặng
    case 0x0302: // circumflex
    case 0x0306: // breve
    case 0x031B: // horn
        return true;
    default:
        return false;
    }
}

// A letter of the Vietnamese alphabet: ASCII, đ/Đ, or an ASCII letter with Vietnamese marks.
bool isVietnameseLetter(UChar32 c) {
    if (c < 0x80 || c == 0x0110 || c == 0x0111) {
        return true;
    }
    icu::UnicodeString parts;
    if (!nfd().getDecomposition(c, parts) || parts.isEmpty() || parts.charAt(0) >= 0x80) {
        return false;
    }
    for (int32_t i = 1; i < parts.length(); ++i) {
        if (!isVietnameseMark(parts.charAt(i))) {
            return false;
        }
    }
    return true;
}

// "Ð" (U+00D0, Icelandic eth) looks like "Đ" (U+0110) and comes from legacy fonts and keyboards.
// Only replaced when every other letter is Vietnamese: in "GUÐRÚN ÞÓR" it is a real eth.
bool fixEth(icu::UnicodeString& s) {
    if (s.indexOf(static_cast<UChar>(0x00D0)) < 0) {
        return false;
    }
    for (int32_t i = 0; i < s.length();) {
        const UChar32 c = s.char32At(i);
        if (c != 0x00D0 && u_isalpha(c) && !isVietnameseLetter(c)) {
            return false;
        }
        i += U16_LENGTH(c);
    }
    s.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00D0)),
                     icu::UnicodeString(static_cast<UChar>(0x0110)));
    return true;
}

// Legacy text is decoded before any clean-up: a TCVN3 "ư" arrives as U+00AD SOFT HYPHEN, which
// removeInvisible would otherwise drop.
// What one normalize() call carries from step to step.
struct Context {
    const Options& options;
};

const char* repairLegacy(icu::UnicodeString& s, Context&) {
    return detail::repairLegacyEncoding(s);
}

// Not in a field that looks like mojibake the decoder could not read ("NguyÔn hoà"): moving a
// tone there could turn it into a field the decoder reads differently next time.
bool placeTones(icu::UnicodeString& s, Context& context) {
    return !detail::looksLikeMojibake(s) && detail::placeTones(s, context.options.toneStyle);
}

struct Step {
    // Exactly one of the two is set: a step with one fixed reason, or one that names its own
    // (the legacy decoder says which encoding it found). Both return false/nullptr for no change.
    bool (*apply)(icu::UnicodeString&, Context&);
    const char* reason; // Vietnamese, shown to the clerk
    const char* (*applyWithReason)(icu::UnicodeString&, Context&) = nullptr;
};

// Adapts the option-free steps to the table's signature.
template <bool (*F)(icu::UnicodeString&)> bool plain(icu::UnicodeString& s, Context&) {
    return F(s);
}

const Step kSteps[] = {
    {nullptr, nullptr, repairLegacy},
    {plain<removeInvisible>, "bỏ ký tự ẩn"},
    {plain<foldFullwidth>, "đổi ký tự toàn khổ (full-width) về ASCII"},
    {plain<collapseWhitespace>, "bỏ khoảng trắng thừa"},
    {plain<repairMarkOrder>, "sửa thứ tự gõ dấu (dấu thanh gõ trước dấu mũ/dấu trăng)"},
    {plain<composeNfc>, "chuẩn hóa Unicode NFC"},
    {plain<fixEth>, "đổi chữ Ð (eth) thành Đ"},
    {placeTones, "sửa vị trí dấu thanh"},
};

// --- Fast path ----------------------------------------------------------------------------------

// Code points some step might change (besides non-NFC text, which isNormalizedUTF8 finds).
bool mayChange(UChar32 c) {
    if (c == 0x00D0 || isFullwidthAscii(c)) {
        return true;
    }
    switch (u_charType(c)) {
    case U_FORMAT_CHAR:
    case U_CONTROL_CHAR:
    case U_NON_SPACING_MARK: // a stray combining mark may be misordered even in NFC text
        return true;
    default:
        return u_isUWhiteSpace(c);
    }
}

// What the fast path needs to know of a BMP code point, one table lookup instead of several ICU
// property calls per character.
enum : std::uint8_t {
    kMayChange = 1,  // mayChange()
    kLegacyByte = 2, // detail::isLegacyByteChar()
    kNotNfcSafe = 4, // NFC_Quick_Check is not Yes, or a non-zero combining class
};

// Filled one block of 256 code points at a time, when text first holds one of them: the whole
// table took ~35 million instructions, several ms, which every process paid at its first
// normalize() (a `tdkt search` as much as for its own query), while Vietnamese text touches two
// or three blocks.
class BmpFlags {
public:
    std::uint8_t operator[](UChar32 c) {
        const auto block = static_cast<std::size_t>(c) >> 8;
        if (!m_ready[block].load(std::memory_order_acquire)) {
            fill(block);
        }
        return m_flags[block][static_cast<std::size_t>(c) & 0xFF];
    }

private:
    void fill(std::size_t block) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_ready[block].load(std::memory_order_relaxed)) {
            return;
        }
        for (std::size_t i = 0; i < 256; ++i) {
            const auto c = static_cast<UChar32>(block << 8 | i);
            std::uint8_t f = 0;
            if (U_IS_SURROGATE(c) || mayChange(c)) {
                f |= kMayChange;
            }
            if (detail::isLegacyByteChar(c)) {
                f |= kLegacyByte;
            }
            if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
                u_getCombiningClass(c) != 0) {
                f |= kNotNfcSafe;
            }
            m_flags[block][i] = f;
        }
        m_ready[block].store(true, std::memory_order_release);
    }

    std::array<std::array<std::uint8_t, 256>, 256> m_flags{};
    std::array<std::atomic<bool>, 256> m_ready{};
    std::mutex m_mutex;
};

BmpFlags& bmpFlags() {
    static BmpFlags table;
    return table;
}

// The last three letters of the word being scanned, to spot an "oa", "oe", "uy" whose tone is
// not where `style` wants it. Conservative: it only sends text to the slow path, where the
// syllable parser decides ("hoà" yes; "quý", "ngoài", "hoàng" never reach it: a letter follows
// or "q" precedes).
struct PairWatch {
    detail::Letter l1, l2, l3, l4; // l1 the latest
    bool toned = false;            // a letter of the word carries a tone

    void push(const detail::Letter& l) {
        l4 = l3;
        l3 = l2;
        l2 = l1;
        l1 = l;
        toned = toned || l.tone != detail::Tone::None;
    }
    // At the end of a word: does its ending need the syllable parser?
    bool misplaced(ToneStyle style) const {
        if (!toned || l1.quality != detail::Quality::None || l2.quality != detail::Quality::None) {
            return false;
        }
        const bool pair = (l2.base == 'o' && (l1.base == 'a' || l1.base == 'e')) ||
                          (l2.base == 'u' && l1.base == 'y' && l3.base != 'q');
        // The pair must be the whole vowel cluster; the i of "gi" and the u of "qu" belong to
        // the initial ("gioà" would be gi + oa).
        const bool glideInitial =
            (l3.base == 'i' && l4.base == 'g') || (l3.base == 'u' && l4.base == 'q');
        if (!pair || (detail::isVowel(l3.base) && !glideInitial)) {
            return false;
        }
        return style == ToneStyle::Classic ? l1.tone != detail::Tone::None
                                           : l2.tone != detail::Tone::None;
    }
    void reset() { *this = PairWatch{}; }
};

// True when normalize() would return the text unchanged; one pass over the bytes, plus ICU's
// NFC check (no allocation) when the text is not pure ASCII.
bool isClean(std::string_view text, ToneStyle style) {
    if (text.empty()) {
        return true;
    }
    if (text.front() == ' ' || text.back() == ' ') {
        return false;
    }
    const auto n = static_cast<int32_t>(text.size());
    bool ascii = true;
    bool onlyLegacyBytes = true; // every non-ASCII character could be a legacy byte read as cp1252
    bool supplementary = false;  // a code point past the BMP: ICU checks NFC at the end
    auto& flags = bmpFlags();
    const detail::Letter* letters = detail::letterTable();
    bool afterSpace = false;
    PairWatch word;
    for (int32_t i = 0; i < n;) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') {
                word.push(letters[byte]);
                afterSpace = false;
                ++i;
                continue;
            }
            if (word.misplaced(style)) {
                return false;
            }
            word.reset();
            if (byte == ' ') {
                if (afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else if (byte < 0x20 || byte == 0x7F) {
                return false;
            } else {
                afterSpace = false;
                if (ascii && detail::isViqrTrigger(text.data(), n, i)) {
                    return false;
                }
            }
            ++i;
            continue;
        }
        ascii = false;
        afterSpace = false;
        UChar32 c;
        U8_NEXT(text.data(), i, n, c);
        if (c < 0) {
            return false;
        }
        if (c > 0xFFFF) {
            if (mayChange(c)) {
                return false;
            }
            supplementary = true;
            onlyLegacyBytes = false;
        } else {
            const std::uint8_t f = flags[c];
            if (f & (kMayChange | kNotNfcSafe)) {
                return false;
            }
            onlyLegacyBytes = onlyLegacyBytes && (f & kLegacyByte);
        }
        const detail::Letter l = c < detail::kLetterTableEnd ? letters[c] : detail::Letter{};
        if (l.base != 0) {
            word.push(l);
            continue;
        }
        if (word.misplaced(style)) {
            return false;
        }
        word.reset();
    }
    if (word.misplaced(style)) {
        return false;
    }
    if (ascii) {
        return true;
    }
    if (onlyLegacyBytes) {
        return false; // maybe TCVN3/VNI/cp1258 mojibake: the slow path weighs the evidence
    }
    if (!supplementary) {
        return true; // every BMP character is NFC-safe on its own, so the text is NFC
    }
    UErrorCode status = U_ZERO_ERROR;
    const bool normalized = nfc().isNormalizedUTF8(icu::StringPiece(text.data(), n), status);
    return normalized && U_SUCCESS(status);
}

// The slow path: decode, run every step, encode. Returns false (leaving `out` and `reason`
// alone) when nothing changed.
bool normalizeText(std::string_view text, const Options& options, std::string& out,
                   std::string& reason) {
    int substitutions = 0;
    icu::UnicodeString s = detail::fromUtf8(text, &substitutions);
    std::string reasons;
    auto note = [&reasons](const char* r) {
        if (!reasons.empty()) {
            reasons += "; ";
        }
        reasons += r;
    };
    if (substitutions > 0) {
        note(kInvalidUtf8Reason);
    }
    Context context{options};
    for (const Step& step : kSteps) {
        if (step.applyWithReason != nullptr) {
            if (const char* r = step.applyWithReason(s, context)) {
                note(r);
            }
        } else if (step.apply(s, context)) {
            note(step.reason);
        }
    }
    if (reasons.empty()) {
        return false;
    }
    std::string result = detail::toUtf8(s);
    if (result == text) {
        return false;
    }
    out = std::move(result);
    reason = std::move(reasons);
    return true;
}

} // namespace

std::string normalize(std::string_view text, Change* change) {
    return normalize(text, Options{}, change);
}

std::string normalize(std::string_view text, const Options& options, Change* change) {
    std::string out;
    std::string reason;
    const bool changed =
        !isClean(text, options.toneStyle) && normalizeText(text, options, out, reason);
    if (change != nullptr) {
        change->changed = changed;
        change->reason = std::move(reason);
    }
    return changed ? out : std::string(text);
}

std::string repairUtf8(std::string_view text, int* replaced) {
    int count = 0;
    std::string out;
    if (detail::isValidUtf8(text)) {
        out = std::string(text);
    } else {
        out = detail::toUtf8(detail::fromUtf8(text, &count));
    }
    if (replaced != nullptr) {
        *replaced = count;
    }
    return out;
}

std::string toNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString composed = nfc().normalize(detail::fromUtf8(text), status);
    return U_FAILURE(status) ? std::string(text) : detail::toUtf8(composed);
}

} // namespace tdkt::text
