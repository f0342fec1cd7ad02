// 执行和解协议 (执行和解规定 arts. 1–5, 9, 18): a document of the parties, built
// from the case's settlement. Both sides' full identity (ID number or credit code, address,
// phone) and their agents' special authority; the debt; the instalment table; the default clause
// (grace_days); an optional guarantor who accepts direct enforcement; signature and date lines for
// every party. Dated by signed_on.
#include "core/money_in_words.h"
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

ContextValue signer(const Party& p, std::string_view side) {
  return ContextValue()
      .set("side", std::string(side))
      .set("name", p.name)
      .set_flag("org", !p.is_person());
}

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const CaseRecord& c = input.case_record;
  if (!c.settlement)
    throw DocumentError(DocumentErrorCode::not_applicable,
                        c.case_number.text() + ": the case has no settlement");
  const Settlement& s = *c.settlement;
  const PartyStyle style{.id_number = true, .phone = true, .agent_authority = true};
  ContextValue ctx = common_context(input, law, style);

  ContextValue applicants = ContextValue::list(), respondents = ContextValue::list();
  ContextValue signers = ContextValue::list();
  for (const auto& p : c.parties) {
    if (p.role == "applicant") {
      applicants.push(party_context(p, "甲方（申请执行人）", style));
      signers.push(signer(p, "甲方"));
    }
  }
  for (const auto& p : c.parties) {
    if (p.role == "respondent") {
      respondents.push(party_context(p, "乙方（被执行人）", style));
      signers.push(signer(p, "乙方"));
    }
  }
  ctx.set("applicants", std::move(applicants));
  ctx.set("respondents", std::move(respondents));
  if (s.guarantor) {
    const Party& g = party_or_fail(c, *s.guarantor, "settlement.guarantor");
    ctx.set("guarantor", party_context(g, "丙方（担保人）", style));
    signers.push(signer(g, "丙方"));
  }
  ctx.set("signers", std::move(signers));

  ctx.set("total", s.total.plain());
  ctx.set("total_words", money_in_words(s.total));
  ctx.set("grace_days", std::to_string(s.grace_days));
  if (s.place && !s.place->empty()) ctx.set("place", *s.place);
  ContextValue rows = ContextValue::list();
  for (std::size_t i = 0; i < s.installments.size(); ++i) {
    rows.push(ContextValue()
                  .set("number", std::to_string(i + 1))
                  .set("due_on", arabic_date(s.installments[i].due_on))
                  .set("amount", s.installments[i].amount.plain()));
  }
  ctx.set("installment_count", std::to_string(s.installments.size()));
  ctx.set("installments", std::move(rows));
  return {"settlement", std::move(ctx), c.case_number.text()};
}

}  // namespace

KindSpec settlement_kind() {
  return {DocumentKind::settlement,
          {"settlement"},
          {"guarantor.name", "guarantor.address", "guarantor.you", "guarantor.org",
           "guarantor.paragraphs[]", "signers[].side", "signers[].name", "signers[].org", "total",
           "total_words", "grace_days", "place", "installment_count", "installments[].number",
           "installments[].due_on", "installments[].amount"},
          &build};
}

}  // namespace zhixing::inline documents
