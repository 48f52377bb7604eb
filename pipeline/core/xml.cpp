#include "xml.hpp"

#include "atomic_file.hpp"

#include <cstring>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <mutex>
#include <regex>

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

constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;

struct Collector {
    Diagnostics* diags;
    std::string file;
    const char* defaultCode;
    int count = 0;
};

std::string trimMessage(const char* msg) {
    std::string m = msg ? msg : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) {
        m.pop_back();
    }
    return m;
}

// Vietnamese wording for the libxml2 errors a clerk can actually meet. The element or
// attribute the error is about is kept, the English explanation is replaced.
std::pair<std::string, std::string> translate(const xmlError* err) {
    const std::string msg = trimMessage(err->message);
    static const std::regex elementRe("Element '([^']+)'");
    static const std::regex attrRe("attribute '([^']+)'");
    static const std::regex expectedRe("Expected is (?:one of )?\\( ?([^)]*?) ?\\)");
    static const std::regex valueRe("(?:The value )?'([^']*)' is not (?:a valid value|an element)");
    static const std::regex setRe("of the set \\{([^}]*)\\}");
    static const std::regex keySeqRe("key-sequence \\[([^\\]]*)\\]");
    std::smatch m;
    std::string field;
    if (std::regex_search(msg, m, elementRe)) {
        field = m[1];
        auto brace = field.find('}');
        if (brace != std::string::npos) {
            field = field.substr(brace + 1);
        }
    }
    std::string attrName;
    if (std::regex_search(msg, m, attrRe)) {
        attrName = m[1];
        if (!field.empty()) {
            field += "/@" + attrName;
        } else {
            field = "@" + attrName;
        }
    }
    auto expected = [&]() -> std::string {
        std::smatch e;
        if (std::regex_search(msg, e, expectedRe)) {
            std::string list = e[1];
            list = std::regex_replace(list, std::regex("\\{[^}]*\\}"), "");
            return "; cần có: " + list;
        }
        return {};
    };
    auto value = [&]() -> std::string {
        std::smatch v;
        if (std::regex_search(msg, v, valueRe)) {
            return " «" + std::string(v[1]) + "»";
        }
        return {};
    };

    switch (err->domain) {
    case XML_FROM_SCHEMASV:
        if (msg.find("This element is not expected") != std::string::npos) {
            return {field, "phần tử không được phép ở vị trí này" + expected()};
        }
        if (msg.find("Missing child element") != std::string::npos) {
            return {field, "thiếu phần tử bắt buộc" + expected()};
        }
        if (msg.find("attribute") != std::string::npos &&
            msg.find("is required but missing") != std::string::npos) {
            return {field, "thiếu thuộc tính bắt buộc"};
        }
        if (msg.find("is not allowed") != std::string::npos) {
            return {field, "thuộc tính không được phép"};
        }
        if (msg.find("No matching global declaration") != std::string::npos ||
            msg.find("No matching global element declaration") != std::string::npos) {
            return {field, "phần tử gốc không đúng (sai tên hoặc sai không gian tên)"};
        }
        if (msg.find("is not a valid value of the atomic type") != std::string::npos ||
            msg.find("is not a valid value of the local atomic type") != std::string::npos) {
            return {field, "giá trị" + value() + " không đúng kiểu dữ liệu"};
        }
        if (msg.find("is not an element of the set") != std::string::npos) {
            std::smatch set;
            std::string allowed;
            if (std::regex_search(msg, set, setRe)) {
                allowed = "; giá trị hợp lệ: " + std::string(set[1]);
            }
            return {field, "giá trị" + value() + " không thuộc danh sách cho phép" + allowed};
        }
        if (msg.find("pattern") != std::string::npos) {
            return {field, "giá trị" + value() + " không đúng định dạng"};
        }
        if (msg.find("length") != std::string::npos) {
            return {field, "độ dài giá trị" + value() + " không hợp lệ"};
        }
        if (msg.find("Duplicate key") != std::string::npos ||
            msg.find("Duplicate field") != std::string::npos) {
            return {field, "giá trị bị trùng (mã phải là duy nhất)"};
        }
        if (msg.find("No match found for key-sequence") != std::string::npos) {
            std::smatch key;
            std::string which;
            if (std::regex_search(msg, key, keySeqRe)) {
                which = " " + std::string(key[1]);
            }
            return {field, "tham chiếu tới mã không tồn tại:" + which};
        }
        if (msg.find("Character content") != std::string::npos ||
            msg.find("text") != std::string::npos) {
            return {field, "phần tử không được chứa văn bản ở đây"};
        }
        if (msg.find("minInclusive") != std::string::npos ||
            msg.find("maxInclusive") != std::string::npos) {
            return {field, "giá trị" + value() + " nằm ngoài khoảng cho phép"};
        }
        return {field, "không đúng lược đồ XSD"};
    case XML_FROM_PARSER:
    case XML_FROM_NAMESPACE:
    case XML_FROM_IO:
        if (err->code == XML_ERR_DOCUMENT_EMPTY) {
            return {{}, "tệp rỗng, không có nội dung XML"};
        }
        if (err->code == XML_ERR_TAG_NAME_MISMATCH || err->code == XML_ERR_TAG_NOT_FINISHED) {
            return {{}, "thẻ mở và thẻ đóng không khớp"};
        }
        if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY) {
            return {{}, "tham chiếu thực thể (entity) không được phép"};
        }
        return {{}, "XML không đúng cú pháp"};
    default:
        return {{}, "lỗi XML"};
    }
}

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
    auto [field, message] = translate(err);
    std::string code = err->domain == XML_FROM_SCHEMASV ? "X010" : c->defaultCode;
    c->diags->error(code, {c->file, err->line, err->int2}, field, message);
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

} // namespace

int firstInvalidUtf8Line(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return lineOf(s, i);
        }
        if (i + len > n) {
            return lineOf(s, i);
        }
        for (std::size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return lineOf(s, i);
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
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
    auto reject = [&](const char* code, int line, std::string message) -> Result<XmlDocument> {
        diags.error(code, {displayName, line, 0}, {}, message);
        Error e =
            makeError(ErrorKind::InputRejected, code, std::move(message), {displayName, line});
        return e;
    };
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
        static_cast<unsigned char>(bytes[1]) == 0xBB &&
        static_cast<unsigned char>(bytes[2]) == 0xBF) {
        bytes.remove_prefix(3);
    }
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                              (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        return reject("X002", 1, "tệp được lưu dạng UTF-16; hãy lưu lại dưới dạng UTF-8");
    }
    if (int bad = firstInvalidUtf8Line(bytes)) {
        return reject("X002", bad,
                      "tệp không phải UTF-8 hợp lệ (có byte sai mã hóa ở dòng này); hãy lưu "
                      "lại tệp dưới dạng UTF-8");
    }
    std::string declared;
    if (declaresOtherEncoding(bytes, declared)) {
        return reject("X003", 1, "tệp khai báo mã hóa «" + declared + "»; chỉ chấp nhận UTF-8");
    }
    if (hasDoctype(bytes)) {
        std::size_t at = bytes.find("<!DOCTYPE");
        if (at == std::string_view::npos) {
            at = bytes.find("<!ENTITY");
        }
        return reject("X004", lineOf(bytes, at),
                      "tệp chứa khai báo DOCTYPE/ENTITY; không được phép vì lý do an toàn "
                      "(thực thể ngoài)");
    }

    Collector c{&diags, displayName, "X001"};
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
    if (!doc || !wellFormed || c.count > 0) {
        if (doc) {
            xmlFreeDoc(doc);
        }
        if (c.count == 0) {
            diags.error("X001", {displayName, 0, 0}, {}, "XML không đúng cú pháp");
        }
        return makeError(ErrorKind::InputRejected, "X001", "XML không đúng cú pháp", {displayName});
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
        e.message = "không đọc được tệp";
        e.where.file = displayName;
        diags.error(e.code, e.where, {}, e.message);
        return e;
    }
    return parseXml(bytes.value(), displayName, diags);
}

Result<XmlSchema> XmlSchema::load(const fs::path& xsd) {
    initLibxml();
    Diagnostics diags;
    Collector c{&diags, xsd.string(), "X020"};
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
            makeError(ErrorKind::Config, "X020",
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
    Collector c{&diags, doc.displayName(), "X010"};
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(m_schema.get());
    xmlSchemaSetValidStructuredErrors(vctxt, collect, &c);
    int rc = xmlSchemaValidateDoc(vctxt, doc.get());
    xmlSchemaFreeValidCtxt(vctxt);
    if (rc != 0 && c.count == 0) {
        diags.error("X010", {doc.displayName(), 0, 0}, {}, "không đúng lược đồ XSD");
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
        return makeError(ErrorKind::InputRejected, "X010", "tệp không đúng lược đồ " + m_name,
                         {displayName});
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
