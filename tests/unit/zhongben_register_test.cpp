// The 终本 register on hand-built cases: which cases, outstanding amounts, the six-monthly
// property re-checks for five years, the overdue and resumption flags, sorting.
#include "reports/zhongben_register.h"

#include <gtest/gtest.h>

namespace zhixing::reports {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

Measure measure(const char* kind, const char* on, const char* result = nullptr) {
  Measure m;
  m.kind = kind;
  m.on = d(on);
  m.against = "r1";
  if (result != nullptr) m.result = result;
  return m;
}

CaseRecord zhongben(int serial, const char* closed_on, int64_t claim, int64_t recovered) {
  CaseRecord c;
  c.case_number = {2024, "冀0633", "执", serial};
  c.filed_on = d("2024-01-05");
  c.claim = Money::from_yuan(claim);
  c.recovered = Money::from_yuan(recovered);
  c.status = "closed";
  c.closure = Closure{"terminated_current", d(closed_on), false};
  Party a;
  a.id = "a1";
  a.role = "applicant";
  a.name = "张秀兰";
  Party r;
  r.id = "r1";
  r.role = "respondent";
  r.name = "刘建国";
  r.id_number = "130633197506011139";
  Party r2 = r;
  r2.id = "r2";
  r2.name = "某某建材有限公司";
  c.parties = {a, r, r2};
  c.measures = {measure("notice", "2024-01-06"), measure("inquiry", "2024-01-20", "none")};
  return c;
}

TEST(ZhongbenRegister, ListsOnlyZhongbenClosuresUpToTheAsOfDate) {
  CaseRecord performed = zhongben(1, "2024-03-01", 100, 100);
  performed.closure->kind = "performed";
  CaseRecord later = zhongben(2, "2024-12-01", 100, 0);
  CaseRecord listed = zhongben(3, "2024-06-28", 36000, 6000);
  CaseRecord other_court = zhongben(4, "2024-06-28", 100, 0);
  other_court.case_number.court_code = "冀0623";
  ZhongbenRegister reg =
      build_zhongben_register({performed, later, listed, other_court}, {"冀0633", d("2024-11-30")});
  ASSERT_EQ(reg.lines.size(), 1u);
  const RegisterLine& l = reg.lines[0];
  EXPECT_EQ(l.case_number, "（2024）冀0633执3号");
  EXPECT_EQ(l.debtor, "刘建国、某某建材有限公司");
  EXPECT_EQ(l.outstanding_fen, Money::from_yuan(30000).fen());
  EXPECT_EQ(reg.outstanding_fen, Money::from_yuan(30000).fen());
  EXPECT_EQ(l.months_since_closure, 5);  // 2024-06-28 → 2024-11-28
  ASSERT_EQ(l.measures.size(), 2u);
  EXPECT_EQ(l.measures[0].kind, "notice");
  EXPECT_EQ(l.measures[0].on, d("2024-01-06"));
}

TEST(ZhongbenRegister, WholeMonths) {
  // Months as Date::plus_months counts them (clamped to the month's end, like the schedule).
  EXPECT_EQ(whole_months_between(d("2024-01-31"), d("2024-02-28")), 0);
  EXPECT_EQ(whole_months_between(d("2024-01-31"), d("2024-02-29")), 1);
  EXPECT_EQ(whole_months_between(d("2024-01-15"), d("2024-03-14")), 1);
  EXPECT_EQ(whole_months_between(d("2024-06-28"), d("2024-06-27")), 0);
  EXPECT_EQ(whole_months_between(d("2024-06-28"), d("2029-06-28")), 60);
}

TEST(ZhongbenRegister, FirstRecheckIsDueSixMonthsAfterClosure) {
  ZhongbenRegister reg =
      build_zhongben_register({zhongben(1, "2024-06-28", 100, 0)}, {"冀0633", d("2024-12-28")});
  const RegisterLine& l = reg.lines[0];
  EXPECT_EQ(l.rechecks_done, 0);  // the inquiry before the closure is no re-check
  EXPECT_EQ(l.next_recheck, d("2024-12-28"));
  EXPECT_FALSE(l.recheck_overdue);  // due today: not yet overdue
  ZhongbenRegister next_day =
      build_zhongben_register({zhongben(1, "2024-06-28", 100, 0)}, {"冀0633", d("2024-12-29")});
  EXPECT_TRUE(next_day.lines[0].recheck_overdue);
  EXPECT_EQ(next_day.overdue, 1);
}

TEST(ZhongbenRegister, ARecheckMovesTheNextDueDate) {
  CaseRecord c = zhongben(1, "2024-06-28", 100, 0);
  c.measures.push_back(measure("inquiry", "2024-12-20", "none"));
  c.measures.push_back(measure("inquiry", "2025-06-25", "none"));
  ZhongbenRegister reg = build_zhongben_register({c}, {"冀0633", d("2025-09-01")});
  const RegisterLine& l = reg.lines[0];
  EXPECT_EQ(l.rechecks_done, 2);
  EXPECT_EQ(l.last_recheck, d("2025-06-25"));
  EXPECT_EQ(l.next_recheck, d("2025-06-28"));  // the schedule's date after the last re-check
  EXPECT_TRUE(l.recheck_overdue);
  EXPECT_FALSE(l.resumption_possible);
  // A re-check after the scheduled date moves to the following one.
  c.measures.push_back(measure("inquiry", "2025-07-01", "none"));
  ZhongbenRegister after = build_zhongben_register({c}, {"冀0633", d("2025-09-01")});
  EXPECT_EQ(after.lines[0].next_recheck, d("2025-12-28"));
  EXPECT_FALSE(after.lines[0].recheck_overdue);
}

CaseRecord closed_2019() {
  CaseRecord c = zhongben(1, "2019-03-15", 100, 0);
  c.filed_on = d("2018-10-08");
  c.case_number.year = 2018;
  c.measures = {measure("notice", "2018-10-09")};
  return c;
}

TEST(ZhongbenRegister, ScheduleEndsAfterFiveYears) {
  CaseRecord c = closed_2019();
  c.measures.push_back(measure("inquiry", "2024-03-15", "none"));  // the tenth date
  ZhongbenRegister reg = build_zhongben_register({c}, {"冀0633", d("2024-12-31")});
  EXPECT_FALSE(reg.lines[0].next_recheck.has_value());
  EXPECT_FALSE(reg.lines[0].recheck_overdue);
  // Without that re-check, the tenth date (2024-03-15) is overdue.
  ZhongbenRegister missed = build_zhongben_register({closed_2019()}, {"冀0633", d("2024-12-31")});
  EXPECT_EQ(missed.lines[0].next_recheck, d("2019-09-15"));
  EXPECT_TRUE(missed.lines[0].recheck_overdue);
}

TEST(ZhongbenRegister, PropertyFoundAfterClosureFlagsResumption) {
  CaseRecord found = zhongben(1, "2024-06-28", 100, 0);
  found.measures.push_back(measure("inquiry", "2024-10-10", "found"));
  CaseRecord frozen = zhongben(2, "2024-06-28", 100, 0);
  frozen.measures.push_back(measure("freeze", "2024-10-10"));
  CaseRecord before = zhongben(3, "2024-06-28", 100, 0);
  before.measures.push_back(measure("freeze", "2024-03-10"));  // before the closure
  ZhongbenRegister reg = build_zhongben_register(
      {found, frozen, before}, {"冀0633", d("2024-11-01"), RegisterSort::case_number});
  EXPECT_TRUE(reg.lines[0].resumption_possible);
  EXPECT_TRUE(reg.lines[1].resumption_possible);
  EXPECT_FALSE(reg.lines[2].resumption_possible);
  EXPECT_EQ(reg.resumable, 2);
}

TEST(ZhongbenRegister, SortsByOutstandingAmountOrClosureOrNumber) {
  std::vector<CaseRecord> cases = {zhongben(2, "2024-05-01", 5000, 0),
                                   zhongben(10, "2024-04-01", 90000, 1000),
                                   zhongben(9, "2024-06-01", 5000, 0)};
  auto order = [&](RegisterSort s) {
    std::vector<int64_t> serials;
    for (const auto& l : build_zhongben_register(cases, {"冀0633", d("2024-12-31"), s}).lines)
      serials.push_back(l.number.serial);
    return serials;
  };
  EXPECT_EQ(order(RegisterSort::outstanding), (std::vector<int64_t>{10, 2, 9}));
  EXPECT_EQ(order(RegisterSort::closed_on), (std::vector<int64_t>{10, 2, 9}));
  EXPECT_EQ(order(RegisterSort::case_number), (std::vector<int64_t>{2, 9, 10}));
}

}  // namespace
}  // namespace zhixing::reports
