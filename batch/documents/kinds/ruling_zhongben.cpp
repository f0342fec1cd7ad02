// 执行裁定书 终结本次执行程序 (终本规定 art. 6; 民诉法解释 第五百一十七条): the
// claim, the steps taken (every measure up to the closure, in order), the amount realised and
// unpaid on its date, the applicant's position where the record shows it (written consent, or
// closure.applicant_informed_on), 本院认为, resuming enforcement (不受申请执行时效期间的限制) and
// the objection. Refused with precondition_failed unless the record shows the conditions of
// 终本规定 第一条 (preconditions.h). Signed by the collegial panel (审判长 + 审判员) unless
// the applicant consented in writing, then by the enforcer. Party blocks with full ID numbers.
#include <algorithm>

#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"
#include "documents/kinds/preconditions.h"

namespace zhixing::inline documents {
namespace {

std::string step_text(const CaseRecord& c, const Measure& m) {
  const Party* p = c.party(m.against);
  const std::string who = p ? "被执行人" + p->name : std::string("被执行人");
  const std::string target = m.target.value_or("");
  const std::string amount = m.amount ? m.amount->plain() + "元" : "";
  if (m.kind == "notice") return "向" + who + "发出执行通知书";
  if (m.kind == "property_report_order") return "向" + who + "发出报告财产令";
  if (m.kind == "inquiry") {
    std::string s = m.note && *m.note == "现场调查"
                        ? "对" + who + "的财产进行现场调查"
                        : "通过网络执行查控系统查询" + who + "名下的存款、车辆、不动产、证券等财产";
    if (m.result == "none") s += "，未发现可供执行的财产";
    if (m.result == "found") s += "，发现财产线索";
    return s;
  }
  if (m.kind == "freeze") return "冻结" + who + "在" + target + "的存款" + amount;
  if (m.kind == "deduct") return "划拨" + who + "在" + target + "的存款" + amount;
  if (m.kind == "seal") return "查封" + (target.empty() ? who + "的财产" : target);
  if (m.kind == "seize") return "扣押" + (target.empty() ? who + "的财产" : target);
  if (m.kind == "auction") return "拍卖" + (target.empty() ? who + "的财产" : target);
  if (m.kind == "consumption_ban") return "对" + who + "采取限制消费措施";
  if (m.kind == "dishonest_list") return "将" + who + "纳入失信被执行人名单";
  if (m.kind == "fine") return "对" + who + "罚款" + amount;
  if (m.kind == "detention") return "对" + who + "司法拘留" + period_text(m.period, "");
  if (m.kind == "summons") return "拘传" + who;
  return "对" + who + "采取执行措施";
}

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const CaseRecord& c = input.case_record;
  if (!c.closure || c.closure->kind != "terminated_current")
    throw DocumentError(DocumentErrorCode::not_applicable,
                        c.case_number.text() + ": the case has no terminated_current closure");
  const bool consents = c.closure->applicant_consents;
  if (!consents && (!c.officers.presiding || c.officers.judges.empty()))
    throw DocumentError(
        DocumentErrorCode::render_failed,
        c.case_number.text() + ": a panel ruling needs officers.presiding and officers.judges");
  check_preconditions(DocumentKind::ruling_zhongben, c);
  ContextValue ctx = common_context(input, law, PartyStyle{});
  ctx.set_flag("consents", consents);
  ctx.set_flag("panel", !consents);
  ContextValue steps = ContextValue::list();
  std::vector<const Measure*> taken;
  for (const auto& m : c.measures)
    if (m.on <= c.closure->on) taken.push_back(&m);
  std::stable_sort(taken.begin(), taken.end(),
                   [](const Measure* a, const Measure* b) { return a->on < b->on; });
  for (std::size_t i = 0; i < taken.size(); ++i) {
    steps.push(ContextValue()
                   .set("date", arabic_date(taken[i]->on))
                   .set("text", step_text(c, *taken[i]))
                   .set_flag("last", i + 1 == taken.size()));
  }
  ctx.set_flag("has_steps", !taken.empty());
  ctx.set("steps", std::move(steps));
  // That the applicant was told and heard, only where the record shows it (never assumed).
  if (c.closure->applicant_informed_on)
    ctx.set("applicant_informed_on", arabic_date(*c.closure->applicant_informed_on));
  return {"ruling-zhongben", std::move(ctx), ruling_number(input).value()};
}

}  // namespace

KindSpec ruling_zhongben_kind() {
  return {DocumentKind::ruling_zhongben,
          {"ruling-zhongben"},
          {"consents", "panel", "has_steps", "steps[].date", "steps[].text", "steps[].last",
           "applicant_informed_on"},
          &build};
}

}  // namespace zhixing::inline documents
