// What the law requires before a document may be issued, as far as the record can show it. Pure:
// the nightly and a clerk's `zhixing docs` both reach it through the kind's context builder, so
// both refuse the same cases with the same message.
//
// 终结本次执行程序 (《最高人民法院关于严格规范终结本次执行程序的规定（试行）》 第一条, 第二条):
//   notice                 a `notice` measure on or before the closure       (第一条第一项
//   执行通知) property_report_order  a `property_report_order` measure, same (第一条第一项,
//   第二条第一项) consumption_ban        a `consumption_ban` measure, same (第一条第二项) inquiry
//   at least one `inquiry` measure, same              (第一条第三项 财产调查) three_months the
//   closure strictly more than three months after `filed_on`
//                                                                            (第一条第四项)
// The rest of 第一条 (the 失信 listing "of an eligible respondent", "exhausted" inquiries, a
// search for a missing respondent, sanctions for obstruction) needs facts the record does not
// carry; the panel checks them.
#pragma once

#include <string>
#include <vector>

#include "core/case_record.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::inline documents {

struct UnmetCondition {
  std::string code;     // notice, property_report_order, consumption_ban, inquiry, three_months
  std::string message;  // Chinese, for the clerk
};

// The unmet conditions of a terminated_current closure (empty: all met, or no such closure).
std::vector<UnmetCondition> unmet_zhongben_conditions(const CaseRecord& record);

// Throws DocumentError(precondition_failed) naming every unmet condition of the kind; does
// nothing for a kind without preconditions.
void check_preconditions(DocumentKind kind, const CaseRecord& record);

}  // namespace zhixing::inline documents
