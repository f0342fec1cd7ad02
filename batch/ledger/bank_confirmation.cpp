#include "ledger/bank_confirmation.h"

#include "ledger/bank_confirmation_file.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

std::string_view outcome_name(ConfirmationOutcome o) {
  switch (o) {
    case ConfirmationOutcome::matched:
      return "matched";
    case ConfirmationOutcome::already_confirmed:
      return "already_confirmed";
    case ConfirmationOutcome::mismatched:
      return "mismatched";
    case ConfirmationOutcome::unknown:
      return "unknown";
    case ConfirmationOutcome::invalid:
      return "invalid";
  }
  return "";
}

std::string format_confirmation_line(const ConfirmationLine& l) {
  std::string out =
      "line " + std::to_string(l.line_no) + ": " + std::string(outcome_name(l.outcome));
  if (!l.voucher_number.empty()) out += " " + l.voucher_number;
  if (!l.field.empty()) out += " " + l.field;
  if (!l.message.empty()) out += ": " + l.message;
  return out;
}

std::string bank_confirmation_csv_for_unpaid(const std::vector<PostedGrant>& grants, Date paid_on,
                                             const std::string& reference_prefix) {
  std::string out = "voucher_number,paid_on,amount,bank_reference\n";
  for (const auto& g : grants) {
    if (g.paid || g.reversed) continue;
    out += g.voucher_number + "," + paid_on.iso() + "," + g.amount.decimal() + "," +
           reference_prefix + g.voucher_number + "\n";
  }
  return out;
}

ConfirmationReport apply_bank_confirmations(Ledger& ledger, soci::session& sql,
                                            const std::string& content,
                                            const std::string& confirmed_by) {
  ConfirmationReport report;
  for (const ConfirmationFileLine& in : read_bank_confirmation_file(content)) {
    ConfirmationLine l;
    l.line_no = in.line_no;
    l.voucher_number = in.voucher_number;
    if (in.invalid) {
      l.outcome = ConfirmationOutcome::invalid;
      l.field = in.invalid_field;
      l.message = in.invalid_message;
      report.lines.push_back(l);
      ++report.invalid;
      continue;
    }
    const Date paid_on = in.paid_on;
    const Money amount = in.amount;
    l.amount_fen = amount.fen();

    // A voucher confirmed before: the same data is a no-op, other data an error naming it.
    LedgerStore store(sql);
    if (auto c = store.find_confirmation(l.voucher_number)) {
      std::string field = c->paid_on != paid_on.iso()              ? "paid_on"
                          : c->amount_fen != amount.fen()          ? "amount"
                          : c->bank_reference != in.bank_reference ? "bank_reference"
                                                                   : "";
      if (field.empty()) {
        l.outcome = ConfirmationOutcome::already_confirmed;
        l.message = "此前已确认";
        ++report.already_confirmed;
      } else {
        l.outcome = ConfirmationOutcome::mismatched;
        l.field = field;
        l.message = "凭证 " + l.voucher_number + " 此前已确认，但 " + field + " 不同";
        ++report.mismatched;
      }
      report.lines.push_back(l);
      continue;
    }
    PaymentRequest q{l.voucher_number, paid_on, amount, in.bank_reference};
    PostResult r = ledger.post_payment(q, confirmed_by);
    l.message = r.message;
    switch (r.status) {
      case PostStatus::created:
        l.outcome = ConfirmationOutcome::matched;
        ++report.matched;
        break;
      case PostStatus::exists:
        l.outcome = ConfirmationOutcome::already_confirmed;
        ++report.already_confirmed;
        break;
      case PostStatus::not_found:
        l.outcome = ConfirmationOutcome::unknown;
        l.message = "凭证号不存在";
        ++report.unknown;
        break;
      default:
        l.outcome = ConfirmationOutcome::mismatched;
        l.field = r.status == PostStatus::exists_with_different ? "bank_reference" : r.field;
        if (r.status == PostStatus::exists_with_different)
          l.message =
              "银行流水号 " + in.bank_reference + " 已用于另一笔支付（" + r.field + " 不同）";
        if (l.message.empty()) l.message = r.code();
        ++report.mismatched;
    }
    report.lines.push_back(l);
  }
  return report;
}

}  // namespace zhixing::ledger
