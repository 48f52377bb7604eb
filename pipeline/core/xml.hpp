#pragma once
// Safe XML input for every XML tdkt reads (dossiers, configuration, templates, archive
// metadata): UTF-8 only, no DOCTYPE, no entity expansion, no DTD loading, no network.
// Schemas are compiled once and reused; validation reports every error with its line and a
// Vietnamese message.
#include "diagnostic.hpp"
#include "error.hpp"
#include "fs.hpp"
#include "xml_codes.hpp"

#include <memory>
#include <string>
#include <string_view>

typedef struct _xmlDoc xmlDoc;
typedef struct _xmlNode xmlNode;
typedef struct _xmlSchema xmlSchema;

namespace tdkt::core {

class XmlDocument {
public:
    XmlDocument() = default;
    explicit XmlDocument(xmlDoc* doc);
    xmlDoc* get() const { return m_doc.get(); }
    xmlNode* root() const;
    const std::string& displayName() const { return m_displayName; }
    void setDisplayName(std::string n) { m_displayName = std::move(n); }

private:
    struct Free {
        void operator()(xmlDoc* d) const;
    };
    std::shared_ptr<xmlDoc> m_doc;
    std::string m_displayName;
};

// Parse bytes without validation. Before libxml2 sees them, the bytes must be UTF-8 XML (not
// another format or encoding: X005, X002, X003), hold no DOCTYPE (X004) and stay within
// limits no schema of ours needs, which also keep libxml2 from quadratic work: at most 64
// attributes on an element (X006), 64 levels of nesting (X007), 100,000 bytes in one text or
// attribute value (X008); libxml2's own limits stay on. A syntax error (X001) says which
// construct is wrong and names the element or attribute where it lies. Problems are added to
// `diags` and the result is an InputRejected error when the document cannot be used.
Result<XmlDocument> parseXml(std::string_view bytes, const std::string& displayName,
                             Diagnostics& diags);
Result<XmlDocument> parseXmlFile(const fs::path& file, const std::string& displayName,
                                 Diagnostics& diags);

class XmlSchema {
public:
    // Compile an XSD (local xs:include/xs:import only). Config error on failure.
    static Result<XmlSchema> load(const fs::path& xsd);

    // Validate a parsed document; every violation goes to `diags` (code X010–X029) with the
    // document's display name and the line; after 100 identical ones (1,000 in all) the rest
    // are counted in one X011 summary. Returns false when invalid. Thread-safe.
    bool validate(const XmlDocument& doc, Diagnostics& diags) const;

    // parseXml + validate.
    Result<XmlDocument> parseAndValidate(std::string_view bytes, const std::string& displayName,
                                         Diagnostics& diags) const;
    Result<XmlDocument> parseAndValidateFile(const fs::path& file, const std::string& displayName,
                                             Diagnostics& diags) const;

private:
    std::shared_ptr<xmlSchema> m_schema;
    std::string m_name;
};

// Small DOM helpers over libxml2 nodes (element children only, namespace-agnostic names).
namespace xml {
std::string name(const xmlNode* n);
int line(const xmlNode* n);
std::string text(const xmlNode* n); // concatenated text content
std::string attr(const xmlNode* n, const char* name, const std::string& fallback = {});
bool hasAttr(const xmlNode* n, const char* name);
xmlNode* firstChild(const xmlNode* n, const char* name = nullptr); // element children
xmlNode* nextSibling(const xmlNode* n, const char* name = nullptr);
std::string childText(const xmlNode* n, const char* name, const std::string& fallback = {});
} // namespace xml

// Returns the 1-based line of the first byte that is not valid UTF-8, or 0 if all is valid.
int firstInvalidUtf8Line(std::string_view bytes);

} // namespace tdkt::core
