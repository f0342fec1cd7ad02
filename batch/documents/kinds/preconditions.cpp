#include "documents/kinds/preconditions.h"

#include "documents/kinds/kind_context.h"

namespace zhixing::inline documents {

std::vector<UnmetCondition> unmet_zhongben_conditions(const CaseRecord& record) {
  std::vector<UnmetCondition> out;
  if (!record.closure || record.closure->kind != "terminated_current") return out;
  const Date closed = record.closure->on;
  const auto taken = [&](std::string_view kind) {
    for (const auto& m : record.measures)
      if (m.kind == kind && m.on <= closed) return true;
    return false;
  };
  if (!taken("notice")) out.push_back({"notice", "未向被执行人发出执行通知（notice）"});
  if (!taken("property_report_order"))
    out.push_back({"property_report_order", "未责令被执行人报告财产（property_report_order）"});
  if (!taken("consumption_ban"))
    out.push_back({"consumption_ban", "未向被执行人发出限制消费令（consumption_ban）"});
  if (!taken("inquiry")) out.push_back({"inquiry", "未进行财产调查（inquiry）"});
  if (!(record.filed_on.plus_months(3) < closed))
    out.push_back({"three_months", "自立案之日（" + arabic_date(record.filed_on) +
                                       "）起至终结本次执行程序之日（" + arabic_date(closed) +
                                       "）未超过三个月"});
  return out;
}

void check_preconditions(DocumentKind kind, const CaseRecord& record) {
  if (kind != DocumentKind::ruling_zhongben) return;
  const auto unmet = unmet_zhongben_conditions(record);
  if (unmet.empty()) return;
  std::string message = record.case_number.text() +
                        "：不符合《最高人民法院关于严格规范终结本次执行程序的规定（试行）》"
                        "第一条规定的终结本次执行程序条件：";
  for (std::size_t i = 0; i < unmet.size(); ++i) message += (i ? "；" : "") + unmet[i].message;
  throw DocumentError(DocumentErrorCode::precondition_failed, message);
}

}  // namespace zhixing::inline documents
