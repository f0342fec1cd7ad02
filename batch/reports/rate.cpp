#include "reports/rate.h"

#include "core/invariant.h"

namespace zhixing::reports {

namespace {

__extension__ typedef __int128 i128;

// round_half_up(a × scale / b) for a ≥ 0, b > 0, in 128-bit so that sums of fen cannot overflow.
int64_t scaled_half_up(int64_t a, int64_t b, int64_t scale) {
  ZHIXING_INVARIANT(a >= 0 && b > 0, "a rate of a non-negative amount over a positive one");
  const i128 n = static_cast<i128>(a) * scale * 2 + b;
  return static_cast<int64_t>(n / (static_cast<i128>(b) * 2));
}

std::string two_decimals(int64_t x100) {
  std::string out = std::to_string(x100 / 100) + ".";
  const int64_t frac = x100 % 100;
  if (frac < 10) out += '0';
  return out + std::to_string(frac);
}

}  // namespace

int64_t Rate::percent_x100() const {
  if (denominator <= 0) return 0;
  return scaled_half_up(numerator, denominator, 10000);
}

std::string Rate::percent() const {
  if (denominator <= 0) return "—";
  return two_decimals(percent_x100()) + "%";
}

int64_t ratio_x100(int64_t a, int64_t b) { return b <= 0 ? 0 : scaled_half_up(a, b, 100); }

std::string ratio_2dp(int64_t a, int64_t b) {
  if (b <= 0) return "—";
  return two_decimals(ratio_x100(a, b));
}

std::string wan_yuan(int64_t fen) {
  // 0.01 万元 = 100 元 = 10,000 fen.
  const bool negative = fen < 0;
  const int64_t magnitude = negative ? -fen : fen;
  const int64_t x100 = magnitude / 10000 + (magnitude % 10000 >= 5000 ? 1 : 0);
  return (negative ? "-" : "") + two_decimals(x100);
}

}  // namespace zhixing::reports
