#pragma once
// Stable codes of XML input (core/xml.hpp). A code keeps its meaning forever; the message may
// change. X001–X009: before and while parsing; X010–X029: the schema.
namespace tdkt::core {

inline constexpr const char* kXmlSyntax = "X001";            // not well-formed; the reason given
inline constexpr const char* kXmlEncoding = "X002";          // not UTF-8 (UTF-16/32, bad bytes)
inline constexpr const char* kXmlDeclaredEncoding = "X003";  // <?xml encoding="…"?> not UTF-8
inline constexpr const char* kXmlDoctype = "X004";           // DOCTYPE or ENTITY declaration
inline constexpr const char* kXmlNotXml = "X005";            // a zip/Office file, PDF, image, …
inline constexpr const char* kXmlTooManyAttributes = "X006"; // > 64 on one element
inline constexpr const char* kXmlTooDeep = "X007";           // elements nested > 64 deep
inline constexpr const char* kXmlTextTooLong = "X008";       // a text or value > 100,000 bytes
inline constexpr const char* kXmlFileTooLarge = "X009";      // over the input size limit
inline constexpr const char* kXmlSchemaInvalid = "X010";     // an XSD violation
inline constexpr const char* kXmlRepeatedErrors = "X011";    // how many more were not listed
inline constexpr const char* kXmlSchemaUnusable = "X020";    // an XSD that cannot be compiled

} // namespace tdkt::core
