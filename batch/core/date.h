// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing::inline core {

class Date {
 public:
  Date() = default;

  // Exactly "YYYY-MM-DD" naming a real calendar date; anything else is nullopt.
  static std::optional<Date> parse_iso(std::string_view text);
  static std::optional<Date> from_ymd(int year, int month, int day);
  static Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }

  int year() const;
  int month() const;
  int day() const;
  int32_t days_since_epoch() const { return days_; }
  std::string iso() const;  // "2024-03-05"

  Date plus_days(int32_t n) const { return Date(days_ + n); }
  // The same day n months later, clamped to the month's last day (2024-08-31 + 6 = 2025-02-28).
  Date plus_months(int n) const;
  int32_t operator-(const Date& other) const { return days_ - other.days_; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Today in the machine's local time zone (the clock: for command defaults, never for documents).
Date local_today();

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace zhixing::inline core
