#pragma once
// Draws documents from layout templates (templates/<name>/template.xml, validated against
// schemas/template-1.0.xsd at load time) with libharu: UTF-8 text in embedded Liberation Serif.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/template/value.hpp"

#include <memory>
#include <string>

namespace tdkt::render {

struct RenderedDocument {
    int pageCount = 0;
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
    core::Result<RenderedDocument> render(const tmpl::Value& context,
                                          const fs::path& outFile) const;

    ~DocumentRenderer();
    DocumentRenderer(DocumentRenderer&&) noexcept;
    DocumentRenderer& operator=(DocumentRenderer&&) noexcept;

private:
    DocumentRenderer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tdkt::render
