#pragma once
// The state behind DocumentRenderer, shared by renderer.cpp and batch_render.cpp.
#include "pipeline/render/renderer.hpp"
#include "pipeline/render/text_measure.hpp"

#include <cstdint>
#include <vector>

namespace tdkt::render {

struct DocumentRenderer::Impl {
    std::string name; // the template's folder name
    Layout layout;
    std::int64_t now = 0;
    mutable std::vector<detail::FontMetrics> metrics;
};

} // namespace tdkt::render
