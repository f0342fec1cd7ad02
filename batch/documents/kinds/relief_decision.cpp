// 国家司法救助决定书 (人民法院国家司法救助文书样式（试行）, 2019): from a ReliefDecisionRecord. A
// grant (templates/relief-decision.mustache) states the amount as 50000元（大写：人民币伍万元整）
// and cites 法发〔2016〕16号 第三条第（六）项 by the record's basis item; no relief
// (templates/relief-rejection.mustache) has the negative operative part. Signed by the panel
// (the first member presides), with the clerk. The findings state the applicant's hardship as
// the relief application shows it, and how the amount was set (the outstanding loss, the cap). The
// applicant's block omits the ID number: the decision is not an enforcement document; the voucher
// carries it for the payment.
#include "core/money_in_words.h"
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

const ReliefDecisionRecord& decision_of(const RenderInput& input) {
  const auto& c = input.case_record;
  if (!input.relief || !input.event.relief_index ||
      *input.event.relief_index >= input.relief->decisions.size())
    throw DocumentError(DocumentErrorCode::not_applicable,
                        c.case_number.text() + ": no relief decision record for this event");
  return input.relief->decisions[*input.event.relief_index];
}

// The applicant's hardship as the record's relief application shows it (低保, household income
// per head, medical expenses); empty when it shows none.
std::string hardship_text(const CaseRecord& c) {
  if (!c.relief) return "";
  const ReliefApplication& r = *c.relief;
  std::vector<std::string> parts;
  if (r.has_dibao && *r.has_dibao) parts.push_back("救助申请人家庭享受最低生活保障");
  if (r.household_size && *r.household_size > 0 && r.household_monthly_income) {
    const Money per_head = Money::from_fen(r.household_monthly_income->fen() / *r.household_size);
    parts.push_back("家庭共" + std::to_string(*r.household_size) + "人，月收入" +
                    r.household_monthly_income->plain() + "元，人均月收入" + per_head.plain() +
                    "元");
  }
  if (r.medical_expenses && r.medical_expenses->fen() > 0)
    parts.push_back("需负担医疗费用" + r.medical_expenses->plain() + "元");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "；" : "") + parts[i];
  return out.empty() ? out : out + "。";
}

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const CaseRecord& c = input.case_record;
  const ReliefDecisionRecord& d = decision_of(input);
  const std::string number = d.relief_case_number.text();
  if (d.members.empty())
    throw DocumentError(DocumentErrorCode::render_failed, number + ": the panel has no members");
  if (d.granted && !d.amount)
    throw DocumentError(DocumentErrorCode::render_failed, number + ": a grant without an amount");
  const Party& applicant = party_or_fail(c, d.applicant, "the relief decision");

  ContextValue ctx = common_context(input, law, PartyStyle{.id_number = false});
  ctx.set("original_case_number", c.case_number.text());
  ctx.set("case_number", number);
  ContextValue who = party_context(applicant, "救助申请人", PartyStyle{.id_number = false});
  ctx.set("applicant", std::move(who));
  ctx.set("applied_on", arabic_date(d.applied_on));
  ctx.set_flag("granted", d.granted);
  if (d.amount) {
    ctx.set("amount", d.amount->plain());
    ctx.set("amount_words", money_in_words(*d.amount));
  }
  ctx.set("basis_item", d.basis_item);
  if (!d.findings.empty()) ctx.set("findings", d.findings);
  if (!d.reasons.empty()) ctx.set("reasons", d.reasons);
  // Facts as of decided_on: a closure after the decision is not stated.
  const bool closed = c.closure && c.closure->on <= input.event.date;
  ctx.set_flag("zhongben", closed && c.closure->kind == "terminated_current");
  if (closed) ctx.set("closed_on", arabic_date(c.closure->on));
  ctx.set("presiding", d.members.front());
  ctx.set("members", ContextValue::text_list({d.members.begin() + 1, d.members.end()}));
  if (!d.clerk.empty()) ctx.set("clerk", d.clerk);
  if (const std::string h = hardship_text(c); !h.empty()) ctx.set("hardship", h);
  if (d.outstanding_loss) ctx.set("outstanding_loss", d.outstanding_loss->plain());
  if (d.cap) ctx.set("cap", d.cap->plain());
  return {d.granted ? "relief-decision" : "relief-rejection", std::move(ctx), number};
}

}  // namespace

KindSpec relief_decision_kind() {
  return {DocumentKind::relief_decision,
          {"relief-decision", "relief-rejection"},
          {"original_case_number",
           "applicant.name",
           "applicant.address",
           "applicant.you",
           "applicant.org",
           "applicant.paragraphs[]",
           "applied_on",
           "granted",
           "amount",
           "amount_words",
           "basis_item",
           "findings",
           "reasons",
           "zhongben",
           "closed_on",
           "presiding",
           "members[]",
           "clerk",
           "hardship",
           "outstanding_loss",
           "cap"},
          &build};
}

}  // namespace zhixing::inline documents
