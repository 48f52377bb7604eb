#include "pipeline/render/pdf_session.hpp"

#include <algorithm>

namespace tdkt::render::detail {

// Stacks items into one unbreakable item (columns, keep-together).
Item mergeItems(const std::vector<Item>& items) {
    Item merged;
    double y = 0;
    for (const Item& it : items) {
        if (it.kind == Item::Kind::Break || (it.kind == Item::Kind::Space && y == 0)) {
            continue;
        }
        for (Prim p : it.prims) {
            p.y += y;
            if (p.kind == Prim::Kind::Line) {
                p.y2 += y;
            }
            merged.prims.push_back(std::move(p));
        }
        y += it.height;
        merged.line = merged.line ? merged.line : it.line;
    }
    merged.height = y;
    return merged;
}

bool passes(const Condition& c, const tmpl::Scope& scope) {
    tmpl::Value scratch;
    if (!c.ifPath.empty()) {
        const tmpl::Value* v = scope.lookup(c.ifPath, scratch);
        if (!v || !v->truthy()) {
            return false;
        }
    }
    if (!c.unlessPath.empty()) {
        const tmpl::Value* v = scope.lookup(c.unlessPath, scratch);
        if (v && v->truthy()) {
            return false;
        }
    }
    return true;
}

core::Status Session::layoutBlocks(const std::vector<Block>& blocks, const tmpl::Scope& scope,
                                   double x, double width, std::vector<Item>& out) {
    for (const Block& b : blocks) {
        if (!passes(b.condition, scope)) {
            continue;
        }
        if (auto st = layoutBlock(b, scope, x, width, out); !st) {
            return st;
        }
    }
    return {};
}

void Session::space(std::vector<Item>& out, double h) {
    if (h > 0) {
        Item s;
        s.kind = Item::Kind::Space;
        s.height = h;
        out.push_back(std::move(s));
    }
}

core::Status Session::layoutBlock(const Block& b, const tmpl::Scope& scope, double x, double width,
                                  std::vector<Item>& out) {
    switch (b.kind) {
    case Block::Kind::Para:
        layoutPara(b, scope, x, width, out);
        return {};
    case Block::Kind::Rule: {
        space(out, b.spaceBefore);
        Item it;
        it.height = b.lineWidth + 1;
        double len = std::min(b.length, width);
        double x0 = b.align == Align::Center  ? x + (width - len) / 2
                    : b.align == Align::Right ? x + width - len
                                              : x;
        Prim p;
        p.kind = Prim::Kind::Line;
        p.x = x0;
        p.x2 = x0 + len;
        p.y = p.y2 = 0.5 + b.lineWidth / 2;
        p.lineWidth = b.lineWidth;
        it.prims.push_back(p);
        out.push_back(std::move(it));
        space(out, b.spaceAfter);
        return {};
    }
    case Block::Kind::Space: {
        Item it;
        it.height = b.length;
        it.line = b.line;
        out.push_back(std::move(it));
        return {};
    }
    case Block::Kind::Columns: {
        double fixed = 0;
        int flexible = 0;
        for (double w : b.columnWidths) {
            fixed += w;
            flexible += w == 0 ? 1 : 0;
        }
        double rest = flexible ? std::max(0.0, width - fixed) / flexible : 0;
        std::vector<Item> merged;
        double cx = x;
        Item all;
        all.line = b.line;
        for (std::size_t c = 0; c < b.columns.size(); ++c) {
            double cw = b.columnWidths[c] > 0 ? b.columnWidths[c] : rest;
            std::vector<Item> colItems;
            if (auto st = layoutBlocks(b.columns[c], scope, cx, cw, colItems); !st) {
                return st;
            }
            Item col = mergeItems(colItems);
            all.height = std::max(all.height, col.height);
            for (auto& p : col.prims) {
                all.prims.push_back(std::move(p));
            }
            cx += cw;
        }
        space(out, b.spaceBefore);
        out.push_back(std::move(all));
        space(out, b.spaceAfter);
        return {};
    }
    case Block::Kind::Group:
        return layoutBlocks(b.children, scope, x, width, out);
    case Block::Kind::KeepTogether: {
        std::vector<Item> inner;
        if (auto st = layoutBlocks(b.children, scope, x, width, inner); !st) {
            return st;
        }
        Item merged = mergeItems(inner);
        merged.line = b.line;
        out.push_back(std::move(merged));
        return {};
    }
    case Block::Kind::For: {
        tmpl::Value scratch;
        const tmpl::Value* list = scope.lookup(b.eachPath, scratch);
        if (!list || !list->truthy()) {
            return {};
        }
        if (list->type() != tmpl::Value::Type::List) {
            tmpl::Scope frame(scope, *list, 1, 1);
            return layoutBlocks(b.children, frame, x, width, out);
        }
        const int count = static_cast<int>(list->items().size());
        for (int i = 0; i < count; ++i) {
            tmpl::Scope frame(scope, list->items()[static_cast<std::size_t>(i)], i + 1, count);
            if (auto st = layoutBlocks(b.children, frame, x, width, out); !st) {
                return st;
            }
        }
        return {};
    }
    case Block::Kind::PageBreak: {
        Item it;
        it.kind = Item::Kind::Break;
        out.push_back(std::move(it));
        return {};
    }
    case Block::Kind::Table:
        return layoutTable(b, scope, x, out);
    }
    return {};
}

void Session::layoutPara(const Block& b, const tmpl::Scope& scope, double x, double width,
                         std::vector<Item>& out) {
    std::vector<StyledRun> runs = styledRuns(b.runs, b.style, scope);
    if (runs.empty()) {
        return; // an empty paragraph (e.g. no parent body) takes no room at all
    }
    std::vector<Word> ws = words(runs, b.style.size);
    const double indent = b.align == Align::Center ? 0 : b.indent;
    std::vector<Line> lines = wrap(ws, width - indent, width, b.style.size);
    const double lh = lineHeight(b.style);
    const double base = baselineOffset(b.style);
    space(out, b.spaceBefore);
    double widest = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Item it;
        it.height = lh;
        it.line = b.line;
        double x0 = i == 0 ? x + indent : x;
        double avail = i == 0 ? width - indent : width;
        emitLine(lines[i], x0, avail, b.align, i + 1 == lines.size(), base, b.style.size, it.prims);
        widest = std::max(widest, lines[i].width);
        out.push_back(std::move(it));
    }
    if (b.rule.kind != RuleBelow::Kind::None) {
        out.back().keepWithNext = true;
        double len = b.rule.kind == RuleBelow::Kind::Text      ? widest
                     : b.rule.kind == RuleBelow::Kind::Percent ? widest * b.rule.value / 100
                                                               : b.rule.value;
        len = std::min(len, width);
        double x0 = b.align == Align::Center  ? x + (width - len) / 2
                    : b.align == Align::Right ? x + width - len
                                              : x;
        // Decree 30's rules sit clear of the descenders, not like an underline.
        Item r;
        r.height = b.rule.lineWidth + 4;
        Prim p;
        p.kind = Prim::Kind::Line;
        p.x = x0;
        p.x2 = x0 + len;
        p.y = p.y2 = 2.5;
        p.lineWidth = b.rule.lineWidth;
        r.prims.push_back(p);
        out.push_back(std::move(r));
    }
    space(out, b.spaceAfter);
}

core::Status Session::drawFixedSets() {
    tmpl::Value pageValue = tmpl::Value::map();
    pageValue.set("page", std::to_string(m_docPages));
    tmpl::Scope pageScope(m_root, pageValue, 1, 1);
    for (const EveryPage& ep : m_layout.everyPage) {
        if (m_docPages >= ep.fromPage) {
            if (auto st = drawFixed(ep.elements, pageScope); !st) {
                return st;
            }
        }
    }
    if (m_docPages == 1) {
        return drawFixed(m_layout.firstPage, pageScope);
    }
    return {};
}

core::Status Session::paginate(const std::vector<Item>& items) {
    const double top = m_layout.marginTop;
    const double bottom = m_layout.pageHeight - m_layout.marginBottom;
    newPage();
    if (auto st = drawFixedSets(); !st) {
        return st;
    }
    double y = top;
    bool hasContent = false;
    auto breakPage = [&]() -> core::Status {
        newPage();
        y = top;
        hasContent = false;
        return drawFixedSets();
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (it.kind == Item::Kind::Break) {
            if (hasContent) {
                if (auto st = breakPage(); !st) {
                    return st;
                }
            }
            continue;
        }
        if (it.kind == Item::Kind::Space) {
            if (hasContent) {
                y = std::min(bottom, y + it.height);
            }
            continue;
        }
        // Keep headings, rules under text and table headers with what follows them.
        double need = it.height;
        for (std::size_t k = i; items[k].keepWithNext;) {
            std::size_t next = k + 1;
            while (next < items.size() && items[next].kind == Item::Kind::Space) {
                ++next;
            }
            if (next >= items.size() || items[next].kind != Item::Kind::Content) {
                break;
            }
            need += items[next].height;
            k = next;
        }
        if (hasContent && y + need > bottom + 0.01) {
            if (auto st = breakPage(); !st) {
                return st;
            }
        }
        if (!hasContent && it.table >= 0 && !it.tableHeader) {
            const Item& header = m_tableHeaders[static_cast<std::size_t>(it.table)];
            drawPrims(header.prims, y);
            y += header.height;
        }
        if (y + it.height > bottom + 0.01 && !hasContent) {
            return core::makeError(core::ErrorKind::InputRejected, "R003",
                                   "một khối nội dung (dòng bảng hoặc khối giữ liền) cao hơn "
                                   "một trang giấy; hãy rút gọn nội dung",
                                   {m_layout.sourceName, it.line});
        }
        drawPrims(it.prims, y);
        y += it.height;
        hasContent = true;
    }
    return {};
}

core::Status Session::drawFixed(const std::vector<FixedElement>& elements,
                                const tmpl::Scope& scope) {
    for (const FixedElement& e : elements) {
        if (!passes(e.condition, scope)) {
            continue;
        }
        std::vector<Prim> prims;
        if (e.kind == FixedElement::Kind::Rect || e.kind == FixedElement::Kind::Line) {
            // A rect's primitive carries its size where a line's carries its end point.
            const bool rect = e.kind == FixedElement::Kind::Rect;
            Prim p;
            p.kind = rect ? Prim::Kind::Rect : Prim::Kind::Line;
            p.x = e.x;
            p.y = e.y;
            p.x2 = rect ? e.width : e.x2;
            p.y2 = rect ? e.height : e.y2;
            p.lineWidth = e.lineWidth;
            p.colour = e.colour;
            prims.push_back(p);
        } else if (e.kind == FixedElement::Kind::Image) {
            if (auto st = drawImage(e); !st) {
                return st;
            }
            continue;
        } else if (auto st = layoutFixedText(e, scope, prims); !st) {
            return st;
        }
        drawPrims(prims, 0);
    }
    return {};
}

} // namespace tdkt::render::detail
