// 报告财产令: to the respondent of the property_report_order measure; CPL 252
// and 财产调查规定. Addressed by name only, like the notice it is served with.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const Measure& m = event_measure(input);
  const Party& to = party_or_fail(input.case_record, m.against, "the property report order");
  ContextValue ctx = common_context(input, law, PartyStyle{.id_number = false});
  ctx.set("addressee", party_context(to, "", PartyStyle{.id_number = false}));
  return {"property-report-order", std::move(ctx), input.case_record.case_number.text()};
}

}  // namespace

KindSpec property_report_order_kind() {
  return {DocumentKind::property_report_order,
          {"property-report-order"},
          {"addressee.name", "addressee.address", "addressee.you", "addressee.org",
           "addressee.paragraphs[]"},
          &build};
}

}  // namespace zhixing::inline documents
