// The report renderers on hand-built figures: every rate with numerator, denominator and scope
// in text and CSV, an empty year without rates, the PDF blocks with the chart, and the register
// without ID numbers or accounts.
#include <gtest/gtest.h>

#include <regex>

#include "reports/annual_report.h"
#include "reports/zhongben_report.h"

namespace zhixing::reports {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

CaseRecord closed_case(int serial, const char* kind, const char* on) {
  CaseRecord c;
  c.case_number = {2024, "冀0633", "执", serial};
  c.filed_on = d("2024-02-01");
  c.claim = Money::from_yuan(20000);
  c.recovered = Money::from_yuan(kind == std::string("performed") ? 20000 : 0);
  c.status = "closed";
  c.closure = Closure{kind, d(on), false};
  Party r;
  r.id = "r1";
  r.role = "respondent";
  r.kind = "person";
  r.name = "刘建国";
  r.id_number = "130633197506011139";
  r.bank_account = BankAccount{"中国农业银行易县支行", "6228480000000000000"};
  c.parties = {r};
  Measure freeze;
  freeze.kind = "freeze";
  freeze.on = d("2024-02-05");
  freeze.against = "r1";
  freeze.amount = Money::from_yuan(20000);
  freeze.target = "中国农业银行易县支行 6228480000000000000";
  c.measures = {freeze};
  return c;
}

AnnualFigures sample() {
  return compute_annual_figures({closed_case(1, "performed", "2024-03-01"),
                                 closed_case(2, "terminated_current", "2024-04-01"),
                                 closed_case(3, "performed", "2024-03-15")},
                                {"冀0633", "河北省易县人民法院", 2024, {}}, {1, 1, 5000000});
}

TEST(AnnualReport, TextShowsEachRateWithNumeratorDenominatorAndScope) {
  const std::string t = annual_report_text(sample());
  EXPECT_NE(t.find("受理：3件（旧存0件，新收3件）"), std::string::npos) << t;
  EXPECT_NE(
      t.find("执行完毕率：66.67% = 执行完毕 2件 ÷ 结案 3件（范围：2024年结案的执、执恢案件）"),
      std::string::npos)
      << t;
  EXPECT_NE(t.find("终本率：33.33% = 终结本次执行程序 1件 ÷ 结案 3件"), std::string::npos);
  EXPECT_NE(t.find("执行到位率：66.67% = 到位金额 ¥40,000.00 ÷ 申请执行标的 ¥60,000.00"),
            std::string::npos);
  EXPECT_NE(t.find("司法救助：1人（决定1件），金额¥50,000.00（5.00万元）"), std::string::npos);
}

TEST(AnnualReport, CsvRowsCarryNumeratorDenominatorAndScope) {
  const std::string csv = annual_report_csv(sample());
  EXPECT_EQ(csv.rfind("分类,指标,数值,分子,分母,单位,范围\n", 0), 0u);
  EXPECT_NE(csv.find("指标,执行完毕率,66.67,2,3,%（件/件）,2024年结案的执、执恢案件\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("指标,执行到位率,66.67,40000.00,60000.00,%（元/元）,"), std::string::npos);
  EXPECT_NE(csv.find("指标,结案率,100.00,3,3,%（件/件）,2024年受理的执、执恢案件\n"),
            std::string::npos);
}

TEST(AnnualReport, EmptyYearPrintsNoRate) {
  AnnualFigures empty = compute_annual_figures({}, {"冀0633", "河北省易县人民法院", 2024, {}}, {});
  const std::string t = annual_report_text(empty);
  EXPECT_NE(t.find("执行完毕率：— = 执行完毕 0件 ÷ 结案 0件"), std::string::npos) << t;
  EXPECT_NE(t.find("平均结案用时：— = 结案用时合计 0天 ÷ 结案 0件"), std::string::npos) << t;
  EXPECT_NE(annual_report_csv(empty).find("指标,执行完毕率,,0,0,"), std::string::npos);
  EXPECT_NE(annual_report_csv(empty).find("指标,平均结案用时,,0,0,"), std::string::npos);
}

TEST(AnnualReport, DocumentHasTheMonthlyChartAndBreakdownTables) {
  layout::Document doc = annual_report_document(sample());
  const layout::BarChart* chart = nullptr;
  int tables = 0;
  for (const auto& b : doc.blocks) {
    if (const auto* c = std::get_if<layout::BarChart>(&b)) chart = c;
    tables += std::holds_alternative<layout::Table>(b);
  }
  ASSERT_NE(chart, nullptr);
  ASSERT_EQ(chart->categories.size(), 12u);
  ASSERT_EQ(chart->series.size(), 2u);
  EXPECT_EQ(chart->series[0].name, "新收");
  EXPECT_EQ(chart->series[0].values[1], 3);  // February
  EXPECT_EQ(chart->series[1].values[2], 2);  // closed in March
  EXPECT_EQ(chart->series[1].values[3], 1);  // April
  EXPECT_GE(tables, 4);
}

TEST(ZhongbenReport, NeverShowsIdNumbersOrAccounts) {
  ZhongbenRegister reg = build_zhongben_register(
      {closed_case(2, "terminated_current", "2024-04-01")}, {"冀0633", d("2024-12-31")});
  reg.court_name = "河北省易县人民法院";
  const std::string all = zhongben_register_text(reg) + zhongben_register_csv(reg);
  EXPECT_NE(all.find("刘建国"), std::string::npos);
  EXPECT_NE(all.find("冻结 2024-02-05"), std::string::npos) << all;
  EXPECT_NE(all.find("2024-10-01"), std::string::npos);  // the first re-check, overdue
  EXPECT_NE(all.find("【复查逾期】"), std::string::npos);
  EXPECT_FALSE(std::regex_search(all, std::regex(R"(\d{12,})"))) << all;
  layout::Document doc = zhongben_register_document(reg);
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<layout::Paragraph>(&b)) {
      EXPECT_FALSE(std::regex_search(p->text, std::regex(R"(\d{12,})"))) << p->text;
    }
  }
}

}  // namespace
}  // namespace zhixing::reports

namespace zhixing::reports {

// "=HYPERLINK(…)" in a case field must not reach the 终本 register CSV as a live formula.
TEST(ZhongbenReport, CsvNeutralisesFormulasInCaseFields) {
  CaseRecord c = closed_case(2, "terminated_current", "2024-04-01");
  c.parties[0].name = R"(=HYPERLINK("http://example.invalid/x","点击"))";
  ZhongbenRegister reg = build_zhongben_register({c}, {"冀0633", d("2024-12-31")});
  reg.court_name = "河北省易县人民法院";
  const std::string csv = zhongben_register_csv(reg);
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://example.invalid/x\"\",\"\"点击\"\")\""),
            std::string::npos)
      << csv;
}

}  // namespace zhixing::reports
