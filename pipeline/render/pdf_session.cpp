#include "pipeline/render/pdf_session.hpp"

#include <algorithm>
#include <cstdio>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

namespace tdkt::render::detail {

void onHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    // Called by libharu instead of longjmp: remember the first error; the failing call returns
    // an error code and the session checks the state at its checkpoints.
    auto* state = static_cast<HaruError*>(user);
    if (state->error == HPDF_OK) {
        state->error = error;
        state->detail = detail;
    }
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

Session::~Session() {
    if (m_doc) {
        HPDF_Free(m_doc);
    }
}

// Starts the PDF: one per file, or one per batch of documents drawn one after another
// (fonts are set up once per PDF, which is where libharu spends its time).
core::Status Session::begin(bool printChunk) {
    m_doc = HPDF_New(onHaruError, &m_error);
    if (!m_doc) {
        return core::makeError(core::ErrorKind::Internal, "R020",
                               "không khởi tạo được thư viện PDF (libharu)");
    }
    // Compression first: the filter of a stream is fixed when the stream is created,
    // including the embedded font streams.
    // A chunk of the print file leaves its page contents uncompressed: PdfChunk::prepare
    // compresses them with one reused zlib stream (libharu sets zlib up afresh for every page,
    // which took a third of the time of a certificate).
    HPDF_SetCompressionMode(m_doc,
                            printChunk ? (HPDF_COMP_IMAGE | HPDF_COMP_METADATA) : HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(m_doc);
    HPDF_SetCurrentEncoder(m_doc, "UTF-8");
    m_fonts.assign(m_layout.fonts.size(), nullptr);
    m_images.clear();
    m_wholeFonts = printChunk;
    return checkpoint("khởi tạo tài liệu");
}

// Draws one document (its pages numbered from 1) after the pages already drawn.
core::Status Session::draw(const tmpl::Value& context) {
    m_root = tmpl::Scope(context);
    m_docPages = 0;
    m_missing = 0;
    m_tableHeaders.clear();
    std::vector<Item> items;
    if (m_layout.hasFlow) {
        const double width = m_layout.pageWidth - m_layout.marginLeft - m_layout.marginRight;
        if (auto st = layoutBlocks(m_layout.flow, m_root, m_layout.marginLeft, width, items); !st) {
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
core::Status Session::blankPage() {
    newPage();
    return checkpoint("thêm trang trắng");
}

// libharu's bytes, before the PDF/A fix-up.
core::Result<std::string> Session::save() {
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

// R004: a character the template's font cannot draw (it would print as an empty box).
core::Status Session::missingGlyph(const std::string& field, int line) {
    const char32_t cp = m_missing;
    m_lastMissing = cp;
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

core::Status Session::checkpoint(const char* what) {
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
HPDF_Font Session::font(int index) {
    HPDF_Font& f = m_fonts[static_cast<std::size_t>(index)];
    if (!f && m_error.error == HPDF_OK) {
        const std::string path = m_layout.fonts[static_cast<std::size_t>(index)].file.string();
        const char* name = HPDF_LoadTTFontFromFile(m_doc, path.c_str(), HPDF_TRUE);
        if (name) {
            f = HPDF_GetFont(m_doc, name, "UTF-8");
        }
        auto* attr = f ? static_cast<HPDF_FontAttr>(f->attr) : nullptr;
        if (m_wholeFonts && attr && attr->fontdef &&
            attr->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE) {
            // libharu's public API has no "embed every glyph"; its TrueType definition
            // (hpdf_fontdef.h, installed with libhpdf-dev) keeps one used-flag per glyph.
            auto* tt = static_cast<HPDF_TTFontDefAttr>(attr->fontdef->attr);
            std::fill(tt->glyph_tbl.flgs, tt->glyph_tbl.flgs + tt->num_glyphs, HPDF_BYTE{1});
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

void Session::newPage() {
    m_page = HPDF_AddPage(m_doc);
    ++m_pageCount;
    ++m_docPages;
    HPDF_Page_SetWidth(m_page, static_cast<HPDF_REAL>(m_layout.pageWidth));
    HPDF_Page_SetHeight(m_page, static_cast<HPDF_REAL>(m_layout.pageHeight));
}

// A template image asset (certificate frame, emblem), scaled to its box. A PNG without alpha
// (PDF/A-1 forbids transparency); libharu decodes it with libpng.
core::Status Session::drawImage(const FixedElement& e) {
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
    const auto x = static_cast<HPDF_REAL>(e.x);
    const auto y = static_cast<HPDF_REAL>(pdfY(e.y + e.height));
    const auto w = static_cast<HPDF_REAL>(e.width);
    const auto h = static_cast<HPDF_REAL>(e.height);
    if (!e.flipH && !e.flipV) {
        HPDF_Page_DrawImage(m_page, image, x, y, w, h);
    } else {
        // A mirrored copy is the same XObject under a matrix with a negative scale, moved by
        // the box's size so that it still fills (x, y, w, h): one embedded image serves every
        // corner (HPDF_Page_DrawImage's own `cm` allows no mirroring).
        HPDF_Page_GSave(m_page);
        HPDF_Page_Concat(m_page, e.flipH ? -w : w, 0, 0, e.flipV ? -h : h, e.flipH ? x + w : x,
                         e.flipV ? y + h : y);
        HPDF_Page_ExecuteXObject(m_page, image);
        HPDF_Page_GRestore(m_page);
    }
    return checkpoint("vẽ hình của mẫu");
}

void Session::drawPrims(const std::vector<Prim>& prims, double dy) {
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

} // namespace tdkt::render::detail
