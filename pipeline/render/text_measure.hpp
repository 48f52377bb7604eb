#pragma once
// Text measurement types: per-font glyph widths (cached per code point) and the styled runs,
// words and lines that wrapping and shrink-to-fit work on. The measuring itself is done by
// Session (text_measure.cpp), which owns the libharu fonts the widths come from.
#include "pipeline/render/layout.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tdkt::render::detail {

// Font metrics, shared by every document a renderer draws (glyph widths do not depend on the
// document). Widths are in 1/1000 em, cached per code point: measuring is the inner loop of
// wrapping, centring and shrink-to-fit, and libharu's own lookup walks the cmap each time.

struct FontMetrics {
    std::vector<float> bmp = std::vector<float>(0x10000, -1.0f);
    // Whether the font has a glyph for the code point (filled with the width): a character
    // outside a font subset would otherwise print as .notdef, silently.
    std::vector<bool> bmpHasGlyph = std::vector<bool>(0x10000, false);
    std::unordered_map<char32_t, float> astral;
    double ascent = 0;  // 1/1000 em, positive
    double descent = 0; // 1/1000 em, positive
    bool haveVertical = false;
};

// Decodes one code point and advances `i`; a malformed byte yields U+FFFD (the normalise stage
// guarantees valid NFC UTF-8, this only keeps a bad value from derailing the layout).
char32_t nextCodePoint(std::string_view s, std::size_t& i);

// Text: styled runs → words → lines.

struct StyledRun {
    int font = 0;
    Colour colour;
    std::string text;
};

struct Piece {
    int font = 0;
    Colour colour;
    std::string text;
    double width = 0; // pt
};

struct Word {
    std::vector<Piece> pieces;
    double width = 0;
    double spaceBefore = 0; // width of the space before it (0 for the first word)
    int spaceFont = 0;
};

struct Line {
    std::vector<Word> words;
    double width = 0;
};

inline bool isCollapsible(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace tdkt::render::detail
