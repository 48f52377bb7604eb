#include "excel_csv.hpp"

namespace tdkt::core {

std::string csvCell(const std::string& value) {
    if (value.find_first_of(";\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

ExcelCsv::ExcelCsv(const std::vector<std::string>& header) : m_text("\xEF\xBB\xBF") {
    line(header);
}

void ExcelCsv::row(const std::vector<std::string>& cells) {
    line(cells);
}

void ExcelCsv::line(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            m_text += ';';
        }
        m_text += csvCell(cells[i]);
    }
    m_text += "\r\n";
}

} // namespace tdkt::core
