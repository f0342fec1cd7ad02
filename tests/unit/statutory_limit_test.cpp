// The statutory time limit: six months from the day after filing, plus extensions, without the
// excluded periods; both ends of a period inclusive; closing on the last day is within.
#include "reports/statutory_limit.h"

#include <gtest/gtest.h>

namespace zhixing::reports {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

CaseRecord filed(const char* on) {
  CaseRecord c;
  c.case_number = {2024, "冀0633", "执", 1};
  c.filed_on = d(on);
  return c;
}

TEST(StatutoryLimit, SixMonthsFromTheDayAfterFiling) {
  CaseRecord c = filed("2024-03-05");
  // 2024-03-06 … 2024-09-05 is six months: 184 days.
  EXPECT_EQ(check_statutory_limit(c, d("2024-09-05")).allowed_days, 184);
  EXPECT_TRUE(check_statutory_limit(c, d("2024-09-05")).within());  // the last day
  EXPECT_FALSE(check_statutory_limit(c, d("2024-09-06")).within());
  EXPECT_TRUE(check_statutory_limit(c, d("2024-03-05")).within());  // closed on filing day
}

TEST(StatutoryLimit, MonthEndClamps) {
  CaseRecord c = filed("2024-08-31");
  EXPECT_TRUE(check_statutory_limit(c, d("2025-02-28")).within());
  EXPECT_FALSE(check_statutory_limit(c, d("2025-03-01")).within());
}

TEST(StatutoryLimit, ExtensionAddsItsDaysBothEndsInclusive) {
  CaseRecord c = filed("2024-03-05");
  c.extensions.push_back({d("2024-09-06"), d("2024-09-15"), "院长"});  // 10 days
  EXPECT_EQ(check_statutory_limit(c, d("2024-09-15")).allowed_days, 194);
  EXPECT_TRUE(check_statutory_limit(c, d("2024-09-15")).within());
  EXPECT_FALSE(check_statutory_limit(c, d("2024-09-16")).within());
  // A one-day extension {x, x} adds one day.
  CaseRecord one = filed("2024-03-05");
  one.extensions.push_back({d("2024-09-06"), d("2024-09-06"), "院长"});
  EXPECT_TRUE(check_statutory_limit(one, d("2024-09-06")).within());
  EXPECT_FALSE(check_statutory_limit(one, d("2024-09-07")).within());
}

TEST(StatutoryLimit, ExcludedPeriodIsNotCountedBothEndsInclusive) {
  CaseRecord c = filed("2024-03-05");
  c.excluded_periods.push_back({d("2024-05-01"), d("2024-05-08"), "拍卖"});  // 8 days
  LimitCheck k = check_statutory_limit(c, d("2024-09-13"));
  EXPECT_EQ(k.excluded_days, 8);
  EXPECT_EQ(k.elapsed_days, 184);
  EXPECT_TRUE(k.within());  // 2024-09-05 + 8 days
  EXPECT_FALSE(check_statutory_limit(c, d("2024-09-14")).within());
}

TEST(StatutoryLimit, OverlappingExcludedPeriodsCountOnceAndOnlyBeforeClosing) {
  CaseRecord c = filed("2024-03-05");
  c.excluded_periods.push_back({d("2024-05-01"), d("2024-05-10"), "公告"});
  c.excluded_periods.push_back({d("2024-05-06"), d("2024-05-12"), "拍卖"});  // union: 12 days
  c.excluded_periods.push_back({d("2024-10-01"), d("2024-10-31"), "暂缓"});  // after closing
  EXPECT_EQ(check_statutory_limit(c, d("2024-09-17")).excluded_days, 12);
  EXPECT_TRUE(check_statutory_limit(c, d("2024-09-17")).within());
  EXPECT_FALSE(check_statutory_limit(c, d("2024-09-18")).within());
  // Clipped at the closing day: closed on 2024-05-03, three excluded days count.
  EXPECT_EQ(check_statutory_limit(c, d("2024-05-03")).excluded_days, 3);
}

TEST(StatutoryLimit, ExtensionAndExclusionTogether) {
  CaseRecord c = filed("2024-01-31");  // + 6 months = 2024-07-31: 182 days
  c.extensions.push_back({d("2024-08-01"), d("2024-10-31"), "院长"});        // 92 days
  c.excluded_periods.push_back({d("2024-03-01"), d("2024-03-10"), "鉴定"});  // 10 days
  LimitCheck k = check_statutory_limit(c, d("2024-11-10"));
  EXPECT_EQ(k.allowed_days, 182 + 92);
  EXPECT_EQ(k.elapsed_days, (d("2024-11-10") - d("2024-01-31")) - 10);
  EXPECT_TRUE(k.within());
  EXPECT_FALSE(check_statutory_limit(c, d("2024-11-11")).within());
}

}  // namespace
}  // namespace zhixing::reports
