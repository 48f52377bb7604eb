#include "xml_scan.hpp"

#include "utf8.hpp"
#include "xml_codes.hpp"

#include <algorithm>

namespace tdkt::core {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Bytes that end a name; anything else (UTF-8 included) is taken as part of one.
bool endsName(char c) {
    return isSpace(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\'';
}

bool startsWith(std::string_view s, std::size_t at, std::string_view prefix) {
    return s.compare(at, prefix.size(), prefix) == 0;
}

} // namespace

XmlToken XmlScanner::token(XmlToken::Kind kind, std::size_t end) {
    end = std::min(end, m_s.size());
    XmlToken t;
    t.kind = kind;
    t.begin = m_pos;
    t.end = end;
    t.line = m_line;
    m_line += static_cast<int>(std::count(m_s.begin() + static_cast<std::ptrdiff_t>(m_pos),
                                          m_s.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    m_pos = end;
    return t;
}

std::size_t XmlScanner::nameEnd(std::size_t from) const {
    while (from < m_s.size() && !endsName(m_s[from])) {
        ++from;
    }
    return from;
}

void XmlScanner::skipSpace() {
    std::size_t p = m_pos;
    while (p < m_s.size() && isSpace(m_s[p])) {
        ++p;
    }
    token(XmlToken::Kind::Other, p);
}

bool XmlScanner::next(XmlToken& t) {
    if (m_inTag) {
        return insideTag(t);
    }
    if (m_pos >= m_s.size()) {
        return false;
    }
    if (m_s[m_pos] == '<') {
        return markup(t);
    }
    const std::size_t lt = std::min(m_s.find('<', m_pos), m_s.size());
    t = token(XmlToken::Kind::Text, lt);
    t.valueBytes = t.end - t.begin;
    return true;
}

bool XmlScanner::markup(XmlToken& t) {
    auto until = [&](std::size_t from, std::string_view close) {
        const std::size_t at = m_s.find(close, from);
        return at == std::string_view::npos ? m_s.size() : at + close.size();
    };
    if (startsWith(m_s, m_pos, "<![CDATA[")) {
        // Text to libxml2 (XML_PARSE_NOCDATA merges it with the text around it).
        t = token(XmlToken::Kind::Text, until(m_pos + 9, "]]>"));
        t.valueBytes = t.end - t.begin;
    } else if (startsWith(m_s, m_pos, "<!--")) {
        t = token(XmlToken::Kind::Other, until(m_pos + 4, "-->"));
    } else if (startsWith(m_s, m_pos, "<?")) {
        t = token(XmlToken::Kind::Other, until(m_pos + 2, "?>"));
    } else if (startsWith(m_s, m_pos, "<!")) {
        t = token(XmlToken::Kind::Other, until(m_pos + 2, ">"));
    } else if (startsWith(m_s, m_pos, "</")) {
        const std::size_t nameEnds = nameEnd(m_pos + 2);
        const std::string_view name = m_s.substr(m_pos + 2, nameEnds - m_pos - 2);
        t = token(XmlToken::Kind::EndTag, until(nameEnds, ">"));
        t.name = name;
    } else if (m_pos + 1 < m_s.size() && !endsName(m_s[m_pos + 1]) && m_s[m_pos + 1] != '!' &&
               m_s[m_pos + 1] != '?') {
        const std::size_t nameEnds = nameEnd(m_pos + 1);
        const std::string_view name = m_s.substr(m_pos + 1, nameEnds - m_pos - 1);
        t = token(XmlToken::Kind::StartTag, nameEnds);
        t.name = name;
        m_inTag = true;
    } else {
        t = token(XmlToken::Kind::Other, m_pos + 1); // a '<' that starts nothing
    }
    return true;
}

bool XmlScanner::insideTag(XmlToken& t) {
    skipSpace();
    if (m_pos >= m_s.size()) {
        m_inTag = false;
        return false;
    }
    const char c = m_s[m_pos];
    if (c == '>' || startsWith(m_s, m_pos, "/>")) {
        m_inTag = false;
        t = token(XmlToken::Kind::StartTagEnd, m_pos + (c == '>' ? 1 : 2));
        t.selfClosing = c != '>';
        return true;
    }
    if (c == '<') {
        // No '>' before the next markup: the tag is malformed (libxml2 says so); leave it.
        m_inTag = false;
        t = token(XmlToken::Kind::StartTagEnd, m_pos);
        t.selfClosing = true;
        return true;
    }
    const std::size_t nameEnds = nameEnd(m_pos);
    if (nameEnds == m_pos) {
        t = token(XmlToken::Kind::Other, m_pos + 1); // a stray '=', quote or '/'
        return true;
    }
    std::size_t p = nameEnds;
    while (p < m_s.size() && isSpace(m_s[p])) {
        ++p;
    }
    std::size_t valueBegin = p, valueEnd = p, end = p;
    if (p < m_s.size() && m_s[p] == '=') {
        ++p;
        while (p < m_s.size() && isSpace(m_s[p])) {
            ++p;
        }
        if (p < m_s.size() && (m_s[p] == '"' || m_s[p] == '\'')) {
            // A raw '<' cannot be in a value: an unclosed quote ends there, as in libxml2.
            const char quote[] = {m_s[p], '<', '\0'};
            const std::size_t close = std::min(m_s.find_first_of(quote, p + 1), m_s.size());
            valueBegin = p + 1;
            valueEnd = close;
            end = close < m_s.size() && m_s[close] != '<' ? close + 1 : close;
        } else {
            valueBegin = p;
            valueEnd = end = nameEnd(p); // unquoted: malformed, libxml2 reports it
        }
    }
    const std::string_view name = m_s.substr(m_pos, nameEnds - m_pos);
    t = token(XmlToken::Kind::Attribute, end);
    t.name = name;
    t.valueBytes = valueEnd - valueBegin;
    return true;
}

std::optional<XmlProblem> checkXmlLimits(std::string_view bytes, const XmlLimits& limits) {
    XmlScanner scanner(bytes);
    std::vector<std::string_view> open; // at most maxDepth names
    XmlToken tag;
    std::size_t attributes = 0;
    std::size_t text = 0;
    int textLine = 0;
    auto element = [&]() { return open.empty() ? std::string() : std::string(open.back()); };
    XmlToken t;
    while (scanner.next(t)) {
        if (t.kind != XmlToken::Kind::Text) {
            text = 0;
        }
        switch (t.kind) {
        case XmlToken::Kind::StartTag:
            if (open.size() >= limits.maxDepth) {
                return XmlProblem{kXmlTooDeep, t.line, std::string(t.name),
                                  "phần tử lồng sâu quá " + std::to_string(limits.maxDepth) +
                                      " cấp (giới hạn an toàn; tệp hợp lệ không cần sâu như vậy)"};
            }
            tag = t;
            attributes = 0;
            break;
        case XmlToken::Kind::Attribute:
            if (++attributes > limits.maxAttributes) {
                return XmlProblem{kXmlTooManyAttributes, tag.line, std::string(tag.name),
                                  "phần tử có hơn " + std::to_string(limits.maxAttributes) +
                                      " thuộc tính (giới hạn an toàn; tệp hợp lệ không cần "
                                      "nhiều như vậy)"};
            }
            if (t.valueBytes > limits.maxTextBytes) {
                return XmlProblem{kXmlTextTooLong, t.line,
                                  std::string(tag.name) + "/@" + std::string(t.name),
                                  "giá trị thuộc tính dài " + std::to_string(t.valueBytes) +
                                      " byte, quá giới hạn an toàn " +
                                      std::to_string(limits.maxTextBytes) + " byte"};
            }
            break;
        case XmlToken::Kind::StartTagEnd:
            if (!t.selfClosing) {
                open.push_back(tag.name);
            }
            break;
        case XmlToken::Kind::EndTag:
            if (!open.empty()) {
                open.pop_back();
            }
            break;
        case XmlToken::Kind::Text:
            textLine = text == 0 ? t.line : textLine;
            text += t.valueBytes;
            if (text > limits.maxTextBytes) {
                return XmlProblem{kXmlTextTooLong, textLine, element(),
                                  "nội dung văn bản dài hơn " +
                                      std::to_string(limits.maxTextBytes) +
                                      " byte (giới hạn an toàn; tệp hợp lệ không cần dài như vậy)"};
            }
            break;
        case XmlToken::Kind::Other:
            break;
        }
    }
    return std::nullopt;
}

void XmlLocator::restart() {
    m_scanner = XmlScanner(m_s);
    m_pending.reset();
    m_open.clear();
    m_tag.reset();
    m_attr.reset();
    m_line = 1;
    m_lineStart = 0;
    m_last = 0;
}

std::size_t XmlLocator::offsetOf(int line, int column) {
    while (m_line < line) {
        const std::size_t nl = m_s.find('\n', m_lineStart);
        if (nl == std::string_view::npos) {
            break;
        }
        m_lineStart = nl + 1;
        ++m_line;
    }
    std::size_t at = m_lineStart;
    for (int c = 1; c < column && at < m_s.size() && m_s[at] != '\n'; ++c) {
        char32_t cp = 0;
        at += std::max<std::size_t>(1, decodeUtf8(m_s, at, cp));
    }
    return std::min(at, m_s.size());
}

std::string XmlLocator::fieldAt(int line, int column) {
    if (line < m_line || (line == m_line && offsetOf(line, column) < m_last)) {
        restart(); // asked out of document order: walk again from the start
    }
    const std::size_t at = offsetOf(line, column);
    m_last = at;
    // libxml2 reports the position after what it has read: a token that begins before it is
    // behind the error, one that begins at it is not.
    XmlToken t;
    while (m_pending || m_scanner.next(t)) {
        if (m_pending) {
            t = *m_pending;
            m_pending.reset();
        }
        if (t.begin >= at) {
            m_pending = t;
            break;
        }
        switch (t.kind) {
        case XmlToken::Kind::StartTag:
            m_tag = t;
            m_attr.reset();
            break;
        case XmlToken::Kind::Attribute:
            m_attr = t;
            break;
        case XmlToken::Kind::StartTagEnd:
            if (m_tag && !t.selfClosing) {
                m_open.push_back(m_tag->name);
            }
            m_tag.reset();
            m_attr.reset();
            break;
        case XmlToken::Kind::EndTag:
            if (!m_open.empty()) {
                m_open.pop_back();
            }
            break;
        default:
            break;
        }
    }
    if (m_tag) {
        std::string field(m_tag->name);
        // An error just after a value is about it too (a '<' where its closing quote was due).
        if (m_attr && at <= m_attr->end) {
            field += "/@" + std::string(m_attr->name);
        }
        return field;
    }
    return m_open.empty() ? std::string() : std::string(m_open.back());
}

} // namespace tdkt::core
