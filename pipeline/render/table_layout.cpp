#include "pipeline/render/pdf_session.hpp"

#include <algorithm>

namespace tdkt::render::detail {

// One row of cells; `texts` per column (or one spanning text when `span`).
Item Session::tableRow(const Block& b, const std::vector<PlacedColumn>& cols, double totalWidth,
                       const std::vector<std::string>& texts, int fontIndex, bool header,
                       bool span) {
    TextStyle style = b.style;
    style.font = fontIndex;
    const double lh = lineHeight(style);
    const double base = baselineOffset(style);
    const double pad = b.padding;
    Item row;
    std::vector<std::vector<Line>> cellLines(texts.size());
    std::size_t maxLines = 1;
    for (std::size_t c = 0; c < texts.size(); ++c) {
        double cw = span ? totalWidth : cols[c].width;
        std::vector<StyledRun> runs;
        std::string collapsed;
        bool lastSpace = true;
        for (char ch : texts[c]) {
            if (isCollapsible(ch)) {
                if (!lastSpace) {
                    collapsed.push_back(' ');
                }
                lastSpace = true;
            } else {
                collapsed.push_back(ch);
                lastSpace = false;
            }
        }
        while (!collapsed.empty() && collapsed.back() == ' ') {
            collapsed.pop_back();
        }
        if (!collapsed.empty()) {
            runs.push_back({fontIndex, style.colour, std::move(collapsed)});
        }
        std::vector<Word> ws = words(runs, style.size);
        double inner = std::max(1.0, cw - 2 * pad);
        cellLines[c] = wrap(ws, inner, inner, style.size);
        maxLines = std::max(maxLines, cellLines[c].size());
    }
    row.height = static_cast<double>(maxLines) * lh + 2 * pad;
    for (std::size_t c = 0; c < texts.size(); ++c) {
        double cx = cols[span ? 0 : c].x;
        double cw = span ? totalWidth : cols[c].width;
        Align align = header ? Align::Center : span ? Align::Left : cols[c].column->align;
        if (align == Align::Justify) {
            align = Align::Left; // justified narrow cells look worse than ragged ones
        }
        const auto& lines = cellLines[c];
        // Header titles are centred vertically as well; body cells start at the top.
        double top = pad + (header ? (static_cast<double>(maxLines - lines.size()) * lh) / 2 : 0);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            emitLine(lines[i], cx + pad, cw - 2 * pad, align, true,
                     top + static_cast<double>(i) * lh + base, style.size, row.prims);
        }
        Prim border;
        border.kind = Prim::Kind::Rect;
        border.x = cx;
        border.y = 0;
        border.x2 = cw;
        border.y2 = row.height;
        border.lineWidth = b.lineWidth;
        row.prims.push_back(border);
    }
    return row;
}

void Session::tableSection(const Block& b, const TableSection& sec, const tmpl::Scope& scope,
                           const std::vector<PlacedColumn>& cols, double total, int tableId,
                           std::vector<std::string>& texts, std::vector<Item>& out) {
    tmpl::Value scratch;
    const tmpl::Value* rows = scope.lookup(sec.rowsPath, scratch);
    const bool empty = !rows || rows->type() != tmpl::Value::Type::List || rows->items().empty();
    bool heading = false;
    if (!sec.headingPath.empty()) {
        tmpl::Value headingScratch;
        const tmpl::Value* h = scope.lookup(sec.headingPath, headingScratch);
        heading = h && h->truthy();
    }
    if (empty && !heading) {
        return; // an empty section is left out, title and all
    }
    if (sec.hasTitle) {
        Item t = tableRow(b, cols, total, {sec.title.render(scope)}, b.sectionFont, false, true);
        t.table = tableId;
        t.keepWithNext = true;
        t.line = b.line;
        out.push_back(std::move(t));
    }
    if (empty) {
        return;
    }
    const auto& items = rows->items();
    const int count = static_cast<int>(items.size());
    for (int i = 0; i < count; ++i) {
        tmpl::Scope frame(scope, items[static_cast<std::size_t>(i)], i + 1, count);
        for (std::size_t c = 0; c < cols.size(); ++c) {
            texts[c].clear();
            (void)cols[c].column->cell.renderTo(texts[c], frame);
        }
        Item row = tableRow(b, cols, total, texts, b.style.font, false, false);
        row.table = tableId;
        row.line = b.line;
        out.push_back(std::move(row));
    }
}

core::Status Session::layoutTable(const Block& b, const tmpl::Scope& scope, double x,
                                  std::vector<Item>& out) {
    // Columns whose condition fails are left out; their width goes to the `grow` column (or,
    // without one, the table is that much narrower).
    std::vector<PlacedColumn> cols;
    double freed = 0;
    for (const TableColumn& c : b.tableColumns) {
        if (passes(c.condition, scope)) {
            cols.push_back({&c, 0, c.width});
        } else {
            freed += c.width;
        }
    }
    for (auto& c : cols) {
        if (c.column->grow) {
            c.width += freed;
            break;
        }
    }
    double total = 0;
    for (auto& c : cols) {
        c.x = x + total;
        total += c.width;
    }
    const int tableId = static_cast<int>(m_tableHeaders.size());
    std::vector<std::string> titles;
    for (const auto& c : cols) {
        titles.push_back(c.column->title.render(scope));
    }
    Item header = tableRow(b, cols, total, titles, b.headerFont, true, false);
    header.table = tableId;
    header.tableHeader = true;
    header.keepWithNext = true;
    header.line = b.line;
    m_tableHeaders.push_back(header);

    space(out, b.spaceBefore);
    out.push_back(header);
    std::vector<std::string> texts(cols.size());
    for (const TableSection& sec : b.sections) {
        if (!passes(sec.condition, scope)) {
            continue;
        }
        if (sec.eachPath.empty()) {
            tableSection(b, sec, scope, cols, total, tableId, texts, out);
            continue;
        }
        tmpl::Value scratch;
        const tmpl::Value* list = scope.lookup(sec.eachPath, scratch);
        if (!list || list->type() != tmpl::Value::Type::List) {
            continue;
        }
        const auto& items = list->items();
        const int count = static_cast<int>(items.size());
        for (int i = 0; i < count; ++i) {
            tmpl::Scope frame(scope, items[static_cast<std::size_t>(i)], i + 1, count);
            tableSection(b, sec, frame, cols, total, tableId, texts, out);
        }
    }
    space(out, b.spaceAfter);
    return {};
}

} // namespace tdkt::render::detail
