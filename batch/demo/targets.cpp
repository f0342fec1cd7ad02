#include "demo/targets.h"

#include "demo/rng.h"
#include "reports/rate.h"

namespace zhixing::inline demo {

// The court's published figures, and the whole numbers of cases that reproduce them exactly as
// the annual report prints them (reports/annual_figures.h, reports/rate.h: rates over the cases
// closed in the year, two decimals rounded half-up).
//
// Derivation for the demo year (N = 2,083 cases, none carried over). A rate printed as r from
// a / C holds iff r − 0.005 % ≤ a / C < r + 0.005 %. With C closed cases:
//   执行完毕率 43.63 %: performed P with 0.43625·C ≤ P < 0.43635·C;
//   终本率 9.35 %:      终本 T with 0.09345·C ≤ T < 0.09355·C;
//   法定期限内结案率 99.95 %: late L = C − W with 0.00045·C < L ≤ 0.00055·C, so L = 1 needs
//                       1,819 ≤ C ≤ 2,222 (L = 2 would need C ≥ 3,637 > 2,083).
// The first two windows are 0.0001·C ≈ 0.19 cases wide, so for most C one of them holds no
// whole number: the old demo's C = 1,905 gives 831 / 1905 = 43.62 % and 832 / 1905 = 43.67 %.
// Every C in 1,819…2,083 with all three (P, T; L = 1):
//   1829 (798, 171), 1861 (812, 174), 1893 (826, 177), 1914 (835, 179), 1946 (849, 182),
//   1978 (863, 185), 2001 (873, 187), 2010 (877, 188), 2033 (887, 190), 2042 (891, 191),
//   2065 (901, 193).
// The demo closes C = 1,914 (the nearest to the ~1,905 its durations close by themselves):
//   835 / 1914 = 43.626 % → 43.63 %; 179 / 1914 = 9.352 % → 9.35 %;
//   1913 / 1914 = 99.948 % → 99.95 %.
// 平均结案用时 69.76: Σ days ∈ [69.755 × 1914, 69.765 × 1914) = [133,511.07, 133,530.21); the
//   demo closes its cases on days that sum to round(69.76 × 1914) = 133,521 (69.7602 days).
// 执行到位金额 26,325.94 万元 (printed to ¥100): the demo recovers exactly R = ¥263,259,400.00
//   over its closed cases. 执行到位率 57.08 % then needs the closed cases' Σ claim K with
//   0.57075 ≤ R / K < 0.57085, i.e. ¥461,170,885.53 ≤ K ≤ ¥461,251,686.37; the demo aims at
//   R ÷ 0.5708 = ¥461,211,282.41.
// Another N scales C (C ≈ N × 1914 / 2083, the nearest C that has all three counts, else the
// plain roundings), R (R = ¥263,259,400 × N / 2083) and K alike.

bool prints_as(int64_t a, int64_t b, int64_t bp) {
  return reports::Rate{a, b}.percent_x100() == bp;
}

namespace {

// A count a ≤ b with a / b printed as bp (the nearest), or -1 when there is none.
int64_t count_printing_as(int64_t b, int64_t bp) {
  const int64_t a = (b * bp + 5000) / 10000;
  for (int64_t x : {a, a - 1, a + 1})
    if (x >= 0 && x <= b && prints_as(x, b, bp)) return x;
  return -1;
}

}  // namespace

Targets targets_for(int64_t n) {
  Targets t;
  const int64_t c0 = (n * kPublishedClosed + kPublishedCases / 2) / kPublishedCases;
  bool exact = false;
  for (int64_t d = 0; d <= 256 && !exact; ++d) {
    for (int64_t c : {c0 + d, c0 - d}) {
      if (c < 1 || c > n) continue;
      const int64_t p = count_printing_as(c, kPerformedRate_bp);
      const int64_t z = count_printing_as(c, kTerminatedCurrentRate_bp);
      const int64_t w = count_printing_as(c, kWithinLimitRate_bp);
      if (p < 0 || z < 0 || w < 0) continue;
      t.closed = c;
      t.performed = p;
      t.zhongben = z;
      t.late = c - w;
      exact = true;
      break;
    }
  }
  if (!exact) {  // small N: the nearest whole numbers
    t.closed = c0;
    t.performed = (c0 * kPerformedRate_bp + 5000) / 10000;
    t.zhongben = (c0 * kTerminatedCurrentRate_bp + 5000) / 10000;
    t.late = (c0 * (10000 - kWithinLimitRate_bp) + 5000) / 10000;
  }
  t.days_sum = (t.closed * kMeanDays_x100 + 50) / 100;
  t.recovered_fen = static_cast<int64_t>(static_cast<u128>(kPublishedRecovered_fen) *
                                         static_cast<u128>(n) / kPublishedCases);
  t.claim_fen = static_cast<int64_t>(
      (static_cast<u128>(t.recovered_fen) * 10000 + kRecoveryRate_bp / 2) / kRecoveryRate_bp);
  return t;
}

}  // namespace zhixing::inline demo
