#include "reports/zhongben_register.h"

#include <algorithm>
#include <tuple>

#include "core/money.h"

namespace zhixing::reports {

namespace {

constexpr int kRecheckEveryMonths = 6;
constexpr int kRecheckCount = 10;  // five years

bool finds_property(const Measure& m) {
  if (m.kind == "inquiry") return m.result && *m.result == "found";
  return m.kind == "freeze" || m.kind == "deduct" || m.kind == "seal" || m.kind == "seize";
}

}  // namespace

int whole_months_between(Date from, Date to) {
  if (to < from) return 0;
  int months = (to.year() - from.year()) * 12 + (to.month() - from.month());
  while (months > 0 && from.plus_months(months) > to) --months;
  return months;
}

ZhongbenRegister build_zhongben_register(const std::vector<CaseRecord>& cases,
                                         const RegisterQuery& query) {
  ZhongbenRegister reg;
  reg.court_code = query.court_code;
  reg.as_of = query.as_of;
  reg.sort = query.sort;
  for (const CaseRecord& c : cases) {
    if (c.case_number.court_code != query.court_code) continue;
    if (!c.closure || c.closure->kind != "terminated_current") continue;
    if (c.closure->on > query.as_of) continue;
    RegisterLine line;
    line.number = c.case_number;
    line.case_number = c.case_number.text();
    for (const Party& p : c.parties) {
      if (p.role != "respondent") continue;
      if (!line.debtor.empty()) line.debtor += "、";
      line.debtor += p.name;
    }
    line.filed_on = c.filed_on;
    line.closed_on = c.closure->on;
    line.claim_fen = c.claim.fen();
    line.recovered_fen = c.recovered.fen();
    line.outstanding_fen = sub_fen(line.claim_fen, line.recovered_fen);
    for (const Measure& m : c.measures) {
      if (m.on > query.as_of) continue;
      line.measures.push_back({m.kind, m.on});
      if (m.on <= line.closed_on) continue;
      if (m.kind == "inquiry") {
        ++line.rechecks_done;
        if (!line.last_recheck || m.on > *line.last_recheck) line.last_recheck = m.on;
      }
      if (finds_property(m)) line.resumption_possible = true;
    }
    std::stable_sort(
        line.measures.begin(), line.measures.end(),
        [](const RegisterMeasure& a, const RegisterMeasure& b) { return a.on < b.on; });
    line.months_since_closure = whole_months_between(line.closed_on, query.as_of);
    const Date after = line.last_recheck.value_or(line.closed_on);
    for (int k = 1; k <= kRecheckCount; ++k) {
      const Date due = line.closed_on.plus_months(k * kRecheckEveryMonths);
      if (due > after) {
        line.next_recheck = due;
        break;
      }
    }
    line.recheck_overdue = line.next_recheck && *line.next_recheck < query.as_of;
    reg.outstanding_fen = add_fen(reg.outstanding_fen, line.outstanding_fen);
    reg.overdue += line.recheck_overdue;
    reg.resumable += line.resumption_possible;
    reg.lines.push_back(std::move(line));
  }
  auto by_number = [](const RegisterLine& a, const RegisterLine& b) { return a.number < b.number; };
  switch (query.sort) {
    case RegisterSort::outstanding:
      std::sort(reg.lines.begin(), reg.lines.end(), [](const auto& a, const auto& b) {
        return std::tie(b.outstanding_fen, a.number) < std::tie(a.outstanding_fen, b.number);
      });
      break;
    case RegisterSort::closed_on:
      std::sort(reg.lines.begin(), reg.lines.end(), [](const auto& a, const auto& b) {
        return std::tie(a.closed_on, a.number) < std::tie(b.closed_on, b.number);
      });
      break;
    case RegisterSort::case_number:
      std::sort(reg.lines.begin(), reg.lines.end(), by_number);
      break;
  }
  return reg;
}

}  // namespace zhixing::reports
