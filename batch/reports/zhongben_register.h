// The 终本 case register (终本案件台账): every case of a court closed as 终结本次执行程序
// on or before the as-of date, with what a 终本清仓 campaign works from. Pure: no I/O.
//
// Property re-checks: after a 终本 closure the court searches the debtor's property every six
// months for five years (最高人民法院关于严格规范终结本次执行程序的规定（试行）, 法〔2016〕373号,
// art. 9), so the checks fall due at closure + 6, 12, … 60 months. A property inquiry (measure
// `inquiry`) dated after the closure is a re-check. The next due check is the first scheduled
// date after the latest re-check (after the closure when there is none); it is overdue when it
// lies before the as-of date. After the tenth date the schedule ends (no next check).
// Resumption (恢复执行, art. 10): the applicant may apply once the debtor is found to have
// property that can be enforced; the register flags it when a measure after the closure found
// property (an inquiry with result `found`, or a freeze, deduction, seal or seizure).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case_record.h"
#include "core/date.h"

namespace zhixing::reports {

struct RegisterMeasure {
  std::string kind;  // measure kind (measure_report_label gives the Chinese)
  Date on;
};

struct RegisterLine {
  CaseNumber number;        // sort key (serials compare as numbers)
  std::string case_number;  // its text
  std::string debtor;       // the respondents' names, joined by 、
  Date filed_on;
  Date closed_on;
  int64_t claim_fen = 0;
  int64_t recovered_fen = 0;
  int64_t outstanding_fen = 0;            // claim − recovered
  std::vector<RegisterMeasure> measures;  // every measure, by date
  int months_since_closure = 0;           // whole months from closed_on to the as-of date
  int rechecks_done = 0;                  // inquiries after the closure, up to the as-of date
  std::optional<Date> last_recheck;
  std::optional<Date> next_recheck;  // none once the five years are over
  bool recheck_overdue = false;
  bool resumption_possible = false;
};

enum class RegisterSort {
  outstanding,  // largest outstanding amount first (the default: what a campaign clears first)
  closed_on,    // oldest closure first
  case_number,
};

struct RegisterQuery {
  std::string court_code;
  Date as_of;
  RegisterSort sort = RegisterSort::outstanding;
};

struct ZhongbenRegister {
  std::string court_code;
  std::string court_name;
  Date as_of;
  RegisterSort sort = RegisterSort::outstanding;
  std::vector<RegisterLine> lines;
  int64_t outstanding_fen = 0;
  int64_t overdue = 0;
  int64_t resumable = 0;
};

// Whole months from `from` to `to` as Date::plus_months counts them (the largest n with
// from + n months ≤ to; 0 when `to` is before `from`): 2024-01-31 → 2024-02-29 is 1.
int whole_months_between(Date from, Date to);

ZhongbenRegister build_zhongben_register(const std::vector<CaseRecord>& cases,
                                         const RegisterQuery& query);

}  // namespace zhixing::reports
