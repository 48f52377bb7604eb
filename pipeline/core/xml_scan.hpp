#pragma once
// A linear walk over XML markup that runs before libxml2 sees the bytes. It finds what libxml2
// would spend quadratic time on (200,000 attributes on one element: every new one is compared
// with all before it) and what no schema of ours needs (deep nesting, huge text), and it tells
// which element a parser error lies in. It is not a parser: on malformed input it keeps going
// and leaves the real error to libxml2. Internal to core's XML input (xml.cpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::core {

struct XmlToken {
    enum class Kind { StartTag, Attribute, StartTagEnd, EndTag, Text, Other };
    Kind kind = Kind::Other;
    std::string_view name;      // element (StartTag, EndTag) or attribute name
    std::size_t begin = 0;      // byte offsets: [begin, end)
    std::size_t end = 0;        //
    std::size_t valueBytes = 0; // length of an attribute value or a text run (as written)
    int line = 1;               // line of `begin`
    bool selfClosing = false;   // StartTagEnd of <a/>
};

class XmlScanner {
public:
    explicit XmlScanner(std::string_view bytes) : m_s(bytes) {}
    // The next token, false at the end of the bytes.
    bool next(XmlToken& t);

private:
    XmlToken token(XmlToken::Kind kind, std::size_t end);
    bool markup(XmlToken& t);
    bool insideTag(XmlToken& t);
    std::size_t nameEnd(std::size_t from) const;
    void skipSpace();

    std::string_view m_s;
    std::size_t m_pos = 0;
    int m_line = 1;
    bool m_inTag = false; // between the name of a start tag and its '>'
};

// What no XML that tdkt reads needs; beyond it a file is refused before it is parsed.
struct XmlLimits {
    std::size_t maxAttributes = 64;    // on one element
    std::size_t maxDepth = 64;         // elements nested, the root being 1
    std::size_t maxTextBytes = 100000; // one text node or one attribute value, as written
};

// A problem found before parsing: a limit exceeded, or the file is not UTF-8 XML at all.
struct XmlProblem {
    std::string code;
    int line = 0;
    std::string field; // element, or element/@attribute
    std::string message;
};

// The first limit the bytes exceed (X006 attributes, X007 depth, X008 text), if any.
std::optional<XmlProblem> checkXmlLimits(std::string_view bytes, const XmlLimits& limits = {});

// Where a parser error lies: the element (or element/@attribute) around libxml2's error
// position. Positions asked in document order cost one walk over the bytes in all.
class XmlLocator {
public:
    explicit XmlLocator(std::string_view bytes) : m_s(bytes), m_scanner(bytes) {}
    // `column` as libxml2 counts it: characters from 1. Empty outside every element.
    std::string fieldAt(int line, int column);

private:
    std::size_t offsetOf(int line, int column);
    void restart();

    std::string_view m_s;
    XmlScanner m_scanner;
    std::optional<XmlToken> m_pending; // read but not yet before the asked position
    std::vector<std::string_view> m_open;
    std::optional<XmlToken> m_tag;  // the start tag being read at the position, if any
    std::optional<XmlToken> m_attr; // its last attribute
    int m_line = 1;
    std::size_t m_lineStart = 0;
    std::size_t m_last = 0;
};

} // namespace tdkt::core
