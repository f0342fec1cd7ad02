#include "ledger/bank_confirmation_file.h"

#include <stdexcept>

#include "core/input_text.h"
#include "ledger/voucher_number.h"

namespace zhixing::ledger {

namespace {

// Bounds: a confirmation file of one court's relief payments has at most this many lines; one
// line and its fields at most these many bytes of UTF-8.
constexpr size_t kMaxLines = 100000;
constexpr size_t kMaxLineBytes = 1024;
constexpr size_t kMaxVoucherBytes = 64;
constexpr size_t kMaxReferenceBytes = 200;

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

// Checks one data line. Every text a line hands on reaches the hash chain, the database or a
// message: valid UTF-8, no NUL or other control character, bounded (a NUL in a reference was once
// hashed whole and stored cut short, which broke the ledger's verification for good).
ConfirmationFileLine read_line(int line_no, const std::string& text) {
  ConfirmationFileLine l;
  l.line_no = line_no;
  auto invalid = [&](std::string field, std::string message) {
    l.invalid = true;
    l.invalid_field = std::move(field);
    l.invalid_message = std::move(message);
    return l;
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
  l.paid_on = *paid_on;
  l.amount = *amount;
  l.bank_reference = f[3];
  return l;
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
    if (!header_seen) {
      std::vector<std::string> f = split_csv(text);
      for (auto& x : f) x = trim(x);
      if (f != std::vector<std::string>{"voucher_number", "paid_on", "amount", "bank_reference"})
        throw std::runtime_error(
            "银行确认文件的第一行应为 voucher_number,paid_on,amount,bank_reference");
      header_seen = true;
      continue;
    }
    lines.push_back(read_line(line_no, text));
  }
  if (!header_seen) throw std::runtime_error("银行确认文件为空（缺少表头）");
  return lines;
}

}  // namespace zhixing::ledger
