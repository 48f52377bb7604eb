#include "pdf_fixup.hpp"

// qpdf 11: use std::shared_ptr everywhere (no PointerHolder compatibility layer).
#define POINTERHOLDER_TRANSITION 4

#include "pipeline/core/sha256.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>
#include <set>
#include <vector>

#ifndef TDKT_SRGB_ICC
#define TDKT_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

namespace tdkt::render {
namespace {

// libharu's UTF-8 Type0 fonts use Identity-H with CID = Unicode code point, so the correct
// map is the identity, written as one bfrange per high byte (a bfrange may only vary in its
// last byte) in blocks of at most 100 entries: over the whole BMP (surrogates excluded) for a
// file as libharu wrote it, over the high bytes its text uses for a file cut from a batch.
std::string identityToUnicodeCMap(const std::vector<int>& highs) {
    std::string cmap = "/CIDInit /ProcSet findresource begin\n"
                       "12 dict begin\n"
                       "begincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n"
                       "/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    char line[64];
    for (std::size_t start = 0; start < highs.size(); start += 100) {
        std::size_t end = std::min(highs.size(), start + 100);
        cmap += std::to_string(end - start) + " beginbfrange\n";
        for (std::size_t i = start; i < end; ++i) {
            std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[i], highs[i],
                          highs[i]);
            cmap += line;
        }
        cmap += "endbfrange\n";
    }
    cmap += "endcmap\n"
            "CMapName currentdict /CMap defineresource pop\n"
            "end\n"
            "end\n";
    return cmap;
}

std::vector<int> bmpHighBytes() {
    std::vector<int> highs;
    for (int hi = 0; hi < 256; ++hi) {
        if (hi < 0xD8 || hi > 0xDF) {
            highs.push_back(hi);
        }
    }
    return highs;
}

// The sRGB profile (ICC v2, as PDF 1.4 requires) is read once per process.
const std::string* srgbProfile() {
    static const std::string profile = [] {
        std::ifstream in(TDKT_SRGB_ICC, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }();
    return profile.size() > 128 ? &profile : nullptr;
}

std::string xmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

const char* const kProducer = "libharu 2.3.0, qpdf";

// The Info entries in key order (the order qpdf's dictionaries keep), values already written
// as PDF literal strings, shared by every writer of an Info dictionary.
std::vector<std::pair<const char*, std::string>> infoEntries(const PdfInfo& info) {
    std::vector<std::pair<const char*, std::string>> entries;
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            entries.emplace_back(key, pdfTextString(value));
        }
    };
    const std::string date = pdfDate(info.created);
    put("/Author", info.author);
    put("/CreationDate", date);
    put("/Creator", info.creator);
    put("/Keywords", info.keywords);
    put("/ModDate", date);
    put("/Producer", kProducer);
    put("/Subject", info.subject);
    put("/Title", info.title);
    return entries;
}

void setInfo(QPDF& q, const PdfInfo& info) {
    QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
    for (const auto& [key, literal] : infoEntries(info)) {
        // QPDFWriter writes a string object with two zero bytes in it (UTF-16BE) as hex, twice
        // the size of the literal; an operator object is written verbatim, so the literal made
        // by pdfTextString goes into the file as it is (the same bytes as the direct writers).
        dict.replaceKey(key, QPDFObjectHandle::newOperator(literal));
    }
    q.getTrailer().replaceKey("/Info", q.makeIndirectObject(dict));
}

void setMetadata(QPDF& q, const PdfInfo& info) {
    QPDFObjectHandle xmp = q.newStream(xmpPacket(info));
    xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
    xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
    q.getRoot().replaceKey("/Metadata", xmp);
}

void setOutputIntent(QPDF& q, QPDFObjectHandle intent) {
    q.getRoot().replaceKey("/OutputIntents", QPDFObjectHandle::newArray({intent}));
}

std::string writePdf(QPDF& q) {
    QPDFWriter w(q);
    w.setOutputMemory();
    w.forcePDFVersion("1.4"); // PDF/A-1 is based on PDF 1.4: no object streams, no 1.5 features
    w.setObjectStreamMode(qpdf_o_disable);
    w.setNewlineBeforeEndstream(true); // PDF/A-1 6.1.7: EOL before endstream
    w.setDeterministicID(true);
    w.write();
    std::shared_ptr<Buffer> out = w.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
}

core::Error qpdfError(const std::exception& e) {
    return core::makeError(core::ErrorKind::Internal, "R021",
                           std::string("không hoàn thiện được tệp PDF (qpdf): ") + e.what());
}

core::Error profileError() {
    return core::makeError(core::ErrorKind::Config, "R022",
                           "không đọc được hồ sơ màu sRGB (gói icc-profiles-free) cần cho PDF/A",
                           {TDKT_SRGB_ICC});
}

// CIDSet (PDF/A-1 6.3.5): one bit per CID, most significant bit first, set for every CID the
// embedded font program has a glyph for — CID 0 (.notdef) and each CID the CIDToGIDMap sends
// to a glyph other than .notdef.
std::string cidSetFor(const std::string& cidToGid) {
    std::string bits;
    const std::size_t cids = cidToGid.size() / 2;
    for (std::size_t cid = 0; cid < cids; ++cid) {
        const bool present = cid == 0 || cidToGid[2 * cid] != 0 || cidToGid[2 * cid + 1] != 0;
        if (present) {
            if (bits.size() <= cid / 8) {
                bits.resize(cid / 8 + 1, '\0');
            }
            bits[cid / 8] =
                static_cast<char>(static_cast<unsigned char>(bits[cid / 8]) | (0x80u >> (cid % 8)));
        }
    }
    return bits;
}

std::string streamKey(QPDFObjectHandle stream) {
    std::shared_ptr<Buffer> raw = stream.getRawStreamData();
    return stream.getDict().getKey("/Filter").unparse() + '\n' +
           std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
}

} // namespace

std::string pdfTextString(std::string_view utf8) {
    // PDFDocEncoding agrees with ASCII on printable characters, tab and line ends; anything
    // else is written as UTF-16BE with its byte-order mark (PDF 1.4, 3.8.1).
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) {
        return (c >= 0x20 && c <= 0x7E) || c == '\t' || c == '\n' || c == '\r';
    });
    const std::string bytes = ascii ? std::string(utf8) : QUtil::utf8_to_utf16(std::string(utf8));
    // A literal string may hold any byte (PDF 1.4, 3.2.3): only the delimiters and the
    // backslash need escaping, and line ends, which a reader would otherwise normalise. Hex
    // (qpdf's choice for UTF-16) spends two characters a byte; this spends about one.
    std::string out;
    out.reserve(bytes.size() + 8);
    out += '(';
    for (char c : bytes) {
        switch (c) {
        case '(':
        case ')':
        case '\\':
            out += '\\';
            out += c;
            break;
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    out += ')';
    return out;
}

std::string pdfDate(std::int64_t epochSeconds) {
    std::time_t t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
    return buf;
}

std::string xmpDate(std::int64_t epochSeconds) {
    std::time_t t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string xmpPacket(const PdfInfo& info) {
    const std::string date = xmpDate(info.created);
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                    "<dc:format>application/pdf</dc:format>\n";
    if (!info.title.empty()) {
        x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(info.title) +
             "</rdf:li></rdf:Alt></dc:title>\n";
    }
    if (!info.author.empty()) {
        x += "<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(info.author) +
             "</rdf:li></rdf:Seq></dc:creator>\n";
    }
    if (!info.subject.empty()) {
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(info.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    }
    if (!info.keywords.empty()) {
        x += "<dc:subject><rdf:Bag>";
        std::size_t start = 0;
        while (start <= info.keywords.size()) {
            std::size_t end = info.keywords.find(',', start);
            end = end == std::string::npos ? info.keywords.size() : end;
            std::string k = trim(info.keywords.substr(start, end - start));
            if (!k.empty()) {
                x += "<rdf:li>" + xmlEscape(k) + "</rdf:li>";
            }
            start = end + 1;
        }
        x += "</rdf:Bag></dc:subject>\n";
    }
    x += "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "<pdf:Producer>" +
         xmlEscape(kProducer) + "</pdf:Producer>\n";
    if (!info.keywords.empty()) {
        x += "<pdf:Keywords>" + xmlEscape(info.keywords) + "</pdf:Keywords>\n";
    }
    x += "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
         "<xmp:CreateDate>" +
         date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    if (!info.creator.empty()) {
        x += "<xmp:CreatorTool>" + xmlEscape(info.creator) + "</xmp:CreatorTool>\n";
    }
    x += "</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
         "</rdf:Description>\n"
         "</rdf:RDF>\n"
         "</x:xmpmeta>\n"
         "<?xpacket end=\"w\"?>";
    return x;
}

namespace {

// The font part of the fix-up (see fixupPdf), on a parsed libharu PDF. Throws qpdf's exceptions.
void fixFontObjects(QPDF& q) {
    static const std::string cmap = identityToUnicodeCMap(bmpHighBytes());
    QPDFObjectHandle toUnicode = q.newStream(cmap);
    std::map<std::string, QPDFObjectHandle> shared; // identical streams, written once
    auto dedupe = [&](QPDFObjectHandle stream) {
        auto [it, fresh] = shared.emplace(streamKey(stream), stream);
        (void)fresh;
        return it->second;
    };
    for (QPDFObjectHandle obj : q.getAllObjects()) {
        if (!obj.isDictionary() || !obj.getKey("/Type").isNameAndEquals("/Font")) {
            continue;
        }
        QPDFObjectHandle subtype = obj.getKey("/Subtype");
        if (subtype.isNameAndEquals("/Type0") && obj.getKey("/ToUnicode").isStream()) {
            obj.replaceKey("/ToUnicode", toUnicode);
        } else if (subtype.isNameAndEquals("/CIDFontType2")) {
            QPDFObjectHandle map = obj.getKey("/CIDToGIDMap");
            QPDFObjectHandle descriptor = obj.getKey("/FontDescriptor");
            if (!map.isStream() || !descriptor.isDictionary()) {
                continue;
            }
            map = dedupe(map);
            obj.replaceKey("/CIDToGIDMap", map);
            std::shared_ptr<Buffer> data = map.getStreamData(qpdf_dl_generalized);
            QPDFObjectHandle cidSet = q.newStream(cidSetFor(
                std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize())));
            descriptor.replaceKey("/CIDSet", dedupe(cidSet));
        }
    }
}

} // namespace

core::Result<std::string> fixupPdf(std::string_view pdf, const PdfInfo& info) {
    const std::string* icc = srgbProfile();
    if (!icc) {
        return profileError();
    }
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("tdkt.pdf", pdf.data(), pdf.size());
        fixFontObjects(q);
        QPDFObjectHandle profile = q.newStream(*icc);
        profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
        QPDFObjectHandle intent = QPDFObjectHandle::parse(
            "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"
            " /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>");
        intent.replaceKey("/DestOutputProfile", profile);
        setOutputIntent(q, q.makeIndirectObject(intent));
        setMetadata(q, info);
        setInfo(q, info);
        return writePdf(q);
    } catch (const std::exception& e) {
        return qpdfError(e);
    }
}

// ---------------------------------------------------------------------------------------------

struct PdfPageSplitter::Impl {
    std::string bytes; // qpdf reads the source lazily: it must outlive every copy
    QPDF source;
    std::vector<QPDFPageObjectHelper> pages;
    QPDFObjectHandle intent;
};

PdfPageSplitter::PdfPageSplitter() : m_impl(std::make_unique<Impl>()) {}
PdfPageSplitter::~PdfPageSplitter() = default;
PdfPageSplitter::PdfPageSplitter(PdfPageSplitter&&) noexcept = default;
PdfPageSplitter& PdfPageSplitter::operator=(PdfPageSplitter&&) noexcept = default;

core::Result<PdfPageSplitter> PdfPageSplitter::open(std::string pdf) {
    PdfPageSplitter s;
    try {
        Impl& m = *s.m_impl;
        m.bytes = std::move(pdf);
        m.source.setSuppressWarnings(true);
        m.source.processMemoryFile("tdkt-batch.pdf", m.bytes.data(), m.bytes.size());
        m.pages = QPDFPageDocumentHelper(m.source).getAllPages();
        QPDFObjectHandle intents = m.source.getRoot().getKey("/OutputIntents");
        if (!intents.isArray() || intents.getArrayNItems() < 1) {
            return core::makeError(core::ErrorKind::Internal, "R021",
                                   "tệp PDF nguồn chưa qua bước hoàn thiện PDF/A");
        }
        m.intent = intents.getArrayItem(0);
    } catch (const std::exception& e) {
        return qpdfError(e);
    }
    return s;
}

int PdfPageSplitter::pageCount() const {
    return static_cast<int>(m_impl->pages.size());
}

namespace {

// A one-page (or few-page) PDF/A file written directly from the parsed batch, without a
// QPDFWriter per file: qpdf's page copy and full writer pass cost ~3 ms per file, which is most
// of a bulk round's time (every file holds only ~30 objects, all but the page and its content
// shared by the batch). Objects are renumbered in a fixed order (catalog, pages, info,
// metadata, output intent, then the page objects' closure in depth-first order), stream data
// is copied raw (already Flate-compressed by libharu or the fix-up), and the /ID is a hash of
// the body, so equal input still gives byte-identical files.
class DirectWriter {
public:
    explicit DirectWriter(std::string& out) : m_out(out) {}

    // Numbers `h` (an indirect object) and everything it references, depth first. `skipKey`
    // is left out of the walk (a page's /Parent points back into the batch's page tree).
    void collect(QPDFObjectHandle h, const char* skipKey = nullptr) {
        if (h.isIndirect()) {
            auto [it, fresh] = m_numbers.emplace(h.getObjGen(), 0);
            if (!fresh) {
                return;
            }
            it->second = static_cast<int>(m_order.size()) + m_firstNumber;
            m_order.push_back(h);
        }
        walk(h, skipKey);
    }

    // Writes `rawValue` for `key` of the collected dictionary `h` instead of its own value.
    void replaceKey(QPDFObjectHandle h, const std::string& key, std::string rawValue) {
        m_keyOverrides[h.getObjGen()][key] = std::move(rawValue);
    }
    // Writes `data` (unfiltered) as the data of the collected stream `h`.
    void replaceStreamData(QPDFObjectHandle h, std::string data) {
        m_streamOverrides[h.getObjGen()] = std::move(data);
    }

    void setFirstNumber(int n) { m_firstNumber = n; }
    int nextNumber() const { return static_cast<int>(m_order.size()) + m_firstNumber; }
    int numberOf(QPDFObjectHandle h) const { return m_numbers.at(h.getObjGen()); }

    // Starts object `n` (its offset recorded for the xref table).
    void begin(int n) {
        if (static_cast<std::size_t>(n) >= m_offsets.size()) {
            m_offsets.resize(static_cast<std::size_t>(n) + 1, 0);
        }
        m_offsets[static_cast<std::size_t>(n)] = m_out.size();
        m_out += std::to_string(n);
        m_out += " 0 obj\n";
    }
    void end() { m_out += "\nendobj\n"; }

    void stream(const std::string& dict, const char* data, std::size_t size) {
        m_out += dict;
        m_out += "\nstream\n";
        m_out.append(data, size);
        m_out += "\nendstream"; // PDF/A-1 6.1.7: EOL before endstream
    }

    // Writes every collected object; `parentKeyValue` replaces /Parent of page objects.
    void writeCollected(const std::string& parentRef) {
        for (QPDFObjectHandle& h : m_order) {
            begin(numberOf(h));
            auto keyOverrides = m_keyOverrides.find(h.getObjGen());
            auto streamOverride = m_streamOverrides.find(h.getObjGen());
            if (streamOverride != m_streamOverrides.end()) {
                const std::string& data = streamOverride->second;
                stream("<< /Length " + std::to_string(data.size()) + " >>", data.data(),
                       data.size());
            } else if (keyOverrides != m_keyOverrides.end() && h.isDictionary()) {
                std::string d = "<<";
                for (const std::string& key : h.getKeys()) {
                    d += ' ' + key + ' ';
                    auto o = keyOverrides->second.find(key);
                    if (o != keyOverrides->second.end()) {
                        d += o->second;
                    } else {
                        value(h.getKey(key), d);
                    }
                }
                d += " >>";
                m_out += d;
            } else if (h.isStream()) {
                std::shared_ptr<Buffer> raw = h.getRawStreamData();
                QPDFObjectHandle dict = h.getDict();
                std::string d = "<<";
                for (const std::string& key : dict.getKeys()) {
                    if (key == "/Length") {
                        continue;
                    }
                    d += ' ' + key + ' ';
                    value(dict.getKey(key), d);
                }
                d += " /Length " + std::to_string(raw->getSize()) + " >>";
                stream(d, reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
            } else if (h.isDictionary() && h.getKey("/Type").isNameAndEquals("/Page")) {
                std::string d = "<<";
                for (const std::string& key : h.getKeys()) {
                    d += ' ' + key + ' ';
                    if (key == "/Parent") {
                        d += parentRef;
                    } else {
                        value(h.getKey(key), d);
                    }
                }
                d += " >>";
                m_out += d;
            } else {
                std::string d;
                direct(h, d);
                m_out += d;
            }
            end();
        }
    }

    // xref, trailer with /ID (hash of everything written so far), startxref.
    void finish(int root, int info) {
        const std::size_t xref = m_out.size();
        const std::size_t size = m_offsets.size();
        m_out += "xref\n0 " + std::to_string(size) + "\n0000000000 65535 f \n";
        char entry[24];
        for (std::size_t i = 1; i < size; ++i) {
            std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", m_offsets[i]);
            m_out += entry;
        }
        const std::string id = core::sha256Hex(m_out).substr(0, 32);
        m_out += "trailer\n<< /Size " + std::to_string(size) + " /Root " + std::to_string(root) +
                 " 0 R /Info " + std::to_string(info) + " 0 R /ID [<" + id + "> <" + id +
                 ">] >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    }

private:
    void walk(QPDFObjectHandle h, const char* skipKey) {
        if (h.isStream()) {
            walk(h.getDict(), nullptr);
        } else if (h.isDictionary()) {
            for (const std::string& key : h.getKeys()) {
                if (skipKey && key == skipKey) {
                    continue;
                }
                collect(h.getKey(key));
            }
        } else if (h.isArray()) {
            for (int i = 0, n = h.getArrayNItems(); i < n; ++i) {
                collect(h.getArrayItem(i));
            }
        }
    }

    // A value inside an object: indirect objects by their new number.
    void value(QPDFObjectHandle h, std::string& out) const {
        if (h.isIndirect()) {
            out += std::to_string(numberOf(h)) + " 0 R";
        } else {
            direct(h, out);
        }
    }

    void direct(QPDFObjectHandle h, std::string& out) const {
        if (h.isDictionary()) {
            out += "<<";
            for (const std::string& key : h.getKeys()) {
                out += ' ' + key + ' ';
                value(h.getKey(key), out);
            }
            out += " >>";
        } else if (h.isArray()) {
            out += "[";
            for (int i = 0, n = h.getArrayNItems(); i < n; ++i) {
                out += ' ';
                value(h.getArrayItem(i), out);
            }
            out += " ]";
        } else {
            out += h.unparse();
        }
    }

    std::string& m_out;
    std::map<QPDFObjGen, int> m_numbers;
    std::vector<QPDFObjectHandle> m_order;
    std::vector<std::size_t> m_offsets;
    int m_firstNumber = 1;
    std::map<QPDFObjGen, std::map<std::string, std::string>> m_keyOverrides;
    std::map<QPDFObjGen, std::string> m_streamOverrides;
};

// The CIDs each font of `pages` shows, read from their content streams (libharu writes every
// string of its CID fonts as `<hex> Tj` after `/Fn size Tf`). A font shown in any other way is
// left out of the result, so the caller keeps its data whole.
std::map<QPDFObjGen, std::set<unsigned>> cidsShown(std::vector<QPDFObjectHandle> pages) {
    std::map<QPDFObjGen, std::set<unsigned>> used;
    std::set<QPDFObjGen> unknown;
    for (QPDFObjectHandle& page : pages) {
        QPDFObjectHandle fonts = page.getKey("/Resources").getKey("/Font");
        std::vector<QPDFObjectHandle> streams;
        QPDFObjectHandle contents = page.getKey("/Contents");
        if (contents.isArray()) {
            streams = contents.getArrayAsVector();
        } else {
            streams.push_back(contents);
        }
        for (QPDFObjectHandle& content : streams) {
            if (!content.isStream()) {
                continue;
            }
            std::shared_ptr<Buffer> data = content.getStreamData(qpdf_dl_generalized);
            const std::string_view text(reinterpret_cast<const char*>(data->getBuffer()),
                                        data->getSize());
            QPDFObjectHandle current;
            std::string_view lastName;
            for (std::size_t i = 0; i < text.size();) {
                const char c = text[i];
                if (c == '/') {
                    std::size_t e = i + 1;
                    while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) &&
                           text[e] != '/' && text[e] != '<' && text[e] != '[' && text[e] != '(') {
                        ++e;
                    }
                    lastName = text.substr(i, e - i);
                    i = e;
                } else if (c == '<' && text.substr(i, 2) == "<<") {
                    i += 2; // a dictionary operand, not a string
                } else if (c == '<') {
                    std::size_t e = text.find('>', i);
                    if (e == std::string_view::npos) {
                        break;
                    }
                    std::size_t op = e + 1;
                    while (op < text.size() && std::isspace(static_cast<unsigned char>(text[op]))) {
                        ++op;
                    }
                    if (current.isInitialized() && text.substr(op, 2) == "Tj") {
                        std::set<unsigned>& cids = used[current.getObjGen()];
                        for (std::size_t k = i + 1; k + 4 <= e; k += 4) {
                            cids.insert(static_cast<unsigned>(
                                std::stoul(std::string(text.substr(k, 4)), nullptr, 16)));
                        }
                    } else if (current.isInitialized()) {
                        unknown.insert(current.getObjGen());
                    }
                    i = e + 1;
                } else if (c == '(' || c == '[') {
                    if (current.isInitialized()) {
                        unknown.insert(current.getObjGen()); // literal strings or TJ arrays
                    }
                    ++i;
                } else if (text.substr(i, 2) == "Tf" && !lastName.empty()) {
                    current = fonts.getKey(std::string(lastName));
                    i += 2;
                } else {
                    ++i;
                }
            }
        }
    }
    for (const QPDFObjGen& og : unknown) {
        used.erase(og);
    }
    return used;
}

// The /W array of a CIDFont for only the CIDs in `cids`, in runs of consecutive CIDs: the
// glyphs a file shows, not every glyph of its batch's font (a certificate uses a few dozen of
// several hundred). CIDs without an entry keep falling back to /DW.
std::string widthsFor(QPDFObjectHandle w, const std::set<unsigned>& cids) {
    std::map<unsigned, std::string> widths;
    for (int i = 0, n = w.getArrayNItems(); i + 1 < n;) {
        QPDFObjectHandle first = w.getArrayItem(i);
        QPDFObjectHandle next = w.getArrayItem(i + 1);
        if (!first.isInteger()) {
            break;
        }
        const auto c0 = static_cast<unsigned>(first.getIntValue());
        if (next.isArray()) {
            for (int k = 0, m = next.getArrayNItems(); k < m; ++k) {
                if (cids.count(c0 + static_cast<unsigned>(k))) {
                    widths[c0 + static_cast<unsigned>(k)] = next.getArrayItem(k).unparse();
                }
            }
            i += 2;
        } else if (i + 2 < n && next.isInteger()) {
            const auto c1 = static_cast<unsigned>(next.getIntValue());
            const std::string value = w.getArrayItem(i + 2).unparse();
            for (auto it = cids.lower_bound(c0); it != cids.end() && *it <= c1; ++it) {
                widths[*it] = value;
            }
            i += 3;
        } else {
            break;
        }
    }
    std::string out = "[";
    unsigned expected = 0;
    bool open = false;
    for (const auto& [cid, value] : widths) {
        if (!open || cid != expected) {
            out += open ? " ] " : " ";
            out += std::to_string(cid) + " [";
            open = true;
        }
        out += ' ' + value;
        expected = cid + 1;
    }
    out += open ? " ] ]" : " ]";
    return out;
}

} // namespace

core::Result<std::string> PdfPageSplitter::extract(int firstPage, int pages, const PdfInfo& info) {
    try {
        std::string out;
        out.reserve(m_impl->bytes.size() / std::max(1, pageCount()) + 16384);
        // Header and a comment line of bytes above 127 (PDF/A-1 6.1.2).
        out += "%PDF-1.4\n%\xBF\xF7\xA2\xFE\n";
        DirectWriter w(out);
        enum : int { kCatalog = 1, kPages, kInfo, kMetadata, kIntent, kFirstShared };
        w.setFirstNumber(kFirstShared);
        w.collect(m_impl->intent.getKey("/DestOutputProfile"));
        std::vector<QPDFObjectHandle> pageObjects;
        for (int p = firstPage; p < firstPage + pages; ++p) {
            QPDFObjectHandle page = m_impl->pages.at(static_cast<std::size_t>(p)).getObjectHandle();
            w.collect(page, "/Parent");
            pageObjects.push_back(page);
        }
        // Per file, only what its pages show: /W entries of its glyphs and ToUnicode ranges of
        // the high bytes of its CIDs (the batch's fix-up wrote both for every glyph).
        std::set<int> highs;
        QPDFObjectHandle toUnicode;
        bool allKnown = true;
        const auto shown = cidsShown(pageObjects);
        for (QPDFObjectHandle& page : pageObjects) {
            QPDFObjectHandle fonts = page.getKey("/Resources").getKey("/Font");
            for (const std::string& name : fonts.getKeys()) {
                QPDFObjectHandle type0 = fonts.getKey(name);
                auto it = shown.find(type0.getObjGen());
                if (it == shown.end()) {
                    allKnown = false;
                    continue;
                }
                for (unsigned cid : it->second) {
                    highs.insert(static_cast<int>(cid >> 8));
                }
                if (type0.getKey("/ToUnicode").isStream()) {
                    toUnicode = type0.getKey("/ToUnicode");
                }
                QPDFObjectHandle cidFont = type0.getKey("/DescendantFonts").getArrayItem(0);
                if (cidFont.isDictionary() && cidFont.getKey("/W").isArray()) {
                    w.replaceKey(cidFont, "/W", widthsFor(cidFont.getKey("/W"), it->second));
                }
            }
        }
        if (allKnown && toUnicode.isStream()) {
            std::vector<int> used;
            for (int hi : highs) {
                if (hi < 0xD8 || hi > 0xDF) {
                    used.push_back(hi);
                }
            }
            w.replaceStreamData(toUnicode, identityToUnicodeCMap(used));
        }
        w.begin(kCatalog);
        out += "<< /Metadata " + std::to_string(kMetadata) + " 0 R /OutputIntents [ " +
               std::to_string(kIntent) + " 0 R ] /Pages " + std::to_string(kPages) +
               " 0 R /Type /Catalog >>";
        w.end();
        w.begin(kPages);
        out += "<< /Count " + std::to_string(pages) + " /Kids [";
        for (QPDFObjectHandle& page : pageObjects) {
            out += ' ' + std::to_string(w.numberOf(page)) + " 0 R";
        }
        out += " ] /Type /Pages >>";
        w.end();
        w.begin(kInfo);
        out += detail::infoDictionary(info);
        w.end();
        w.begin(kMetadata);
        const std::string xmp = xmpPacket(info);
        w.stream("<< /Type /Metadata /Subtype /XML /Length " + std::to_string(xmp.size()) + " >>",
                 xmp.data(), xmp.size());
        w.end();
        w.begin(kIntent);
        {
            QPDFObjectHandle intent = m_impl->intent;
            std::string d = "<<";
            for (const std::string& key : intent.getKeys()) {
                d += ' ' + key + ' ';
                d += key == "/DestOutputProfile"
                         ? std::to_string(w.numberOf(intent.getKey(key))) + " 0 R"
                         : intent.getKey(key).unparseResolved();
            }
            out += d + " >>";
        }
        w.end();
        w.writeCollected(std::to_string(kPages) + " 0 R");
        w.finish(kCatalog, kInfo);
        return out;
    } catch (const std::exception& e) {
        return qpdfError(e);
    }
}

namespace detail {

void fixFonts(QPDF& q) {
    fixFontObjects(q);
}

const std::string* srgbIccProfile() {
    return srgbProfile();
}

std::string infoDictionary(const PdfInfo& info) {
    std::string d = "<<";
    for (const auto& [key, literal] : infoEntries(info)) {
        d += ' ';
        d += key;
        d += ' ';
        d += literal;
    }
    return d + " >>";
}

core::Error qpdfFailure(const std::exception& e) {
    return qpdfError(e);
}

core::Error srgbMissing() {
    return profileError();
}

} // namespace detail

} // namespace tdkt::render
