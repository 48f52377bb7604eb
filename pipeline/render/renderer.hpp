#pragma once
// Draws documents from layout templates (templates/<name>/template.xml, validated against
// schemas/template-1.0.xsd at load time) with libharu: UTF-8 text in embedded Liberation Serif.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/render/layout.hpp"
#include "pipeline/render/pdf_fixup.hpp"
#include "pipeline/template/value.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::render {

struct RenderedDocument {
    int pageCount = 0;
    std::uint64_t bytes = 0; // size of the written file
};

// A document rendered in memory (for callers that stage or batch the writes themselves).
struct RenderedBytes {
    int pageCount = 0;
    std::string pdf;
};

// Supplies the context of document `index` (0-based) of a batch. renderEach calls it from
// several threads at once: it must only read shared, unchanging data.
using ContextSource = std::function<core::Result<tmpl::Value>(std::size_t index)>;
// Where document `index` of a batch is written.
using OutputPath = std::function<fs::path(std::size_t index)>;

struct CombinedOptions {
    // Duplex printers: every document starts on the front of a sheet (a document with an odd
    // number of pages is followed by a blank page).
    bool duplex = false;
    // `outFile` is in a folder nobody reads until the caller publishes it (an archive staging,
    // synced as a whole when filed): written in place, without a temporary name or fsync.
    bool inPlace = false;
};

struct EachOptions {
    unsigned threads = 0; // workers; 0 = one per core
    // Documents drawn into one libharu PDF before it is cut into files: the per-PDF font
    // setup is paid once per batch. Each file then embeds the glyphs its batch used, so the
    // bytes of a file depend on this number (never on `threads`).
    std::size_t batchSize = 64;
    // As CombinedOptions::inPlace: each file written directly under its name (no temporary
    // name and rename; on failure it is removed).
    bool inPlace = false;
};

// A field drawing would reject, found without drawing (FitChecker).
struct FieldProblem {
    std::string code;    // R001 too many lines, R002 below the minimum size, R004 no glyph
    std::string field;   // the template's name of the field ("thành tích")
    std::string message; // Vietnamese, without the location
    int templateLine = 0;
    // The context paths the field prints ("recipient.achievement"), for the caller to say
    // which input the text came from.
    std::vector<std::string> variables;
    int lines = 0; // R001: lines needed; maxLines is the template's
    int maxLines = 0;
    int capacityChars = 0;  // R001, R002: characters of ordinary prose the field holds
    char32_t character = 0; // R004
};

// A loaded template: parsed and validated once, then used for any number of documents.
// Thread-compatible: one renderer per thread, or external locking.
class DocumentRenderer {
public:
    // templateName: a folder under env.templatesDir(), e.g. "decision",
    // "certificate-bang-khen", "certificate-giay-khen".
    static core::Result<DocumentRenderer> load(const core::Environment& env,
                                               const std::string& templateName);
    // Certificates: full design or only the fields on a pre-printed blank, with the printer's
    // calibration offset (layout.hpp: LayoutOptions, loadPrinter).
    static core::Result<DocumentRenderer> load(const core::Environment& env,
                                               const std::string& templateName,
                                               const LayoutOptions& options);

    // Renders one document to `outFile` (written whole; the caller decides where). The context
    // holds "meta" (title, author, subject, keywords) for the PDF's document information.
    // Written to a temporary file next to `outFile`, fsynced and renamed into place.
    // Errors: R001 a wrapped field has more lines than the template allows ("thành tích quá
    // dài"), R002 a shrink-to-fit field would need a font below its min-size, R003 a block
    // (table row, kept-together block) taller than a page — all InputRejected; R020/R021 PDF
    // library failures (Internal); C0xx write failures.
    core::Result<RenderedDocument> render(const tmpl::Value& context,
                                          const fs::path& outFile) const;

    // The same, in memory.
    core::Result<RenderedBytes> renderToBytes(const tmpl::Value& context) const;

    // Batch, one print file: `count` documents in order in one PDF/A file (fonts embedded
    // once) with the document information `info` (its date is the run's clock). Written whole
    // to a temporary file next to `outFile`, fsynced and renamed into place. On error,
    // *failedIndex (when given) is the document at fault.
    core::Result<RenderedDocument> renderCombined(std::size_t count, const ContextSource& source,
                                                  PdfInfo info, const fs::path& outFile,
                                                  const CombinedOptions& options = {},
                                                  std::size_t* failedIndex = nullptr) const;

    // Batch, one PDF/A file per document, on `options.threads` workers; each file has its own
    // document information from its context's "meta". Files are written under a temporary
    // name and renamed, without fsync: the caller makes the folder durable (the archive syncs
    // a bag's staging tree once before filing it). Results are in index order. On error the
    // first failing document (lowest index) is reported and *failedIndex set to it.
    core::Result<std::vector<RenderedDocument>>
    renderEach(std::size_t count, const ContextSource& source, const OutputPath& outFile,
               const EachOptions& options = {}, std::size_t* failedIndex = nullptr) const;

    const std::string& name() const;

    ~DocumentRenderer();
    DocumentRenderer(DocumentRenderer&&) noexcept;
    DocumentRenderer& operator=(DocumentRenderer&&) noexcept;

private:
    friend class FitChecker;
    DocumentRenderer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Checks what drawing would reject without drawing anything, for `tdkt validate`: every text
// field of a document's first page laid out with its context (certificates, flags: fixed
// layouts), and whether the template's fonts can draw a text. About a hundred times cheaper
// than drawing. One checker per thread; the renderer must outlive it.
class FitChecker {
public:
    explicit FitChecker(const DocumentRenderer& renderer);
    ~FitChecker();
    FitChecker(FitChecker&&) noexcept;
    FitChecker(const FitChecker&) = delete;
    FitChecker& operator=(const FitChecker&) = delete;

    // Every problem of the document `context` would give (empty: it draws).
    core::Result<std::vector<FieldProblem>> check(const tmpl::Value& context);
    // The first character of `text` the template's fonts cannot draw (0 = none).
    char32_t undrawable(std::string_view text);
    // The characters of ordinary prose the field printing `variable` holds (0 = no such field
    // on the first page, or it is not limited).
    int capacityOf(const std::string& variable);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tdkt::render
