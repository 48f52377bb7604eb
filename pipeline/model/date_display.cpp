#include "pipeline/model/date_display.hpp"

#include <cstdio>

namespace tdkt::model {

namespace {

std::string twoDigits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

} // namespace

std::string dateShort(const Date& date) {
    if (!date.valid()) {
        return "…/…/…";
    }
    return twoDigits(date.day) + "/" + twoDigits(date.month) + "/" + std::to_string(date.year);
}

std::string dateShort(std::string_view isoDate) {
    const auto date = Date::parseIso(isoDate);
    return date ? dateShort(*date) : std::string(isoDate);
}

std::string dateText(const Date& date) {
    if (!date.valid()) {
        return "ngày … tháng … năm …";
    }
    // Decree 30/2020: the day always has two digits; the month only when it is 1 or 2 (so
    // that "tháng 1" cannot be extended to "tháng 11" by hand).
    const std::string month = date.month <= 2 ? twoDigits(date.month) : std::to_string(date.month);
    return "ngày " + twoDigits(date.day) + " tháng " + month + " năm " + std::to_string(date.year);
}

std::string dateText(std::string_view isoDate) {
    const auto date = Date::parseIso(isoDate);
    return date ? dateText(*date) : std::string(isoDate);
}

std::string dateLine(std::string_view place, const Date& date) {
    if (place.empty()) {
        return dateText(date);
    }
    std::string line(place);
    line += ", ";
    line += dateText(date);
    return line;
}

} // namespace tdkt::model
