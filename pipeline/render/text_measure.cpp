#include "pipeline/render/pdf_session.hpp"

#include <algorithm>
#include <cmath>
#include <hpdf.h>
#include <hpdf_font.h>

namespace tdkt::render::detail {

char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += len;
    return cp;
}

double Session::charWidth(int fontIndex, char32_t cp) {
    FontMetrics& m = m_metrics[static_cast<std::size_t>(fontIndex)];
    if (cp < 0x10000) {
        float& w = m.bmp[cp];
        if (w < 0) {
            HPDF_Font f = font(fontIndex);
            w = f ? static_cast<float>(HPDF_Font_GetUnicodeWidth(f, static_cast<HPDF_UNICODE>(cp)))
                  : 0.0f;
            // libharu's public API has no "has glyph"; its font definition (hpdf_font.h,
            // hpdf_fontdef.h, installed with libhpdf-dev) answers from the cmap.
            auto* attr = f ? static_cast<HPDF_FontAttr>(f->attr) : nullptr;
            m.bmpHasGlyph[cp] =
                attr && attr->fontdef &&
                HPDF_TTFontDef_GetGlyphid(attr->fontdef, static_cast<HPDF_UINT16>(cp)) != 0;
        }
        if (!m.bmpHasGlyph[cp] && !m_missing && cp >= 0x20) {
            m_missing = cp;
        }
        return w;
    }
    auto it = m.astral.find(cp);
    if (it != m.astral.end()) {
        if (!m_missing) {
            m_missing = cp;
        }
        return it->second;
    }
    // libharu's UTF-8 fonts address the BMP only; other code points have no glyph.
    m.astral.emplace(cp, 0.0f);
    if (!m_missing) {
        m_missing = cp;
    }
    return 0;
}

double Session::textWidth(int fontIndex, double size, std::string_view text) {
    double w = 0;
    for (std::size_t i = 0; i < text.size();) {
        w += charWidth(fontIndex, nextCodePoint(text, i));
    }
    return w * size / 1000.0;
}

const FontMetrics& Session::vertical(int fontIndex) {
    font(fontIndex); // loads the vertical metrics on first use
    return m_metrics[static_cast<std::size_t>(fontIndex)];
}

double Session::baselineOffset(const TextStyle& s) {
    const FontMetrics& m = vertical(s.font);
    double asc = (m.ascent > 0 ? m.ascent : 891) / 1000.0 * s.size;
    double desc = (m.descent > 0 ? m.descent : 216) / 1000.0 * s.size;
    return (lineHeight(s) - asc - desc) / 2 + asc;
}

std::vector<StyledRun> Session::styledRuns(const std::vector<Run>& runs, const TextStyle& style,
                                           const tmpl::Scope& scope) {
    std::vector<StyledRun> out;
    bool lastSpace = true; // drops leading whitespace
    std::string rendered;
    for (const Run& run : runs) {
        rendered.clear();
        const std::string* text = &run.text.literal();
        if (!run.text.isLiteral()) {
            (void)run.text.renderTo(rendered, scope);
            text = &rendered;
        }
        StyledRun sr{
            run.font >= 0 ? run.font : style.font, run.hasColour ? run.colour : style.colour, {}};
        for (char c : *text) {
            if (isCollapsible(c)) {
                if (!lastSpace) {
                    sr.text.push_back(' ');
                    lastSpace = true;
                }
            } else {
                sr.text.push_back(c);
                lastSpace = false;
            }
        }
        if (!sr.text.empty()) {
            out.push_back(std::move(sr));
        }
    }
    while (!out.empty() && !out.back().text.empty() && out.back().text.back() == ' ') {
        out.back().text.pop_back();
        if (out.back().text.empty()) {
            out.pop_back();
        }
    }
    return out;
}

std::vector<Word> Session::words(const std::vector<StyledRun>& runs, double size) {
    std::vector<Word> out;
    Word current;
    double pendingSpace = 0;
    int pendingFont = 0;
    auto finish = [&]() {
        if (!current.pieces.empty()) {
            out.push_back(std::move(current));
        }
        current = Word{};
    };
    for (const StyledRun& run : runs) {
        for (std::size_t i = 0; i < run.text.size();) {
            std::size_t start = i;
            char32_t cp = nextCodePoint(run.text, i);
            double w = charWidth(run.font, cp) * size / 1000.0;
            if (cp == U' ') {
                finish();
                pendingSpace = w;
                pendingFont = run.font;
                continue;
            }
            if (current.pieces.empty()) {
                current.spaceBefore = out.empty() ? 0 : pendingSpace;
                current.spaceFont = pendingFont;
            }
            if (current.pieces.empty() || current.pieces.back().font != run.font ||
                !(current.pieces.back().colour == run.colour)) {
                current.pieces.push_back({run.font, run.colour, {}, 0});
            }
            Piece& p = current.pieces.back();
            p.text.append(run.text, start, i - start);
            p.width += w;
            current.width += w;
        }
    }
    finish();
    return out;
}

// Splits a word wider than `width` at character boundaries (a long unit name with no
// spaces must still stay inside its cell).
std::vector<Word> Session::splitWord(const Word& word, double width, double size) {
    std::vector<Word> parts;
    Word cur;
    for (const Piece& p : word.pieces) {
        for (std::size_t i = 0; i < p.text.size();) {
            std::size_t start = i;
            char32_t cp = nextCodePoint(p.text, i);
            double w = charWidth(p.font, cp) * size / 1000.0;
            if (cur.width + w > width && !cur.pieces.empty()) {
                parts.push_back(std::move(cur));
                cur = Word{};
            }
            if (cur.pieces.empty() || cur.pieces.back().font != p.font ||
                !(cur.pieces.back().colour == p.colour)) {
                cur.pieces.push_back({p.font, p.colour, {}, 0});
            }
            cur.pieces.back().text.append(p.text, start, i - start);
            cur.pieces.back().width += w;
            cur.width += w;
        }
    }
    if (!cur.pieces.empty()) {
        parts.push_back(std::move(cur));
    }
    if (!parts.empty()) {
        parts.front().spaceBefore = word.spaceBefore;
        parts.front().spaceFont = word.spaceFont;
    }
    return parts;
}

std::vector<Line> Session::wrap(const std::vector<Word>& ws, double firstWidth, double width,
                                double size) {
    constexpr double kSlack = 0.01; // pt: rounding must not push a fitting word down
    std::vector<Line> lines;
    Line cur;
    auto avail = [&]() { return lines.empty() ? firstWidth : width; };
    auto place = [&](const Word& w) {
        if (cur.words.empty()) {
            cur.width = w.width;
        } else {
            cur.width += w.spaceBefore + w.width;
        }
        cur.words.push_back(w);
    };
    for (const Word& w : ws) {
        if (!cur.words.empty() && cur.width + w.spaceBefore + w.width <= avail() + kSlack) {
            place(w);
            continue;
        }
        if (!cur.words.empty()) {
            lines.push_back(std::move(cur));
            cur = Line{};
        }
        if (w.width <= avail() + kSlack) {
            place(w);
            continue;
        }
        std::vector<Word> parts = splitWord(w, avail(), size);
        for (std::size_t k = 0; k < parts.size(); ++k) {
            if (k > 0) {
                lines.push_back(std::move(cur));
                cur = Line{};
            }
            place(parts[k]);
        }
    }
    if (!cur.words.empty()) {
        lines.push_back(std::move(cur));
    }
    return lines;
}

// Emits the prims of one line; `y` is the baseline. Non-justified lines become as few
// text operations as possible (spaces are drawn as text when the font does not change).
void Session::emitLine(const Line& line, double x0, double avail, Align align, bool lastLine,
                       double y, double size, std::vector<Prim>& out) {
    double x = x0;
    double extra = 0;
    const std::size_t n = line.words.size();
    if (align == Align::Justify && !lastLine && n > 1) {
        extra = std::max(0.0, (avail - line.width) / static_cast<double>(n - 1));
    } else if (align == Align::Center) {
        x += (avail - line.width) / 2;
    } else if (align == Align::Right) {
        x += avail - line.width;
    }
    Prim cur;
    bool open = false;
    auto flush = [&]() {
        if (open) {
            out.push_back(std::move(cur));
            cur = Prim{};
            open = false;
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Word& w = line.words[i];
        if (i > 0) {
            if (open && extra == 0 && cur.font == w.spaceFont) {
                cur.text.push_back(' ');
            } else {
                flush();
            }
            x += w.spaceBefore + extra;
        }
        for (const Piece& p : w.pieces) {
            if (!(open && cur.font == p.font && cur.colour == p.colour)) {
                flush();
                cur.kind = Prim::Kind::Text;
                cur.font = p.font;
                cur.colour = p.colour;
                cur.size = size;
                cur.x = x;
                cur.y = y;
                open = true;
            }
            cur.text += p.text;
            x += p.width;
        }
    }
    flush();
}

core::Status Session::fitFixedText(const FixedElement& e, const std::vector<StyledRun>& runs,
                                   TextStyle& style, std::vector<Line>& lines) {
    const std::string field = e.field.empty() ? "nội dung" : e.field;
    std::vector<Word> ws = words(runs, style.size);
    if (m_missing) {
        return missingGlyph(field, e.line);
    }
    if (e.fit == Fit::Wrap) {
        lines = wrap(ws, e.width, e.width, style.size);
        if (e.maxLines > 0 && static_cast<int>(lines.size()) > e.maxLines) {
            return core::makeError(core::ErrorKind::InputRejected, "R001",
                                   field + " quá dài: cần " + std::to_string(lines.size()) +
                                       " dòng, mẫu chỉ cho phép " + std::to_string(e.maxLines) +
                                       " dòng; hãy rút gọn",
                                   {m_layout.sourceName, e.line});
        }
        return {};
    }
    Line one;
    for (const Word& w : ws) {
        one.width += (one.words.empty() ? 0 : w.spaceBefore) + w.width;
        one.words.push_back(w);
    }
    if (e.fit == Fit::Shrink && one.width > e.width && one.width > 0) {
        // Width is linear in size, so the fitting size is exact; round down to 0.1 pt.
        double size = std::floor(style.size * e.width / one.width * 10) / 10;
        if (e.minSize > 0 && size < e.minSize) {
            return core::makeError(core::ErrorKind::InputRejected, "R002",
                                   field + " quá dài: phải thu nhỏ chữ xuống " +
                                       std::to_string(size).substr(0, 4) +
                                       " pt, dưới cỡ tối thiểu của mẫu",
                                   {m_layout.sourceName, e.line});
        }
        style.size = size;
        ws = words(runs, style.size);
        one = Line{};
        for (const Word& w : ws) {
            one.width += (one.words.empty() ? 0 : w.spaceBefore) + w.width;
            one.words.push_back(w);
        }
    }
    lines.push_back(std::move(one));
    return {};
}

core::Status Session::layoutFixedText(const FixedElement& e, const tmpl::Scope& scope,
                                      std::vector<Prim>& prims) {
    std::vector<StyledRun> runs = styledRuns(e.runs, e.style, scope);
    if (runs.empty()) {
        return {};
    }
    TextStyle style = e.style;
    std::vector<Line> lines;
    if (auto st = fitFixedText(e, runs, style, lines); !st) {
        return st;
    }
    const double lh = lineHeight(style);
    const double base = baselineOffset(style);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        emitLine(lines[i], e.x, e.width, e.align, i + 1 == lines.size(),
                 e.y + static_cast<double>(i) * lh + base, style.size, prims);
    }
    return {};
}

} // namespace tdkt::render::detail
