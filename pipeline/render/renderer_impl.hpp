#pragma once
// The state behind DocumentRenderer, shared by renderer.cpp and batch_render.cpp.
#include "pipeline/render/renderer.hpp"
#include "pipeline/render/text_measure.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace tdkt::render {

struct DocumentRenderer::Impl {
    std::string name; // the template's folder name
    Layout layout;
    std::int64_t now = 0;

    // Metrics caches for single documents drawn from several threads at once (render(),
    // renderToBytes()): each call borrows one, so the glyph widths measured stay cached.
    class MetricsLease {
    public:
        explicit MetricsLease(const Impl& impl);
        ~MetricsLease();
        MetricsLease(const MetricsLease&) = delete;
        MetricsLease& operator=(const MetricsLease&) = delete;
        std::vector<detail::FontMetrics>& get() { return *m_metrics; }

    private:
        const Impl& m_impl;
        std::unique_ptr<std::vector<detail::FontMetrics>> m_metrics;
    };
    mutable std::mutex spareMutex;
    mutable std::vector<std::unique_ptr<std::vector<detail::FontMetrics>>> spare;
};

} // namespace tdkt::render
