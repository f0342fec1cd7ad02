// The demo year's calendar: its working days, for filing and closing dates.
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"

namespace zhixing::inline demo {

// 0 = Monday.
int weekday(Date d);

// Working days of the year: Monday–Friday, and for 2024 the State Council's holiday
// arrangement (国办发明电〔2023〕7号): days off and the weekend days worked instead.
class Calendar {
 public:
  explicit Calendar(int year);
  const std::vector<Date>& workdays() const { return days_; }
  Date first() const { return first_; }
  Date last() const { return last_; }
  bool is_workday(Date d) const {
    if (d < first_ || d > last_) return weekday(d) < 5;
    return work_[idx(d)] != 0;
  }

 private:
  size_t idx(Date d) const { return static_cast<size_t>(d - first_); }
  Date first_, last_;
  std::vector<uint8_t> work_;
  std::vector<Date> days_;
};

}  // namespace zhixing::inline demo
