#include "reports/zhongben_report.h"

#include "core/csv.h"
#include "core/labels.h"
#include "core/money.h"
#include "reports/annual_figures.h"

namespace zhixing::reports {

namespace {

std::string n(int64_t v) { return std::to_string(v); }
std::string yuan(int64_t fen) { return Money::from_fen(fen).figures(); }
std::string dec(int64_t fen) { return Money::from_fen(fen).decimal(); }

std::string measures_text(const RegisterLine& l, std::string_view sep) {
  std::string out;
  for (const RegisterMeasure& m : l.measures) {
    if (!out.empty()) out += sep;
    out += std::string(measure_report_label(m.kind)) + " " + m.on.iso();
  }
  return out.empty() ? "无" : out;
}

std::string next_text(const RegisterLine& l) {
  return l.next_recheck ? l.next_recheck->iso() : "已满五年";
}

std::string flags_text(const RegisterLine& l) {
  std::string out;
  if (l.recheck_overdue) out += "【复查逾期】";
  if (l.resumption_possible) out += "【可申请恢复执行】";
  return out;
}

std::string sort_label(RegisterSort s) {
  switch (s) {
    case RegisterSort::outstanding:
      return "按未履行金额从高到低";
    case RegisterSort::closed_on:
      return "按终本日期从早到晚";
    case RegisterSort::case_number:
      return "按案号";
  }
  return "";
}

std::string summary(const ZhongbenRegister& r) {
  return "截至" + r.as_of.iso() + "，终结本次执行程序的案件" +
         n(static_cast<int64_t>(r.lines.size())) + "件，未履行金额合计" + yuan(r.outstanding_fen) +
         "（" + wan_yuan(r.outstanding_fen) + "万元）；财产复查逾期" + n(r.overdue) +
         "件，可申请恢复执行" + n(r.resumable) + "件。";
}

}  // namespace

std::string zhongben_register_text(const ZhongbenRegister& r) {
  std::string o;
  o += r.court_name + "（" + r.court_code + "） 终本案件台账\n";
  o += summary(r) + "\n";
  o += "排序：" + sort_label(r.sort) + "；财产复查：终本后五年内每六个月一次。\n\n";
  int i = 0;
  for (const RegisterLine& l : r.lines) {
    o += n(++i) + ". " + l.case_number + "  被执行人：" + l.debtor + "  未履行金额：" +
         yuan(l.outstanding_fen) + " " + flags_text(l) + "\n";
    o += "   立案 " + l.filed_on.iso() + "，终本 " + l.closed_on.iso() + "（" +
         n(l.months_since_closure) + "个月），已复查" + n(l.rechecks_done) + "次，下次复查 " +
         next_text(l) + "\n";
    o += "   措施：" + measures_text(l, "；") + "\n";
  }
  return o;
}

std::string zhongben_register_csv(const ZhongbenRegister& r) {
  std::string o;
  o += csv_row({"序号", "案号", "被执行人", "立案日期", "终本日期", "申请标的", "已到位",
                "未履行金额", "执行措施", "终本后月数", "已复查次数", "最近复查", "下次复查",
                "复查逾期", "可申请恢复执行"});
  int i = 0;
  for (const RegisterLine& l : r.lines) {
    o += csv_row({n(++i), l.case_number, l.debtor, l.filed_on.iso(), l.closed_on.iso(),
                  dec(l.claim_fen), dec(l.recovered_fen), dec(l.outstanding_fen),
                  measures_text(l, "；"), n(l.months_since_closure), n(l.rechecks_done),
                  l.last_recheck ? l.last_recheck->iso() : "",
                  l.next_recheck ? l.next_recheck->iso() : "", l.recheck_overdue ? "是" : "否",
                  l.resumption_possible ? "是" : "否"});
  }
  return o;
}

layout::Document zhongben_register_document(const ZhongbenRegister& r) {
  using namespace layout;
  Document doc;
  doc.metadata.title = "终本案件台账（截至" + r.as_of.iso() + "）";
  doc.metadata.author = r.court_name;
  doc.metadata.subject = "终本案件台账";
  doc.blocks.push_back(CourtName{r.court_name});
  doc.blocks.push_back(Title{"终本案件台账"});
  doc.blocks.push_back(layout::CaseNumber{"截至" + r.as_of.iso()});
  doc.blocks.push_back(Paragraph{summary(r) + "排序：" + sort_label(r.sort) +
                                 "。财产复查：终本后五年内每六个月一次。"});
  Table totals{{"终本案件", "未履行金额（万元）", "复查逾期", "可申请恢复"}, {}};
  totals.rows.push_back({n(static_cast<int64_t>(r.lines.size())) + "件",
                         wan_yuan(r.outstanding_fen), n(r.overdue) + "件", n(r.resumable) + "件"});
  doc.blocks.push_back(totals);
  doc.blocks.push_back(Blank{1});
  int i = 0;
  for (const RegisterLine& l : r.lines) {
    doc.blocks.push_back(
        Note{n(++i) + "．" + l.case_number + "　" + l.debtor + flags_text(l), true});
    doc.blocks.push_back(Paragraph{
        "未履行金额" + yuan(l.outstanding_fen) + "（标的" + yuan(l.claim_fen) + "，已到位" +
        yuan(l.recovered_fen) + "）；立案" + l.filed_on.iso() + "，终本" + l.closed_on.iso() +
        "，已" + n(l.months_since_closure) + "个月；已复查" + n(l.rechecks_done) + "次，下次复查" +
        next_text(l) + "。措施：" + measures_text(l, "；") + "。"});
  }
  return doc;
}

}  // namespace zhixing::reports
