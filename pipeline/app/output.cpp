#include "output.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
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

std::string pad(const std::string& s, std::size_t w) {
    std::size_t have = width(s);
    return have >= w ? s : s + std::string(w - have, ' ');
}

std::string clip(const std::string& s, std::size_t w) {
    if (width(s) <= w) {
        return s;
    }
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            if (++n > w - 1) {
                break;
            }
        }
        out.push_back(s[i]);
    }
    return out + "…";
}

} // namespace

void printHitsTable(const std::vector<archive::SearchHit>& hits, std::ostream& out) {
    if (hits.empty()) {
        out << "Không tìm thấy kết quả nào.\n";
        return;
    }
    const std::size_t wName = 28, wUnit = 34, wAward = 10, wNum = 14;
    out << pad("Họ tên / Tập thể", wName) << "  " << pad("Đơn vị", wUnit) << "  "
        << pad("Hình thức", wAward) << "  " << pad("Số QĐ", wNum) << "  Ngày\n";
    out << std::string(wName + wUnit + wAward + wNum + 18, '-') << '\n';
    for (const auto& h : hits) {
        out << pad(clip(h.name, wName), wName) << "  " << pad(clip(h.unit, wUnit), wUnit) << "  "
            << pad(clip(h.awardKindName, wAward), wAward) << "  "
            << pad(clip(h.numberText, wNum), wNum) << "  " << h.date
            << (h.supersededBy.empty() ? std::string()
                                       : " (đã được thay thế bởi " + h.supersededBy + ")")
            << '\n';
    }
    out << hits.size() << " kết quả.\n";
}

void printHitsJson(const std::vector<archive::SearchHit>& hits, std::ostream& out) {
    // Keys keep their order and non-ASCII stays UTF-8 (no JSON_ESCAPE_UNICODE).
    Poco::JSON::Array arr(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& h : hits) {
        Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
        o.set("name", h.name);
        o.set("kind", h.kind);
        o.set("position", h.position);
        o.set("unit", h.unit);
        o.set("unitCode", h.unitCode);
        o.set("awardForm", h.awardKindName);
        o.set("awardKind", h.awardKind);
        o.set("decisionNumber", h.numberText);
        o.set("date", h.date);
        o.set("year", h.year);
        o.set("issuer", h.issuerName);
        o.set("decisionPath", h.decisionPath);
        o.set("certificatePath", h.certificatePath);
        if (!h.supersededBy.empty()) {
            o.set("supersededBy", h.supersededBy);
        }
        arr.add(o);
    }
    arr.stringify(out, 2);
    out << '\n';
}

void printVerifyReport(const archive::VerifyReport& report, std::ostream& out, std::ostream& err) {
    // core::format: one line each, control and bidi characters of a path shown escaped.
    for (const auto& p : report.problems) {
        err << core::format(p) << '\n';
    }
    for (const auto& w : report.warnings) {
        err << core::format(w) << '\n';
    }
    for (const auto& n : report.notes) {
        out << core::format(n) << '\n';
    }
    out << "Đã kiểm tra " << report.bagsChecked << " gói, " << report.filesChecked << " tệp: "
        << (report.ok() ? "toàn vẹn" : std::to_string(report.problems.size()) + " vấn đề")
        << (report.warnings.empty() ? std::string()
                                    : ", " + std::to_string(report.warnings.size()) + " cảnh báo")
        << ".\n";
}

job::ProgressFn progressPrinter(std::ostream& err) {
    return [&err](int done, int total, const std::string& what) {
        err << "\r[" << done << "/" << total << "] " << pad(clip(what, 50), 50) << std::flush;
    };
}

} // namespace tdkt::app
