#include "hits_output.hpp"

#include <cstdio>
#include <ostream>

namespace tdkt::app {
namespace {

// Display width of NFC text: one column per code point (Vietnamese letters are precomposed).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

// A JSON string literal: UTF-8 kept as it is, quotes, backslashes and control characters
// escaped (RFC 8259 §7). Written by hand rather than with Poco::JSON, which the rest of tdkt
// uses: loading Poco's libraries was a third of a `tdkt search` process (≈ 8 ms of 24 ms on
// 2 cores), and this is all the JSON search prints. The layout is Poco's stringify(out, 2),
// so both programs print the same bytes.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
    return out + "\"";
}

} // namespace

std::string padColumns(const std::string& s, std::size_t columns) {
    std::size_t have = width(s);
    return have >= columns ? s : s + std::string(columns - have, ' ');
}

std::string clipColumns(const std::string& s, std::size_t columns) {
    if (width(s) <= columns) {
        return s;
    }
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            if (++n > columns - 1) {
                break;
            }
        }
        out.push_back(s[i]);
    }
    return out + "…";
}

void printHitsTable(const std::vector<archive::SearchHit>& hits, std::ostream& out) {
    if (hits.empty()) {
        out << "Không tìm thấy kết quả nào.\n";
        return;
    }
    const std::size_t wName = 28, wUnit = 34, wAward = 10, wNum = 14;
    out << padColumns("Họ tên / Tập thể", wName) << "  " << padColumns("Đơn vị", wUnit) << "  "
        << padColumns("Hình thức", wAward) << "  " << padColumns("Số QĐ", wNum) << "  Ngày\n";
    out << std::string(wName + wUnit + wAward + wNum + 18, '-') << '\n';
    for (const auto& h : hits) {
        out << padColumns(clipColumns(h.name, wName), wName) << "  "
            << padColumns(clipColumns(h.unit, wUnit), wUnit) << "  "
            << padColumns(clipColumns(h.awardKindName, wAward), wAward) << "  "
            << padColumns(clipColumns(h.numberText, wNum), wNum) << "  " << h.date
            << (h.supersededBy.empty() ? std::string()
                                       : " (đã được thay thế bởi " + h.supersededBy + ")")
            << '\n';
    }
    out << hits.size() << " kết quả.\n";
}

void printHitsJson(const std::vector<archive::SearchHit>& hits, std::ostream& out) {
    out << "[\n";
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const archive::SearchHit& h = hits[i];
        std::vector<std::pair<const char*, std::string>> fields = {
            {"name", quoted(h.name)},
            {"kind", quoted(h.kind)},
            {"position", quoted(h.position)},
            {"unit", quoted(h.unit)},
            {"unitCode", quoted(h.unitCode)},
            {"awardForm", quoted(h.awardKindName)},
            {"awardKind", quoted(h.awardKind)},
            {"decisionNumber", quoted(h.numberText)},
            {"date", quoted(h.date)},
            {"year", std::to_string(h.year)},
            {"issuer", quoted(h.issuerName)},
            {"decisionPath", quoted(h.decisionPath)},
            {"certificatePath", quoted(h.certificatePath)},
        };
        if (!h.supersededBy.empty()) {
            fields.push_back({"supersededBy", quoted(h.supersededBy)});
        }
        out << "  {\n";
        for (std::size_t f = 0; f < fields.size(); ++f) {
            out << "    \"" << fields[f].first << "\": " << fields[f].second
                << (f + 1 < fields.size() ? ",\n" : "\n");
        }
        out << "  }" << (i + 1 < hits.size() ? ",\n" : "\n");
    }
    if (hits.empty()) {
        out << '\n';
    }
    out << "]\n";
}

} // namespace tdkt::app
