#include "renderer.hpp"

#include "layout.hpp"
#include "pdf_fixup.hpp"
#include "pipeline/core/atomic_file.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <hpdf.h>
#include <hpdf_font.h>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace tdkt::render {
namespace {

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Display list: what layout produces and pagination places. y grows downwards from the top of
// the item; x is absolute on the page.

struct Prim {
    enum class Kind { Text, Line, Rect };
    Kind kind = Kind::Text;
    int font = 0;
    double size = 0;
    Colour colour;
    double x = 0, y = 0;   // Text: baseline start; Line: from; Rect: top-left
    double x2 = 0, y2 = 0; // Line: to; Rect: width, height
    double lineWidth = 0;
    std::string text;
};

struct Item {
    enum class Kind { Content, Space, Break };
    Kind kind = Kind::Content;
    double height = 0;
    std::vector<Prim> prims;
    int table = -1;           // rows of a table: its header is repeated after a page break
    bool tableHeader = false; // the header row itself
    bool keepWithNext = false;
    int line = 0; // template line, for messages
};

// Stacks items into one unbreakable item (columns, keep-together).
Item mergeItems(const std::vector<Item>& items) {
    Item merged;
    double y = 0;
    for (const Item& it : items) {
        if (it.kind == Item::Kind::Break || (it.kind == Item::Kind::Space && y == 0)) {
            continue;
        }
        for (Prim p : it.prims) {
            p.y += y;
            if (p.kind == Prim::Kind::Line) {
                p.y2 += y;
            }
            merged.prims.push_back(std::move(p));
        }
        y += it.height;
        merged.line = merged.line ? merged.line : it.line;
    }
    merged.height = y;
    return merged;
}

// ---------------------------------------------------------------------------------------------
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

bool isCollapsible(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct HaruError {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void onHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    // Called by libharu instead of longjmp: remember the first error; the failing call returns
    // an error code and the session checks the state at its checkpoints.
    auto* state = static_cast<HaruError*>(user);
    if (state->error == HPDF_OK) {
        state->error = error;
        state->detail = detail;
    }
}

bool passes(const Condition& c, const tmpl::Scope& scope) {
    tmpl::Value scratch;
    if (!c.ifPath.empty()) {
        const tmpl::Value* v = scope.lookup(c.ifPath, scratch);
        if (!v || !v->truthy()) {
            return false;
        }
    }
    if (!c.unlessPath.empty()) {
        const tmpl::Value* v = scope.lookup(c.unlessPath, scratch);
        if (v && v->truthy()) {
            return false;
        }
    }
    return true;
}

std::string contextString(const tmpl::Value& ctx, const char* path) {
    const tmpl::Value* v = ctx.find(path);
    return v && v->type() == tmpl::Value::Type::String ? v->str() : std::string();
}

const tmpl::Value& emptyContext() {
    static const tmpl::Value empty = tmpl::Value::map();
    return empty;
}

// The document information of one document: its context's "meta" and the run's clock.
PdfInfo infoOf(const tmpl::Value& ctx, std::int64_t now) {
    PdfInfo info;
    info.title = contextString(ctx, "meta.title");
    info.author = contextString(ctx, "meta.author");
    info.subject = contextString(ctx, "meta.subject");
    info.keywords = contextString(ctx, "meta.keywords");
    info.created = now;
    return info;
}

// One document being drawn.
class Session {
public:
    Session(const Layout& layout, std::vector<FontMetrics>& metrics)
        : m_layout(layout), m_metrics(metrics), m_root(emptyContext()) {}

    ~Session() {
        if (m_doc) {
            HPDF_Free(m_doc);
        }
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Starts the PDF: one per file, or one per batch of documents drawn one after another
    // (fonts are set up once per PDF, which is where libharu spends its time).
    core::Status begin() {
        m_doc = HPDF_New(onHaruError, &m_error);
        if (!m_doc) {
            return core::makeError(core::ErrorKind::Internal, "R020",
                                   "không khởi tạo được thư viện PDF (libharu)");
        }
        // Compression first: the filter of a stream is fixed when the stream is created,
        // including the embedded font streams.
        HPDF_SetCompressionMode(m_doc, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(m_doc);
        HPDF_SetCurrentEncoder(m_doc, "UTF-8");
        m_fonts.assign(m_layout.fonts.size(), nullptr);
        m_images.clear();
        return checkpoint("khởi tạo tài liệu");
    }

    // Draws one document (its pages numbered from 1) after the pages already drawn.
    core::Status draw(const tmpl::Value& context) {
        m_root = tmpl::Scope(context);
        m_docPages = 0;
        m_missing = 0;
        m_tableHeaders.clear();
        std::vector<Item> items;
        if (m_layout.hasFlow) {
            const double width = m_layout.pageWidth - m_layout.marginLeft - m_layout.marginRight;
            if (auto st = layoutBlocks(m_layout.flow, m_root, m_layout.marginLeft, width, items);
                !st) {
                return st;
            }
        }
        if (m_missing) {
            return missingGlyph("nội dung", 0);
        }
        if (auto st = paginate(items); !st) {
            return st;
        }
        return checkpoint("vẽ trang");
    }

    // An empty page of the layout's size (duplex printing: the back of a one-sided sheet).
    core::Status blankPage() {
        newPage();
        return checkpoint("thêm trang trắng");
    }

    int pageCount() const { return m_pageCount; }
    int documentPages() const { return m_docPages; }

    // libharu's bytes, before the PDF/A fix-up.
    core::Result<std::string> save() {
        HPDF_SaveToStream(m_doc);
        if (auto st = checkpoint("ghi PDF"); !st) {
            return st.error();
        }
        std::string raw(HPDF_GetStreamSize(m_doc), '\0');
        HPDF_UINT32 len = static_cast<HPDF_UINT32>(raw.size());
        HPDF_ReadFromStream(m_doc, reinterpret_cast<HPDF_BYTE*>(raw.data()), &len);
        raw.resize(len);
        if (m_error.error == HPDF_STREAM_EOF) {
            m_error = {};
        }
        if (auto st = checkpoint("đọc PDF"); !st) {
            return st.error();
        }
        return raw;
    }

private:
    // ----- libharu plumbing -----

    // R004: a character the template's font cannot draw (it would print as an empty box).
    core::Status missingGlyph(const std::string& field, int line) {
        const char32_t cp = m_missing;
        m_missing = 0;
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
        std::string ch;
        if (cp < 0x80) {
            ch += static_cast<char>(cp);
        } else if (cp < 0x800) {
            ch += static_cast<char>(0xC0 | (cp >> 6));
            ch += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            ch += static_cast<char>(0xE0 | (cp >> 12));
            ch += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            ch += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            ch += static_cast<char>(0xF0 | (cp >> 18));
            ch += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            ch += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            ch += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return core::makeError(core::ErrorKind::InputRejected, "R004",
                               field + " có ký tự “" + ch + "” (" + code +
                                   ") mà phông chữ của mẫu không có, sẽ in ra ô trống; hãy sửa "
                                   "nội dung hoặc thêm phông có ký tự này",
                               {m_layout.sourceName, line});
    }

    core::Status checkpoint(const char* what) {
        if (m_error.error == HPDF_OK) {
            return {};
        }
        char buf[160];
        std::snprintf(buf, sizeof buf, "lỗi thư viện PDF (libharu) khi %s: mã 0x%04X, chi tiết %u",
                      what, static_cast<unsigned>(m_error.error),
                      static_cast<unsigned>(m_error.detail));
        return core::makeError(core::ErrorKind::Internal, "R020", buf, {m_layout.sourceName});
    }

    // Fonts are loaded into a document only when it uses them (each one costs milliseconds).
    HPDF_Font font(int index) {
        HPDF_Font& f = m_fonts[static_cast<std::size_t>(index)];
        if (!f && m_error.error == HPDF_OK) {
            const std::string path = m_layout.fonts[static_cast<std::size_t>(index)].file.string();
            const char* name = HPDF_LoadTTFontFromFile(m_doc, path.c_str(), HPDF_TRUE);
            if (name) {
                f = HPDF_GetFont(m_doc, name, "UTF-8");
            }
            FontMetrics& m = m_metrics[static_cast<std::size_t>(index)];
            if (f && !m.haveVertical) {
                m.ascent = HPDF_Font_GetAscent(f);
                m.descent = std::abs(HPDF_Font_GetDescent(f));
                m.haveVertical = true;
            }
        }
        return f;
    }

    double charWidth(int fontIndex, char32_t cp) {
        FontMetrics& m = m_metrics[static_cast<std::size_t>(fontIndex)];
        if (cp < 0x10000) {
            float& w = m.bmp[cp];
            if (w < 0) {
                HPDF_Font f = font(fontIndex);
                w = f ? static_cast<float>(
                            HPDF_Font_GetUnicodeWidth(f, static_cast<HPDF_UNICODE>(cp)))
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

    double textWidth(int fontIndex, double size, std::string_view text) {
        double w = 0;
        for (std::size_t i = 0; i < text.size();) {
            w += charWidth(fontIndex, nextCodePoint(text, i));
        }
        return w * size / 1000.0;
    }

    const FontMetrics& vertical(int fontIndex) {
        font(fontIndex); // loads the vertical metrics on first use
        return m_metrics[static_cast<std::size_t>(fontIndex)];
    }

    double lineHeight(const TextStyle& s) const { return s.size * s.leading; }

    double baselineOffset(const TextStyle& s) {
        const FontMetrics& m = vertical(s.font);
        double asc = (m.ascent > 0 ? m.ascent : 891) / 1000.0 * s.size;
        double desc = (m.descent > 0 ? m.descent : 216) / 1000.0 * s.size;
        return (lineHeight(s) - asc - desc) / 2 + asc;
    }

    // ----- text -----

    std::vector<StyledRun> styledRuns(const std::vector<Run>& runs, const TextStyle& style,
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
            StyledRun sr{run.font >= 0 ? run.font : style.font,
                         run.hasColour ? run.colour : style.colour,
                         {}};
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

    std::vector<Word> words(const std::vector<StyledRun>& runs, double size) {
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
    std::vector<Word> splitWord(const Word& word, double width, double size) {
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

    std::vector<Line> wrap(const std::vector<Word>& ws, double firstWidth, double width,
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
    void emitLine(const Line& line, double x0, double avail, Align align, bool lastLine, double y,
                  double size, std::vector<Prim>& out) {
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

    // ----- flow layout -----

    core::Status layoutBlocks(const std::vector<Block>& blocks, const tmpl::Scope& scope, double x,
                              double width, std::vector<Item>& out) {
        for (const Block& b : blocks) {
            if (!passes(b.condition, scope)) {
                continue;
            }
            if (auto st = layoutBlock(b, scope, x, width, out); !st) {
                return st;
            }
        }
        return {};
    }

    static void space(std::vector<Item>& out, double h) {
        if (h > 0) {
            Item s;
            s.kind = Item::Kind::Space;
            s.height = h;
            out.push_back(std::move(s));
        }
    }

    core::Status layoutBlock(const Block& b, const tmpl::Scope& scope, double x, double width,
                             std::vector<Item>& out) {
        switch (b.kind) {
        case Block::Kind::Para:
            layoutPara(b, scope, x, width, out);
            return {};
        case Block::Kind::Rule: {
            space(out, b.spaceBefore);
            Item it;
            it.height = b.lineWidth + 1;
            double len = std::min(b.length, width);
            double x0 = b.align == Align::Center  ? x + (width - len) / 2
                        : b.align == Align::Right ? x + width - len
                                                  : x;
            Prim p;
            p.kind = Prim::Kind::Line;
            p.x = x0;
            p.x2 = x0 + len;
            p.y = p.y2 = 0.5 + b.lineWidth / 2;
            p.lineWidth = b.lineWidth;
            it.prims.push_back(p);
            out.push_back(std::move(it));
            space(out, b.spaceAfter);
            return {};
        }
        case Block::Kind::Space: {
            Item it;
            it.height = b.length;
            it.line = b.line;
            out.push_back(std::move(it));
            return {};
        }
        case Block::Kind::Columns: {
            double fixed = 0;
            int flexible = 0;
            for (double w : b.columnWidths) {
                fixed += w;
                flexible += w == 0 ? 1 : 0;
            }
            double rest = flexible ? std::max(0.0, width - fixed) / flexible : 0;
            std::vector<Item> merged;
            double cx = x;
            Item all;
            all.line = b.line;
            for (std::size_t c = 0; c < b.columns.size(); ++c) {
                double cw = b.columnWidths[c] > 0 ? b.columnWidths[c] : rest;
                std::vector<Item> colItems;
                if (auto st = layoutBlocks(b.columns[c], scope, cx, cw, colItems); !st) {
                    return st;
                }
                Item col = mergeItems(colItems);
                all.height = std::max(all.height, col.height);
                for (auto& p : col.prims) {
                    all.prims.push_back(std::move(p));
                }
                cx += cw;
            }
            space(out, b.spaceBefore);
            out.push_back(std::move(all));
            space(out, b.spaceAfter);
            return {};
        }
        case Block::Kind::Group:
            return layoutBlocks(b.children, scope, x, width, out);
        case Block::Kind::KeepTogether: {
            std::vector<Item> inner;
            if (auto st = layoutBlocks(b.children, scope, x, width, inner); !st) {
                return st;
            }
            Item merged = mergeItems(inner);
            merged.line = b.line;
            out.push_back(std::move(merged));
            return {};
        }
        case Block::Kind::For: {
            tmpl::Value scratch;
            const tmpl::Value* list = scope.lookup(b.eachPath, scratch);
            if (!list || !list->truthy()) {
                return {};
            }
            if (list->type() != tmpl::Value::Type::List) {
                tmpl::Scope frame(scope, *list, 1, 1);
                return layoutBlocks(b.children, frame, x, width, out);
            }
            const int count = static_cast<int>(list->items().size());
            for (int i = 0; i < count; ++i) {
                tmpl::Scope frame(scope, list->items()[static_cast<std::size_t>(i)], i + 1, count);
                if (auto st = layoutBlocks(b.children, frame, x, width, out); !st) {
                    return st;
                }
            }
            return {};
        }
        case Block::Kind::PageBreak: {
            Item it;
            it.kind = Item::Kind::Break;
            out.push_back(std::move(it));
            return {};
        }
        case Block::Kind::Table:
            return layoutTable(b, scope, x, out);
        }
        return {};
    }

    void layoutPara(const Block& b, const tmpl::Scope& scope, double x, double width,
                    std::vector<Item>& out) {
        std::vector<StyledRun> runs = styledRuns(b.runs, b.style, scope);
        if (runs.empty()) {
            return; // an empty paragraph (e.g. no parent body) takes no room at all
        }
        std::vector<Word> ws = words(runs, b.style.size);
        const double indent = b.align == Align::Center ? 0 : b.indent;
        std::vector<Line> lines = wrap(ws, width - indent, width, b.style.size);
        const double lh = lineHeight(b.style);
        const double base = baselineOffset(b.style);
        space(out, b.spaceBefore);
        double widest = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            Item it;
            it.height = lh;
            it.line = b.line;
            double x0 = i == 0 ? x + indent : x;
            double avail = i == 0 ? width - indent : width;
            emitLine(lines[i], x0, avail, b.align, i + 1 == lines.size(), base, b.style.size,
                     it.prims);
            widest = std::max(widest, lines[i].width);
            out.push_back(std::move(it));
        }
        if (b.rule.kind != RuleBelow::Kind::None) {
            out.back().keepWithNext = true;
            double len = b.rule.kind == RuleBelow::Kind::Text      ? widest
                         : b.rule.kind == RuleBelow::Kind::Percent ? widest * b.rule.value / 100
                                                                   : b.rule.value;
            len = std::min(len, width);
            double x0 = b.align == Align::Center  ? x + (width - len) / 2
                        : b.align == Align::Right ? x + width - len
                                                  : x;
            // Decree 30's rules sit clear of the descenders, not like an underline.
            Item r;
            r.height = b.rule.lineWidth + 4;
            Prim p;
            p.kind = Prim::Kind::Line;
            p.x = x0;
            p.x2 = x0 + len;
            p.y = p.y2 = 2.5;
            p.lineWidth = b.rule.lineWidth;
            r.prims.push_back(p);
            out.push_back(std::move(r));
        }
        space(out, b.spaceAfter);
    }

    // One row of cells; `texts` per column (or one spanning text when `span`).
    Item tableRow(const Block& b, const std::vector<double>& colX, double totalWidth,
                  const std::vector<std::string>& texts, int fontIndex, bool header, bool span) {
        TextStyle style = b.style;
        style.font = fontIndex;
        const double lh = lineHeight(style);
        const double base = baselineOffset(style);
        const double pad = b.padding;
        Item row;
        std::vector<std::vector<Line>> cellLines(texts.size());
        std::size_t maxLines = 1;
        for (std::size_t c = 0; c < texts.size(); ++c) {
            double cw = span ? totalWidth : b.tableColumns[c].width;
            std::vector<StyledRun> runs;
            std::string collapsed;
            bool lastSpace = true;
            for (char ch : texts[c]) {
                if (isCollapsible(ch)) {
                    if (!lastSpace) {
                        collapsed.push_back(' ');
                    }
                    lastSpace = true;
                } else {
                    collapsed.push_back(ch);
                    lastSpace = false;
                }
            }
            while (!collapsed.empty() && collapsed.back() == ' ') {
                collapsed.pop_back();
            }
            if (!collapsed.empty()) {
                runs.push_back({fontIndex, style.colour, std::move(collapsed)});
            }
            std::vector<Word> ws = words(runs, style.size);
            double inner = std::max(1.0, cw - 2 * pad);
            cellLines[c] = wrap(ws, inner, inner, style.size);
            maxLines = std::max(maxLines, cellLines[c].size());
        }
        row.height = static_cast<double>(maxLines) * lh + 2 * pad;
        for (std::size_t c = 0; c < texts.size(); ++c) {
            double cx = colX[span ? 0 : c];
            double cw = span ? totalWidth : b.tableColumns[c].width;
            Align align = header ? Align::Center : span ? Align::Left : b.tableColumns[c].align;
            if (align == Align::Justify) {
                align = Align::Left; // justified narrow cells look worse than ragged ones
            }
            const auto& lines = cellLines[c];
            // Header titles are centred vertically as well; body cells start at the top.
            double top =
                pad + (header ? (static_cast<double>(maxLines - lines.size()) * lh) / 2 : 0);
            for (std::size_t i = 0; i < lines.size(); ++i) {
                emitLine(lines[i], cx + pad, cw - 2 * pad, align, true,
                         top + static_cast<double>(i) * lh + base, style.size, row.prims);
            }
            Prim border;
            border.kind = Prim::Kind::Rect;
            border.x = cx;
            border.y = 0;
            border.x2 = cw;
            border.y2 = row.height;
            border.lineWidth = b.lineWidth;
            row.prims.push_back(border);
        }
        return row;
    }

    core::Status layoutTable(const Block& b, const tmpl::Scope& scope, double x,
                             std::vector<Item>& out) {
        std::vector<double> colX;
        double total = 0;
        for (const TableColumn& c : b.tableColumns) {
            colX.push_back(x + total);
            total += c.width;
        }
        const int tableId = static_cast<int>(m_tableHeaders.size());
        std::vector<std::string> titles;
        for (const TableColumn& c : b.tableColumns) {
            titles.push_back(c.title.render(scope));
        }
        Item header = tableRow(b, colX, total, titles, b.headerFont, true, false);
        header.table = tableId;
        header.tableHeader = true;
        header.keepWithNext = true;
        header.line = b.line;
        m_tableHeaders.push_back(header);

        space(out, b.spaceBefore);
        out.push_back(header);
        std::vector<std::string> texts(b.tableColumns.size());
        for (const TableSection& sec : b.sections) {
            if (!passes(sec.condition, scope)) {
                continue;
            }
            tmpl::Value scratch;
            const tmpl::Value* rows = scope.lookup(sec.rowsPath, scratch);
            if (!rows || rows->type() != tmpl::Value::Type::List || rows->items().empty()) {
                continue; // an empty section is left out, title and all
            }
            if (sec.hasTitle) {
                Item t =
                    tableRow(b, colX, total, {sec.title.render(scope)}, b.sectionFont, false, true);
                t.table = tableId;
                t.keepWithNext = true;
                t.line = b.line;
                out.push_back(std::move(t));
            }
            const auto& items = rows->items();
            const int count = static_cast<int>(items.size());
            for (int i = 0; i < count; ++i) {
                tmpl::Scope frame(scope, items[static_cast<std::size_t>(i)], i + 1, count);
                for (std::size_t c = 0; c < b.tableColumns.size(); ++c) {
                    texts[c].clear();
                    (void)b.tableColumns[c].cell.renderTo(texts[c], frame);
                }
                Item row = tableRow(b, colX, total, texts, b.style.font, false, false);
                row.table = tableId;
                row.line = b.line;
                out.push_back(std::move(row));
            }
        }
        space(out, b.spaceAfter);
        return {};
    }

    // ----- pages -----

    void newPage() {
        m_page = HPDF_AddPage(m_doc);
        ++m_pageCount;
        ++m_docPages;
        HPDF_Page_SetWidth(m_page, static_cast<HPDF_REAL>(m_layout.pageWidth));
        HPDF_Page_SetHeight(m_page, static_cast<HPDF_REAL>(m_layout.pageHeight));
    }

    core::Status drawFixedSets() {
        tmpl::Value pageValue = tmpl::Value::map();
        pageValue.set("page", std::to_string(m_docPages));
        tmpl::Scope pageScope(m_root, pageValue, 1, 1);
        for (const EveryPage& ep : m_layout.everyPage) {
            if (m_docPages >= ep.fromPage) {
                if (auto st = drawFixed(ep.elements, pageScope); !st) {
                    return st;
                }
            }
        }
        if (m_docPages == 1) {
            return drawFixed(m_layout.firstPage, pageScope);
        }
        return {};
    }

    core::Status paginate(const std::vector<Item>& items) {
        const double top = m_layout.marginTop;
        const double bottom = m_layout.pageHeight - m_layout.marginBottom;
        newPage();
        if (auto st = drawFixedSets(); !st) {
            return st;
        }
        double y = top;
        bool hasContent = false;
        auto breakPage = [&]() -> core::Status {
            newPage();
            y = top;
            hasContent = false;
            return drawFixedSets();
        };
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Item& it = items[i];
            if (it.kind == Item::Kind::Break) {
                if (hasContent) {
                    if (auto st = breakPage(); !st) {
                        return st;
                    }
                }
                continue;
            }
            if (it.kind == Item::Kind::Space) {
                if (hasContent) {
                    y = std::min(bottom, y + it.height);
                }
                continue;
            }
            // Keep headings, rules under text and table headers with what follows them.
            double need = it.height;
            for (std::size_t k = i; items[k].keepWithNext;) {
                std::size_t next = k + 1;
                while (next < items.size() && items[next].kind == Item::Kind::Space) {
                    ++next;
                }
                if (next >= items.size() || items[next].kind != Item::Kind::Content) {
                    break;
                }
                need += items[next].height;
                k = next;
            }
            if (hasContent && y + need > bottom + 0.01) {
                if (auto st = breakPage(); !st) {
                    return st;
                }
            }
            if (!hasContent && it.table >= 0 && !it.tableHeader) {
                const Item& header = m_tableHeaders[static_cast<std::size_t>(it.table)];
                drawPrims(header.prims, y);
                y += header.height;
            }
            if (y + it.height > bottom + 0.01 && !hasContent) {
                return core::makeError(core::ErrorKind::InputRejected, "R003",
                                       "một khối nội dung (dòng bảng hoặc khối giữ liền) cao hơn "
                                       "một trang giấy; hãy rút gọn nội dung",
                                       {m_layout.sourceName, it.line});
            }
            drawPrims(it.prims, y);
            y += it.height;
            hasContent = true;
        }
        return {};
    }

    // ----- absolute elements -----

    core::Status drawFixed(const std::vector<FixedElement>& elements, const tmpl::Scope& scope) {
        for (const FixedElement& e : elements) {
            if (!passes(e.condition, scope)) {
                continue;
            }
            std::vector<Prim> prims;
            if (e.kind == FixedElement::Kind::Rect) {
                Prim p;
                p.kind = Prim::Kind::Rect;
                p.x = e.x;
                p.y = e.y;
                p.x2 = e.width;
                p.y2 = e.height;
                p.lineWidth = e.lineWidth;
                p.colour = e.colour;
                prims.push_back(p);
            } else if (e.kind == FixedElement::Kind::Line) {
                Prim p;
                p.kind = Prim::Kind::Line;
                p.x = e.x;
                p.y = e.y;
                p.x2 = e.x2;
                p.y2 = e.y2;
                p.lineWidth = e.lineWidth;
                p.colour = e.colour;
                prims.push_back(p);
            } else if (e.kind == FixedElement::Kind::Image) {
                if (auto st = drawImage(e); !st) {
                    return st;
                }
                continue;
            } else if (auto st = layoutFixedText(e, scope, prims); !st) {
                return st;
            }
            drawPrims(prims, 0);
        }
        return {};
    }

    // A template image asset (certificate frame, emblem), scaled to its box. A PNG without alpha
    // (PDF/A-1 forbids transparency); libharu decodes it with libpng.
    core::Status drawImage(const FixedElement& e) {
        // Loaded once per PDF and referenced from every page: a batch or print file of N
        // certificates holds one copy of each asset, not N (libharu would embed it again on
        // every load).
        const std::string file = e.imageFile.string();
        HPDF_Image& image = m_images[file];
        if (!image) {
            image = HPDF_LoadPngImageFromFile(m_doc, file.c_str());
        }
        if (!image) {
            m_images.erase(file);
            return checkpoint("đọc tệp hình của mẫu");
        }
        HPDF_Page_DrawImage(m_page, image, static_cast<HPDF_REAL>(e.x),
                            static_cast<HPDF_REAL>(pdfY(e.y + e.height)),
                            static_cast<HPDF_REAL>(e.width), static_cast<HPDF_REAL>(e.height));
        return checkpoint("vẽ hình của mẫu");
    }

    core::Status layoutFixedText(const FixedElement& e, const tmpl::Scope& scope,
                                 std::vector<Prim>& prims) {
        std::vector<StyledRun> runs = styledRuns(e.runs, e.style, scope);
        if (runs.empty()) {
            return {};
        }
        TextStyle style = e.style;
        const std::string field = e.field.empty() ? "nội dung" : e.field;
        std::vector<Word> ws = words(runs, style.size);
        if (m_missing) {
            return missingGlyph(field, e.line);
        }
        std::vector<Line> lines;
        if (e.fit == Fit::Wrap) {
            lines = wrap(ws, e.width, e.width, style.size);
            if (e.maxLines > 0 && static_cast<int>(lines.size()) > e.maxLines) {
                return core::makeError(core::ErrorKind::InputRejected, "R001",
                                       field + " quá dài: cần " + std::to_string(lines.size()) +
                                           " dòng, mẫu chỉ cho phép " + std::to_string(e.maxLines) +
                                           " dòng; hãy rút gọn",
                                       {m_layout.sourceName, e.line});
            }
        } else {
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
        }
        const double lh = lineHeight(style);
        const double base = baselineOffset(style);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            emitLine(lines[i], e.x, e.width, e.align, i + 1 == lines.size(),
                     e.y + static_cast<double>(i) * lh + base, style.size, prims);
        }
        return {};
    }

    // ----- drawing -----

    double pdfY(double y) const { return m_layout.pageHeight - y; }

    void drawPrims(const std::vector<Prim>& prims, double dy) {
        for (const Prim& p : prims) {
            switch (p.kind) {
            case Prim::Kind::Text: {
                HPDF_Font f = font(p.font);
                if (!f) {
                    return;
                }
                HPDF_Page_BeginText(m_page);
                HPDF_Page_SetRGBFill(m_page, static_cast<HPDF_REAL>(p.colour.r),
                                     static_cast<HPDF_REAL>(p.colour.g),
                                     static_cast<HPDF_REAL>(p.colour.b));
                HPDF_Page_SetFontAndSize(m_page, f, static_cast<HPDF_REAL>(p.size));
                HPDF_Page_TextOut(m_page, static_cast<HPDF_REAL>(p.x),
                                  static_cast<HPDF_REAL>(pdfY(p.y + dy)), p.text.c_str());
                HPDF_Page_EndText(m_page);
                break;
            }
            case Prim::Kind::Line:
                HPDF_Page_SetLineWidth(m_page, static_cast<HPDF_REAL>(p.lineWidth));
                HPDF_Page_SetRGBStroke(m_page, static_cast<HPDF_REAL>(p.colour.r),
                                       static_cast<HPDF_REAL>(p.colour.g),
                                       static_cast<HPDF_REAL>(p.colour.b));
                HPDF_Page_MoveTo(m_page, static_cast<HPDF_REAL>(p.x),
                                 static_cast<HPDF_REAL>(pdfY(p.y + dy)));
                HPDF_Page_LineTo(m_page, static_cast<HPDF_REAL>(p.x2),
                                 static_cast<HPDF_REAL>(pdfY(p.y2 + dy)));
                HPDF_Page_Stroke(m_page);
                break;
            case Prim::Kind::Rect:
                HPDF_Page_SetLineWidth(m_page, static_cast<HPDF_REAL>(p.lineWidth));
                HPDF_Page_SetRGBStroke(m_page, static_cast<HPDF_REAL>(p.colour.r),
                                       static_cast<HPDF_REAL>(p.colour.g),
                                       static_cast<HPDF_REAL>(p.colour.b));
                HPDF_Page_Rectangle(m_page, static_cast<HPDF_REAL>(p.x),
                                    static_cast<HPDF_REAL>(pdfY(p.y + dy + p.y2)),
                                    static_cast<HPDF_REAL>(p.x2), static_cast<HPDF_REAL>(p.y2));
                HPDF_Page_Stroke(m_page);
                break;
            }
        }
    }

    const Layout& m_layout;
    std::vector<FontMetrics>& m_metrics;
    tmpl::Scope m_root;
    HaruError m_error;
    HPDF_Doc m_doc = nullptr;
    HPDF_Page m_page = nullptr;
    int m_pageCount = 0; // in the PDF
    int m_docPages = 0;  // in the document being drawn
    std::vector<HPDF_Font> m_fonts;
    char32_t m_missing = 0; // first character drawn without a glyph in its font
    std::unordered_map<std::string, HPDF_Image> m_images; // asset file → image of this PDF
    std::vector<Item> m_tableHeaders;
};

} // namespace

struct DocumentRenderer::Impl {
    Layout layout;
    std::int64_t now = 0;
    mutable std::vector<FontMetrics> metrics;
};

DocumentRenderer::DocumentRenderer() : m_impl(std::make_unique<Impl>()) {}
DocumentRenderer::~DocumentRenderer() = default;
DocumentRenderer::DocumentRenderer(DocumentRenderer&&) noexcept = default;
DocumentRenderer& DocumentRenderer::operator=(DocumentRenderer&&) noexcept = default;

core::Result<DocumentRenderer> DocumentRenderer::load(const core::Environment& env,
                                                      const std::string& templateName) {
    return load(env, templateName, LayoutOptions{});
}

core::Result<DocumentRenderer> DocumentRenderer::load(const core::Environment& env,
                                                      const std::string& templateName,
                                                      const LayoutOptions& options) {
    auto layout = loadLayout(env, templateName, options);
    if (!layout) {
        return layout.error();
    }
    DocumentRenderer r;
    r.m_impl->layout = std::move(layout.value());
    r.m_impl->now = env.now;
    r.m_impl->metrics.resize(r.m_impl->layout.fonts.size());
    return r;
}

core::Result<RenderedBytes> DocumentRenderer::renderToBytes(const tmpl::Value& context) const {
    Session session(m_impl->layout, m_impl->metrics);
    if (auto st = session.begin(); !st) {
        return st.error();
    }
    if (auto st = session.draw(context); !st) {
        return st.error();
    }
    auto raw = session.save();
    if (!raw) {
        return raw.error();
    }
    auto fixed = fixupPdf(raw.value(), infoOf(context, m_impl->now));
    if (!fixed) {
        return fixed.error();
    }
    return RenderedBytes{session.pageCount(), std::move(fixed.value())};
}

core::Result<RenderedDocument>
DocumentRenderer::renderCombined(std::size_t count, const ContextSource& source, PdfInfo info,
                                 const fs::path& outFile, const CombinedOptions& options,
                                 std::size_t* failedIndex) const {
    Session session(m_impl->layout, m_impl->metrics);
    if (auto st = session.begin(); !st) {
        return st.error();
    }
    for (std::size_t i = 0; i < count; ++i) {
        core::Status st = [&]() -> core::Status {
            auto context = source(i);
            if (!context) {
                return context.error();
            }
            if (auto drawn = session.draw(context.value()); !drawn) {
                return drawn;
            }
            if (options.duplex && session.documentPages() % 2 == 1) {
                return session.blankPage();
            }
            return {};
        }();
        if (!st) {
            if (failedIndex) {
                *failedIndex = i;
            }
            return st.error();
        }
    }
    auto raw = session.save();
    if (!raw) {
        return raw.error();
    }
    info.created = m_impl->now;
    auto fixed = fixupPdf(raw.value(), info);
    if (!fixed) {
        return fixed.error();
    }
    if (auto st = core::writeFileAtomic(outFile, fixed.value()); !st) {
        return st.error();
    }
    return RenderedDocument{session.pageCount(), fixed->size()};
}

namespace {

// Written under a temporary name and renamed (a reader never sees half a file), without the
// fsync of core::writeFileAtomic: thousands of fsyncs would dominate a bulk round, and the
// caller syncs the whole folder once (see renderEach).
core::Status writeFileUnsynced(const fs::path& target, std::string_view bytes) {
    const std::string tmp = target.string() + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (f && std::fclose(f) == 0) && ok;
    if (!ok || std::rename(tmp.c_str(), target.c_str()) != 0) {
        std::remove(tmp.c_str());
        return core::makeError(core::ErrorKind::CannotCreate, "R023", "không ghi được tệp PDF",
                               {target.string()});
    }
    return {};
}

} // namespace

core::Result<std::vector<RenderedDocument>>
DocumentRenderer::renderEach(std::size_t count, const ContextSource& source,
                             const OutputPath& outFile, const EachOptions& options,
                             std::size_t* failedIndex) const {
    const std::size_t batch = std::max<std::size_t>(1, options.batchSize);
    const std::size_t batches = (count + batch - 1) / batch;
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(
        std::max<std::size_t>(1, std::min<std::size_t>(threads ? threads : 1, batches)));

    std::vector<RenderedDocument> results(count);
    std::atomic<std::size_t> nextBatch{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::optional<std::pair<std::size_t, core::Error>> firstError;
    auto fail = [&](std::size_t index, core::Error e) {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (!firstError || index < firstError->first) {
            firstError.emplace(index, std::move(e));
        }
        stop = true;
    };

    // One batch: its documents drawn into one libharu PDF, fixed up once, cut into files.
    auto runBatch = [&](std::size_t b, std::vector<FontMetrics>& metrics) {
        const std::size_t first = b * batch;
        const std::size_t last = std::min(count, first + batch);
        Session session(m_impl->layout, metrics);
        if (auto st = session.begin(); !st) {
            return fail(first, st.error());
        }
        std::vector<PdfInfo> infos;
        std::vector<int> firstPage;
        for (std::size_t i = first; i < last; ++i) {
            auto context = source(i);
            if (!context) {
                return fail(i, context.error());
            }
            firstPage.push_back(session.pageCount());
            if (auto st = session.draw(context.value()); !st) {
                return fail(i, st.error());
            }
            infos.push_back(infoOf(context.value(), m_impl->now));
        }
        firstPage.push_back(session.pageCount());
        auto raw = session.save();
        if (!raw) {
            return fail(first, raw.error());
        }
        auto fixed = fixupPdf(raw.value(), PdfInfo{});
        if (!fixed) {
            return fail(first, fixed.error());
        }
        auto splitter = PdfPageSplitter::open(std::move(fixed.value()));
        if (!splitter) {
            return fail(first, splitter.error());
        }
        for (std::size_t i = first; i < last; ++i) {
            const std::size_t k = i - first;
            const int pages = firstPage[k + 1] - firstPage[k];
            auto file = splitter->extract(firstPage[k], pages, infos[k]);
            if (!file) {
                return fail(i, file.error());
            }
            if (auto st = writeFileUnsynced(outFile(i), file.value()); !st) {
                return fail(i, st.error());
            }
            results[i] = RenderedDocument{pages, file->size()};
        }
    };
    auto worker = [&]() {
        // Width caches are per worker: they are filled lazily while drawing.
        std::vector<FontMetrics> metrics(m_impl->layout.fonts.size());
        for (std::size_t b; !stop && (b = nextBatch++) < batches;) {
            runBatch(b, metrics);
        }
    };
    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back(worker);
        }
        for (std::thread& t : pool) {
            t.join();
        }
    }
    if (firstError) {
        if (failedIndex) {
            *failedIndex = firstError->first;
        }
        return firstError->second;
    }
    return results;
}

core::Result<RenderedDocument> DocumentRenderer::render(const tmpl::Value& context,
                                                        const fs::path& outFile) const {
    auto bytes = renderToBytes(context);
    if (!bytes) {
        return bytes.error();
    }
    if (auto st = core::writeFileAtomic(outFile, bytes->pdf); !st) {
        return st.error();
    }
    return RenderedDocument{bytes->pageCount, bytes->pdf.size()};
}

} // namespace tdkt::render
