#include "xml_writer.hpp"

#include <libxml/xmlwriter.h>

namespace tdkt::core {

XmlWriter::XmlWriter() : m_buf(xmlBufferCreate()), m_w(xmlNewTextWriterMemory(m_buf, 0)) {
    xmlTextWriterSetIndent(m_w, 1);
    xmlTextWriterSetIndentString(m_w, BAD_CAST "  ");
    xmlTextWriterStartDocument(m_w, nullptr, "UTF-8", nullptr);
}

XmlWriter::~XmlWriter() {
    if (m_w) {
        xmlFreeTextWriter(m_w);
    }
    xmlBufferFree(m_buf);
}

void XmlWriter::start(const char* name) {
    xmlTextWriterStartElement(m_w, BAD_CAST name);
}

void XmlWriter::end() {
    xmlTextWriterEndElement(m_w);
}

void XmlWriter::attr(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(m_w, BAD_CAST name, BAD_CAST value.c_str());
}

void XmlWriter::optionalAttr(const char* name, const std::string& value) {
    if (!value.empty()) {
        attr(name, value);
    }
}

void XmlWriter::text(const std::string& value) {
    xmlTextWriterWriteString(m_w, BAD_CAST value.c_str());
}

void XmlWriter::element(const char* name, const std::string& value) {
    xmlTextWriterWriteElement(m_w, BAD_CAST name, BAD_CAST value.c_str());
}

void XmlWriter::optional(const char* name, const std::string& value) {
    if (!value.empty()) {
        element(name, value);
    }
}

std::string XmlWriter::finish() {
    xmlTextWriterEndDocument(m_w);
    xmlFreeTextWriter(m_w); // flushes into the buffer
    m_w = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(m_buf)),
                       static_cast<std::size_t>(xmlBufferLength(m_buf)));
}

} // namespace tdkt::core
