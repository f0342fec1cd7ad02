#include "reports/annual_report.h"

#include "core/csv.h"
#include "core/labels.h"
#include "core/money.h"

namespace zhixing::reports {

namespace {

std::string n(int64_t v) { return std::to_string(v); }
std::string yuan(int64_t fen) { return Money::from_fen(fen).figures(); }
std::string dec(int64_t fen) { return Money::from_fen(fen).decimal(); }
std::string pct_number(const Rate& r) {
  if (!r.defined()) return "";
  std::string p = r.percent();
  return p.substr(0, p.size() - 1);  // without the %
}

// The scope phrases used by every output.
std::string closed_scope(const AnnualFigures& f) {
  return std::to_string(f.year) + "年结案的" + f.scope.label() + "案件";
}
std::string received_scope(const AnnualFigures& f) {
  return std::to_string(f.year) + "年受理的" + f.scope.label() + "案件";
}

struct RateRow {
  std::string name;
  const Rate* rate;
  std::string numerator_label;
  std::string denominator_label;
  bool money;
};

std::vector<RateRow> rate_rows(const AnnualFigures& f) {
  return {
      {"结案率", &f.closing_rate, "结案", "受理", false},
      {"法定期限内结案率", &f.within_limit_rate, "期限内结案", "结案", false},
      {"执行到位率", &f.recovery_rate, "到位金额", "申请执行标的", true},
      {"执行完毕率", &f.performed_rate, "执行完毕", "结案", false},
      {"终本率", &f.zhongben_rate, "终结本次执行程序", "结案", false},
  };
}

std::string rate_scope(const AnnualFigures& f, const RateRow& r) {
  return r.rate == &f.closing_rate ? received_scope(f) : closed_scope(f);
}

std::string relief_text(const AnnualFigures& f) {
  return n(f.relief.persons) + "人（决定" + n(f.relief.decisions) + "件），金额" +
         yuan(f.relief.amount_fen) + "（" + wan_yuan(f.relief.amount_fen) + "万元）";
}

// "69.76天", or "—" for a year without closures.
std::string mean_days_text(const AnnualFigures& f) {
  return f.closed > 0 ? f.mean_days() + "天" : f.mean_days();
}

}  // namespace

std::string annual_report_text(const AnnualFigures& f) {
  std::string o;
  o += f.court_name + "（" + f.court_code + "） " + n(f.year) + "年度执行工作统计\n";
  o += "统计范围：案件类型 " + f.scope.label() + "（--scope " + f.scope.spec() + "）\n\n";
  o += "一、收结案\n";
  o += "  受理：" + n(f.received()) + "件（旧存" + n(f.carried_over) + "件，新收" + n(f.new_cases) +
       "件）\n";
  o += "  结案：" + n(f.closed) + "件；年末未结：" + n(f.pending_at_year_end()) + "件\n\n";
  o += "二、主要指标\n";
  for (const RateRow& r : rate_rows(f)) {
    o += "  " + r.name + "：" + r.rate->percent() + " = " + r.numerator_label + " ";
    o += r.money ? yuan(r.rate->numerator) : n(r.rate->numerator) + "件";
    o += " ÷ " + r.denominator_label + " ";
    o += r.money ? yuan(r.rate->denominator) : n(r.rate->denominator) + "件";
    o += "（范围：" + rate_scope(f, r) + "）\n";
  }
  o += "  平均结案用时：" + mean_days_text(f) + " = 结案用时合计 " + n(f.closed_days_sum) +
       "天 ÷ 结案 " + n(f.closed) + "件（自立案次日起算的日历日；范围：" + closed_scope(f) + "）\n";
  o += "  执行到位金额：" + wan_yuan(f.recovered_fen) + "万元（" + yuan(f.recovered_fen) + "，" +
       closed_scope(f) + "）\n\n";
  o += "三、结案方式\n";
  for (const ClosureLine& c : f.closures) {
    o += "  " + std::string(closure_label(c.kind)) + "：" + n(c.cases) + "件，申请标的" +
         wan_yuan(c.claim_fen) + "万元，到位" + wan_yuan(c.recovered_fen) + "万元\n";
  }
  o += "\n四、民生案件（受理" + n(f.livelihood_received) + "件，结案" + n(f.livelihood_closed) +
       "件）\n";
  for (const CategoryLine& c : f.categories) {
    o += "  " + std::string(category_label(c.category)) + "：受理" + n(c.received) + "件，结案" +
         n(c.closed) + "件，到位" + wan_yuan(c.recovered_fen) + "万元\n";
  }
  o += "\n五、司法救助：" + relief_text(f) + "\n";
  o += "六、执行和解：" + n(f.settlements) + "件（本年签订）\n";
  o += "七、强制措施（本年采取）\n";
  for (const MeasureLine& m : f.measures) {
    o += "  " + std::string(measure_report_label(m.kind)) + "：" + n(m.count) + "次（" +
         n(m.cases) + "案）\n";
  }
  o += "\n八、各月新收与结案\n";
  o += "  月份  新收  结案\n";
  for (size_t m = 0; m < 12; ++m) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "  %2zu月  %4lld  %4lld\n", m + 1,
                  static_cast<long long>(f.filed_by_month[m]),
                  static_cast<long long>(f.closed_by_month[m]));
    o += buf;
  }
  return o;
}

std::string annual_report_csv(const AnnualFigures& f) {
  std::string o;
  o += csv_row({"分类", "指标", "数值", "分子", "分母", "单位", "范围"});
  const std::string rs = received_scope(f), cs = closed_scope(f);
  o += csv_row({"收结案", "受理", n(f.received()), "", "", "件", rs});
  o += csv_row({"收结案", "旧存", n(f.carried_over), "", "", "件", rs});
  o += csv_row({"收结案", "新收", n(f.new_cases), "", "", "件", rs});
  o += csv_row({"收结案", "结案", n(f.closed), "", "", "件", cs});
  o += csv_row({"收结案", "年末未结", n(f.pending_at_year_end()), "", "", "件", rs});
  for (const RateRow& r : rate_rows(f)) {
    o += csv_row({"指标", r.name, pct_number(*r.rate),
                  r.money ? dec(r.rate->numerator) : n(r.rate->numerator),
                  r.money ? dec(r.rate->denominator) : n(r.rate->denominator),
                  r.money ? "%（元/元）" : "%（件/件）", rate_scope(f, r)});
  }
  o += csv_row({"指标", "平均结案用时", f.closed > 0 ? f.mean_days() : "", n(f.closed_days_sum),
                n(f.closed), "天（天/件）", cs});
  o += csv_row({"指标", "执行到位金额", wan_yuan(f.recovered_fen), dec(f.recovered_fen), "",
                "万元（分子：元）", cs});
  for (const ClosureLine& c : f.closures)
    o += csv_row({"结案方式", std::string(closure_label(c.kind)), n(c.cases), dec(c.recovered_fen),
                  dec(c.claim_fen), "件（分子：到位元；分母：标的元）", cs});
  o += csv_row({"民生案件", "合计（受理）", n(f.livelihood_received), "", "", "件", rs});
  o += csv_row({"民生案件", "合计（结案）", n(f.livelihood_closed), "", "", "件", cs});
  for (const CategoryLine& c : f.categories)
    o += csv_row({"民生案件", std::string(category_label(c.category)), n(c.received), n(c.closed),
                  "", "件（分子：结案）", rs});
  o += csv_row({"司法救助", "人数", n(f.relief.persons), "", "", "人",
                std::to_string(f.year) + "年决定给予救助"});
  o += csv_row({"司法救助", "决定", n(f.relief.decisions), "", "", "件",
                std::to_string(f.year) + "年决定给予救助"});
  o += csv_row({"司法救助", "金额", dec(f.relief.amount_fen), "", "", "元",
                std::to_string(f.year) + "年决定给予救助"});
  o += csv_row({"执行和解", "本年签订", n(f.settlements), "", "", "件", rs});
  for (const MeasureLine& m : f.measures)
    o += csv_row({"强制措施", std::string(measure_report_label(m.kind)), n(m.count), n(m.cases), "",
                  "次（分子：案件数）", rs});
  for (size_t m = 0; m < 12; ++m) {
    const std::string month = std::to_string(m + 1) + "月";
    o += csv_row({"各月", month + "新收", n(f.filed_by_month[m]), "", "", "件", rs});
    o += csv_row({"各月", month + "结案", n(f.closed_by_month[m]), "", "", "件", cs});
  }
  return o;
}

layout::Document annual_report_document(const AnnualFigures& f) {
  using namespace layout;
  Document doc;
  const std::string y = n(f.year);
  doc.metadata.title = y + "年度执行工作统计";
  doc.metadata.author = f.court_name;
  doc.metadata.subject = "执行工作统计（" + f.scope.label() + "）";
  doc.blocks.push_back(CourtName{f.court_name});
  doc.blocks.push_back(Title{"执行工作统计"});
  doc.blocks.push_back(layout::CaseNumber{y + "年度"});
  doc.blocks.push_back(
      Paragraph{y + "年，本院受理" + f.scope.label() + "案件" + n(f.received()) + "件（旧存" +
                n(f.carried_over) + "件，新收" + n(f.new_cases) + "件），结案" + n(f.closed) +
                "件，年末未结" + n(f.pending_at_year_end()) + "件。执行到位金额" +
                wan_yuan(f.recovered_fen) + "万元，平均结案用时" + mean_days_text(f) +
                "。司法救助" + relief_text(f) + "；执行和解" + n(f.settlements) + "件。"});
  doc.blocks.push_back(Note{"一、主要指标", true});
  Table rates{{"指标", "数值", "分子", "分母"}, {}};
  std::string definitions;
  for (const RateRow& r : rate_rows(f)) {
    rates.rows.push_back(
        {r.name, r.rate->percent(),
         r.money ? wan_yuan(r.rate->numerator) + "万元" : n(r.rate->numerator) + "件",
         r.money ? wan_yuan(r.rate->denominator) + "万元" : n(r.rate->denominator) + "件"});
    definitions += r.name + "＝" + r.numerator_label + "÷" + r.denominator_label + "；";
  }
  rates.rows.push_back(
      {"平均结案用时", mean_days_text(f), n(f.closed_days_sum) + "天", n(f.closed) + "件"});
  definitions += "平均结案用时＝结案用时合计÷结案。";
  doc.blocks.push_back(rates);
  doc.blocks.push_back(
      Paragraph{"口径：" + definitions + "结案率的范围为" + received_scope(f) + "，其余指标为" +
                closed_scope(f) +
                "；法定期限自立案次日起算六个月，加计批准延长的期间，扣除不计入期限的期间；"
                "结案用时按日历日计算。"});
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"二、各月新收与结案", true});
  BarChart chart;
  chart.value_unit = "件";
  ChartSeries filed{"新收", {}, {0.27, 0.45, 0.70}};
  ChartSeries closed{"结案", {}, {0.85, 0.50, 0.20}};
  for (size_t m = 0; m < 12; ++m) {
    chart.categories.push_back(std::to_string(m + 1) + "月");
    filed.values.push_back(f.filed_by_month[m]);
    closed.values.push_back(f.closed_by_month[m]);
  }
  chart.series = {filed, closed};
  chart.lines = 11;
  doc.blocks.push_back(chart);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"三、结案方式", true});
  Table closures{{"结案方式", "件数", "占结案", "到位金额（万元）"}, {}};
  for (const ClosureLine& c : f.closures)
    closures.rows.push_back({std::string(closure_label(c.kind)), n(c.cases),
                             Rate{c.cases, f.closed}.percent(), wan_yuan(c.recovered_fen)});
  closures.rows.push_back(
      {"合计", n(f.closed), Rate{f.closed, f.closed}.percent(), wan_yuan(f.recovered_fen)});
  doc.blocks.push_back(closures);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"四、民生案件", true});
  Table livelihood{{"类别", "受理", "结案", "到位金额（万元）"}, {}};
  for (const CategoryLine& c : f.categories)
    livelihood.rows.push_back({std::string(category_label(c.category)), n(c.received), n(c.closed),
                               wan_yuan(c.recovered_fen)});
  livelihood.rows.push_back({"合计（案件）", n(f.livelihood_received), n(f.livelihood_closed), ""});
  doc.blocks.push_back(livelihood);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"五、强制措施", true});
  Table measures{{"措施", "次数", "案件数"}, {}};
  for (const MeasureLine& m : f.measures)
    measures.rows.push_back({std::string(measure_report_label(m.kind)), n(m.count), n(m.cases)});
  doc.blocks.push_back(measures);
  doc.blocks.push_back(Blank{1});
  doc.blocks.push_back(Note{"六、各月明细", true});
  Table months{{"月份", "新收", "结案"}, {}};
  for (size_t m = 0; m < 12; ++m)
    months.rows.push_back(
        {std::to_string(m + 1) + "月", n(f.filed_by_month[m]), n(f.closed_by_month[m])});
  months.rows.push_back({"合计", n(f.new_cases), n(f.closed)});
  doc.blocks.push_back(months);
  return doc;
}

}  // namespace zhixing::reports
