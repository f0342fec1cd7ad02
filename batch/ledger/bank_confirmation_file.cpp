#include "ledger/bank_confirmation_file.h"

#include <stdexcept>

#include "core/input_text.h"

namespace zhixing::ledger {

namespace {

// Bound: a confirmation file of one court's relief payments has at most this many lines.
constexpr size_t kMaxLines = 100000;
// Bound on one field (a voucher number is 19 characters, a bank's reference rarely 40 bytes).
constexpr size_t kMaxFieldBytes = 200;
constexpr const char* kColumns[] = {"voucher_number", "paid_on", "amount", "bank_reference"};

std::vector<std::string> split_csv(std::string_view line) {
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

std::vector<ConfirmationFileLine> read_bank_confirmation_file(std::string_view content) {
  std::vector<ConfirmationFileLine> lines;
  size_t pos = 0;
  int line_no = 0;
  bool header_seen = false;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a UTF-8 BOM from a spreadsheet
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string text = trim(std::string(content.substr(pos, end - pos)));
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
    ConfirmationFileLine& l = lines.emplace_back();
    l.line_no = line_no;
    auto invalid = [&](std::string field, std::string message) {
      l.invalid = true;
      l.invalid_field = std::move(field);
      l.invalid_message = std::move(message);
    };
    if (f.size() != 4) {
      invalid("", "应有 4 列，实有 " + std::to_string(f.size()) + " 列");
      continue;
    }
    // Every field is text that reaches the hash chain, the database or a message: valid UTF-8,
    // no NUL or other control character, bounded (a NUL in a reference was once hashed whole and
    // stored cut short, which broke the ledger's verification for good).
    bool readable = true;
    for (size_t i = 0; i < 4 && readable; ++i)
      if (auto fault = check_input_text(f[i], kMaxFieldBytes)) {
        invalid(kColumns[i], fault->message);
        readable = false;
      }
    if (!readable) continue;
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
    l.paid_on = *paid_on;
    l.amount = *amount;
    l.bank_reference = f[3];
  }
  if (!header_seen) throw std::runtime_error("银行确认文件为空（缺少表头）");
  return lines;
}

}  // namespace zhixing::ledger
