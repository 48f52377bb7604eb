#pragma once
// libxml2's errors in Vietnamese: what a clerk can do something about, with the element or the
// attribute it is about. Internal to core's XML input (xml.cpp).
#include <libxml/xmlerror.h>
#include <string>
#include <utility>

namespace tdkt::core {

// {field, message}. A schema error names its element itself; for a parser error `place` is the
// element (or element/@attribute) around the error position (XmlLocator), refined where the
// error names another (the open tag of a mismatched close tag, a repeated attribute).
std::pair<std::string, std::string> translateXmlError(const xmlError* err,
                                                      const std::string& place);

} // namespace tdkt::core
