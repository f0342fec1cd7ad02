// 限制消费令 (documents.md §5; 限高规定 arts. 1, 3, 5 as amended by 法释〔2015〕17号): to the
// respondent of the consumption_ban measure, listing the nine kinds of banned spending; for an
// organisation the ban also binds its legal representative, managers and actual controller.
// Signed by the court's president (courts.csv). The order is served on and enforced against one
// person, by airlines and railways among others: its party block carries the full ID number.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const CaseRecord& c = input.case_record;
  const Measure& m = event_measure(input);
  const Party& to = party_or_fail(c, m.against, "the consumption ban");
  if (input.court.president.empty())
    throw DocumentError(DocumentErrorCode::render_failed,
                        c.case_number.text() + ": the court list names no president for " +
                            input.court.code + ", who signs a consumption ban");
  ContextValue ctx = common_context(input, law, PartyStyle{});
  ContextValue to_ctx = party_context(to, "被执行人", PartyStyle{});
  to_ctx.set("representative", to.legal_rep ? to.legal_rep->name : std::string());
  ctx.set("addressee", std::move(to_ctx));
  return {"consumption-ban", std::move(ctx), c.case_number.text()};
}

}  // namespace

KindSpec consumption_ban_kind() {
  return {DocumentKind::consumption_ban,
          {"consumption-ban"},
          {"addressee.name", "addressee.address", "addressee.you", "addressee.org",
           "addressee.paragraphs[]", "addressee.representative"},
          &build};
}

}  // namespace zhixing::documents
