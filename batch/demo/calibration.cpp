// Planner::calibrate: the numbers that make the demo year meet its targets exactly, found in
// passes over the cases in index order (demo_generator.cpp lists the passes).
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "demo/planner.h"

namespace zhixing::inline demo {

void Planner::calibrate() {
  choose_closing_cases();
  calibrate_duration_scale();
  // 3. the days left to the exact Σ days (tuned on the closing days in index order), and
  //    the closure kinds' quotas.
  const ClosedSums sums = sum_closed_cases();
  tune_days_ = (sums.closed * kMeanDays_x100 + 50) / 100 - sums.days;
  set_kind_quotas(sums);
  calibrate_claim_scale(sums.claim_drawn, sums.claim_fixed);
  calibrate_recovery();
}

// 1. which cases close: their durations at the reference scale, then exact sampling to the
//    target count among the recent closed cases (kept open) or the open ones (closed in the
//    year-end push).
void Planner::choose_closing_cases() {
  int64_t natural = 0;
  may_open_ = may_close_ = 0;
  for (int64_t i = 0; i < n_; ++i) {
    Skeleton s = draft(i, kReferenceScale);
    natural += s.closed;
    may_open_ += s.may_open;
    may_close_ += s.may_close;
  }
  to_open_ = std::min(may_open_, std::max<int64_t>(0, natural - target_.closed));
  to_close_ = std::min(may_close_, std::max<int64_t>(0, target_.closed - natural));
}

// 2. duration scale: smallest with mean ≥ target, or its predecessor if closer.
void Planner::calibrate_duration_scale() {
  auto mean_gap = [&](int64_t scale, int64_t& closed) {
    int64_t days = 0;
    closed = 0;
    Stream st = stream(scale);
    for (int64_t i = 0; i < n_; ++i) {
      Skeleton s = st.next();
      if (s.closed) {
        ++closed;
        days += s.days;
      }
    }
    return days * 100 - kMeanDays_x100 * closed;  // ≥ 0 when the mean reaches the target
  };
  int64_t lo = 2000, hi = 40000, c = 0;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    if (mean_gap(mid, c) >= 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  int64_t c1 = 0, c0 = 0;
  int64_t g1 = mean_gap(lo, c1);
  int64_t g0 = lo > 2000 ? mean_gap(lo - 1, c0) : g1;
  scale_ = (c0 > 0 && c1 > 0 && -g0 * c1 < g1 * c0) ? lo - 1 : lo;
}

Planner::ClosedSums Planner::sum_closed_cases() const {
  ClosedSums sums;
  Stream st = stream(scale_);
  for (int64_t i = 0; i < n_; ++i) {
    Skeleton s = st.next();
    if (!s.closed) continue;
    ++sums.closed;
    sums.days += s.days;
    if (s.script >= 0) {
      ++sums.scripted[kReliefScript[s.script].closure];
      sums.claim_fixed += s.claim_fen;
    } else {
      sums.claim_drawn += s.claim_fen;
    }
  }
  return sums;
}

// The closure kinds' quotas: the target counts of performed and 终本 cases, the other kinds in
// fixed shares of the rest, less the scripted cases' kinds.
void Planner::set_kind_quotas(const ClosedSums& sums) {
  const int64_t closed = sums.closed;
  const std::array<int64_t, kClosedKinds>& scripted = sums.scripted;
  int64_t eligible = 0;
  {
    Stream st = final_stream();
    for (int64_t i = 0; i < n_; ++i) eligible += st.next().tc_eligible;
  }
  const bool on_target = closed == target_.closed;
  const int64_t want_perf =
      on_target ? target_.performed : (closed * kPerformedRate_bp + 5000) / 10000;
  const int64_t want_tc =
      on_target ? target_.zhongben : (closed * kTerminatedCurrentRate_bp + 5000) / 10000;
  const int64_t others = closed - want_perf - want_tc;
  std::array<int64_t, kClosedKinds> want{};
  want[performed] = want_perf;
  want[terminated_current] = want_tc;
  want[withdrawn] = others * 55 / 100;
  want[rejected] = others * 5 / 100;
  want[transferred] = others * 3 / 100;
  want[terminated] = others - want[withdrawn] - want[rejected] - want[transferred];
  std::array<int64_t, kClosedKinds> rest{};
  for (int k = 0; k < kClosedKinds; ++k) rest[k] = std::max<int64_t>(0, want[k] - scripted[k]);
  const int64_t tc_random = std::min(rest[terminated_current], eligible);
  rest[terminated_current] = 0;
  // The multivariate draw must cover exactly the closed random cases that are not 终本.
  int64_t random_closed = closed;
  for (int64_t v : scripted) random_closed -= v;
  int64_t need = random_closed - tc_random, have = 0;
  for (int64_t v : rest) have += v;
  rest[terminated] += need - have;
  if (rest[terminated] < 0) {  // tiny N only: take the excess from the largest quotas
    int64_t excess = -rest[terminated];
    rest[terminated] = 0;
    for (int k : {withdrawn, performed, rejected, transferred}) {
      int64_t t = std::min(excess, rest[k]);
      rest[k] -= t;
      excess -= t;
    }
  }
  sampler_ = KindSampler(tc_random, eligible, rest);
}

// 4. claim scale: Σ claim of the closed cases = R ÷ 57.08 %, by the secant on the scale
//    (claims are whole hundreds mostly, so the sum is a step function of the scale).
void Planner::calibrate_claim_scale(int64_t claim_drawn, int64_t claim_fixed) {
  claim_ppm_ = 1000000;
  int64_t claim_sum = claim_drawn + claim_fixed;
  for (int round = 0; round < 8 && claim_drawn > 0; ++round) {
    if (prints_as(target_.recovered_fen, claim_sum, kRecoveryRate_bp) &&
        std::llabs(claim_sum - target_.claim_fen) <= target_.claim_fen / 200000)
      break;
    claim_ppm_ = std::max<int64_t>(
        1, static_cast<int64_t>(
               static_cast<u128>(claim_ppm_) *
               static_cast<u128>(std::max<int64_t>(1, target_.claim_fen - claim_fixed)) /
               static_cast<u128>(claim_drawn)));
    claim_drawn = 0;
    Stream st = final_stream();
    for (int64_t i = 0; i < n_; ++i) {
      Skeleton s = st.next();
      if (s.closed && s.script < 0) claim_drawn += s.claim_fen;
    }
    claim_sum = claim_drawn + claim_fixed;
  }
}

// 5. α for the recovered amounts: the largest with Σ recovered ≤ R; the rest (less than one
//    step of α) goes to the first partly recovered case with room for it.
void Planner::calibrate_recovery() {
  std::vector<int64_t> bucket(1001, 0);  // Σ claim by base fraction (constant size)
  int64_t fixed = 0;
  {
    KindSampler ks = sampler_;
    Stream st = final_stream();
    for (int64_t i = 0; i < n_; ++i) {
      Skeleton s = st.next();
      if (!s.closed) continue;
      Rng kr = case_rng(opt_.seed, i, kKind);
      int kind = ks.draw(s, kr);
      if (s.script >= 0)
        fixed += kReliefScript[s.script].recovered_yuan * 100;
      else if (kind == performed)
        fixed += s.claim_fen;
      else
        bucket[static_cast<size_t>(base_fraction(kind, s))] += s.claim_fen;
    }
  }
  // Σ over the cases of floor(claim × f × α) differs from floor(Σ claim × f × α) per bucket;
  // the writer's per-case amounts are what count, so the fix-up is measured on them below.
  auto recovered_at = [&](int64_t alpha) {
    u128 sum = static_cast<u128>(fixed);
    for (int f = 1; f <= 1000; ++f)
      if (bucket[f] != 0) sum += static_cast<u128>(scaled_recovery(bucket[f], f, alpha));
    return sum;
  };
  const u128 target = static_cast<u128>(target_.recovered_fen);
  int64_t alo = 0, ahi = 20000000;
  while (alo < ahi) {  // largest α with recovered_at(α) ≤ target
    int64_t mid = (alo + ahi + 1) / 2;
    if (recovered_at(mid) <= target)
      alo = mid;
    else
      ahi = mid - 1;
  }
  alpha_ppm_ = alo;
  fixup_index_ = -1;
  fixup_fen_ = 0;
  {
    KindSampler ks = sampler_;
    Stream st = final_stream();
    int64_t sum = 0;
    for (int64_t i = 0; i < n_; ++i) {
      Skeleton s = st.next();
      if (!s.closed) continue;
      Rng kr = case_rng(opt_.seed, i, kKind);
      sum += recovered(i, s, ks.draw(s, kr));
    }
    const int64_t delta = target_.recovered_fen - sum;
    ks = sampler_;
    Stream again = final_stream();
    for (int64_t i = 0; i < n_ && delta != 0; ++i) {
      Skeleton s = again.next();
      if (!s.closed || s.script >= 0) continue;
      Rng kr = case_rng(opt_.seed, i, kKind);
      const int kind = ks.draw(s, kr);
      const int64_t v = recovered(i, s, kind);
      if (kind == performed || v <= 0 || v + delta <= 0 || (v + delta) * 100 > s.claim_fen * 95)
        continue;
      fixup_index_ = i;
      fixup_fen_ = delta;
      break;
    }
  }
}

}  // namespace zhixing::inline demo
