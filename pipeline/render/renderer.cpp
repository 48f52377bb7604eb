#include "renderer.hpp"

#include "pipeline/core/atomic_file.hpp"
#include "pipeline/render/pdf_session.hpp"
#include "pipeline/render/renderer_impl.hpp"

namespace tdkt::render {

using detail::infoOf;
using detail::Session;

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
    r.m_impl->name = templateName;
    r.m_impl->layout = std::move(layout.value());
    r.m_impl->now = env.now;
    r.m_impl->metrics.resize(r.m_impl->layout.fonts.size());
    return r;
}

const std::string& DocumentRenderer::name() const {
    return m_impl->name;
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
