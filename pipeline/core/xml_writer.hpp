#pragma once
// Writing XML (archive metadata, dossiers): a thin RAII over libxml2's text writer, which does
// the escaping, indents two spaces and declares UTF-8. Empty optional values are left out.
#include <string>

typedef struct _xmlBuffer xmlBuffer;
typedef struct _xmlTextWriter xmlTextWriter;

namespace tdkt::core {

class XmlWriter {
public:
    XmlWriter();
    ~XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    void start(const char* name);
    void end();
    void attr(const char* name, const std::string& value);
    void optionalAttr(const char* name, const std::string& value); // left out when empty
    void text(const std::string& value);
    void element(const char* name, const std::string& value);
    void optional(const char* name, const std::string& value); // left out when empty
    // The document so far, closed; the writer is done after this.
    std::string finish();

private:
    xmlBuffer* m_buf;
    xmlTextWriter* m_w;
};

} // namespace tdkt::core
