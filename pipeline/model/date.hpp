#pragma once
#include <cstdint>
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

// A moment of the run's clock as read on a wall clock in Vietnam.
struct DateTime {
    Date date;
    int hour = 0;
    int minute = 0;
    int second = 0;

    std::string iso() const; // "2026-01-05T08:30:00+07:00"
};

// The offices are in Vietnam (UTC+7, no daylight saving): every date or time derived from the
// run's clock (SOURCE_DATE_EPOCH or the system clock) is a local date or time there. The one
// place that knows the offset.
DateTime vietnamDateTime(std::int64_t epochSeconds);

} // namespace tdkt::model
