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
    return r;
}

const std::string& DocumentRenderer::name() const {
    return m_impl->name;
}

DocumentRenderer::Impl::MetricsLease::MetricsLease(const Impl& impl) : m_impl(impl) {
    std::lock_guard<std::mutex> hold(impl.spareMutex);
    if (!impl.spare.empty()) {
        m_metrics = std::move(impl.spare.back());
        impl.spare.pop_back();
    } else {
        m_metrics = std::make_unique<std::vector<detail::FontMetrics>>(impl.layout.fonts.size());
    }
}

DocumentRenderer::Impl::MetricsLease::~MetricsLease() {
    std::lock_guard<std::mutex> hold(m_impl.spareMutex);
    m_impl.spare.push_back(std::move(m_metrics));
}

core::Result<RenderedBytes> DocumentRenderer::renderToBytes(const tmpl::Value& context) const {
    Impl::MetricsLease metrics(*m_impl);
    Session session(m_impl->layout, metrics.get());
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
