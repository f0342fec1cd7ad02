#include "reports/statutory_limit.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace zhixing::reports {

namespace {
constexpr int kLimitMonths = 6;
}

LimitCheck check_statutory_limit(const CaseRecord& record, Date closed_on) {
  LimitCheck c;
  c.allowed_days = record.filed_on.plus_months(kLimitMonths) - record.filed_on;
  for (const Period& e : record.extensions) {
    if (e.to >= e.from) c.allowed_days += (e.to - e.from) + 1;
  }
  // Union of the excluded periods, clipped to [filed_on + 1, closed_on].
  const Date first = record.filed_on.plus_days(1);
  std::vector<std::pair<Date, Date>> spans;
  for (const Period& p : record.excluded_periods) {
    const Date from = std::max(p.from, first);
    const Date to = std::min(p.to, closed_on);
    if (to >= from) spans.emplace_back(from, to);
  }
  std::sort(spans.begin(), spans.end());
  bool open = false;
  Date cur_from, cur_to;
  for (const auto& [from, to] : spans) {
    if (open && from <= cur_to.plus_days(1)) {
      cur_to = std::max(cur_to, to);
      continue;
    }
    if (open) c.excluded_days += (cur_to - cur_from) + 1;
    cur_from = from;
    cur_to = to;
    open = true;
  }
  if (open) c.excluded_days += (cur_to - cur_from) + 1;
  c.elapsed_days = (closed_on - record.filed_on) - c.excluded_days;
  return c;
}

}  // namespace zhixing::reports
