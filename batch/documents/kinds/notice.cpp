// 执行通知书: to the respondent the notice measure is against; CPL 251 and 264.
// Addressed by name only (no ID number): the addressee line is all the identification it needs.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const Measure& m = event_measure(input);
  const Party& to = party_or_fail(input.case_record, m.against, "the notice measure");
  ContextValue ctx = common_context(input, law, PartyStyle{.id_number = false});
  ctx.set("addressee", party_context(to, "", PartyStyle{.id_number = false}));
  return {"notice", std::move(ctx), input.case_record.case_number.text()};
}

}  // namespace

KindSpec notice_kind() {
  return {DocumentKind::notice,
          {"notice"},
          {"addressee.name", "addressee.address", "addressee.you", "addressee.org",
           "addressee.paragraphs[]"},
          &build};
}

}  // namespace zhixing::inline documents
