// A reported rate with its numerator, denominator and scope (a rate is never reported without
// them), and the number formats of the reports:
// percentages and means with two decimals rounded half-up, money in 万元 with two decimals.
#pragma once

#include <cstdint>
#include <string>

namespace zhixing::reports {

struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;

  bool defined() const { return denominator > 0; }
  // numerator / denominator in hundredths of a percent, rounded half-up (4363 = 43.63 %);
  // 0 when the denominator is 0.
  int64_t percent_x100() const;
  // "43.63%", or "—" when the denominator is 0 (an empty year has no rate).
  std::string percent() const;

  bool operator==(const Rate&) const = default;
};

// a / b with two decimals, rounded half-up: "69.76"; "—" when b is 0. a, b ≥ 0.
std::string ratio_2dp(int64_t a, int64_t b);
// a / b in hundredths, rounded half-up (6976 for 69.76); 0 when b is 0.
int64_t ratio_x100(int64_t a, int64_t b);

// fen as 万元 with two decimals, rounded half-up: 26325940000 fen -> "26325.94".
std::string wan_yuan(int64_t fen);

}  // namespace zhixing::reports
