#include "ledger/bank_confirmation.h"

#include "store/ledger_store.h"

namespace zhixing::ledger {

namespace {

// Bound: a confirmation file of one court's relief payments has at most this many lines.
constexpr size_t kMaxLines = 100000;

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

}  // namespace

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
  size_t pos = 0;
  int line_no = 0;
  bool header_seen = false;
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // a UTF-8 BOM from a spreadsheet
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    std::string text = trim(content.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (static_cast<size_t>(line_no) > kMaxLines)
      throw std::runtime_error("银行确认文件超过 " + std::to_string(kMaxLines) + " 行");
    if (text.empty()) continue;
    std::vector<std::string> f = split_csv(text);
    for (auto& x : f) x = trim(x);
    if (!header_seen) {
      if (f != std::vector<std::string>{"voucher_number", "paid_on", "amount", "bank_reference"})
        throw std::runtime_error(
            "银行确认文件的第一行应为 voucher_number,paid_on,amount,bank_reference");
      header_seen = true;
      continue;
    }
    ConfirmationLine l;
    l.line_no = line_no;
    auto invalid = [&](const std::string& field, const std::string& message) {
      l.outcome = ConfirmationOutcome::invalid;
      l.field = field;
      l.message = message;
      report.lines.push_back(l);
      ++report.invalid;
    };
    if (f.size() != 4) {
      invalid("", "应有 4 列，实有 " + std::to_string(f.size()) + " 列");
      continue;
    }
    l.voucher_number = f[0];
    auto paid_on = Date::parse_iso(f[1]);
    auto amount = Money::parse_yuan(f[2]);
    if (l.voucher_number.empty()) {
      invalid("voucher_number", "凭证号为空");
      continue;
    }
    if (!paid_on) {
      invalid("paid_on", "日期应为 YYYY-MM-DD：" + f[1]);
      continue;
    }
    if (!amount || amount->fen() <= 0) {
      invalid("amount", "金额格式不正确：" + f[2]);
      continue;
    }
    if (f[3].empty()) {
      invalid("bank_reference", "银行流水号为空");
      continue;
    }
    l.amount_fen = amount->fen();

    // A voucher confirmed before: the same data is a no-op, other data an error naming it.
    LedgerStore store(sql);
    if (auto c = store.find_confirmation(l.voucher_number)) {
      std::string field = c->paid_on != paid_on->iso()     ? "paid_on"
                          : c->amount_fen != amount->fen() ? "amount"
                          : c->bank_reference != f[3]      ? "bank_reference"
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
    PaymentRequest q{l.voucher_number, *paid_on, *amount, f[3]};
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
          l.message = "银行流水号 " + f[3] + " 已用于另一笔支付（" + r.field + " 不同）";
        if (l.message.empty()) l.message = r.code();
        ++report.mismatched;
    }
    report.lines.push_back(l);
  }
  if (!header_seen) throw std::runtime_error("银行确认文件为空（缺少表头）");
  return report;
}

}  // namespace zhixing::ledger
