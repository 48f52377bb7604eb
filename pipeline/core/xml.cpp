#include "xml.hpp"

#include "atomic_file.hpp"
#include "utf8.hpp"
#include "xml_errors.hpp"
#include "xml_scan.hpp"
#include "xml_sniff.hpp"

#include <cstring>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <mutex>
#include <regex>
#include <unordered_map>
#include <vector>

namespace tdkt::core {
namespace {

// libxml2 would otherwise fetch DTDs, external entities and schema imports from anywhere,
// including the network. We install a loader that only serves local files and only while
// a schema is being compiled; everything else is refused.
thread_local bool t_allowLocalLoads = false;

xmlParserInputPtr denyingLoader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
    (void)id;
    if (t_allowLocalLoads && url && std::strstr(url, "://") == nullptr) {
        return xmlNewInputFromFile(ctxt, url);
    }
    return nullptr;
}

void silentGenericError(void*, const char*, ...) {}

void initLibxml() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(denyingLoader);
    });
}

// libxml2's own limits stay on (no XML_PARSE_HUGE); BIG_LINES keeps line numbers right past
// line 65,535 of a large dossier.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;

// A flood of one schema error (a 100 MB file repeating one mistake 40,000 times) is listed
// kMaxSame times; the rest are counted and summed up in one X011 diagnostic, and after
// kMaxListed diagnostics of a file nothing more is listed at all.
class FloodGuard {
public:
    static constexpr std::size_t kMaxSame = 100;
    static constexpr std::size_t kMaxListed = 1000;

    bool admit(const Diagnostic& d) {
        const std::string key = d.code + '\n' + d.field + '\n' + d.message;
        auto same = m_same.find(key);
        if (same == m_same.end() && m_listed < kMaxListed) {
            same = m_same.emplace(key, Hidden{}).first;
        }
        const bool repeated = same != m_same.end() && same->second.listed >= kMaxSame;
        if (same != m_same.end() && !repeated && m_listed < kMaxListed) {
            ++same->second.listed;
            ++m_listed;
            return true;
        }
        // Its own summary once listed kMaxSame times; else one for all beyond kMaxListed.
        Hidden& hidden = repeated ? same->second : m_other;
        if (hidden.count++ == 0) {
            hidden.sample = d;
            m_order.push_back(&hidden);
        }
        hidden.lastLine = d.where.line;
        return false;
    }

    void summarise(Diagnostics& diags) const {
        for (const Hidden* h : m_order) {
            const int first = h->sample.where.line;
            const std::string lines =
                "dòng " + std::to_string(first) +
                (h->lastLine != first ? "–" + std::to_string(h->lastLine) : std::string());
            const bool same = h != &m_other;
            diags.error(kXmlRepeatedErrors, h->sample.where, same ? h->sample.field : std::string(),
                        "còn " + std::to_string(h->count) +
                            (same ? " lỗi giống hệt lỗi trên" : " lỗi khác") + " (" + lines +
                            ") không được liệt kê; hãy sửa các lỗi trên rồi kiểm tra lại");
        }
    }

private:
    struct Hidden {
        std::size_t listed = 0;
        std::size_t count = 0;
        Diagnostic sample; // the first one not listed
        int lastLine = 0;
    };
    std::unordered_map<std::string, Hidden> m_same;
    Hidden m_other;
    std::vector<const Hidden*> m_order;
    std::size_t m_listed = 0;
};

struct Collector {
    Collector(Diagnostics* d, std::string f, const char* code, XmlLocator* l = nullptr)
        : diags(d), file(std::move(f)), defaultCode(code), locator(l) {}

    Diagnostics* diags;
    std::string file;
    const char* defaultCode;
    XmlLocator* locator; // where parser errors lie (parsing only)
    int count = 0;
    FloodGuard flood;
    // Schema errors repeat the same libxml2 message for every repeated element: translated once.
    std::unordered_map<std::string, std::pair<std::string, std::string>> translated;

    std::pair<std::string, std::string> translate(const xmlError* err) {
        if (err->domain != XML_FROM_SCHEMASV || !err->message) {
            const std::string place = locator ? locator->fieldAt(err->line, err->int2) : "";
            return translateXmlError(err, place);
        }
        auto it = translated.find(err->message);
        if (it == translated.end()) {
            if (translated.size() > 10000) {
                translated.clear();
            }
            it = translated.emplace(err->message, translateXmlError(err, {})).first;
        }
        return it->second;
    }
};

void collect(void* user, xmlErrorPtr err) {
    auto* c = static_cast<Collector*>(user);
    if (!err || err->level == XML_ERR_NONE || err->level == XML_ERR_WARNING) {
        return;
    }
    // Libxml2 emits a cascade after the first fatal parse error; the first is what matters.
    if (err->domain == XML_FROM_PARSER && c->count > 0 && err->level == XML_ERR_FATAL) {
        return;
    }
    ++c->count;
    auto [field, message] = c->translate(err);
    std::string code = err->domain == XML_FROM_SCHEMASV ? kXmlSchemaInvalid : c->defaultCode;
    const int line = err->line == 0 && err->node
                         ? static_cast<int>(xmlGetLineNo(static_cast<xmlNode*>(err->node)))
                         : err->line;
    Diagnostic d{Severity::Error,
                 std::move(code),
                 {c->file, line, err->int2},
                 std::move(field),
                 std::move(message)};
    if (c->flood.admit(d)) {
        c->diags->add(std::move(d));
    }
}

bool hasDoctype(std::string_view bytes) {
    // Any DOCTYPE is refused: a dossier has no use for one and it is the door to XXE.
    return bytes.find("<!DOCTYPE") != std::string_view::npos ||
           bytes.find("<!ENTITY") != std::string_view::npos;
}

int lineOf(std::string_view bytes, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
        line += bytes[i] == '\n' ? 1 : 0;
    }
    return line;
}

bool declaresOtherEncoding(std::string_view bytes, std::string& declared) {
    if (bytes.substr(0, 5) != "<?xml") {
        return false;
    }
    std::size_t end = bytes.find("?>");
    std::string decl(bytes.substr(0, end == std::string_view::npos ? 0 : end));
    static const std::regex encRe("encoding\\s*=\\s*[\"']([^\"']+)[\"']");
    std::smatch m;
    if (std::regex_search(decl, m, encRe)) {
        declared = m[1];
        std::string lower;
        for (char ch : declared) {
            lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        }
        return lower != "utf-8" && lower != "utf8";
    }
    return false;
}

// Everything refused before libxml2 sees a byte, in the order a clerk should hear it: another
// kind of file, another encoding, bytes that are not UTF-8, no markup, a declared encoding
// other than UTF-8, a DOCTYPE, then the limits (checked first because libxml2 needs quadratic
// time for some of what they refuse). `bytes` has no UTF-8 byte-order mark.
std::optional<XmlProblem> refuseBeforeParsing(std::string_view bytes) {
    if (auto p = sniffOtherFormat(bytes)) {
        return p;
    }
    if (auto p = sniffOtherEncoding(bytes)) {
        return p;
    }
    if (int bad = firstInvalidUtf8Line(bytes)) {
        return XmlProblem{kXmlEncoding,
                          bad,
                          {},
                          "tệp không phải UTF-8 hợp lệ (có byte sai mã hóa ở dòng này); hãy lưu "
                          "lại tệp dưới dạng UTF-8"};
    }
    if (auto p = sniffNotMarkup(bytes)) {
        return p;
    }
    std::string declared;
    if (declaresOtherEncoding(bytes, declared)) {
        return XmlProblem{kXmlDeclaredEncoding,
                          1,
                          {},
                          "tệp khai báo mã hóa «" + declared + "»; chỉ chấp nhận UTF-8"};
    }
    if (hasDoctype(bytes)) {
        std::size_t at = bytes.find("<!DOCTYPE");
        if (at == std::string_view::npos) {
            at = bytes.find("<!ENTITY");
        }
        return XmlProblem{kXmlDoctype,
                          lineOf(bytes, at),
                          {},
                          "tệp chứa khai báo DOCTYPE/ENTITY; không được phép vì lý do an toàn "
                          "(thực thể có thể đọc tệp bên ngoài, hoặc nở ra hàng tỷ ký tự)"};
    }
    return checkXmlLimits(bytes);
}

} // namespace

int firstInvalidUtf8Line(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = decodeUtf8(s, i, cp);
        if (len == 0) {
            return lineOf(s, i);
        }
        i += len;
    }
    return 0;
}

void XmlDocument::Free::operator()(xmlDoc* d) const {
    xmlFreeDoc(d);
}

XmlDocument::XmlDocument(xmlDoc* doc) : m_doc(doc, Free{}) {}

xmlNode* XmlDocument::root() const {
    return m_doc ? xmlDocGetRootElement(m_doc.get()) : nullptr;
}

Result<XmlDocument> parseXml(std::string_view bytes, const std::string& displayName,
                             Diagnostics& diags) {
    initLibxml();
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
    }
    if (auto problem = refuseBeforeParsing(bytes)) {
        diags.error(problem->code, {displayName, problem->line, 0}, problem->field,
                    problem->message);
        return makeError(ErrorKind::InputRejected, problem->code, problem->message,
                         {displayName, problem->line});
    }
    XmlLocator locator(bytes);
    Collector c{&diags, displayName, kXmlSyntax, &locator};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        return makeError(ErrorKind::Internal, "X000", "không khởi tạo được bộ phân tích XML");
    }
    xmlSetStructuredErrorFunc(&c, collect);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()),
                                      displayName.c_str(), "UTF-8", kParseOptions);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    bool wellFormed = ctxt->wellFormed != 0;
    xmlFreeParserCtxt(ctxt);
    c.flood.summarise(diags);
    if (!doc || !wellFormed || c.count > 0) {
        if (doc) {
            xmlFreeDoc(doc);
        }
        if (c.count == 0) {
            diags.error(kXmlSyntax, {displayName, 0, 0}, {}, "XML không đúng cú pháp");
        }
        return makeError(ErrorKind::InputRejected, kXmlSyntax, "XML không đúng cú pháp",
                         {displayName});
    }
    XmlDocument result(doc);
    result.setDisplayName(displayName);
    return result;
}

Result<XmlDocument> parseXmlFile(const fs::path& file, const std::string& displayName,
                                 Diagnostics& diags) {
    auto bytes = readFile(file);
    if (!bytes) {
        Error e = bytes.error();
        e.where.file = displayName;
        diags.error(e.code, e.where, {}, e.message);
        return e;
    }
    return parseXml(bytes.value(), displayName, diags);
}

Result<XmlSchema> XmlSchema::load(const fs::path& xsd) {
    initLibxml();
    Diagnostics diags;
    Collector c{&diags, xsd.string(), kXmlSchemaUnusable};
    t_allowLocalLoads = true;
    // libxml2 prints I/O warnings through the generic handler; they are reported as values.
    xmlSetGenericErrorFunc(nullptr, silentGenericError);
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(xsd.c_str());
    xmlSchemaSetParserStructuredErrors(pctxt, collect, &c);
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    xmlSetGenericErrorFunc(nullptr, nullptr);
    t_allowLocalLoads = false;
    if (!schema) {
        Error e =
            makeError(ErrorKind::Config, kXmlSchemaUnusable,
                      "không nạp được lược đồ XSD (thiếu tệp hoặc lược đồ sai)", {xsd.string()});
        e.details = diags.items();
        return e;
    }
    XmlSchema s;
    s.m_schema.reset(schema, xmlSchemaFree);
    s.m_name = xsd.filename().string();
    return s;
}

bool XmlSchema::validate(const XmlDocument& doc, Diagnostics& diags) const {
    Collector c{&diags, doc.displayName(), kXmlSchemaInvalid};
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(m_schema.get());
    xmlSchemaSetValidStructuredErrors(vctxt, collect, &c);
    // Without a file name libxml2 2.9 looks for one for every error by walking back over all
    // earlier siblings and ancestors of the node (XInclude bookkeeping): quadratic, 30 s for
    // 64,000 errors. Named, it does not; the line then comes from the node (collect).
    xmlSchemaValidateSetFilename(vctxt, doc.displayName().c_str());
    int rc = xmlSchemaValidateDoc(vctxt, doc.get());
    xmlSchemaFreeValidCtxt(vctxt);
    c.flood.summarise(diags);
    if (rc != 0 && c.count == 0) {
        diags.error(kXmlSchemaInvalid, {doc.displayName(), 0, 0}, {}, "không đúng lược đồ XSD");
    }
    return rc == 0;
}

Result<XmlDocument> XmlSchema::parseAndValidate(std::string_view bytes,
                                                const std::string& displayName,
                                                Diagnostics& diags) const {
    auto doc = parseXml(bytes, displayName, diags);
    if (!doc) {
        return doc;
    }
    if (!validate(doc.value(), diags)) {
        return makeError(ErrorKind::InputRejected, kXmlSchemaInvalid,
                         "tệp không đúng lược đồ " + m_name, {displayName});
    }
    return doc;
}

Result<XmlDocument> XmlSchema::parseAndValidateFile(const fs::path& file,
                                                    const std::string& displayName,
                                                    Diagnostics& diags) const {
    auto bytes = readFile(file);
    if (!bytes) {
        Error e = bytes.error();
        e.where.file = displayName;
        return e;
    }
    return parseAndValidate(bytes.value(), displayName, diags);
}

namespace xml {

std::string name(const xmlNode* n) {
    return n && n->name ? reinterpret_cast<const char*>(n->name) : "";
}

int line(const xmlNode* n) {
    return n ? static_cast<int>(xmlGetLineNo(n)) : 0;
}

std::string text(const xmlNode* n) {
    if (!n) {
        return {};
    }
    xmlChar* content = xmlNodeGetContent(n);
    std::string out = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return out;
}

std::string attr(const xmlNode* n, const char* attrName, const std::string& fallback) {
    if (!n) {
        return fallback;
    }
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(attrName));
    if (!v) {
        return fallback;
    }
    std::string out = reinterpret_cast<const char*>(v);
    xmlFree(v);
    return out;
}

bool hasAttr(const xmlNode* n, const char* attrName) {
    return n && xmlHasProp(n, reinterpret_cast<const xmlChar*>(attrName)) != nullptr;
}

static bool matches(const xmlNode* n, const char* want) {
    return n->type == XML_ELEMENT_NODE &&
           (!want || std::strcmp(reinterpret_cast<const char*>(n->name), want) == 0);
}

xmlNode* firstChild(const xmlNode* n, const char* want) {
    if (!n) {
        return nullptr;
    }
    for (xmlNode* c = n->children; c; c = c->next) {
        if (matches(c, want)) {
            return c;
        }
    }
    return nullptr;
}

xmlNode* nextSibling(const xmlNode* n, const char* want) {
    if (!n) {
        return nullptr;
    }
    for (xmlNode* c = n->next; c; c = c->next) {
        if (matches(c, want)) {
            return c;
        }
    }
    return nullptr;
}

std::string childText(const xmlNode* n, const char* want, const std::string& fallback) {
    xmlNode* c = firstChild(n, want);
    return c ? text(c) : fallback;
}

} // namespace xml
} // namespace tdkt::core
