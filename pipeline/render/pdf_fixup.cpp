#include "pdf_fixup.hpp"

// qpdf 11: use std::shared_ptr everywhere (no PointerHolder compatibility layer).
#define POINTERHOLDER_TRANSITION 4

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
#include <vector>

#ifndef TDKT_SRGB_ICC
#define TDKT_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

namespace tdkt::render {
namespace {

// libharu's UTF-8 Type0 fonts use Identity-H with CID = Unicode code point, so the correct
// map is the identity over the BMP (surrogates excluded), written as one bfrange per high byte
// (a bfrange may only vary in its last byte) in blocks of at most 100 entries.
std::string identityToUnicodeCMap() {
    std::string cmap = "/CIDInit /ProcSet findresource begin\n"
                       "12 dict begin\n"
                       "begincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n"
                       "/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<int> highs;
    for (int hi = 0; hi < 256; ++hi) {
        if (hi < 0xD8 || hi > 0xDF) {
            highs.push_back(hi);
        }
    }
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

void setInfo(QPDF& q, const PdfInfo& info) {
    QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            // newUnicodeString: PDFDocEncoding when it can, else UTF-16BE with a BOM.
            dict.replaceKey(key, QPDFObjectHandle::newUnicodeString(value));
        }
    };
    put("/Title", info.title);
    put("/Author", info.author);
    put("/Subject", info.subject);
    put("/Keywords", info.keywords);
    put("/Creator", info.creator);
    put("/Producer", kProducer);
    const std::string date = pdfDate(info.created);
    dict.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
    dict.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
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

core::Result<std::string> fixupPdf(std::string_view pdf, const PdfInfo& info) {
    static const std::string cmap = identityToUnicodeCMap();
    const std::string* icc = srgbProfile();
    if (!icc) {
        return profileError();
    }
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("tdkt.pdf", pdf.data(), pdf.size());
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
                QPDFObjectHandle cidSet = q.newStream(cidSetFor(std::string(
                    reinterpret_cast<const char*>(data->getBuffer()), data->getSize())));
                descriptor.replaceKey("/CIDSet", dedupe(cidSet));
            }
        }
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

core::Result<std::string> PdfPageSplitter::extract(int firstPage, int pages, const PdfInfo& info) {
    try {
        QPDF out;
        out.emptyPDF();
        out.setSuppressWarnings(true);
        // addPage copies a foreign page with everything it references (fonts, maps, CIDSet);
        // stream data is read from the source only when writing.
        QPDFPageDocumentHelper helper(out);
        for (int p = firstPage; p < firstPage + pages; ++p) {
            helper.addPage(m_impl->pages.at(static_cast<std::size_t>(p)), false);
        }
        setOutputIntent(out, out.copyForeignObject(m_impl->intent));
        setMetadata(out, info);
        setInfo(out, info);
        return writePdf(out);
    } catch (const std::exception& e) {
        return qpdfError(e);
    }
}

} // namespace tdkt::render
