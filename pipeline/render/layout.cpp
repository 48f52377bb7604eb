#include "layout.hpp"

#include "font_subset.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/xml.hpp"

#include <cstdlib>
#include <libxml/tree.h>
#include <mutex>

namespace tdkt::render {
namespace {

namespace xml = core::xml;

constexpr const char* kSchemaFile = "template-1.0.xsd";

core::Error configError(const std::string& code, std::string message, const std::string& file,
                        int line) {
    return core::makeError(core::ErrorKind::Config, code, std::move(message), {file, line});
}

// The schema is compiled once per process and shared by every loaded template.
core::Result<core::XmlSchema> schemaFor(const core::Environment& env) {
    static std::mutex mutex;
    static std::map<std::string, core::XmlSchema> cache;
    const fs::path xsd = env.schemasDir() / kSchemaFile;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(xsd.string());
    if (it != cache.end()) {
        return it->second;
    }
    auto schema = core::XmlSchema::load(xsd);
    if (!schema) {
        return schema.error();
    }
    cache.emplace(xsd.string(), schema.value());
    return schema;
}

double number(const xmlNode* n, const char* name, double fallback) {
    std::string v = xml::attr(n, name);
    if (v.empty()) {
        return fallback;
    }
    return std::strtod(v.c_str(), nullptr);
}

double mmAttr(const xmlNode* n, const char* name, double fallbackMm) {
    return mmToPt(number(n, name, fallbackMm));
}

Colour parseColour(const std::string& hex) {
    // The schema guarantees "#RRGGBB".
    auto channel = [&](std::size_t at) {
        return std::strtol(hex.substr(at, 2).c_str(), nullptr, 16) / 255.0;
    };
    return {channel(1), channel(3), channel(5)};
}

Align parseAlign(const std::string& s) {
    if (s == "center") {
        return Align::Center;
    }
    if (s == "right") {
        return Align::Right;
    }
    if (s == "justify") {
        return Align::Justify;
    }
    return Align::Left;
}

Condition parseCondition(const xmlNode* n) {
    return {xml::attr(n, "if"), xml::attr(n, "unless")};
}

bool isPartialName(const std::string& name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

class Loader {
public:
    Loader(const core::Environment& env, const std::string& name, const LayoutOptions& options)
        : m_env(env), m_options(options) {
        m_layout.name = name;
        m_dir = env.templatesDir() / name;
        m_layout.sourceName = "templates/" + name + "/template.xml";
        // {{> name}} reads <name>.txt from the template's own folder (and nowhere else).
        m_partials = [this](const std::string& partial) -> core::Result<tmpl::PartialSource> {
            if (!isPartialName(partial)) {
                return core::makeError(core::ErrorKind::Config, "T006",
                                       "tên đoạn mẫu chỉ gồm chữ cái không dấu, chữ số, «_», «-»");
            }
            auto text = core::readFile(m_dir / (partial + ".txt"));
            if (!text) {
                return core::makeError(core::ErrorKind::Config, "T006",
                                       "không có tệp " + partial + ".txt trong thư mục mẫu");
            }
            const std::string display = "templates/" + m_layout.name + "/" + partial + ".txt";
            if (int bad = core::firstInvalidUtf8Line(text.value())) {
                return core::makeError(core::ErrorKind::Config, "T006",
                                       display + " dòng " + std::to_string(bad) +
                                           ": không phải UTF-8 hợp lệ");
            }
            return tmpl::PartialSource{std::move(text.value()), display};
        };
    }

    core::Result<Layout> load() {
        auto schema = schemaFor(m_env);
        if (!schema) {
            return schema.error();
        }
        const fs::path file = m_dir / "template.xml";
        boost::system::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            return configError("R010",
                               "không tìm thấy mẫu «" + m_layout.name + "» (thiếu tệp " +
                                   m_layout.sourceName + ")",
                               m_layout.sourceName, 0);
        }
        core::Diagnostics diags;
        auto doc = schema->parseAndValidateFile(file, m_layout.sourceName, diags);
        if (!doc) {
            core::Error e = doc.error();
            e.kind = core::ErrorKind::Config;
            e.code = "R011";
            e.message = "tệp mẫu không hợp lệ (sai cú pháp XML hoặc không đúng lược đồ " +
                        std::string(kSchemaFile) + ")";
            e.details = diags.items();
            if (!diags.items().empty()) {
                e.where = diags.items().front().where;
            }
            return e;
        }
        if (auto st = readRoot(doc->root()); !st) {
            return st.error();
        }
        return std::move(m_layout);
    }

private:
    core::Status readRoot(const xmlNode* root) {
        const xmlNode* page = xml::firstChild(root, "page");
        double w = 210, h = 297;
        std::string size = xml::attr(page, "size", "A4");
        if (size == "A3") {
            w = 297, h = 420;
        } else if (size == "A5") {
            w = 148, h = 210;
        } else if (size == "custom") {
            if (!xml::hasAttr(page, "width") || !xml::hasAttr(page, "height")) {
                return configError("R012", "khổ giấy «custom» cần có width và height (mm)",
                                   m_layout.sourceName, xml::line(page));
            }
            w = number(page, "width", w);
            h = number(page, "height", h);
        }
        if (xml::attr(page, "orientation") == "landscape" && w < h) {
            std::swap(w, h);
        }
        m_layout.pageWidth = mmToPt(w);
        m_layout.pageHeight = mmToPt(h);
        m_layout.marginTop = mmAttr(page, "margin-top", 20);
        m_layout.marginBottom = mmAttr(page, "margin-bottom", 20);
        m_layout.marginLeft = mmAttr(page, "margin-left", 30);
        m_layout.marginRight = mmAttr(page, "margin-right", 15);
        if (m_layout.marginLeft + m_layout.marginRight >= m_layout.pageWidth ||
            m_layout.marginTop + m_layout.marginBottom >= m_layout.pageHeight) {
            return configError("R012", "lề trang lớn hơn khổ giấy", m_layout.sourceName,
                               xml::line(page));
        }

        const xmlNode* fonts = xml::firstChild(root, "fonts");
        for (const xmlNode* f = xml::firstChild(fonts, "font"); f;
             f = xml::nextSibling(f, "font")) {
            const std::string fileName = xml::attr(f, "file");
            fs::path path = core::findFont(m_env, fileName);
            if (path.empty()) {
                return configError("R013",
                                   "không tìm thấy phông chữ «" + fileName +
                                       "» trong các thư mục phông (TDKT_FONT_DIRS)",
                                   m_layout.sourceName, xml::line(f));
            }
            m_fontIndex[xml::attr(f, "id")] = static_cast<int>(m_layout.fonts.size());
            m_layout.fonts.push_back({xml::attr(f, "id"), preferredFontFile(path)});
        }
        auto def = fontRef(fonts, xml::attr(fonts, "default"));
        if (!def) {
            return def.error();
        }
        m_layout.defaultStyle.font = def.value();
        m_layout.defaultStyle.size = number(fonts, "size", 13);
        m_layout.defaultStyle.leading = number(fonts, "leading", 1.2);
        m_layout.defaultStyle.colour = parseColour(xml::attr(fonts, "color", "#000000"));

        for (const xmlNode* n = xml::firstChild(root); n; n = xml::nextSibling(n)) {
            const std::string name = xml::name(n);
            if (name == "every-page") {
                EveryPage ep;
                ep.fromPage = static_cast<int>(number(n, "from-page", 1));
                if (auto st = readFixed(n, ep.elements); !st) {
                    return st;
                }
                m_layout.everyPage.push_back(std::move(ep));
            } else if (name == "first-page") {
                if (auto st = readFixed(n, m_layout.firstPage); !st) {
                    return st;
                }
            } else if (name == "flow") {
                m_layout.hasFlow = true;
                if (auto st = readBlocks(n, m_layout.flow); !st) {
                    return st;
                }
            }
        }
        return {};
    }

    core::Result<int> fontRef(const xmlNode* n, const std::string& id) {
        auto it = m_fontIndex.find(id);
        if (it == m_fontIndex.end()) {
            return configError("R014", "phông «" + id + "» chưa được khai báo trong <fonts>",
                               m_layout.sourceName, xml::line(n));
        }
        return it->second;
    }

    core::Result<TextStyle> readStyle(const xmlNode* n, const TextStyle& base) {
        TextStyle s = base;
        if (xml::hasAttr(n, "font")) {
            auto f = fontRef(n, xml::attr(n, "font"));
            if (!f) {
                return f.error();
            }
            s.font = f.value();
        }
        s.size = number(n, "size", s.size);
        s.leading = number(n, "leading", s.leading);
        if (xml::hasAttr(n, "color")) {
            s.colour = parseColour(xml::attr(n, "color"));
        }
        return s;
    }

    core::Result<tmpl::Template> compile(const std::string& text, int line) {
        return tmpl::Template::parse(text, m_layout.sourceName, line, 1, m_partials);
    }

    // Mixed content: text nodes and <span font="…"> runs, each its own template.
    core::Status readRuns(const xmlNode* n, std::vector<Run>& runs) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE) {
                auto t = compile(xml::text(c), xml::line(c));
                if (!t) {
                    return t.error();
                }
                runs.push_back({-1, false, {}, std::move(t.value())});
            } else if (c->type == XML_ELEMENT_NODE && xml::name(c) == "span") {
                auto f = fontRef(c, xml::attr(c, "font"));
                if (!f) {
                    return f.error();
                }
                auto t = compile(xml::text(c), xml::line(c));
                if (!t) {
                    return t.error();
                }
                Run r{f.value(), xml::hasAttr(c, "color"), {}, std::move(t.value())};
                if (r.hasColour) {
                    r.colour = parseColour(xml::attr(c, "color"));
                }
                runs.push_back(std::move(r));
            }
        }
        return {};
    }

    core::Status readFixed(const xmlNode* parent, std::vector<FixedElement>& out) {
        for (const xmlNode* n = xml::firstChild(parent); n; n = xml::nextSibling(n)) {
            FixedElement e;
            const std::string name = xml::name(n);
            const std::string mode = xml::attr(n, "mode", "both");
            if ((mode == "design" && m_options.mode != PrintMode::Design) ||
                (mode == "blank" && m_options.mode != PrintMode::Blank)) {
                continue;
            }
            e.condition = parseCondition(n);
            e.line = xml::line(n);
            e.lineWidth = number(n, "line-width", 1);
            e.colour = parseColour(xml::attr(n, "color", "#000000"));
            if (name == "text") {
                e.kind = FixedElement::Kind::Text;
                e.x = mmAttr(n, "x", 0);
                e.y = mmAttr(n, "y", 0);
                e.width = mmAttr(n, "width", 0);
                e.align = parseAlign(xml::attr(n, "align"));
                auto style = readStyle(n, m_layout.defaultStyle);
                if (!style) {
                    return style.error();
                }
                e.style = style.value();
                const std::string fit = xml::attr(n, "fit", "none");
                e.fit = fit == "shrink" ? Fit::Shrink : fit == "wrap" ? Fit::Wrap : Fit::None;
                e.minSize = number(n, "min-size", 0);
                e.maxLines = static_cast<int>(number(n, "max-lines", 0));
                e.field = xml::attr(n, "field");
                if (auto st = readRuns(n, e.runs); !st) {
                    return st;
                }
            } else if (name == "rect") {
                e.kind = FixedElement::Kind::Rect;
                e.x = mmAttr(n, "x", 0);
                e.y = mmAttr(n, "y", 0);
                e.width = mmAttr(n, "width", 0);
                e.height = mmAttr(n, "height", 0);
            } else if (name == "line") {
                e.kind = FixedElement::Kind::Line;
                e.x = mmAttr(n, "x1", 0);
                e.y = mmAttr(n, "y1", 0);
                e.x2 = mmAttr(n, "x2", 0);
                e.y2 = mmAttr(n, "y2", 0);
            } else if (name == "image") {
                e.kind = FixedElement::Kind::Image;
                e.x = mmAttr(n, "x", 0);
                e.y = mmAttr(n, "y", 0);
                e.width = mmAttr(n, "width", 0);
                e.height = mmAttr(n, "height", 0);
                const std::string flip = xml::attr(n, "flip", "none");
                e.flipH = flip == "h" || flip == "hv";
                e.flipV = flip == "v" || flip == "hv";
                // The schema restricts the name to <name>.png: no way out of the template folder.
                e.imageFile = m_dir / xml::attr(n, "file");
                boost::system::error_code ec;
                if (!fs::is_regular_file(e.imageFile, ec)) {
                    return configError("R015",
                                       "không tìm thấy tệp hình «" + xml::attr(n, "file") +
                                           "» trong thư mục mẫu",
                                       m_layout.sourceName, xml::line(n));
                }
            } else {
                continue;
            }
            if (m_options.mode == PrintMode::Blank) {
                // The printer's calibration moves the whole page image; widths stay.
                const double dx = mmToPt(m_options.offsetXMm);
                const double dy = mmToPt(m_options.offsetYMm);
                e.x += dx;
                e.y += dy;
                if (e.kind == FixedElement::Kind::Line) {
                    e.x2 += dx;
                    e.y2 += dy;
                }
            }
            out.push_back(std::move(e));
        }
        return {};
    }

    core::Status readBlocks(const xmlNode* parent, std::vector<Block>& out) {
        for (const xmlNode* n = xml::firstChild(parent); n; n = xml::nextSibling(n)) {
            auto b = readBlock(n);
            if (!b) {
                return b.error();
            }
            out.push_back(std::move(b.value()));
        }
        return {};
    }

    core::Result<Block> readBlock(const xmlNode* n) {
        Block b;
        const std::string name = xml::name(n);
        b.condition = parseCondition(n);
        b.line = xml::line(n);
        b.spaceBefore = number(n, "space-before", 0);
        b.spaceAfter = number(n, "space-after", 0);
        b.lineWidth = number(n, "line-width", 0.5);
        if (name == "para") {
            b.kind = Block::Kind::Para;
            auto style = readStyle(n, m_layout.defaultStyle);
            if (!style) {
                return style.error();
            }
            b.style = style.value();
            b.align = parseAlign(xml::attr(n, "align"));
            b.indent = mmAttr(n, "indent", 0);
            const std::string rule = xml::attr(n, "rule-below");
            if (rule == "text") {
                b.rule.kind = RuleBelow::Kind::Text;
            } else if (!rule.empty() && rule.back() == '%') {
                b.rule.kind = RuleBelow::Kind::Percent;
                b.rule.value = std::strtod(rule.c_str(), nullptr);
            } else if (!rule.empty()) {
                b.rule.kind = RuleBelow::Kind::Length;
                b.rule.value = mmToPt(std::strtod(rule.c_str(), nullptr));
            }
            b.rule.lineWidth = number(n, "rule-width", 0.5);
            if (auto st = readRuns(n, b.runs); !st) {
                return st.error();
            }
        } else if (name == "rule") {
            b.kind = Block::Kind::Rule;
            b.length = mmAttr(n, "length", 0);
            b.align = parseAlign(xml::attr(n, "align"));
        } else if (name == "space") {
            b.kind = Block::Kind::Space;
            b.length = mmAttr(n, "height", 0);
        } else if (name == "columns") {
            b.kind = Block::Kind::Columns;
            for (const xmlNode* c = xml::firstChild(n, "column"); c;
                 c = xml::nextSibling(c, "column")) {
                b.columnWidths.push_back(mmAttr(c, "width", 0));
                b.columns.emplace_back();
                if (auto st = readBlocks(c, b.columns.back()); !st) {
                    return st.error();
                }
            }
        } else if (name == "group" || name == "keep-together" || name == "for") {
            b.kind = name == "group"           ? Block::Kind::Group
                     : name == "keep-together" ? Block::Kind::KeepTogether
                                               : Block::Kind::For;
            b.eachPath = xml::attr(n, "each");
            if (auto st = readBlocks(n, b.children); !st) {
                return st.error();
            }
        } else if (name == "page-break") {
            b.kind = Block::Kind::PageBreak;
        } else if (name == "table") {
            if (auto st = readTable(n, b); !st) {
                return st.error();
            }
        }
        return b;
    }

    core::Status readTable(const xmlNode* n, Block& b) {
        b.kind = Block::Kind::Table;
        auto style = readStyle(n, m_layout.defaultStyle);
        if (!style) {
            return style.error();
        }
        b.style = style.value();
        b.headerFont = b.style.font;
        b.sectionFont = b.style.font;
        if (xml::hasAttr(n, "header-font")) {
            auto f = fontRef(n, xml::attr(n, "header-font"));
            if (!f) {
                return f.error();
            }
            b.headerFont = f.value();
        }
        if (xml::hasAttr(n, "section-font")) {
            auto f = fontRef(n, xml::attr(n, "section-font"));
            if (!f) {
                return f.error();
            }
            b.sectionFont = f.value();
        }
        b.padding = mmAttr(n, "padding", 1.5);
        for (const xmlNode* c = xml::firstChild(n, "column"); c;
             c = xml::nextSibling(c, "column")) {
            TableColumn col;
            auto title = compile(xml::attr(c, "title"), xml::line(c));
            auto cell = compile(xml::text(c), xml::line(c));
            if (!title) {
                return title.error();
            }
            if (!cell) {
                return cell.error();
            }
            col.title = std::move(title.value());
            col.cell = std::move(cell.value());
            col.width = mmAttr(c, "width", 0);
            col.align = parseAlign(xml::attr(c, "align"));
            col.condition = parseCondition(c);
            col.grow = xml::attr(c, "grow") == "true";
            b.tableColumns.push_back(std::move(col));
        }
        for (const xmlNode* s = xml::firstChild(n, "section"); s;
             s = xml::nextSibling(s, "section")) {
            TableSection sec;
            sec.condition = parseCondition(s);
            sec.rowsPath = xml::attr(s, "rows");
            sec.eachPath = xml::attr(s, "each");
            sec.headingPath = xml::attr(s, "heading");
            sec.hasTitle = xml::hasAttr(s, "title");
            auto title = compile(xml::attr(s, "title"), xml::line(s));
            if (!title) {
                return title.error();
            }
            sec.title = std::move(title.value());
            b.sections.push_back(std::move(sec));
        }
        return {};
    }

    const core::Environment& m_env;
    fs::path m_dir;
    Layout m_layout;
    std::map<std::string, int> m_fontIndex;
    tmpl::PartialLoader m_partials;
    LayoutOptions m_options;
};

} // namespace

core::Result<Layout> loadLayout(const core::Environment& env, const std::string& templateName,
                                const LayoutOptions& options) {
    if (!isPartialName(templateName)) {
        return configError("R010", "tên mẫu «" + templateName + "» không hợp lệ", templateName, 0);
    }
    Loader loader(env, templateName, options);
    return loader.load();
}

core::Result<std::vector<PrinterCalibration>> loadPrinters(const core::Environment& env) {
    const std::string display = "config/printers.xml";
    auto schema = schemaFor(env);
    if (!schema) {
        return schema.error();
    }
    core::Diagnostics diags;
    auto doc = schema->parseAndValidateFile(env.configDir() / "printers.xml", display, diags);
    if (!doc || xml::name(doc->root()) != "printers") {
        core::Error e = configError("R016",
                                    "tệp cấu hình máy in không đọc được hoặc không hợp lệ "
                                    "(phần tử <printers> của template-1.0.xsd)",
                                    display, 0);
        e.details = diags.items();
        return e;
    }
    std::vector<PrinterCalibration> out;
    for (const xmlNode* p = xml::firstChild(doc->root(), "printer"); p;
         p = xml::nextSibling(p, "printer")) {
        out.push_back({xml::attr(p, "id"), xml::attr(p, "name"), number(p, "offset-x", 0),
                       number(p, "offset-y", 0)});
    }
    return out;
}

core::Result<PrinterCalibration> loadPrinter(const core::Environment& env, const std::string& id) {
    auto printers = loadPrinters(env);
    if (!printers) {
        return printers.error();
    }
    std::string known;
    for (const auto& p : printers.value()) {
        if (p.id == id) {
            return p;
        }
        known += (known.empty() ? "" : ", ") + p.id;
    }
    return configError("R017",
                       "không có máy in «" + id + "» trong config/printers.xml (có: " + known + ")",
                       "config/printers.xml", 0);
}

} // namespace tdkt::render
