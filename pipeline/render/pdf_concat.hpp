#pragma once
// The combined print file written as a stream: the round is drawn in chunks (one libharu PDF
// each, on several threads), each chunk's pages are fixed up and serialised by PdfChunk, and
// one PdfConcatWriter appends the chunks in print order to one PDF/A-1b file. Memory stays flat
// in the number of pages: a chunk's pages go to the file as soon as it is appended, and only
// object offsets and page numbers are kept (a few bytes per page). Objects that are the same in
// every chunk (fonts, font files, CIDSets, ToUnicode, images, resource dictionaries) are
// written once: they are recognised by a hash of their serialised content (children by their
// hashes), so the chunks must embed byte-identical fonts (Session::begin(wholeFonts)).
// The result is byte-identical on reruns and does not depend on the chunk size.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/render/pdf_fixup.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tdkt::render {

// The pages of one libharu PDF, fixed up as fixupPdf fixes fonts (ToUnicode, CIDSet) and
// serialised for PdfConcatWriter. Made on worker threads: prepare() is thread-safe.
class PdfChunk {
public:
    // `raw`: libharu's output (Session::save). Errors: R021 (Internal) qpdf failed.
    static core::Result<PdfChunk> prepare(std::string_view raw);
    int pageCount() const { return static_cast<int>(m_pages.size()); }

private:
    friend class PdfConcatWriter;
    // Where a reference goes in an object's body: to another object of the chunk (its index)
    // or, for a page's /Parent, to the file's page tree.
    static constexpr int kPageTree = -1;
    struct Object {
        std::string body; // "<< ... >>" or "<< ... >>\nstream\n...\nendstream", refs left out
        std::vector<std::pair<std::size_t, int>> refs; // (offset in body, object index)
        std::string key; // content hash (children by their keys); empty: never shared
    };
    std::vector<Object> m_objects; // every object after the objects it references
    std::vector<int> m_pages;      // the page objects, in order
};

// Appends chunks to one PDF file and finishes it with the page tree, the catalog, one sRGB
// OutputIntent, the Info dictionary and XMP of the whole file, the xref and a deterministic
// /ID (a hash of the content). Not thread-safe: one writer, chunks appended in print order.
class PdfConcatWriter {
public:
    // Creates (truncates) `file`. Errors: R022 (Config) no sRGB profile, R023 cannot write.
    static core::Result<PdfConcatWriter> create(const fs::path& file);
    core::Status append(const PdfChunk& chunk);
    // Writes the end of the file and closes it; the file's size in bytes.
    core::Result<std::uint64_t> finish(const PdfInfo& info);
    int pageCount() const { return static_cast<int>(m_kids.size()); }

    ~PdfConcatWriter();
    PdfConcatWriter(PdfConcatWriter&& other) noexcept;
    PdfConcatWriter& operator=(PdfConcatWriter&&) = delete;
    PdfConcatWriter(const PdfConcatWriter&) = delete;
    PdfConcatWriter& operator=(const PdfConcatWriter&) = delete;

private:
    PdfConcatWriter() = default;
    int newObject(std::string& buf); // numbers the next object and starts it in `buf`
    core::Status flush(std::string& buf);

    fs::path m_path;
    std::FILE* m_file = nullptr;
    std::uint64_t m_written = 0;
    std::vector<std::uint64_t> m_offsets{0, 0, 0}; // by object number; 1 catalog, 2 page tree
    std::vector<int> m_kids;                       // object number of every page, in order
    std::unordered_map<std::string, int> m_shared; // content key → object number
    std::string m_idSeed;                          // hashes of everything written, in order
    const std::string* m_icc = nullptr;
};

} // namespace tdkt::render
