// The annual figures on small hand-built data sets: every rate with its numerator and
// denominator, the scope parameter, the year boundaries and empty years.
#include "reports/annual_figures.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace zhixing::reports {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

CaseRecord make(int serial, const char* filed, const char* type = "执") {
  CaseRecord c;
  c.case_number = {d(filed).year(), "冀0633", type, serial};
  c.filed_on = d(filed);
  c.claim = Money::from_yuan(10000);
  c.status = "open";
  return c;
}

CaseRecord closed(CaseRecord c, const char* kind, const char* on, int64_t recovered_yuan = 0) {
  c.status = "closed";
  c.closure = Closure{kind, d(on), false};
  c.recovered = Money::from_yuan(recovered_yuan);
  return c;
}

AnnualQuery q2024(Scope scope = {}) { return {"冀0633", "河北省易县人民法院", 2024, scope}; }

TEST(AnnualFigures, EmptyYearHasCountsOfZeroAndNoRates) {
  AnnualFigures f = compute_annual_figures({}, q2024(), {});
  EXPECT_EQ(f.received(), 0);
  EXPECT_EQ(f.closed, 0);
  EXPECT_FALSE(f.performed_rate.defined());
  EXPECT_EQ(f.performed_rate.percent(), "—");
  EXPECT_EQ(f.within_limit_rate.percent(), "—");
  EXPECT_EQ(f.recovery_rate.percent(), "—");
  EXPECT_EQ(f.mean_days(), "—");
  for (int64_t m : f.filed_by_month) EXPECT_EQ(m, 0);
  // Cases of another year only: still an empty 2024.
  AnnualFigures other = compute_annual_figures(
      {closed(make(1, "2023-02-01"), "performed", "2023-03-01"), make(2, "2025-01-02")}, q2024(),
      {});
  EXPECT_EQ(other.received(), 0);
  EXPECT_EQ(other.closed, 0);
}

TEST(AnnualFigures, CarriedOverAndNewCasesAreShownSeparately) {
  std::vector<CaseRecord> cases = {
      make(9, "2023-11-20"),                                             // 旧存, still open
      closed(make(10, "2023-12-01"), "performed", "2024-01-15", 10000),  // 旧存, closed in 2024
      closed(make(11, "2023-06-01"), "performed", "2023-12-31"),         // closed before: no
      make(1, "2024-01-02"),                                             // 新收
      closed(make(2, "2024-12-31"), "withdrawn", "2025-01-03"),          // 新收, closed next year
  };
  AnnualFigures f = compute_annual_figures(cases, q2024(), {});
  EXPECT_EQ(f.carried_over, 2);
  EXPECT_EQ(f.new_cases, 2);
  EXPECT_EQ(f.received(), 4);
  EXPECT_EQ(f.closed, 1);
  EXPECT_EQ(f.pending_at_year_end(), 3);
  EXPECT_EQ(f.closing_rate, (Rate{1, 4}));
  EXPECT_EQ(f.filed_by_month[0], 1);
  EXPECT_EQ(f.filed_by_month[11], 1);
  EXPECT_EQ(f.closed_by_month[0], 1);
}

TEST(AnnualFigures, PerformedAndZhongbenRatesOverClosedCases) {
  std::vector<CaseRecord> cases;
  int serial = 0;
  for (int i = 0; i < 3; ++i)
    cases.push_back(closed(make(++serial, "2024-02-01"), "performed", "2024-03-01", 10000));
  cases.push_back(closed(make(++serial, "2024-02-01"), "terminated_current", "2024-06-01"));
  cases.push_back(closed(make(++serial, "2024-02-01"), "withdrawn", "2024-02-10"));
  cases.push_back(closed(make(++serial, "2024-02-01"), "rejected", "2024-02-20"));
  cases.push_back(make(++serial, "2024-05-01"));  // open: not in the denominators below
  AnnualFigures f = compute_annual_figures(cases, q2024(), {});
  EXPECT_EQ(f.closed, 6);
  EXPECT_EQ(f.performed_rate, (Rate{3, 6}));
  EXPECT_EQ(f.performed_rate.percent(), "50.00%");
  EXPECT_EQ(f.zhongben_rate, (Rate{1, 6}));
  EXPECT_EQ(f.zhongben_rate.percent(), "16.67%");
  EXPECT_EQ(f.closing_rate, (Rate{6, 7}));
  EXPECT_EQ(f.closures[0].kind, "performed");
  EXPECT_EQ(f.closures[0].cases, 3);
  EXPECT_EQ(f.closures[1].cases, 1);
  EXPECT_EQ(f.closures[3].cases, 1);  // withdrawn
  EXPECT_EQ(f.closures[4].cases, 1);  // rejected
}

TEST(AnnualFigures, RecoveryRateIsMoneyOverClosedCases) {
  CaseRecord a = closed(make(1, "2024-01-10"), "performed", "2024-02-10", 10000);
  CaseRecord b = closed(make(2, "2024-01-10"), "terminated_current", "2024-05-10", 2500);
  b.claim = Money::from_yuan(30000);
  CaseRecord open = make(3, "2024-01-10");
  open.recovered = Money::from_yuan(5000);  // open cases do not count
  AnnualFigures f = compute_annual_figures({a, b, open}, q2024(), {});
  EXPECT_EQ(f.recovery_rate, (Rate{Money::from_yuan(12500).fen(), Money::from_yuan(40000).fen()}));
  EXPECT_EQ(f.recovery_rate.percent(), "31.25%");
  EXPECT_EQ(f.recovered_fen, Money::from_yuan(12500).fen());
}

TEST(AnnualFigures, MeanDaysFromFilingToClosing) {
  std::vector<CaseRecord> cases = {
      closed(make(1, "2024-03-01"), "performed", "2024-03-11"),  // 10 days
      closed(make(2, "2024-03-01"), "performed", "2024-03-31"),  // 30 days
      closed(make(3, "2024-03-01"), "performed", "2024-03-02"),  // 1 day
  };
  AnnualFigures f = compute_annual_figures(cases, q2024(), {});
  EXPECT_EQ(f.closed_days_sum, 41);
  EXPECT_EQ(f.mean_days(), "13.67");
}

TEST(AnnualFigures, CaseClosedExactlyOnTheStatutoryLimitIsWithin) {
  std::vector<CaseRecord> cases = {
      closed(make(1, "2024-03-05"), "performed", "2024-09-05"),  // last day: within
      closed(make(2, "2024-03-05"), "performed", "2024-09-06"),  // one day late
  };
  CaseRecord extended = closed(make(3, "2024-03-05"), "performed", "2024-12-06");
  extended.extensions.push_back({d("2024-09-06"), d("2024-12-05"), "院长"});  // 91 days
  cases.push_back(extended);  // 2024-09-05 + 91 = 2024-12-05: one day late
  CaseRecord paused = closed(make(4, "2024-03-05"), "performed", "2024-09-12");
  paused.excluded_periods.push_back({d("2024-06-01"), d("2024-06-07"), "拍卖"});  // 7 days
  cases.push_back(paused);  // 2024-09-05 + 7 = 2024-09-12: on the limit
  AnnualFigures f = compute_annual_figures(cases, q2024(), {});
  EXPECT_EQ(f.within_limit_rate, (Rate{2, 4}));
  EXPECT_EQ(f.within_limit_rate.percent(), "50.00%");
}

TEST(AnnualFigures, ScopeIsAParameter) {
  std::vector<CaseRecord> cases = {
      closed(make(1, "2024-01-10", "执"), "performed", "2024-02-01"),
      closed(make(1, "2024-01-10", "执恢"), "terminated_current", "2024-04-01"),
      closed(make(1, "2024-01-10", "执保"), "performed", "2024-01-20"),
      closed(make(1, "2024-01-10", "执异"), "rejected", "2024-01-20"),
  };
  AnnualFigures def = compute_annual_figures(cases, q2024(), {});
  EXPECT_EQ(def.scope.label(), "执、执恢");
  EXPECT_EQ(def.closed, 2);
  EXPECT_EQ(def.performed_rate, (Rate{1, 2}));
  AnnualFigures first_only = compute_annual_figures(cases, q2024(parse_scope("执")), {});
  EXPECT_EQ(first_only.closed, 1);
  EXPECT_EQ(first_only.performed_rate, (Rate{1, 1}));
  EXPECT_EQ(first_only.zhongben_rate, (Rate{0, 1}));
  AnnualFigures wide = compute_annual_figures(cases, q2024(parse_scope("执保、执恢，执")), {});
  EXPECT_EQ(wide.scope.spec(), "执,执恢,执保");
  EXPECT_EQ(wide.closed, 3);
  EXPECT_EQ(wide.performed_rate, (Rate{2, 3}));
}

TEST(AnnualFigures, ParseScopeRejectsUnknownCodes) {
  EXPECT_THROW(parse_scope("执,民初x"), std::invalid_argument);
  EXPECT_THROW(parse_scope(""), std::invalid_argument);
  EXPECT_THROW(parse_scope(" , "), std::invalid_argument);
  EXPECT_EQ(parse_scope(" 执 ").spec(), "执");
}

TEST(AnnualFigures, OtherCourtsAreIgnored) {
  CaseRecord laishui = closed(make(1, "2024-01-10"), "performed", "2024-02-01");
  laishui.case_number.court_code = "冀0623";
  AnnualFigures f = compute_annual_figures({laishui}, q2024(), {});
  EXPECT_EQ(f.received(), 0);
}

TEST(AnnualFigures, LivelihoodSettlementsMeasuresAndRelief) {
  CaseRecord wages = closed(make(1, "2024-01-10"), "performed", "2024-02-01", 10000);
  wages.categories = {"migrant_wages"};
  CaseRecord support = make(2, "2024-03-10");
  support.categories = {"elderly_support", "traffic_accident"};
  support.settlement = Settlement{d("2024-04-01"), Money::from_yuan(10000), {}, 15, {}, {}};
  support.measures = {
      {"detention", d("2024-04-02"), "r1", {}, {}, {}, {}, {}},
      {"detention", d("2024-05-02"), "r1", {}, {}, {}, {}, {}},
      {"fine", d("2024-05-03"), "r1", Money::from_yuan(1000), {}, {}, {}, {}},
      {"consumption_ban", d("2023-12-30"), "r1", {}, {}, {}, {}, {}},  // filed 2024: ignored
  };
  CaseRecord loan = make(3, "2023-10-10");  // 旧存
  loan.categories = {"financial_loan"};
  loan.settlement = Settlement{d("2023-12-01"), Money::from_yuan(10000), {}, 15, {}, {}};
  loan.measures = {{"consumption_ban", d("2024-01-05"), "r1", {}, {}, {}, {}, {}},
                   {"dishonest_list", d("2024-01-05"), "r1", {}, {}, {}, {}, {}}};
  AnnualFigures f = compute_annual_figures({wages, support, loan}, q2024(), {5, 5, 30500000});
  EXPECT_EQ(f.livelihood_received, 2);
  EXPECT_EQ(f.livelihood_closed, 1);
  EXPECT_EQ(f.categories[0].category, "migrant_wages");
  EXPECT_EQ(f.categories[0].received, 1);
  EXPECT_EQ(f.categories[0].closed, 1);
  EXPECT_EQ(f.categories[0].recovered_fen, Money::from_yuan(10000).fen());
  EXPECT_EQ(f.categories[1].received, 1);  // elderly_support
  EXPECT_EQ(f.categories[4].received, 1);  // traffic_accident
  EXPECT_EQ(f.settlements, 1);             // the 2023 settlement does not count
  ASSERT_EQ(f.measures.size(), 4u);
  EXPECT_EQ(f.measures[0].kind, "detention");
  EXPECT_EQ(f.measures[0].count, 2);
  EXPECT_EQ(f.measures[0].cases, 1);
  EXPECT_EQ(f.measures[1].count, 1);  // fine
  EXPECT_EQ(f.measures[2].count, 1);  // consumption ban in 2024 only
  EXPECT_EQ(f.measures[3].count, 1);  // dishonest list
  EXPECT_EQ(f.relief.persons, 5);
  EXPECT_EQ(f.relief.amount_fen, 30500000);
}

}  // namespace
}  // namespace zhixing::reports
