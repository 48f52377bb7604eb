#include "pdf_fixup.hpp"

// qpdf 11: use std::shared_ptr everywhere (no PointerHolder compatibility layer).
#define POINTERHOLDER_TRANSITION 4

#include <cstdio>
#include <ctime>
#include <exception>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

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

} // namespace

std::string pdfDate(std::int64_t epochSeconds) {
    std::time_t t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "D:%Y%m%d%H%M%SZ", &tm);
    return buf;
}

core::Result<std::string> fixupPdf(std::string_view pdf, const PdfInfo& info) {
    static const std::string cmap = identityToUnicodeCMap();
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("tdkt.pdf", pdf.data(), pdf.size());
        for (QPDFObjectHandle obj : q.getAllObjects()) {
            if (!obj.isDictionary() || !obj.getKey("/Type").isNameAndEquals("/Font") ||
                !obj.getKey("/Subtype").isNameAndEquals("/Type0")) {
                continue;
            }
            QPDFObjectHandle toUnicode = obj.getKey("/ToUnicode");
            if (toUnicode.isStream()) {
                toUnicode.replaceStreamData(cmap, QPDFObjectHandle::newNull(),
                                            QPDFObjectHandle::newNull());
            }
        }
        QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
        auto put = [&](const char* key, const std::string& value) {
            if (!value.empty()) {
                dict.replaceKey(key, QPDFObjectHandle::newUnicodeString(value));
            }
        };
        put("/Title", info.title);
        put("/Author", info.author);
        put("/Subject", info.subject);
        put("/Keywords", info.keywords);
        put("/Creator", info.creator);
        put("/Producer", "libharu 2.3.0, qpdf");
        const std::string date = pdfDate(info.created);
        dict.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
        dict.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
        q.getTrailer().replaceKey("/Info", q.makeIndirectObject(dict));

        QPDFWriter w(q);
        w.setOutputMemory();
        w.setDeterministicID(true);
        w.write();
        std::shared_ptr<Buffer> out = w.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
    } catch (const std::exception& e) {
        return core::makeError(core::ErrorKind::Internal, "R021",
                               std::string("không hoàn thiện được tệp PDF (qpdf): ") + e.what());
    }
}

} // namespace tdkt::render
