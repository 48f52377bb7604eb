#pragma once
// The display list: what layout produces and pagination places.
#include "pipeline/render/layout.hpp"

#include <string>
#include <vector>

namespace tdkt::render::detail {

// Display list: what layout produces and pagination places. y grows downwards from the top of
// the item; x is absolute on the page.

struct Prim {
    enum class Kind { Text, Line, Rect };
    Kind kind = Kind::Text;
    int font = 0;
    double size = 0;
    Colour colour;
    double x = 0, y = 0;   // Text: baseline start; Line: from; Rect: top-left
    double x2 = 0, y2 = 0; // Line: to; Rect: width, height
    double lineWidth = 0;
    std::string text;
};

struct Item {
    enum class Kind { Content, Space, Break };
    Kind kind = Kind::Content;
    double height = 0;
    std::vector<Prim> prims;
    int table = -1;           // rows of a table: its header is repeated after a page break
    bool tableHeader = false; // the header row itself
    bool keepWithNext = false;
    int line = 0; // template line, for messages
};

// Stacks items into one unbreakable item (columns, keep-together).
Item mergeItems(const std::vector<Item>& items);

} // namespace tdkt::render::detail
