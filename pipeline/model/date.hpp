#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tdkt::model {

// A calendar date (no time zone; Vietnamese documents carry dates only).
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    bool valid() const;
    std::string iso() const; // "2026-01-05"
    static std::optional<Date> parseIso(std::string_view s);
    static Date fromUnixTime(long long seconds, int utcOffsetMinutes = 7 * 60);

    friend bool operator==(const Date& a, const Date& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend bool operator<(const Date& a, const Date& b) {
        if (a.year != b.year) {
            return a.year < b.year;
        }
        if (a.month != b.month) {
            return a.month < b.month;
        }
        return a.day < b.day;
    }
    friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
};

} // namespace tdkt::model
