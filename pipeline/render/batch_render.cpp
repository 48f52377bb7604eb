#include "pipeline/core/atomic_file.hpp"
#include "pipeline/render/pdf_concat.hpp"
#include "pipeline/render/pdf_session.hpp"
#include "pipeline/render/renderer_impl.hpp"
#include "renderer.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace tdkt::render {

using detail::FontMetrics;
using detail::infoOf;
using detail::Session;

namespace {

// Certificates per chunk of the print file: one libharu PDF each. The per-PDF font setup
// (~15 ms, see ../shared/notes/libharu.md) is paid once per chunk, and the chunks in flight
// (a few per worker) bound the memory whatever the size of the round.
constexpr std::size_t kChunkSize = 500;

} // namespace

// The round is drawn in chunks on one worker per core; the calling thread appends the
// finished chunks in print order to the file (PdfConcatWriter), so at most a few chunks are in
// memory at once and the fonts are embedded once for the whole file.
core::Result<RenderedDocument>
DocumentRenderer::renderCombined(std::size_t count, const ContextSource& source, PdfInfo info,
                                 const fs::path& outFile, const CombinedOptions& options,
                                 std::size_t* failedIndex) const {
    const std::size_t chunks = std::max<std::size_t>(1, (count + kChunkSize - 1) / kChunkSize);
    unsigned threads = std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(
        std::max<std::size_t>(1, std::min<std::size_t>(threads ? threads : 1, chunks)));
    const std::size_t window = threads + 1; // chunks drawn ahead of the writer at most

    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::size_t, PdfChunk> ready; // drawn, waiting for their turn in the file
    std::size_t nextChunk = 0;             // next chunk a worker takes
    std::size_t written = 0;               // chunks appended to the file
    std::optional<std::pair<std::size_t, core::Error>> firstError;
    auto fail = [&](std::size_t index, core::Error e) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!firstError || index < firstError->first) {
            firstError.emplace(index, std::move(e));
        }
        changed.notify_all();
    };

    // One chunk: its documents drawn into one libharu PDF with whole fonts (byte-identical in
    // every chunk, so the writer keeps one copy), fixed up and serialised.
    auto runChunk = [&](std::size_t c, std::vector<FontMetrics>& metrics) {
        const std::size_t first = c * kChunkSize;
        const std::size_t last = std::min(count, first + kChunkSize);
        Session session(m_impl->layout, metrics);
        if (auto st = session.begin(true); !st) {
            return fail(first, st.error());
        }
        for (std::size_t i = first; i < last; ++i) {
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
                return fail(i, st.error());
            }
        }
        auto raw = session.save();
        if (!raw) {
            return fail(first, raw.error());
        }
        auto chunk = PdfChunk::prepare(raw.value());
        if (!chunk) {
            return fail(first, chunk.error());
        }
        std::lock_guard<std::mutex> lock(mutex);
        ready.emplace(c, std::move(chunk.value()));
        changed.notify_all();
    };
    auto worker = [&]() {
        // Width caches are per worker, borrowed from the renderer's spares so that the widths
        // measured for earlier batches and documents stay cached (MetricsLease).
        Impl::MetricsLease lease(*m_impl);
        std::vector<FontMetrics>& metrics = lease.get();
        for (;;) {
            std::size_t c;
            {
                std::unique_lock<std::mutex> lock(mutex);
                // Back-pressure: no chunk further than `window` ahead of the file.
                changed.wait(lock, [&] {
                    return firstError || nextChunk >= chunks || nextChunk < written + window;
                });
                if (firstError || nextChunk >= chunks) {
                    return;
                }
                c = nextChunk++;
            }
            runChunk(c, metrics);
        }
    };

    // Written under a temporary name next to `outFile`, fsynced and renamed: a reader never
    // sees half a file, and a failed round leaves nothing at `outFile`. In place (a staging
    // folder nobody reads yet): written directly, and removed on failure.
    const fs::path tmp =
        options.inPlace ? outFile
                        : outFile.parent_path() / ("." + outFile.filename().string() + ".tmp-" +
                                                   std::to_string(static_cast<long>(::getpid())));
    auto writer = PdfConcatWriter::create(tmp);
    if (!writer) {
        return writer.error();
    }
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back(worker);
    }
    for (; written < chunks;) {
        PdfChunk chunk;
        {
            std::unique_lock<std::mutex> lock(mutex);
            // A failure in a later chunk still lets the chunks before it finish: the error
            // reported is the lowest failing index.
            changed.wait(lock, [&] {
                return ready.count(written) ||
                       (firstError && firstError->first < (written + 1) * kChunkSize);
            });
            if (!ready.count(written)) {
                break;
            }
            chunk = std::move(ready.at(written));
            ready.erase(written);
        }
        core::Status st = writer->append(chunk);
        std::lock_guard<std::mutex> lock(mutex);
        if (!st) {
            if (!firstError) {
                firstError.emplace(written * kChunkSize, st.error());
            }
            changed.notify_all();
            break;
        }
        ++written;
        changed.notify_all();
    }
    for (std::thread& t : pool) {
        t.join();
    }
    core::Status done = [&]() -> core::Status {
        if (firstError) {
            return firstError->second;
        }
        info.created = m_impl->now;
        auto bytes = writer->finish(info);
        if (!bytes) {
            return bytes.error();
        }
        if (options.inPlace) {
            return core::Status();
        }
        if (auto st = core::fsyncPath(tmp); !st) {
            return st;
        }
        return core::renameDurable(tmp, outFile);
    }();
    if (!done) {
        boost::system::error_code ec;
        fs::remove(tmp, ec);
        if (failedIndex && firstError) {
            *failedIndex = firstError->first;
        }
        return done.error();
    }
    return RenderedDocument{writer->pageCount(),
                            static_cast<std::uint64_t>(fs::file_size(outFile))};
}

namespace {

// Written under a temporary name and renamed (a reader never sees half a file), without the
// fsync of core::writeFileAtomic: thousands of fsyncs would dominate a bulk round, and the
// caller syncs the whole folder once (see renderEach). In place: directly under its name (a
// staging folder nobody reads yet; 4,590 renames were ~5 % of a 10,000-award round).
core::Status writeFileUnsynced(const fs::path& target, std::string_view bytes, bool inPlace) {
    const std::string tmp = inPlace ? target.string() : target.string() + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (f && std::fclose(f) == 0) && ok;
    if (!ok || (!inPlace && std::rename(tmp.c_str(), target.c_str()) != 0)) {
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
            if (auto st = writeFileUnsynced(outFile(i), file.value(), options.inPlace); !st) {
                return fail(i, st.error());
            }
            results[i] = RenderedDocument{pages, file->size()};
        }
    };
    auto worker = [&]() {
        // Width caches are per worker, borrowed from the renderer's spares so that the widths
        // measured for earlier batches and documents stay cached (MetricsLease).
        Impl::MetricsLease lease(*m_impl);
        std::vector<FontMetrics>& metrics = lease.get();
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
