#include "demo/calendar.h"

namespace zhixing::inline demo {

int weekday(Date d) { return static_cast<int>(((d.days_since_epoch() % 7) + 7 + 3) % 7); }

Calendar::Calendar(int year) {
  first_ = *Date::from_ymd(year, 1, 1);
  last_ = *Date::from_ymd(year, 12, 31);
  work_.assign(static_cast<size_t>(last_ - first_ + 1), 0);
  for (Date d = first_; d <= last_; d = d.plus_days(1)) work_[idx(d)] = weekday(d) < 5;
  if (year == 2024) {
    auto set = [&](int m, int d0, int d1, bool w) {
      for (int d = d0; d <= d1; ++d) work_[idx(*Date::from_ymd(year, m, d))] = w;
    };
    set(1, 1, 1, false);
    set(2, 10, 17, false);
    set(4, 4, 6, false);
    set(5, 1, 5, false);
    set(6, 10, 10, false);
    set(9, 15, 17, false);
    set(10, 1, 7, false);
    set(2, 4, 4, true);
    set(2, 18, 18, true);
    set(4, 7, 7, true);
    set(4, 28, 28, true);
    set(5, 11, 11, true);
    set(9, 14, 14, true);
    set(9, 29, 29, true);
    set(10, 12, 12, true);
  }
  for (Date d = first_; d <= last_; d = d.plus_days(1))
    if (work_[idx(d)]) days_.push_back(d);
}

}  // namespace zhixing::inline demo
