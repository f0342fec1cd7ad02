// 司法救助金发放凭证 (after the 救助金发放表 of the 2019 relief document templates): from a
// ReliefGrantRecord posted in the ledger. Amount in figures ¥50,000.00 beside the 大写, payee with
// the full ID number, bank and full account number (the payment needs them), the decision number,
// the 释明 statement, and signature lines for the payee, the disbursing officer and finance.
#include "core/money_in_words.h"
#include "documents/kinds/kind_context.h"
#include "documents/kinds/kind_spec.h"

namespace zhixing::inline documents {
namespace {

BuiltContext build(const RenderInput& input, const LawArticles& law) {
  const CaseRecord& c = input.case_record;
  if (!input.relief || !input.event.relief_index ||
      *input.event.relief_index >= input.relief->grants.size())
    throw DocumentError(DocumentErrorCode::not_applicable,
                        c.case_number.text() + ": no relief grant record for this event");
  const ReliefGrantRecord& g = input.relief->grants[*input.event.relief_index];
  const Party& payee = party_or_fail(c, g.payee, "the relief grant");
  const std::optional<BankAccount> account = g.account ? g.account : payee.bank_account;
  if (!account)
    throw DocumentError(DocumentErrorCode::render_failed,
                        "voucher " + g.voucher_number + ": the payee has no bank account");

  ContextValue ctx = common_context(input, law, PartyStyle{});
  ctx.set("original_case_number", c.case_number.text());
  ctx.set("case_number", g.decision_number.text());
  ctx.set("voucher_number", g.voucher_number);
  ctx.set("payee", ContextValue()
                       .set("name", payee.name)
                       .set("id_number", payee.id_number)
                       .set("address", payee.address));
  ctx.set("bank", account->bank);
  ctx.set("account", account->account);
  ctx.set("amount_figures", g.amount.figures());
  ctx.set("amount_words", money_in_words(g.amount));
  ctx.set("method", g.method);
  ctx.set("decided_on", arabic_date(g.decided_on));
  if (!g.disbursing_officer.empty()) ctx.set("disbursing_officer", g.disbursing_officer);
  if (!g.finance_reviewer.empty()) ctx.set("finance_reviewer", g.finance_reviewer);
  return {"relief-voucher", std::move(ctx), g.decision_number.text()};
}

}  // namespace

KindSpec relief_voucher_kind() {
  return {DocumentKind::relief_voucher,
          {"relief-voucher"},
          {"original_case_number", "voucher_number", "payee.name", "payee.id_number",
           "payee.address", "bank", "account", "amount_figures", "amount_words", "method",
           "decided_on", "disbursing_officer", "finance_reviewer"},
          &build};
}

}  // namespace zhixing::inline documents
