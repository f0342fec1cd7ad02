// The whole numbers the demo year is built to: the court's published 2024 figures as case
// counts, days and amounts that reproduce them to the last printed digit (targets.cpp derives
// them), scaled to any number of cases.
#pragma once

#include <cstdint>

namespace zhixing::inline demo {

inline constexpr int64_t kPublishedCases = 2083;
inline constexpr int64_t kPublishedClosed = 1914;  // chosen in targets.cpp
inline constexpr int64_t kPublishedRecovered_fen = 26325940000;
inline constexpr int64_t kPerformedRate_bp = 4363;  // basis points of closed cases
inline constexpr int64_t kTerminatedCurrentRate_bp = 935;
inline constexpr int64_t kWithinLimitRate_bp = 9995;
inline constexpr int64_t kRecoveryRate_bp = 5708;
inline constexpr int64_t kMeanDays_x100 = 6976;
inline constexpr int kResumedPerMille = 40;

struct Targets {
  int64_t closed = 0, performed = 0, zhongben = 0, late = 0;
  int64_t days_sum = 0;
  int64_t recovered_fen = 0, claim_fen = 0;
};

// Whether a / b prints as the rate bp (basis points) in the annual report.
bool prints_as(int64_t a, int64_t b, int64_t bp);

// The targets for a data set of n cases.
Targets targets_for(int64_t n);

}  // namespace zhixing::inline demo
