// 限制消费令 (限高规定 arts. 1, 3, 5, 8, 11 as amended by 法释〔2015〕17号): to
// the respondent of the consumption_ban measure, listing the nine kinds of banned spending; for
// an organisation the ban also binds its legal representative or principal (by name) and the
// other persons 第三条 lists; spending needed for living or business needs the court's
// permission (8); the consequences of a breach (11); 此令.
// Signed by the court's president (courts.csv). The order is served on and enforced against one
// person, by airlines and railways among others: its party block carries the full ID number.
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
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
  // 限高规定 第三条第二款: the organisation's
  // 法定代表人、主要负责人、影响债务履行的直接责任人员、实际 控制人, in the rule's own general
  // words; the legal representative or principal by name.
  std::string line;
  std::string named_kind;
  if (to.legal_rep) {
    named_kind = to.legal_rep->kind.empty() ? std::string("法定代表人") : to.legal_rep->kind;
    line = named_kind + to.legal_rep->name;
  }
  for (const char* who : {"法定代表人", "主要负责人", "影响债务履行的直接责任人员", "实际控制人"}) {
    if (who == named_kind) continue;
    line += (line.empty() ? "" : "、") + std::string(who);
  }
  to_ctx.set("representative_line", line);
  ctx.set("addressee", std::move(to_ctx));
  // 限高规定 第五条: the order states the period; without one, until the obligation is performed.
  if (m.period) {
    const std::string period = period_text(m.period, "");
    if (!period.empty()) ctx.set("period", period);
  }
  return {"consumption-ban", std::move(ctx), c.case_number.text()};
}

}  // namespace

KindSpec consumption_ban_kind() {
  return {DocumentKind::consumption_ban,
          {"consumption-ban"},
          {"addressee.name", "addressee.address", "addressee.you", "addressee.org",
           "addressee.paragraphs[]", "addressee.representative", "addressee.representative_line",
           "period"},
          &build};
}

}  // namespace zhixing::inline documents
