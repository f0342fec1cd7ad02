#include "ledger/bank_confirmation.h"

#include <optional>

#include "core/input_text.h"
#include "ledger/voucher_number.h"
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

namespace {

// Bounds of one line and its fields (bytes of UTF-8).
constexpr size_t kMaxLineBytes = 1024;
constexpr size_t kMaxVoucherBytes = 64;
constexpr size_t kMaxReferenceBytes = 200;

struct ReadLine {
  ConfirmationLine line;  // outcome invalid when it cannot be read
  std::optional<PaymentRequest> request;
};

// Checks one data line; an unreadable one comes back `invalid` naming the field.
ReadLine read_line(int line_no, const std::string& text) {
  ReadLine out;
  ConfirmationLine& l = out.line;
  l.line_no = line_no;
  auto invalid = [&](const std::string& field, const std::string& message) {
    l.outcome = ConfirmationOutcome::invalid;
    l.field = field;
    l.message = message;
    return out;
  };
  if (auto fault = check_input_text(text, kMaxLineBytes))
    return invalid("", "本行" + fault->message + "（" + fault->code + "）");
  std::vector<std::string> f = split_csv(text);
  for (auto& x : f) x = trim(x);
  if (f.size() != 4) return invalid("", "应有 4 列，实有 " + std::to_string(f.size()) + " 列");
  l.voucher_number = f[0];
  if (l.voucher_number.empty()) return invalid("voucher_number", "凭证号为空");
  if (l.voucher_number.size() > kMaxVoucherBytes || !parse_voucher_number(l.voucher_number)) {
    l.voucher_number = sanitize_for_log(l.voucher_number, kMaxVoucherBytes);
    return invalid("voucher_number", "凭证号格式应为 <法院>-<年度>-JZ-<四位序号>");
  }
  auto paid_on = Date::parse_iso(f[1]);
  if (!paid_on) return invalid("paid_on", "日期应为 YYYY-MM-DD：" + sanitize_for_log(f[1], 40));
  auto amount = Money::parse_yuan(f[2]);
  if (!amount || amount->fen() <= 0)
    return invalid("amount", "金额格式不正确：" + sanitize_for_log(f[2], 40));
  if (f[3].empty()) return invalid("bank_reference", "银行流水号为空");
  if (auto fault = check_input_text(f[3], kMaxReferenceBytes))
    return invalid("bank_reference", "银行流水号" + fault->message + "（" + fault->code + "）");
  l.amount_fen = amount->fen();
  out.request = PaymentRequest{l.voucher_number, *paid_on, *amount, f[3]};
  return out;
}

}  // namespace

ConfirmationReport apply_bank_confirmations(Ledger& ledger, soci::session& sql,
                                            const std::string& content,
                                            const std::string& confirmed_by) {
  // 1. Read every line; nothing is written unless every line can be read.
  std::vector<ReadLine> read;
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
    if (!header_seen) {
      std::vector<std::string> f = split_csv(text);
      for (auto& x : f) x = trim(x);
      if (f != std::vector<std::string>{"voucher_number", "paid_on", "amount", "bank_reference"})
        throw std::runtime_error(
            "银行确认文件的第一行应为 voucher_number,paid_on,amount,bank_reference");
      header_seen = true;
      continue;
    }
    read.push_back(read_line(line_no, text));
  }
  if (!header_seen) throw std::runtime_error("银行确认文件为空（缺少表头）");

  ConfirmationReport report;
  for (const ReadLine& r : read)
    if (!r.request) ++report.invalid;
  if (report.invalid > 0) {
    for (const ReadLine& r : read) {
      ConfirmationLine l = r.line;
      if (r.request) {
        l.outcome = ConfirmationOutcome::not_applied;
        l.message = "未登记：文件中有无法读取的行";
        ++report.not_applied;
      }
      report.lines.push_back(l);
    }
    return report;
  }

  // 2. Apply line by line: mismatched and unknown lines do not stop the others.
  for (const ReadLine& r : read) {
    ConfirmationLine l = r.line;
    const PaymentRequest& q = *r.request;
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
