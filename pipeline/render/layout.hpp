#pragma once
// The layout of a document kind, read once from templates/<name>/template.xml (validated
// against schemas/template-1.0.xsd): page geometry, fonts, absolute elements and flowing blocks.
// Every text is a compiled tmpl::Template. Lengths are stored in PDF points.
#include "pipeline/core/environment.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/template/template.hpp"

#include <map>
#include <string>
#include <vector>

namespace tdkt::render {

constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mmToPt(double mm) {
    return mm * kPointsPerMm;
}

struct Colour {
    double r = 0, g = 0, b = 0;
    bool operator==(const Colour& o) const { return r == o.r && g == o.g && b == o.b; }
};

enum class Align { Left, Center, Right, Justify };
enum class Fit { None, Shrink, Wrap };

struct Condition {
    std::string ifPath;     // drawn only when truthy
    std::string unlessPath; // drawn only when not truthy
};

struct Run {
    int font = -1; // index into Layout::fonts; -1 = the element's font
    bool hasColour = false;
    Colour colour;
    tmpl::Template text;
};

struct TextStyle {
    int font = 0;
    double size = 13; // pt
    double leading = 1.2;
    Colour colour;
};

// Absolute element (certificate, page headers): coordinates from the page's top-left corner.
struct FixedElement {
    enum class Kind { Text, Rect, Line, Image };
    Kind kind = Kind::Text;
    Condition condition;
    int line = 0;                               // in template.xml, for messages
    double x = 0, y = 0, width = 0, height = 0; // pt; for Line: (x,y) → (x2,y2)
    double x2 = 0, y2 = 0;
    double lineWidth = 1;
    Colour colour;
    // Text
    TextStyle style;
    Align align = Align::Left;
    Fit fit = Fit::None;
    double minSize = 0;
    int maxLines = 0;
    std::string field;
    std::vector<Run> runs;
    // Image: a PNG of the template's assets/ folder, scaled to (width, height), mirrored
    // left-right (flipH) and/or top-bottom (flipV) inside that box
    fs::path imageFile;
    bool flipH = false;
    bool flipV = false;
};

struct EveryPage {
    int fromPage = 1;
    std::vector<FixedElement> elements;
};

struct RuleBelow {
    enum class Kind { None, Text, Percent, Length };
    Kind kind = Kind::None;
    double value = 0; // percent or pt
    double lineWidth = 0.5;
};

struct TableColumn {
    tmpl::Template title;
    double width = 0; // pt
    Align align = Align::Left;
    tmpl::Template cell;
    Condition condition; // a column left out gives its width to the `grow` column
    bool grow = false;
};

struct TableSection {
    Condition condition;
    std::string rowsPath;
    tmpl::Template title;
    bool hasTitle = false;
    // each="list": one section per item, its rows, title and heading looked up in the item.
    std::string eachPath;
    // A truthy heading prints the title row even when the section has no rows (a group title
    // over the sections that follow).
    std::string headingPath;
};

struct Block {
    enum class Kind { Para, Rule, Space, Columns, Group, KeepTogether, For, PageBreak, Table };
    Kind kind = Kind::Group;
    Condition condition;
    int line = 0;
    double spaceBefore = 0, spaceAfter = 0; // pt
    // Para
    TextStyle style;
    Align align = Align::Left;
    double indent = 0; // pt, first line
    std::vector<Run> runs;
    RuleBelow rule;
    // Rule (length, lineWidth), Space (length)
    double length = 0;
    double lineWidth = 0.5;
    // Columns: children grouped per column; widths in pt (0 = the rest)
    std::vector<double> columnWidths;
    std::vector<std::vector<Block>> columns;
    // Group, KeepTogether, For
    std::string eachPath;
    std::vector<Block> children;
    // Table
    std::vector<TableColumn> tableColumns;
    std::vector<TableSection> sections;
    int headerFont = 0;
    int sectionFont = 0;
    double padding = 0; // pt
};

struct FontFile {
    std::string id;
    fs::path file;
};

struct Layout {
    std::string name;                     // template folder name
    std::string sourceName;               // "templates/<name>/template.xml" for messages
    double pageWidth = 0, pageHeight = 0; // pt
    double marginTop = 0, marginBottom = 0, marginLeft = 0, marginRight = 0; // pt
    std::vector<FontFile> fonts;
    TextStyle defaultStyle;
    std::vector<EveryPage> everyPage;
    std::vector<FixedElement> firstPage;
    std::vector<Block> flow;
    bool hasFlow = false;
};

// How a certificate is printed: the whole design on white paper, or only the variable fields on
// a pre-printed blank (phôi). Elements with mode="design" / mode="blank" are kept only in that
// mode; in blank mode every position is shifted by the printer's calibration offset.
enum class PrintMode { Design, Blank };

struct LayoutOptions {
    PrintMode mode = PrintMode::Design;
    double offsetXMm = 0; // added to every x in blank mode (right is positive)
    double offsetYMm = 0; // added to every y in blank mode (down is positive)
};

// Reads, validates and compiles a layout. Errors are ErrorKind::Config with file and line.
core::Result<Layout> loadLayout(const core::Environment& env, const std::string& templateName,
                                const LayoutOptions& options = {});

// One printer of config/printers.xml (validated by template-1.0.xsd, element <printers>).
struct PrinterCalibration {
    std::string id;
    std::string name;
    double offsetXMm = 0;
    double offsetYMm = 0;
};
// Every printer of the file; R016 when it is missing or invalid (Config).
core::Result<std::vector<PrinterCalibration>> loadPrinters(const core::Environment& env);
// R016 the file is missing or invalid, R017 no printer with that id (both Config).
core::Result<PrinterCalibration> loadPrinter(const core::Environment& env, const std::string& id);

} // namespace tdkt::render
