// Money as integer fen (1 yuan = 100 fen). Never a double. Arithmetic is checked: an overflow
// of int64 is an error (std::overflow_error from the operators, nullopt from checked_*), never
// a wrap.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing::inline core {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(int64_t fen) { return Money(fen); }
  static constexpr Money from_yuan(int64_t yuan) { return Money(yuan * 100); }

  // The largest amount any money field may hold: 999,999,999,999.99 yuan (just under 1 万亿).
  static constexpr int64_t kMaxFen = 99'999'999'999'999;

  // The interchange format's money string (case-record.md): ^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$
  // parsed exactly; anything else (sign, exponent, separators, 3 decimals, above kMaxFen) is
  // nullopt.
  static std::optional<Money> parse_yuan(std::string_view text);
  // The same string shape, but more than kMaxFen: the caller can say "too large".
  static bool is_over_limit(std::string_view text);

  static std::optional<Money> checked_add(Money a, Money b);
  static std::optional<Money> checked_sub(Money a, Money b);
  static std::optional<Money> checked_mul(Money a, int64_t factor);

  constexpr int64_t fen() const { return fen_; }

  // "50000", "1200.50", "0.05": the form used in rulings and notices and in
  // the interchange format: no separators, decimals only when there are 角/分.
  std::string plain() const;
  // "305000.00": always two decimals (CSV reports).
  std::string decimal() const;
  // "¥50,000.00": vouchers and finance reports (¥ and always two decimals, 支付结算办法).
  std::string figures() const;

  // Throw std::overflow_error instead of wrapping.
  Money operator+(Money o) const;
  Money operator-(Money o) const;
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

// Checked arithmetic on raw fen, for sums kept as int64 (report figures, balances): throws
// std::overflow_error instead of wrapping.
int64_t add_fen(int64_t a, int64_t b);
int64_t sub_fen(int64_t a, int64_t b);
int64_t mul_fen(int64_t fen, int64_t factor);

}  // namespace zhixing::inline core
