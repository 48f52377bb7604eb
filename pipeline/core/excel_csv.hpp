#pragma once
// CSV that Excel opens correctly on a Vietnamese office PC: UTF-8 with a BOM (without it Excel
// reads the Vietnamese as ANSI), ";" between cells (what Excel expects where the decimal mark is
// a comma, as in vi-VN), CRLF line ends, a cell quoted only when it holds ";", '"' or a line
// break. Used by every CSV a clerk opens (tdkt report, the transfer list of tdkt export).
#include <string>
#include <vector>

namespace tdkt::core {

class ExcelCsv {
public:
    explicit ExcelCsv(const std::vector<std::string>& header);
    void row(const std::vector<std::string>& cells);
    const std::string& text() const { return m_text; }

private:
    void line(const std::vector<std::string>& cells);
    std::string m_text;
};

// One cell as ExcelCsv writes it (exposed for tests).
std::string csvCell(const std::string& value);

} // namespace tdkt::core
