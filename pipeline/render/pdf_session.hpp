#pragma once
// One PDF being drawn with libharu: its document, fonts, images and error state, and the
// layout of the template's content into it. The member functions are defined by topic:
// pdf_session.cpp (document, fonts, images, drawing), text_measure.cpp (widths, wrapping,
// shrink-to-fit), flow_layout.cpp (blocks, pagination, fixed elements), table_layout.cpp.
#include "pipeline/core/error.hpp"
#include "pipeline/render/display_list.hpp"
#include "pipeline/render/layout.hpp"
#include "pipeline/render/pdf_fixup.hpp"
#include "pipeline/render/renderer.hpp"
#include "pipeline/render/text_measure.hpp"
#include "pipeline/template/value.hpp"

#include <cstdint>
#include <hpdf.h>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tdkt::render::detail {

struct HaruError {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void onHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user);

// Whether a template element's if/unless condition holds in `scope`.
bool passes(const Condition& c, const tmpl::Scope& scope);

std::string contextString(const tmpl::Value& ctx, const char* path);

const tmpl::Value& emptyContext();

// The document information of one document: its context's "meta" and the run's clock.
PdfInfo infoOf(const tmpl::Value& ctx, std::int64_t now);

// One document being drawn.
class Session {
public:
    Session(const Layout& layout, std::vector<FontMetrics>& metrics)
        : m_layout(layout), m_metrics(metrics), m_root(emptyContext()) {}

    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Starts the PDF: one per file, or one per batch of documents drawn one after another
    // (fonts are set up once per PDF, which is where libharu spends its time).
    // printChunk: a chunk of the combined print file (PdfChunk, pdf_concat.hpp). Every glyph
    // of each font it loads is embedded, whatever text is drawn, so chunks that load their
    // fonts in the same order (the same template) embed byte-identical font objects and the
    // print file keeps one copy (a font loaded in another order only costs another copy). The
    // fonts are the build-time subsets, so "every glyph" is the Vietnamese + Latin set. Page
    // contents are left uncompressed for PdfChunk::prepare to compress.
    core::Status begin(bool printChunk = false);
    // Draws one document (its pages numbered from 1) after the pages already drawn.
    core::Status draw(const tmpl::Value& context);
    // An empty page of the layout's size (duplex printing: the back of a one-sided sheet).
    core::Status blankPage();

    int pageCount() const { return m_pageCount; }
    int documentPages() const { return m_docPages; }

    // libharu's bytes, before the PDF/A fix-up.
    core::Result<std::string> save();

    // ----- checking without drawing (fit_check.cpp) -----
    // Lays out every text element of the document's first page (the first-page set and the
    // sets repeated from page 1) with `context` and reports each one drawing would reject
    // (R001, R002, R004): all of them, not only the first. Needs begin(); draws nothing.
    void measureFixed(const tmpl::Value& context, std::vector<FieldProblem>& out);
    // How many characters of ordinary Vietnamese prose `e` holds: its lines at its size, or
    // one line at its minimum size when it shrinks.
    int capacityChars(const FixedElement& e);
    // The first code point of `text` that one of the template's fonts has no glyph for
    // (0 = none).
    char32_t firstMissing(std::string_view text);
    // Whether every font of the template has a glyph for `cp` (remembered per code point).
    bool drawableByAll(char32_t cp);

private:
    // ----- libharu plumbing (pdf_session.cpp) -----
    core::Status missingGlyph(const std::string& field, int line);
    core::Status checkpoint(const char* what);
    HPDF_Font font(int index);
    void newPage();
    core::Status drawImage(const FixedElement& e);
    void drawPrims(const std::vector<Prim>& prims, double dy);

    // ----- text (text_measure.cpp) -----
    double charWidth(int fontIndex, char32_t cp);
    double textWidth(int fontIndex, double size, std::string_view text);
    const FontMetrics& vertical(int fontIndex);
    double baselineOffset(const TextStyle& s);
    std::vector<StyledRun> styledRuns(const std::vector<Run>& runs, const TextStyle& style,
                                      const tmpl::Scope& scope);
    std::vector<Word> words(const std::vector<StyledRun>& runs, double size);
    std::vector<Word> splitWord(const Word& word, double width, double size);
    std::vector<Line> wrap(const std::vector<Word>& ws, double firstWidth, double width,
                           double size);
    void emitLine(const Line& line, double x0, double avail, Align align, bool lastLine, double y,
                  double size, std::vector<Prim>& out);
    // The lines `runs` take in fixed element `e` (R001, R002, R004 when they cannot), and the
    // style they are drawn in (its size shrunk when the element shrinks to fit).
    core::Status fitFixedText(const FixedElement& e, const std::vector<StyledRun>& runs,
                              TextStyle& style, std::vector<Line>& lines);
    core::Status layoutFixedText(const FixedElement& e, const tmpl::Scope& scope,
                                 std::vector<Prim>& prims);
    double lineHeight(const TextStyle& s) const { return s.size * s.leading; }

    // ----- flow layout, pages, fixed elements (flow_layout.cpp) -----
    core::Status layoutBlocks(const std::vector<Block>& blocks, const tmpl::Scope& scope, double x,
                              double width, std::vector<Item>& out);
    static void space(std::vector<Item>& out, double h);
    core::Status layoutBlock(const Block& b, const tmpl::Scope& scope, double x, double width,
                             std::vector<Item>& out);
    void layoutPara(const Block& b, const tmpl::Scope& scope, double x, double width,
                    std::vector<Item>& out);
    core::Status drawFixedSets();
    core::Status paginate(const std::vector<Item>& items);
    core::Status drawFixed(const std::vector<FixedElement>& elements, const tmpl::Scope& scope);

    // ----- tables (table_layout.cpp) -----
    // A column as laid out in one table: its place and width after the columns whose condition
    // fails have been left out.
    struct PlacedColumn {
        const TableColumn* column;
        double x;
        double width;
    };
    Item tableRow(const Block& b, const std::vector<PlacedColumn>& cols, double totalWidth,
                  const std::vector<std::string>& texts, int fontIndex, bool header, bool span);
    void tableSection(const Block& b, const TableSection& sec, const tmpl::Scope& scope,
                      const std::vector<PlacedColumn>& cols, double total, int tableId,
                      std::vector<std::string>& texts, std::vector<Item>& out);
    core::Status layoutTable(const Block& b, const tmpl::Scope& scope, double x,
                             std::vector<Item>& out);

    double pdfY(double y) const { return m_layout.pageHeight - y; }

    const Layout& m_layout;
    std::vector<FontMetrics>& m_metrics;
    tmpl::Scope m_root;
    HaruError m_error;
    HPDF_Doc m_doc = nullptr;
    HPDF_Page m_page = nullptr;
    int m_pageCount = 0; // in the PDF
    int m_docPages = 0;  // in the document being drawn
    std::vector<HPDF_Font> m_fonts;
    char32_t m_missing = 0;     // first character drawn without a glyph in its font
    char32_t m_lastMissing = 0; // the one the last R004 was about
    // measureFixed's answers by element and text: most fields of a certificate (issuer, date,
    // kind, unit) repeat from one awardee to the next. Bounded: cleared when full.
    std::unordered_map<std::string, std::optional<FieldProblem>> m_fitMemo;
    std::vector<std::uint8_t> m_drawable; // by BMP code point: 0 unknown, 1 yes, 2 no
    bool m_wholeFonts = false;            // printChunk
    std::unordered_map<std::string, HPDF_Image> m_images; // asset file → image of this PDF
    std::vector<Item> m_tableHeaders;
};

} // namespace tdkt::render::detail
