// libFuzzer target: a bank confirmation file (CSV) through read_bank_confirmation_file, the part
// of `ledger confirm`, the nightly's apply-confirmations step and the finance page's upload that
// reads the bytes before anything touches the ledger. Beyond the sanitizers it asserts:
//  - the reader throws nothing but std::runtime_error (not a bank confirmation file at all);
//  - every text it hands on (voucher number, bank reference, the message of an invalid line) is
//    valid UTF-8 without NUL or other control characters: they reach the hash chain and the
//    database, which must store exactly what was hashed;
//  - a readable line has a voucher number, a bank reference and a positive amount, and lines
//    come in file order.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/input_text.h"
#include "ledger/bank_confirmation_file.h"

namespace {

[[noreturn]] void violated(const char* what, std::string_view text) {
  std::fprintf(stderr, "invariant violated: %s: \"%s\"\n", what,
               zhixing::sanitize_for_log(text).c_str());
  std::abort();
}

void storable(const char* what, std::string_view text) {
  if (!zhixing::is_valid_utf8(text) || zhixing::has_control_character(text)) violated(what, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<zhixing::ledger::ConfirmationFileLine> lines;
  try {
    lines = zhixing::ledger::read_bank_confirmation_file(content);
  } catch (const std::runtime_error& e) {
    storable("file error", e.what());
    return 0;
  }
  int previous = 1;  // the header
  for (const auto& l : lines) {
    if (l.line_no <= previous) violated("lines out of order", std::to_string(l.line_no));
    previous = l.line_no;
    storable("voucher_number", l.voucher_number);
    if (l.invalid) {
      storable("invalid_field", l.invalid_field);
      storable("invalid_message", l.invalid_message);
      if (l.invalid_message.empty()) violated("invalid line without a message", l.voucher_number);
      continue;
    }
    storable("bank_reference", l.bank_reference);
    if (l.voucher_number.empty()) violated("readable line without a voucher number", "");
    if (l.bank_reference.empty()) violated("readable line without a bank reference", "");
    if (l.amount.fen() <= 0) violated("readable line without a positive amount", l.amount.plain());
  }
  return 0;
}
