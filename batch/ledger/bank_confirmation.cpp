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
    case ConfirmationOutcome::not_applied:
      return "not_applied";
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

std::string format_confirmation_totals(const ConfirmationReport& r) {
  std::string out = "银行确认：匹配并登记支付 " + std::to_string(r.matched) + " 笔，此前已确认 " +
                    std::to_string(r.already_confirmed) + " 笔，不符 " +
                    std::to_string(r.mismatched) + " 笔，凭证号未知 " + std::to_string(r.unknown) +
                    " 笔，无法读取 " + std::to_string(r.invalid) + " 行";
  if (!r.applied())
    out += "；文件中有无法读取的行，本文件未登记任何一行（" + std::to_string(r.not_applied) +
           " 行未处理），请更正后重新上传";
  return out;
}

ConfirmationReport apply_bank_confirmations(Ledger& ledger, soci::session& sql,
                                            const std::string& content,
                                            const std::string& confirmed_by) {
  // 1. Read every line; nothing is written unless every line can be read.
  const std::vector<ConfirmationFileLine> read = read_bank_confirmation_file(content);
  auto line_of = [](const ConfirmationFileLine& in) {
    ConfirmationLine l;
    l.line_no = in.line_no;
    l.voucher_number = in.voucher_number;
    if (in.invalid) {
      l.outcome = ConfirmationOutcome::invalid;
      l.field = in.invalid_field;
      l.message = in.invalid_message;
    } else {
      l.amount_fen = in.amount.fen();
    }
    return l;
  };

  ConfirmationReport report;
  for (const ConfirmationFileLine& in : read)
    if (in.invalid) ++report.invalid;
  if (report.invalid > 0) {
    for (const ConfirmationFileLine& in : read) {
      ConfirmationLine l = line_of(in);
      if (!in.invalid) {
        l.outcome = ConfirmationOutcome::not_applied;
        l.message = "未登记：文件中有无法读取的行";
        ++report.not_applied;
      }
      report.lines.push_back(l);
    }
    return report;
  }

  // 2. Apply line by line: mismatched and unknown lines do not stop the others.
  for (const ConfirmationFileLine& in : read) {
    ConfirmationLine l = line_of(in);
    const PaymentRequest q{in.voucher_number, in.paid_on, in.amount, in.bank_reference};
    // A voucher confirmed before: the same data is a no-op, other data an error naming it.
    LedgerStore store(sql);
    if (auto c = store.find_confirmation(l.voucher_number)) {
      std::string field = c->paid_on != q.paid_on.iso()           ? "paid_on"
                          : c->amount_fen != q.amount.fen()       ? "amount"
                          : c->bank_reference != q.bank_reference ? "bank_reference"
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
    PostResult p = ledger.post_payment(q, confirmed_by);
    l.message = p.message;
    switch (p.status) {
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
        l.field = p.status == PostStatus::exists_with_different ? "bank_reference" : p.field;
        if (p.status == PostStatus::exists_with_different)
          l.message =
              "银行流水号 " + q.bank_reference + " 已用于另一笔支付（" + p.field + " 不同）";
        if (l.message.empty()) l.message = p.code();
        ++report.mismatched;
    }
    report.lines.push_back(l);
  }
  return report;
}

}  // namespace zhixing::ledger
