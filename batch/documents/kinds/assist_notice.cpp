// 协助执行通知书 (to the 协助执行人; it goes with the ruling it carries out): to the bank or
// registry that carries out a freeze, deduction, seal or seizure. It names the respondent with the
// full ID number or credit code: the bank or registry must find the right account or property.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  ContextValue ctx = common_context(input, law, PartyStyle{});
  ctx.set("measure", measure_context(input, event_measure(input)));
  return {"assist-notice", std::move(ctx), input.case_record.case_number.text()};
}

}  // namespace

KindSpec assist_notice_kind() {
  return {DocumentKind::assist_notice, {"assist-notice"}, measure_schema(), &build};
}

}  // namespace zhixing::inline documents
