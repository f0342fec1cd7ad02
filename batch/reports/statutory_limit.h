// The statutory time limit of an enforcement case (for 法定期限内结案率; 最高人民法院关于严格执行
// 案件审理期限制度的若干规定, 审限规定, arts. 5, 8, 9) as computed here:
//  - the limit counts from the day after filing (立案日 + 1) and runs six months: the allowed
//    days are (filed_on + 6 months) − filed_on, so a case filed 2024-03-05 may close on
//    2024-09-05 at the latest;
//  - each approved extension {from, to} adds its days, both ends inclusive;
//  - the days of the excluded periods {from, to} (announcement, appraisal, suspension, 暂缓,
//    auction), both ends inclusive, are not counted as elapsed; overlapping periods count once,
//    and only their days between the day after filing and the closing day count;
//  - a case closed on the last day of its limit is within it.
// The 3-month limit of 非诉执行 cases is not modelled: the record does not mark them.
#pragma once

#include <cstdint>

#include "core/case_record.h"
#include "core/date.h"

namespace zhixing::reports {

struct LimitCheck {
  int32_t allowed_days = 0;   // six months + extensions
  int32_t elapsed_days = 0;   // closing day − filing day, minus excluded days in that span
  int32_t excluded_days = 0;  // excluded days counted
  bool within() const { return elapsed_days <= allowed_days; }
};

// The check for a case closed (or to be judged) on `closed_on`.
LimitCheck check_statutory_limit(const CaseRecord& record, Date closed_on);

}  // namespace zhixing::reports
