#include "date.hpp"

#include <cstdio>

namespace tdkt::model {

static bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool Date::valid() const {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    int max = days[month - 1] + (month == 2 && isLeap(year) ? 1 : 0);
    return day <= max;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> Date::parseIso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    auto num = [&](std::size_t from, std::size_t len) {
        int v = 0;
        for (std::size_t i = from; i < from + len; ++i) {
            if (s[i] < '0' || s[i] > '9') {
                return -1;
            }
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    Date d{num(0, 4), num(5, 2), num(8, 2)};
    if (!d.valid()) {
        return std::nullopt;
    }
    return d;
}

namespace {

constexpr std::int64_t kVietnamUtcOffsetSeconds = 7 * 3600;

// Civil-from-days (Howard Hinnant's algorithm), to avoid time-zone dependent libc calls.
Date civilFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

} // namespace

std::string DateTime::iso() const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+07:00", date.iso().c_str(), hour, minute,
                  second);
    return buf;
}

DateTime vietnamDateTime(std::int64_t epochSeconds) {
    const std::int64_t local = epochSeconds + kVietnamUtcOffsetSeconds;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const auto secondOfDay = static_cast<int>(local - days * 86400);
    return DateTime{civilFromDays(days), secondOfDay / 3600, secondOfDay / 60 % 60,
                    secondOfDay % 60};
}

} // namespace tdkt::model
