// Money as integer fen (1 yuan = 100 fen). Never a double.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(int64_t fen) { return Money(fen); }
  static constexpr Money from_yuan(int64_t yuan) { return Money(yuan * 100); }

  // The interchange format's money string (case-record.md): ^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$
  // parsed exactly; anything else (sign, exponent, separators, 3 decimals, overflow) is nullopt.
  static std::optional<Money> parse_yuan(std::string_view text);

  constexpr int64_t fen() const { return fen_; }

  // "50000", "1200.50", "0.05": the form used in rulings and notices (documents.md) and in
  // the interchange format: no separators, decimals only when there are 角/分.
  std::string plain() const;
  // "305000.00": always two decimals (CSV reports).
  std::string decimal() const;
  // "¥50,000.00": vouchers and finance reports (money.md §2).
  std::string figures() const;

  constexpr Money operator+(Money o) const { return Money(fen_ + o.fen_); }
  constexpr Money operator-(Money o) const { return Money(fen_ - o.fen_); }
  Money& operator+=(Money o) { fen_ += o.fen_; return *this; }
  Money& operator-=(Money o) { fen_ -= o.fen_; return *this; }
  auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

}  // namespace zhixing
