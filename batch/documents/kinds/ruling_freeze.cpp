// 执行裁定书 for 冻结、划拨存款: one ruling per freeze or deduct measure; CPL
// 253. An enforcement ruling: party blocks with the full ID number or credit code.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  ContextValue ctx = common_context(input, law, PartyStyle{});
  ctx.set("measure", measure_context(input, event_measure(input)));
  return {"ruling-freeze", std::move(ctx), ruling_number(input).value()};
}

}  // namespace

KindSpec ruling_freeze_kind() {
  return {DocumentKind::ruling_freeze, {"ruling-freeze"}, measure_schema(), &build};
}

}  // namespace zhixing::inline documents
