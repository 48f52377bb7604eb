#include "pdf_concat.hpp"

// qpdf 11: use std::shared_ptr everywhere (no PointerHolder compatibility layer).
#define POINTERHOLDER_TRANSITION 4

#include "pipeline/core/sha256.hpp"

#include <cstring>
#include <exception>
#include <map>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <set>
#include <stdexcept>
#include <zlib.h>

namespace tdkt::render {
namespace {

// zlib's deflate with one stream reused (deflateReset) for every page content of a chunk:
// setting a stream up costs more than compressing the ~2 KB of a certificate's page.
class Deflater {
public:
    Deflater() {
        if (deflateInit(&m_z, Z_DEFAULT_COMPRESSION) != Z_OK) {
            throw std::runtime_error("không khởi tạo được zlib");
        }
    }
    ~Deflater() { deflateEnd(&m_z); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    // The compressed bytes of `in`, valid until the next call.
    std::string_view compress(std::string_view in) {
        deflateReset(&m_z);
        m_out.resize(deflateBound(&m_z, static_cast<uLong>(in.size())));
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        m_z.avail_in = static_cast<uInt>(in.size());
        m_z.next_out = reinterpret_cast<Bytef*>(m_out.data());
        m_z.avail_out = static_cast<uInt>(m_out.size());
        if (deflate(&m_z, Z_FINISH) != Z_STREAM_END) {
            throw std::runtime_error("zlib không nén được nội dung trang");
        }
        return std::string_view(m_out.data(), m_out.size() - m_z.avail_out);
    }

private:
    z_stream m_z{};
    std::string m_out;
};

// Serialises a chunk's objects depth first, each after the objects it references (so the
// writer knows every child's number, or that it is already in the file, before the parent).
// Written by hand rather than with QPDFWriter: a writer pass per chunk and a second parse of
// its output would cost as much as drawing the pages, and QPDFWriter cannot append to a file.
class ChunkSerializer {
public:
    struct Object {
        std::string body;
        std::vector<std::pair<std::size_t, int>> refs;
        std::string key;
    };

    // The page `page` (its /Parent becomes the file's page tree): its content streams are its
    // own, everything else it uses (resources, fonts, images) may be shared with other pages
    // and chunks.
    int page(QPDFObjectHandle page) {
        Object o;
        o.body = "<<";
        for (const std::string& k : page.getKeys()) {
            o.body += ' ' + k + ' ';
            if (k == "/Parent") {
                o.refs.emplace_back(o.body.size(), kPageTreeRef);
            } else {
                value(page.getKey(k), k != "/Contents", o);
            }
        }
        o.body += " >>";
        o.key.clear(); // pages are never shared
        return add(std::move(o));
    }

    std::vector<Object>& objects() { return m_objects; }
    static constexpr int kPageTreeRef = -1;

private:
    int collect(QPDFObjectHandle h, bool shareable) {
        auto found = m_index.find(h.getObjGen());
        if (found != m_index.end()) {
            return found->second;
        }
        if (!m_open.insert(h.getObjGen()).second) {
            throw std::runtime_error("vòng tham chiếu giữa các đối tượng PDF");
        }
        Object o;
        if (h.isStream()) {
            QPDFObjectHandle dict = h.getDict();
            o.body = "<<";
            for (const std::string& k : dict.getKeys()) {
                if (k != "/Length") {
                    o.body += ' ' + k + ' ';
                    value(dict.getKey(k), shareable, o);
                }
            }
            std::shared_ptr<Buffer> raw = h.getRawStreamData();
            std::string_view data(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
            if (!shareable && !dict.hasKey("/Filter")) {
                data = m_deflater.compress(data); // page contents (Session::begin(printChunk))
                o.body += " /Filter /FlateDecode";
            }
            o.body += " /Length " + std::to_string(data.size()) + " >>\nstream\n";
            o.body.append(data.data(), data.size());
            o.body += "\nendstream"; // PDF/A-1 6.1.7: EOL before endstream
        } else {
            direct(h, shareable, o);
        }
        m_open.erase(h.getObjGen());
        // A shared object's key: its body with each reference replaced by the child's key
        // (an object that references an unshared one is itself unshared).
        bool shared = shareable;
        std::string keyed;
        std::size_t at = 0;
        for (const auto& [offset, child] : o.refs) {
            const std::string& childKey = m_objects[static_cast<std::size_t>(child)].key;
            shared = shared && !childKey.empty();
            if (shared) {
                keyed.append(o.body, at, offset - at);
                keyed += '{' + childKey + '}';
                at = offset;
            }
        }
        if (shared) {
            keyed.append(o.body, at, std::string::npos);
            o.key = core::sha256Hex(keyed);
        }
        const int index = add(std::move(o));
        m_index.emplace(h.getObjGen(), index);
        return index;
    }

    void value(QPDFObjectHandle h, bool shareable, Object& o) {
        if (h.isIndirect()) {
            const int child = collect(h, shareable);
            o.refs.emplace_back(o.body.size(), child);
        } else {
            direct(h, shareable, o);
        }
    }

    void direct(QPDFObjectHandle h, bool shareable, Object& o) {
        if (h.isDictionary()) {
            o.body += "<<";
            for (const std::string& k : h.getKeys()) {
                o.body += ' ' + k + ' ';
                value(h.getKey(k), shareable, o);
            }
            o.body += " >>";
        } else if (h.isArray()) {
            o.body += '[';
            for (int i = 0, n = h.getArrayNItems(); i < n; ++i) {
                o.body += ' ';
                value(h.getArrayItem(i), shareable, o);
            }
            o.body += " ]";
        } else {
            o.body += h.unparse();
        }
    }

    int add(Object o) {
        m_objects.push_back(std::move(o));
        return static_cast<int>(m_objects.size()) - 1;
    }

    std::vector<Object> m_objects;
    std::map<QPDFObjGen, int> m_index;
    std::set<QPDFObjGen> m_open;
    Deflater m_deflater;
};

core::Error writeError(const fs::path& file) {
    return core::makeError(core::ErrorKind::CannotCreate, "R023",
                           std::string("không ghi được tệp PDF: ") + core::systemErrorText(errno),
                           {file.string()});
}

} // namespace

core::Result<PdfChunk> PdfChunk::prepare(std::string_view raw) {
    static_assert(kPageTree == ChunkSerializer::kPageTreeRef, "one marker for the page tree");
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("tdkt-chunk.pdf", raw.data(), raw.size());
        detail::fixFonts(q);
        QPDFPageDocumentHelper pages(q);
        // Attributes a page inherits from the tree it leaves (MediaBox, Resources) go onto it.
        pages.pushInheritedAttributesToPage();
        ChunkSerializer s;
        PdfChunk chunk;
        for (QPDFPageObjectHelper& page : pages.getAllPages()) {
            chunk.m_pages.push_back(s.page(page.getObjectHandle()));
        }
        chunk.m_objects.reserve(s.objects().size());
        for (ChunkSerializer::Object& o : s.objects()) {
            chunk.m_objects.push_back({std::move(o.body), std::move(o.refs), std::move(o.key)});
        }
        return chunk;
    } catch (const std::exception& e) {
        return detail::qpdfFailure(e);
    }
}

core::Result<PdfConcatWriter> PdfConcatWriter::create(const fs::path& file) {
    PdfConcatWriter w;
    w.m_icc = detail::srgbIccProfile();
    if (!w.m_icc) {
        return detail::srgbMissing();
    }
    w.m_path = file;
    w.m_file = std::fopen(file.c_str(), "wb");
    if (!w.m_file) {
        return writeError(file);
    }
    // Header and a comment line of bytes above 127 (PDF/A-1 6.1.2).
    std::string head = "%PDF-1.4\n%\xBF\xF7\xA2\xFE\n";
    if (auto st = w.flush(head); !st) {
        return st.error();
    }
    return w;
}

PdfConcatWriter::~PdfConcatWriter() {
    if (m_file) {
        std::fclose(m_file);
    }
}

PdfConcatWriter::PdfConcatWriter(PdfConcatWriter&& other) noexcept
    : m_path(std::move(other.m_path)), m_file(other.m_file), m_written(other.m_written),
      m_offsets(std::move(other.m_offsets)), m_kids(std::move(other.m_kids)),
      m_shared(std::move(other.m_shared)), m_idSeed(std::move(other.m_idSeed)), m_icc(other.m_icc) {
    other.m_file = nullptr;
}

int PdfConcatWriter::newObject(std::string& buf) {
    const int n = static_cast<int>(m_offsets.size());
    m_offsets.push_back(m_written + buf.size());
    buf += std::to_string(n) + " 0 obj\n";
    return n;
}

// Writes `buf` to the file and adds its hash to the seed of the /ID.
core::Status PdfConcatWriter::flush(std::string& buf) {
    if (!m_file) {
        return writeError(m_path);
    }
    m_idSeed += core::sha256Hex(buf);
    if (std::fwrite(buf.data(), 1, buf.size(), m_file) != buf.size()) {
        return writeError(m_path);
    }
    m_written += buf.size();
    buf.clear();
    return {};
}

core::Status PdfConcatWriter::append(const PdfChunk& chunk) {
    std::vector<int> numbers(chunk.m_objects.size(), 0);
    std::string buf;
    for (std::size_t i = 0; i < chunk.m_objects.size(); ++i) {
        const PdfChunk::Object& o = chunk.m_objects[i];
        if (!o.key.empty()) {
            auto it = m_shared.find(o.key);
            if (it != m_shared.end()) {
                numbers[i] = it->second; // already in the file (an earlier page or chunk)
                continue;
            }
        }
        const int n = newObject(buf);
        numbers[i] = n;
        if (!o.key.empty()) {
            m_shared.emplace(o.key, n);
        }
        std::size_t at = 0;
        for (const auto& [offset, child] : o.refs) {
            buf.append(o.body, at, offset - at);
            buf += std::to_string(child == PdfChunk::kPageTree
                                      ? 2
                                      : numbers[static_cast<std::size_t>(child)]) +
                   " 0 R";
            at = offset;
        }
        buf.append(o.body, at, std::string::npos);
        buf += "\nendobj\n";
    }
    for (int page : chunk.m_pages) {
        m_kids.push_back(numbers[static_cast<std::size_t>(page)]);
    }
    return flush(buf);
}

core::Result<std::uint64_t> PdfConcatWriter::finish(const PdfInfo& info) {
    std::string buf;
    const int infoObject = newObject(buf);
    buf += detail::infoDictionary(info) + "\nendobj\n";
    const int metadata = newObject(buf);
    const std::string xmp = xmpPacket(info);
    buf += "<< /Type /Metadata /Subtype /XML /Length " + std::to_string(xmp.size()) +
           " >>\nstream\n" + xmp + "\nendstream\nendobj\n";
    const int profile = newObject(buf);
    buf += "<< /N 3 /Length " + std::to_string(m_icc->size()) + " >>\nstream\n" + *m_icc +
           "\nendstream\nendobj\n";
    const int intent = newObject(buf);
    buf += "<< /DestOutputProfile " + std::to_string(profile) +
           " 0 R /Info (sRGB IEC61966-2.1) /OutputConditionIdentifier (sRGB IEC61966-2.1)"
           " /RegistryName (http://www.color.org) /S /GTS_PDFA1 /Type /OutputIntent >>"
           "\nendobj\n";
    // The page tree: one node holding every page (no limit on /Kids in PDF; readers index it
    // once). Written in pieces so it never sits whole in memory with the xref.
    m_offsets[2] = m_written + buf.size();
    buf += "2 0 obj\n<< /Count " + std::to_string(m_kids.size()) + " /Kids [";
    for (int kid : m_kids) {
        buf += ' ' + std::to_string(kid) + " 0 R";
        if (buf.size() > (1u << 16)) {
            if (auto st = flush(buf); !st) {
                return st.error();
            }
        }
    }
    buf += " ] /Type /Pages >>\nendobj\n";
    m_offsets[1] = m_written + buf.size();
    buf += "1 0 obj\n<< /Metadata " + std::to_string(metadata) + " 0 R /OutputIntents [ " +
           std::to_string(intent) + " 0 R ] /Pages 2 0 R /Type /Catalog >>\nendobj\n";
    const std::uint64_t xref = m_written + buf.size();
    const std::size_t size = m_offsets.size();
    buf += "xref\n0 " + std::to_string(size) + "\n0000000000 65535 f \n";
    char entry[24];
    for (std::size_t i = 1; i < size; ++i) {
        std::snprintf(entry, sizeof entry, "%010llu 00000 n \n",
                      static_cast<unsigned long long>(m_offsets[i]));
        buf += entry;
        if (buf.size() > (1u << 16)) {
            if (auto st = flush(buf); !st) {
                return st.error();
            }
        }
    }
    if (auto st = flush(buf); !st) {
        return st.error();
    }
    // A deterministic /ID: a hash of everything written (as fixupPdf's, equal input gives
    // byte-identical files).
    const std::string id = core::sha256Hex(m_idSeed).substr(0, 32);
    buf = "trailer\n<< /Size " + std::to_string(size) + " /Root 1 0 R /Info " +
          std::to_string(infoObject) + " 0 R /ID [<" + id + "> <" + id + ">] >>\nstartxref\n" +
          std::to_string(xref) + "\n%%EOF\n";
    if (auto st = flush(buf); !st) {
        return st.error();
    }
    std::FILE* f = m_file;
    m_file = nullptr;
    if (std::fclose(f) != 0) {
        return writeError(m_path);
    }
    return m_written;
}

} // namespace tdkt::render
