#pragma once
// Draws documents from layout templates (templates/<name>/template.xml, validated against
// schemas/template-1.0.xsd at load time) with libharu: UTF-8 text in embedded Liberation Serif.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/template/value.hpp"

#include <cstdint>
#include <memory>
#include <string>

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

// A loaded template: parsed and validated once, then used for any number of documents.
// Thread-compatible: one renderer per thread, or external locking.
class DocumentRenderer {
public:
    // templateName: a folder under env.templatesDir(), e.g. "decision",
    // "certificate-bang-khen", "certificate-giay-khen".
    static core::Result<DocumentRenderer> load(const core::Environment& env,
                                               const std::string& templateName);

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

    ~DocumentRenderer();
    DocumentRenderer(DocumentRenderer&&) noexcept;
    DocumentRenderer& operator=(DocumentRenderer&&) noexcept;

private:
    DocumentRenderer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tdkt::render
