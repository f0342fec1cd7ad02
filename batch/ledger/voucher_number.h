// 发放凭证 numbers: one per grant, assigned by the ledger in posting order per court and year.
// Format: <court code>-<year>-JZ-<serial, 4 digits>, e.g. 冀0633-2024-JZ-0001 (JZ: 救助).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zhixing::ledger {

inline constexpr int kMaxVoucherSerial = 9999;  // four digits per court and year

// serial in [1, kMaxVoucherSerial].
std::string format_voucher_number(std::string_view court_code, int year, int serial);

struct VoucherNumber {
  std::string court_code;
  int year = 0;
  int serial = 0;
};
std::optional<VoucherNumber> parse_voucher_number(std::string_view text);

}  // namespace zhixing::ledger
