// Checking a document without drawing it (`tdkt validate`): the same layout code as drawing
// (Session::fitFixedText), run on the first page's fixed elements with no page, every
// problem collected instead of the first returned.
#include "pipeline/render/pdf_session.hpp"
#include "pipeline/render/renderer_impl.hpp"

#include <algorithm>
#include <map>

namespace tdkt::render {
namespace detail {
namespace {

// Ordinary achievement prose: what "characters a field holds" is measured with. Vietnamese
// letters with diacritics, digits, commas; about the average width of what units write.
constexpr std::string_view kProse =
    "Đã có thành tích xuất sắc trong công tác chuyên môn, nghiệp vụ và phong trào thi đua yêu "
    "nước năm học 2024 - 2025, góp phần tích cực vào sự nghiệp giáo dục và đào tạo của Thủ "
    "đô; hoàn thành tốt nhiệm vụ được giao, là tấm gương sáng cho đồng nghiệp noi theo. ";

// Entries of the fit memo (a certificate has about a dozen fields; names never repeat).
constexpr std::size_t kFitMemoSize = 8192;

std::size_t codePoints(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::vector<std::string> variablesOf(const FixedElement& e) {
    std::vector<std::string> out;
    for (const Run& run : e.runs) {
        for (auto& v : run.text.variables()) {
            out.push_back(std::move(v));
        }
    }
    return out;
}

} // namespace

void Session::measureFixed(const tmpl::Value& context, std::vector<FieldProblem>& out) {
    m_root = tmpl::Scope(context);
    m_docPages = 1;
    tmpl::Value pageValue = tmpl::Value::map();
    pageValue.set("page", "1");
    tmpl::Scope pageScope(m_root, pageValue, 1, 1);
    auto measure = [&](const std::vector<FixedElement>& elements) {
        for (const FixedElement& e : elements) {
            if (e.kind != FixedElement::Kind::Text || !passes(e.condition, pageScope)) {
                continue;
            }
            m_missing = 0;
            const std::vector<StyledRun> runs = styledRuns(e.runs, e.style, pageScope);
            if (runs.empty()) {
                continue;
            }
            // The element (its address in the layout) and its text in each font.
            std::string key(reinterpret_cast<const char*>(&e), sizeof(&e));
            for (const StyledRun& run : runs) {
                key += static_cast<char>(run.font);
                key += run.text;
                key += '\x1e';
            }
            if (auto hit = m_fitMemo.find(key); hit != m_fitMemo.end()) {
                if (hit->second) {
                    out.push_back(*hit->second);
                }
                continue;
            }
            if (m_fitMemo.size() >= kFitMemoSize) {
                m_fitMemo.clear();
            }
            TextStyle style = e.style;
            std::vector<Line> lines;
            auto st = fitFixedText(e, runs, style, lines);
            if (st) {
                m_fitMemo.emplace(std::move(key), std::nullopt);
                continue;
            }
            FieldProblem p;
            p.code = st.error().code;
            p.field = e.field.empty() ? "nội dung" : e.field;
            p.message = st.error().message;
            p.templateLine = e.line;
            p.variables = variablesOf(e);
            p.maxLines = e.maxLines;
            if (p.code == "R001") {
                p.lines = static_cast<int>(
                    wrap(words(runs, e.style.size), e.width, e.width, e.style.size).size());
            }
            if (p.code == "R001" || p.code == "R002") {
                p.capacityChars = capacityChars(e);
            }
            if (p.code == "R004") {
                p.character = m_lastMissing;
            }
            m_fitMemo.emplace(std::move(key), p);
            out.push_back(std::move(p));
        }
    };
    for (const EveryPage& ep : m_layout.everyPage) {
        if (ep.fromPage <= 1) {
            measure(ep.elements);
        }
    }
    measure(m_layout.firstPage);
    m_missing = 0;
}

int Session::capacityChars(const FixedElement& e) {
    const bool shrink = e.fit == Fit::Shrink && e.minSize > 0;
    const double size = shrink ? e.minSize : e.style.size;
    const int lines = e.fit == Fit::Wrap && e.maxLines > 0 ? e.maxLines : 1;
    // Enough prose to overflow: no glyph is narrower than a fifth of an em.
    const double most = lines * e.width / (size * 0.2);
    std::string prose;
    while (static_cast<double>(codePoints(prose)) < most) {
        prose += kProse;
    }
    const std::vector<Line> wrapped =
        wrap(words({StyledRun{e.style.font, e.style.colour, prose}}, size), e.width, e.width, size);
    std::size_t chars = 0;
    for (int i = 0; i < lines && i < static_cast<int>(wrapped.size()); ++i) {
        const Line& line = wrapped[static_cast<std::size_t>(i)];
        chars += i > 0 ? 1 : 0; // the space the line break took
        for (std::size_t w = 0; w < line.words.size(); ++w) {
            chars += w > 0 ? 1 : 0;
            for (const Piece& piece : line.words[w].pieces) {
                chars += codePoints(piece.text);
            }
        }
    }
    m_missing = 0;
    return static_cast<int>(chars);
}

bool Session::drawableByAll(char32_t cp) {
    if (cp >= 0x10000) {
        return false;
    }
    if (m_drawable.empty()) {
        m_drawable.assign(0x10000, 0);
    }
    std::uint8_t& known = m_drawable[cp];
    if (known == 0) {
        m_missing = 0;
        bool all = true;
        for (std::size_t f = 0; f < m_layout.fonts.size() && all; ++f) {
            charWidth(static_cast<int>(f), cp);
            all = m_missing == 0;
        }
        m_missing = 0;
        known = all ? 1 : 2;
    }
    return known == 1;
}

char32_t Session::firstMissing(std::string_view text) {
    // Most texts hold only characters every font has: answered from the table.
    bool all = true;
    for (std::size_t i = 0; i < text.size() && all;) {
        all = drawableByAll(nextCodePoint(text, i));
    }
    if (all) {
        return 0;
    }
    m_missing = 0;
    for (std::size_t f = 0; f < m_layout.fonts.size(); ++f) {
        for (std::size_t i = 0; i < text.size();) {
            charWidth(static_cast<int>(f), nextCodePoint(text, i));
            if (m_missing) {
                const char32_t cp = m_missing;
                m_missing = 0;
                return cp;
            }
        }
    }
    return 0;
}

} // namespace detail

struct FitChecker::Impl {
    explicit Impl(const Layout& l) : metrics(l.fonts.size()), session(l, metrics), layout(l) {}
    std::vector<detail::FontMetrics> metrics; // this thread's own cache
    detail::Session session;
    const Layout& layout;
    bool begun = false;
    std::map<std::string, int> capacities;

    core::Status begin() {
        if (begun) {
            return {};
        }
        auto st = session.begin();
        begun = static_cast<bool>(st);
        return st;
    }
};

FitChecker::FitChecker(const DocumentRenderer& renderer)
    : m_impl(std::make_unique<Impl>(renderer.m_impl->layout)) {}
FitChecker::~FitChecker() = default;
FitChecker::FitChecker(FitChecker&&) noexcept = default;

core::Result<std::vector<FieldProblem>> FitChecker::check(const tmpl::Value& context) {
    if (auto st = m_impl->begin(); !st) {
        return st.error();
    }
    std::vector<FieldProblem> out;
    m_impl->session.measureFixed(context, out);
    return out;
}

char32_t FitChecker::undrawable(std::string_view text) {
    if (!m_impl->begin()) {
        return 0; // the renderer reports a broken PDF library when drawing
    }
    return m_impl->session.firstMissing(text);
}

int FitChecker::capacityOf(const std::string& variable) {
    auto cached = m_impl->capacities.find(variable);
    if (cached != m_impl->capacities.end()) {
        return cached->second;
    }
    int capacity = 0;
    auto scan = [&](const std::vector<FixedElement>& elements) {
        for (const FixedElement& e : elements) {
            const bool limited =
                (e.fit == Fit::Wrap && e.maxLines > 0) || (e.fit == Fit::Shrink && e.minSize > 0);
            if (capacity == 0 && e.kind == FixedElement::Kind::Text && limited) {
                const auto vars = detail::variablesOf(e);
                if (std::find(vars.begin(), vars.end(), variable) != vars.end() &&
                    m_impl->begin()) {
                    capacity = m_impl->session.capacityChars(e);
                }
            }
        }
    };
    for (const EveryPage& ep : m_impl->layout.everyPage) {
        if (ep.fromPage <= 1) {
            scan(ep.elements);
        }
    }
    scan(m_impl->layout.firstPage);
    m_impl->capacities[variable] = capacity;
    return capacity;
}

} // namespace tdkt::render
