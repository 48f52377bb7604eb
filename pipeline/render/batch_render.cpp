#include "pipeline/core/atomic_file.hpp"
#include "pipeline/render/pdf_session.hpp"
#include "pipeline/render/renderer_impl.hpp"
#include "renderer.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

namespace tdkt::render {

using detail::FontMetrics;
using detail::infoOf;
using detail::Session;

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

} // namespace tdkt::render
