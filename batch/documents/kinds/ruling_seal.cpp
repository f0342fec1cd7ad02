// 执行裁定书 for 查封、扣押: one ruling per seal or seize measure; CPL 255 and
// the 查封扣押冻结规定. An enforcement ruling: party blocks with the full ID number.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  ContextValue ctx = common_context(input, law, PartyStyle{});
  ctx.set("measure", measure_context(input, event_measure(input)));
  return {"ruling-seal", std::move(ctx), ruling_number(input).value()};
}

}  // namespace

KindSpec ruling_seal_kind() {
  return {DocumentKind::ruling_seal, {"ruling-seal"}, measure_schema(), &build};
}

}  // namespace zhixing::inline documents
