#include "archive/history_csv.hpp"

#include "pipeline/core/utf8.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

namespace tdkt::archive {
namespace {

enum class Column {
    Kind,
    Name,
    BirthYear,
    Unit,
    Award,
    Year,
    Number,
    Date,
    Issuer,
    Initiatives,
    Ignored, // "STT": a row number, expected in a clerk's table
};

struct ColumnName {
    Column column;
    const char* display;           // the canonical name, used as the diagnostic's field
    std::vector<const char*> keys; // folded names that mean it
    bool required;
};

const std::vector<ColumnName>& columnNames() {
    static const std::vector<ColumnName> names = {
        {Column::Kind, "loại đối tượng", {"loai doi tuong", "doi tuong", "loai"}, false},
        {Column::Name,
         "họ tên",
         {"ho ten", "ho va ten", "ten", "ten tap the", "ten doi tuong", "ho ten chu ho"},
         true},
        {Column::BirthYear, "năm sinh", {"nam sinh"}, false},
        {Column::Unit, "đơn vị", {"don vi", "don vi cong tac"}, false},
        {Column::Award,
         "hình thức khen thưởng",
         {"hinh thuc khen thuong", "hinh thuc", "danh hieu", "danh hieu thi dua",
          "hinh thuc danh hieu"},
         true},
        {Column::Year, "năm", {"nam", "nam thanh tich"}, true},
        {Column::Number, "số quyết định", {"so quyet dinh", "so qd"}, true},
        {Column::Date, "ngày quyết định", {"ngay quyet dinh", "ngay qd"}, true},
        {Column::Issuer, "cơ quan ban hành", {"co quan ban hanh", "co quan"}, false},
        {Column::Initiatives, "sáng kiến", {"sang kien"}, false},
        {Column::Ignored, "stt", {"stt", "tt", "so thu tu"}, false},
    };
    return names;
}

// A header cell folded: diacritics and case dropped, every run of other characters one space.
std::string foldHeader(const std::string& cell) {
    const std::string key = text::searchKey(cell);
    std::string out;
    for (char c : key) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out.push_back(c);
        } else if (!out.empty() && out.back() != ' ') {
            out.push_back(' ');
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

// Trimmed, inner white-space runs made one space.
std::string clean(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    return out;
}

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// "2025", "2024-2025", "2024 - 2025", "năm học 2024 - 2025": the last year; 0 otherwise.
int yearOf(const std::string& cell) {
    std::vector<int> years;
    std::string digits;
    std::string rest;
    for (char c : text::searchKey(cell) + " ") {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits.push_back(c);
            continue;
        }
        if (!digits.empty()) {
            if (digits.size() != 4) {
                return 0;
            }
            years.push_back(std::stoi(digits));
            digits.clear();
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            rest.push_back(c);
        }
    }
    if (years.empty() || years.size() > 2 || (!rest.empty() && rest != "nam" && rest != "namhoc") ||
        (years.size() == 2 && years[1] != years[0] + 1)) {
        return 0;
    }
    return years.back();
}

// dd/mm/yyyy (also d/m/yyyy, with "-" or "."), or yyyy-mm-dd.
std::optional<model::Date> dateOf(const std::string& cell) {
    if (auto iso = model::Date::parseIso(cell); iso && iso->valid()) {
        return iso;
    }
    std::array<std::string, 3> parts;
    std::size_t part = 0;
    for (char c : cell) {
        if (c == '/' || c == '-' || c == '.') {
            if (++part > 2) {
                return std::nullopt;
            }
        } else {
            parts[part].push_back(c);
        }
    }
    if (part != 2 || !allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]) ||
        parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4) {
        return std::nullopt;
    }
    model::Date d{std::stoi(parts[2]), std::stoi(parts[1]), std::stoi(parts[0])};
    if (!d.valid()) {
        return std::nullopt;
    }
    return d;
}

std::optional<model::NomineeKind> kindOf(const std::string& cell) {
    const std::string key = foldHeader(cell);
    if (key.empty() || key == "ca nhan" || key == "individual") {
        return model::NomineeKind::Individual;
    }
    if (key == "tap the" || key == "collective") {
        return model::NomineeKind::Collective;
    }
    if (key == "ho gia dinh" || key == "ho" || key == "gia dinh" || key == "household") {
        return model::NomineeKind::Household;
    }
    return std::nullopt;
}

// "SKTP-2025-041: Ứng dụng …; Đổi mới …": code and title of each item.
std::vector<ImportedInitiative> initiativesOf(const std::string& cell) {
    std::vector<ImportedInitiative> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t end = cell.find(';', start);
        if (end == std::string::npos) {
            end = cell.size();
        }
        const std::string item = cell.substr(start, end - start);
        start = end + 1;
        const auto colon = item.find(':');
        ImportedInitiative i;
        if (colon == std::string::npos) {
            i.title = clean(item);
        } else {
            i.code = clean(item.substr(0, colon));
            i.title = clean(item.substr(colon + 1));
        }
        if (!i.code.empty() || !i.title.empty()) {
            out.push_back(std::move(i));
        }
    }
    return out;
}

// The separator of the header line: the one of "," and ";" it holds more of outside quotes.
char separatorOf(const std::string& text) {
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted && c == ',') {
            ++commas;
        } else if (!quoted && c == ';') {
            ++semicolons;
        }
    }
    return semicolons > commas ? ';' : ',';
}

bool validUtf8(const std::string& text, int& badLine) {
    badLine = 1;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t n = core::decodeUtf8(text, i, cp);
        if (n == 0) {
            return false;
        }
        badLine += text[i] == '\n' ? 1 : 0;
        i += n;
    }
    return true;
}

} // namespace

std::vector<CsvRecord> splitCsv(const std::string& text, char sep, int& unterminated) {
    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string cell;
    bool quoted = false;
    bool any = false; // the record has a character (an empty line is no record)
    int line = 1;
    record.line = 1;
    unterminated = 0;
    auto endCell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
    };
    auto endRecord = [&] {
        if (any) {
            endCell();
            records.push_back(std::move(record));
        }
        record = CsvRecord();
        cell.clear();
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                line += c == '\n' ? 1 : 0;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        }
        if (c == '\n' || c == '\r') {
            endRecord();
            record.line = ++line;
            continue;
        }
        if (!any) {
            record.line = line;
        }
        any = true;
        if (c == '"' && cell.empty()) {
            quoted = true;
        } else if (c == sep) {
            endCell();
        } else {
            cell.push_back(c);
        }
    }
    if (quoted) {
        unterminated = record.line;
    }
    endRecord();
    return records;
}

HistoryImport readHistoryCsv(const std::string& bytes, const std::string& displayName,
                             const KindResolver& resolve, core::Diagnostics& diags) {
    HistoryImport out;
    auto at = [&](int line) { return core::SourceLocation{displayName, line, 0}; };
    std::string text = bytes;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text.erase(0, 3);
    }
    int badLine = 0;
    if (!validUtf8(text, badLine)) {
        diags.error("A401", at(badLine), "",
                    "tệp không phải văn bản UTF-8 (hãy lưu lại từ Excel dạng «CSV UTF-8»)");
        return out;
    }
    int unterminated = 0;
    const std::vector<CsvRecord> records = splitCsv(text, separatorOf(text), unterminated);
    if (unterminated > 0) {
        diags.error("A407", at(unterminated), "",
                    "dấu ngoặc kép mở ở dòng này không được đóng đến hết tệp");
        return out;
    }
    if (records.empty()) {
        diags.error("A401", at(1), "", "tệp trống, thiếu dòng tiêu đề");
        return out;
    }

    // The header: each column's meaning.
    const CsvRecord& header = records.front();
    std::vector<const ColumnName*> meaning(header.cells.size(), nullptr);
    std::map<Column, std::size_t> position;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string key = foldHeader(header.cells[i]);
        if (key.empty()) {
            continue;
        }
        for (const auto& name : columnNames()) {
            if (std::find(name.keys.begin(), name.keys.end(), key) != name.keys.end()) {
                meaning[i] = &name;
            }
        }
        if (!meaning[i]) {
            diags.warning("A403", at(header.line), header.cells[i], "cột không dùng đến, bỏ qua");
            continue;
        }
        if (meaning[i]->column == Column::Ignored) {
            continue;
        }
        if (!position.emplace(meaning[i]->column, i).second) {
            diags.error("A404", at(header.line), header.cells[i],
                        "cột «" + std::string(meaning[i]->display) + "» xuất hiện hai lần");
        }
    }
    for (const auto& name : columnNames()) {
        if (name.required && position.count(name.column) == 0) {
            diags.error("A402", at(header.line), name.display,
                        "thiếu cột bắt buộc «" + std::string(name.display) +
                            "» trong dòng tiêu đề");
        }
    }
    if (diags.hasErrors()) {
        return out;
    }

    std::set<std::string> uncatalogued;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        if (std::all_of(rec.cells.begin(), rec.cells.end(),
                        [](const std::string& c) { return clean(c).empty(); })) {
            continue; // a blank row (";;;;" as Excel saves one)
        }
        if (rec.cells.size() > header.cells.size()) {
            diags.error("A407", at(rec.line), "",
                        "dòng có " + std::to_string(rec.cells.size()) + " ô, nhiều hơn " +
                            std::to_string(header.cells.size()) + " cột của dòng tiêu đề");
            continue;
        }
        auto cell = [&](Column c) -> std::string {
            auto it = position.find(c);
            return it == position.end() || it->second >= rec.cells.size()
                       ? std::string()
                       : clean(rec.cells[it->second]);
        };
        const std::size_t errorsBefore = diags.errorCount();
        auto bad = [&](Column c, const std::string& code, const std::string& message) {
            for (const auto& name : columnNames()) {
                if (name.column == c) {
                    diags.error(code, at(rec.line), name.display, message);
                }
            }
        };
        auto required = [&](Column c) {
            std::string value = cell(c);
            if (value.empty()) {
                bad(c, "A405", "thiếu giá trị bắt buộc");
            }
            return value;
        };
        ImportedAward a;
        a.line = rec.line;
        const std::string kindText = cell(Column::Kind);
        if (auto kind = kindOf(kindText)) {
            a.kind = *kind;
        } else {
            bad(Column::Kind, "A406",
                "«" + kindText + "» không phải cá nhân, tập thể hoặc hộ gia đình");
        }
        a.name = required(Column::Name);
        if (const std::string birth = cell(Column::BirthYear);
            !birth.empty() && a.kind != model::NomineeKind::Collective) {
            if (!allDigits(birth) || birth.size() != 4 || std::stoi(birth) < 1900) {
                bad(Column::BirthYear, "A406", "«" + birth + "» không phải năm sinh (4 chữ số)");
            } else {
                a.birthYear = std::stoi(birth);
            }
        }
        a.unit = cell(Column::Unit);
        if (const std::string award = required(Column::Award); !award.empty()) {
            const auto resolved = resolve ? resolve(award) : std::nullopt;
            if (resolved) {
                a.kindId = resolved->id;
                a.kindName = resolved->name;
            } else {
                a.kindName = award;
                if (resolve && uncatalogued.insert(foldHeader(award)).second) {
                    diags.add({core::Severity::Note, "A412", at(rec.line), "hình thức khen thưởng",
                               "«" + award +
                                   "» không có trong danh mục khen thưởng; giữ nguyên tên này"});
                }
            }
        }
        if (const std::string year = required(Column::Year); !year.empty()) {
            a.year = yearOf(year);
            if (a.year < 1945 || a.year > 2100) {
                a.year = 0;
                bad(Column::Year, "A406",
                    "«" + year + "» không phải năm thành tích (2025, hoặc năm học 2024 - 2025)");
            }
        }
        a.decisionNumber = required(Column::Number);
        if (const std::string date = required(Column::Date); !date.empty()) {
            const auto parsed = dateOf(date);
            if (!parsed || parsed->year < 1945) {
                bad(Column::Date, "A406",
                    "«" + date + "» không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)");
            } else {
                a.decisionDate = parsed->iso();
            }
        }
        a.issuer = cell(Column::Issuer);
        a.initiatives = initiativesOf(cell(Column::Initiatives));
        if (diags.errorCount() == errorsBefore) {
            out.awards.push_back(std::move(a));
        }
    }
    if (out.awards.empty() && !diags.hasErrors()) {
        diags.error("A411", at(header.line), "", "tệp không có dòng khen thưởng nào");
    }
    return out;
}

} // namespace tdkt::archive
