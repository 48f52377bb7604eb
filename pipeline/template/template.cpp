#include "template.hpp"

#include <algorithm>

namespace tdkt::tmpl {

struct Template::Node {
    enum class Kind { Text, Var, If, Unless, Each, Sep };
    Kind kind = Kind::Text;
    std::string text; // literal text, or the variable/list path
    std::vector<Node> children;
    std::vector<Node> elseChildren;
    std::string file;
    int line = 0;
    int column = 0;
};

namespace {

using Node = Template::Node;
using Kind = Template::Node::Kind;

constexpr int kMaxPartialDepth = 16;

const std::string& emptyString() {
    static const std::string empty;
    return empty;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (isSpace(s.front()) || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (isSpace(s.back()) || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

// A path is dotted keys: letters (any UTF-8 byte ≥ 0x80 counts as a letter), digits, '_', '-',
// or one of the special names ".", "@index", "@first", "@last".
bool validPath(std::string_view p) {
    if (p == "." || p == "@index" || p == "@first" || p == "@last") {
        return true;
    }
    if (p.empty() || p.front() == '.' || p.back() == '.') {
        return false;
    }
    char prev = 0;
    for (char c : p) {
        unsigned char u = static_cast<unsigned char>(c);
        bool ok = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        if (!ok || (c == '.' && prev == '.')) {
            return false;
        }
        prev = c;
    }
    return true;
}

struct Token {
    bool isTag = false;
    std::string_view body; // text, or the trimmed tag content
    std::size_t begin = 0; // offsets in the source (for tags: of "{{")
    std::size_t end = 0;
};

struct Source {
    std::string_view text;
    std::string file;
    int firstLine = 1;
    int firstColumn = 1;

    // 1-based line/column of a byte offset; columns count code points.
    std::pair<int, int> position(std::size_t offset) const {
        int line = firstLine;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        int column = lineStart == 0 ? firstColumn : 1;
        for (std::size_t i = lineStart; i < offset && i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        return {line, column};
    }
};

core::Error parseError(const Source& src, std::size_t offset, const char* code,
                       std::string message) {
    auto [line, column] = src.position(offset);
    return core::makeError(core::ErrorKind::Config, code, std::move(message),
                           {src.file, line, column});
}

bool isStandaloneKind(std::string_view body) {
    return !body.empty() && (body[0] == '#' || body[0] == '/' || body[0] == '!' || body == "else");
}

// Mustache's "standalone tag" rule: a line holding only a block tag (and blanks) disappears
// entirely, so fragments can put {{#if}} on its own line without leaving empty lines behind.
void trimStandaloneLines(std::vector<Token>& tokens) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].isTag || !isStandaloneKind(tokens[i].body)) {
            continue;
        }
        // Text before the tag on the same line must be blank and start at a line start.
        bool beforeOk = true;
        std::size_t cutBefore = 0;
        if (i > 0) {
            if (tokens[i - 1].isTag) {
                beforeOk = false;
            } else {
                std::string_view t = tokens[i - 1].body;
                std::size_t nl = t.rfind('\n');
                std::string_view tail = nl == std::string_view::npos ? t : t.substr(nl + 1);
                beforeOk = std::all_of(tail.begin(), tail.end(), isSpace) &&
                           (nl != std::string_view::npos || i - 1 == 0);
                cutBefore = tail.size();
            }
        }
        if (!beforeOk) {
            continue;
        }
        bool afterOk = true;
        std::size_t cutAfter = 0;
        if (i + 1 < tokens.size()) {
            if (tokens[i + 1].isTag) {
                afterOk = false;
            } else {
                std::string_view t = tokens[i + 1].body;
                std::size_t nl = t.find('\n');
                std::string_view head = nl == std::string_view::npos ? t : t.substr(0, nl);
                afterOk = std::all_of(head.begin(), head.end(), isSpace) &&
                          (nl != std::string_view::npos || i + 2 == tokens.size());
                cutAfter = nl == std::string_view::npos ? head.size() : nl + 1;
            }
        }
        if (!afterOk) {
            continue;
        }
        if (i > 0) {
            auto& b = tokens[i - 1].body;
            b = b.substr(0, b.size() - cutBefore);
        }
        if (i + 1 < tokens.size()) {
            tokens[i + 1].body.remove_prefix(cutAfter);
        }
    }
}

core::Result<std::vector<Token>> tokenize(const Source& src) {
    std::vector<Token> tokens;
    std::string_view s = src.text;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t open = s.find("{{", pos);
        if (open == std::string_view::npos) {
            tokens.push_back({false, s.substr(pos), pos, s.size()});
            break;
        }
        if (open > pos) {
            tokens.push_back({false, s.substr(pos, open - pos), pos, open});
        }
        std::size_t close = s.find("}}", open + 2);
        std::size_t nextOpen = s.find("{{", open + 2);
        if (close == std::string_view::npos ||
            (nextOpen != std::string_view::npos && nextOpen < close)) {
            return parseError(src, open, "T001", "thẻ «{{» chưa được đóng bằng «}}»");
        }
        tokens.push_back({true, trim(s.substr(open + 2, close - open - 2)), open, close + 2});
        pos = close + 2;
    }
    trimStandaloneLines(tokens);
    return tokens;
}

struct OpenBlock {
    Node node;
    std::string keyword; // "if", "unless", "each", "sep"
    std::size_t offset;
    bool inElse = false;
};

class Parser {
public:
    Parser(const PartialLoader& loader) : m_loader(loader) {}

    core::Status parse(const Source& src, std::vector<Node>& out, int depth) {
        auto tokens = tokenize(src);
        if (!tokens) {
            return tokens.error();
        }
        std::vector<OpenBlock> stack;
        auto sink = [&]() -> std::vector<Node>& {
            if (stack.empty()) {
                return out;
            }
            return stack.back().inElse ? stack.back().node.elseChildren
                                       : stack.back().node.children;
        };
        for (const Token& tok : tokens.value()) {
            if (!tok.isTag) {
                if (tok.body.empty()) {
                    continue;
                }
                auto& nodes = sink();
                if (!nodes.empty() && nodes.back().kind == Kind::Text) {
                    nodes.back().text.append(tok.body);
                } else {
                    Node n;
                    n.kind = Kind::Text;
                    n.text = std::string(tok.body);
                    nodes.push_back(std::move(n));
                }
                continue;
            }
            std::string_view body = tok.body;
            auto [line, column] = src.position(tok.begin);
            if (body.empty()) {
                return parseError(src, tok.begin, "T008", "thẻ rỗng «{{}}»");
            }
            if (body[0] == '!') {
                continue;
            }
            if (body[0] == '#') {
                std::string_view rest = body.substr(1);
                std::size_t sp = rest.find_first_of(" \t\n");
                std::string keyword(rest.substr(0, sp));
                std::string_view arg =
                    sp == std::string_view::npos ? std::string_view{} : trim(rest.substr(sp));
                OpenBlock block;
                block.keyword = keyword;
                block.offset = tok.begin;
                block.node.file = src.file;
                block.node.line = line;
                block.node.column = column;
                if (keyword == "if" || keyword == "unless" || keyword == "each") {
                    block.node.kind = keyword == "if"       ? Kind::If
                                      : keyword == "unless" ? Kind::Unless
                                                            : Kind::Each;
                    if (arg.empty()) {
                        return parseError(src, tok.begin, "T003",
                                          "thẻ {{#" + keyword + "}} thiếu tên biến");
                    }
                    if (!validPath(arg)) {
                        return parseError(src, tok.begin, "T008",
                                          "tên biến «" + std::string(arg) + "» không hợp lệ");
                    }
                    block.node.text = std::string(arg);
                } else if (keyword == "sep") {
                    bool inEach = std::any_of(stack.begin(), stack.end(), [](const OpenBlock& b) {
                        return b.keyword == "each";
                    });
                    if (!inEach) {
                        return parseError(src, tok.begin, "T009",
                                          "thẻ {{#sep}} chỉ dùng được bên trong {{#each}}");
                    }
                    block.node.kind = Kind::Sep;
                } else {
                    return parseError(src, tok.begin, "T002",
                                      "khối «{{#" + keyword +
                                          "}}» không tồn tại (chỉ có #if, #unless, #each, #sep)");
                }
                stack.push_back(std::move(block));
                continue;
            }
            if (body[0] == '/') {
                std::string keyword(trim(body.substr(1)));
                if (stack.empty()) {
                    return parseError(src, tok.begin, "T005",
                                      "thẻ đóng {{/" + keyword + "}} không có thẻ mở tương ứng");
                }
                if (stack.back().keyword != keyword) {
                    auto [openLine, openColumn] = src.position(stack.back().offset);
                    (void)openColumn;
                    return parseError(src, tok.begin, "T005",
                                      "thẻ đóng {{/" + keyword + "}} không khớp với {{#" +
                                          stack.back().keyword + "}} mở ở dòng " +
                                          std::to_string(openLine));
                }
                Node done = std::move(stack.back().node);
                stack.pop_back();
                sink().push_back(std::move(done));
                continue;
            }
            if (body == "else") {
                if (stack.empty() ||
                    (stack.back().keyword != "if" && stack.back().keyword != "unless") ||
                    stack.back().inElse) {
                    return parseError(src, tok.begin, "T004",
                                      "thẻ {{else}} chỉ dùng được một lần bên trong {{#if}} hoặc "
                                      "{{#unless}}");
                }
                stack.back().inElse = true;
                continue;
            }
            if (body[0] == '>') {
                std::string name(trim(body.substr(1)));
                if (name.empty()) {
                    return parseError(src, tok.begin, "T006", "thẻ {{>}} thiếu tên đoạn mẫu");
                }
                if (depth >= kMaxPartialDepth) {
                    return parseError(src, tok.begin, "T007",
                                      "đoạn mẫu «" + name +
                                          "» lồng nhau quá sâu (có thể tự gọi lại chính nó)");
                }
                if (!m_loader) {
                    return parseError(src, tok.begin, "T006",
                                      "không tìm thấy đoạn mẫu «" + name + "»");
                }
                auto partial = m_loader(name);
                if (!partial) {
                    core::Error e = parseError(src, tok.begin, "T006",
                                               "không tìm thấy đoạn mẫu «" + name +
                                                   "»: " + partial.error().message);
                    return e;
                }
                Source inner{partial->text, partial->displayName, 1, 1};
                std::vector<Node> nodes;
                if (auto st = parse(inner, nodes, depth + 1); !st) {
                    return st;
                }
                auto& target = sink();
                for (auto& n : nodes) {
                    target.push_back(std::move(n));
                }
                continue;
            }
            if (!validPath(body)) {
                return parseError(src, tok.begin, "T008",
                                  "tên biến «" + std::string(body) + "» không hợp lệ");
            }
            Node n;
            n.kind = Kind::Var;
            n.text = std::string(body);
            n.file = src.file;
            n.line = line;
            n.column = column;
            sink().push_back(std::move(n));
        }
        if (!stack.empty()) {
            const OpenBlock& b = stack.back();
            return parseError(src, b.offset, "T003",
                              "khối {{#" + b.keyword + "}} chưa được đóng bằng {{/" + b.keyword +
                                  "}}");
        }
        return {};
    }

private:
    const PartialLoader& m_loader;
};

void appendValue(std::string& out, const Value& v) {
    if (v.type() == Value::Type::String) {
        out += v.str();
    } else if (v.type() == Value::Type::List) {
        // A list of strings placed as a value reads naturally joined by commas.
        bool first = true;
        for (const auto& item : v.items()) {
            if (item.type() != Value::Type::String) {
                continue;
            }
            if (!first) {
                out += ", ";
            }
            out += item.str();
            first = false;
        }
    }
}

core::Status renderNodes(const std::vector<Node>& nodes, std::string& out, const Scope& scope,
                         const RenderOptions& options);

core::Status renderNode(const Node& n, std::string& out, const Scope& scope,
                        const RenderOptions& options) {
    Value scratch;
    switch (n.kind) {
    case Kind::Text:
        out += n.text;
        return {};
    case Kind::Var: {
        const Value* v = scope.lookup(n.text, scratch);
        if (!v || v->isNull()) {
            if (options.strict) {
                return core::makeError(core::ErrorKind::Config, "T010",
                                       "dữ liệu không có biến «" + n.text + "»",
                                       {n.file, n.line, n.column});
            }
            return {};
        }
        appendValue(out, *v);
        return {};
    }
    case Kind::If:
    case Kind::Unless: {
        const Value* v = scope.lookup(n.text, scratch);
        bool yes = v && v->truthy();
        if (n.kind == Kind::Unless) {
            yes = !yes;
        }
        return renderNodes(yes ? n.children : n.elseChildren, out, scope, options);
    }
    case Kind::Each: {
        const Value* v = scope.lookup(n.text, scratch);
        if (!v || !v->truthy()) {
            if (!v && options.strict) {
                return core::makeError(core::ErrorKind::Config, "T010",
                                       "dữ liệu không có danh sách «" + n.text + "»",
                                       {n.file, n.line, n.column});
            }
            return {};
        }
        if (v->type() != Value::Type::List) {
            // A single value iterates once, as in doctemplates.
            Scope frame(scope, *v, 1, 1);
            return renderNodes(n.children, out, frame, options);
        }
        const auto& items = v->items();
        const int count = static_cast<int>(items.size());
        for (int i = 0; i < count; ++i) {
            Scope frame(scope, items[static_cast<std::size_t>(i)], i + 1, count);
            if (auto st = renderNodes(n.children, out, frame, options); !st) {
                return st;
            }
        }
        return {};
    }
    case Kind::Sep: {
        Value last;
        const Value* isLast = scope.lookup("@last", last);
        if (isLast && !isLast->truthy()) {
            return renderNodes(n.children, out, scope, options);
        }
        return {};
    }
    }
    return {};
}

core::Status renderNodes(const std::vector<Node>& nodes, std::string& out, const Scope& scope,
                         const RenderOptions& options) {
    for (const Node& n : nodes) {
        if (auto st = renderNode(n, out, scope, options); !st) {
            return st;
        }
    }
    return {};
}

} // namespace

const Value* Scope::lookup(std::string_view path, Value& scratch) const {
    if (path == ".") {
        return m_value;
    }
    if (!path.empty() && path[0] == '@') {
        const Scope* loop = this;
        while (loop && loop->m_index == 0) {
            loop = loop->m_parent;
        }
        if (!loop) {
            return nullptr;
        }
        if (path == "@index") {
            scratch = Value(std::to_string(loop->m_index));
        } else if (path == "@first") {
            scratch = Value(loop->m_index == 1 ? "1" : "");
        } else if (path == "@last") {
            scratch = Value(loop->m_index == loop->m_count ? "1" : "");
        } else {
            return nullptr;
        }
        return &scratch;
    }
    const std::string firstKey(path.substr(0, path.find('.')));
    for (const Scope* s = this; s; s = s->m_parent) {
        const Value& v = *s->m_value;
        if (v.type() == Value::Type::Map && v.fields().count(firstKey) != 0) {
            return v.find(path);
        }
    }
    return nullptr;
}

core::Result<Template> Template::parse(std::string_view text, const std::string& displayName,
                                       int firstLine, int firstColumn,
                                       const PartialLoader& partials) {
    Source src{text, displayName, firstLine, firstColumn};
    auto nodes = std::make_shared<std::vector<Node>>();
    Parser parser(partials);
    if (auto st = parser.parse(src, *nodes, 0); !st) {
        return st.error();
    }
    Template t;
    t.m_nodes = std::move(nodes);
    t.m_displayName = displayName;
    return t;
}

core::Status Template::renderTo(std::string& out, const Scope& scope,
                                const RenderOptions& options) const {
    if (!m_nodes) {
        return {};
    }
    return renderNodes(*m_nodes, out, scope, options);
}

std::string Template::render(const Scope& scope) const {
    std::string out;
    (void)renderTo(out, scope, {});
    return out;
}

std::string Template::render(const Value& context) const {
    return render(Scope(context));
}

bool Template::isLiteral() const {
    return !m_nodes || m_nodes->empty() ||
           (m_nodes->size() == 1 && m_nodes->front().kind == Kind::Text);
}

namespace {
void collectVariables(const std::vector<Node>& nodes, std::vector<std::string>& out) {
    for (const Node& n : nodes) {
        if (n.kind == Kind::Var && std::find(out.begin(), out.end(), n.text) == out.end()) {
            out.push_back(n.text);
        }
        collectVariables(n.children, out);
        collectVariables(n.elseChildren, out);
    }
}
} // namespace

std::vector<std::string> Template::variables() const {
    std::vector<std::string> out;
    if (m_nodes) {
        collectVariables(*m_nodes, out);
    }
    return out;
}

const std::string& Template::literal() const {
    return !m_nodes || m_nodes->empty() ? emptyString() : m_nodes->front().text;
}

Template::Template() : m_nodes(std::make_shared<std::vector<Node>>()) {}
Template::~Template() = default;
Template::Template(const Template&) = default;
Template& Template::operator=(const Template&) = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

} // namespace tdkt::tmpl
