#include "ledger/voucher_number.h"

#include <cstdio>

#include "core/invariant.h"

namespace zhixing::ledger {

std::string format_voucher_number(std::string_view court_code, int year, int serial) {
  ZHIXING_INVARIANT(serial >= 1 && serial <= kMaxVoucherSerial, "a voucher serial in range");
  ZHIXING_INVARIANT(year >= 1000 && year <= 9999, "a four-digit voucher year");
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%04d-JZ-%04d", year, serial);
  return std::string(court_code) + tail;
}

std::optional<VoucherNumber> parse_voucher_number(std::string_view text) {
  // ...-YYYY-JZ-NNNN: the fixed tail is 13 bytes.
  constexpr size_t kTail = 13;
  if (text.size() <= kTail) return std::nullopt;
  std::string_view court = text.substr(0, text.size() - kTail);
  std::string_view tail = text.substr(text.size() - kTail);
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return !s.empty();
  };
  if (tail[0] != '-' || tail.substr(5, 4) != "-JZ-" || !digits(tail.substr(1, 4)) ||
      !digits(tail.substr(9, 4)))
    return std::nullopt;
  VoucherNumber v;
  v.court_code = std::string(court);
  v.year = std::stoi(std::string(tail.substr(1, 4)));
  v.serial = std::stoi(std::string(tail.substr(9, 4)));
  if (v.serial < 1) return std::nullopt;
  return v;
}

}  // namespace zhixing::ledger
