// The demo year's plan: every case's skeleton (filing, cause, claim, duration, whether and
// when it closes, its closure kind and recovered amount) as a pure function of (seed, case
// index) and a handful of calibration numbers, recomputed in index order on every pass so that
// memory stays constant for any number of cases. demo_generator.cpp describes the passes.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/date.h"
#include "demo/calendar.h"
#include "demo/case_tables.h"
#include "demo/demo_generator.h"
#include "demo/rng.h"
#include "demo/targets.h"

namespace zhixing::inline demo {

struct Skeleton {
  Date filed;
  int32_t limit_days = 0;  // filed + 6 months
  int32_t three_months = 0;
  int32_t remaining = 0;  // days left in the year after filing
  bool resumed = false;
  int cause = 0;
  bool alt_category = false;
  int64_t claim_fen = 0;
  int64_t claim_yuan = 0;  // as drawn, before the claim scale
  int claim_form = 0;      // 0 whole hundreds, 1 whole yuan, 2 with 角/分
  int claim_cents = 0;
  int script = -1;
  bool late = false;
  bool extension = false;
  bool stuck = false;
  bool closed = false;
  bool may_open = false;   // closed by its duration, may be kept open to meet the count
  bool may_close = false;  // open by its duration, may close in the year-end push instead
  uint32_t u_dur = 0;
  int32_t days = 0;
  bool tc_eligible = false;
  int frac_u = 0, frac_u2 = 0;
};

// Quantiles (in days) of the filing-to-closing time at scale 1.0, u = 0, 1/16, …, 1.
inline constexpr std::array<int64_t, 17> kDurationQuantiles = {
    2, 6, 11, 16, 22, 29, 36, 44, 53, 63, 74, 86, 99, 114, 131, 151, 176};
// Whether a case closes in the year is decided at this duration scale, so that the number
// closed does not move while the scale is calibrated.
inline constexpr int64_t kReferenceScale = 10000;

class Planner {
 public:
  explicit Planner(const DemoOptions& o) : opt_(o), cal_(o.year) {
    n_ = std::max<int64_t>(o.cases, 0);
    target_ = targets_for(n_);
    script_count_ =
        static_cast<int>(std::min<int64_t>(static_cast<int64_t>(kReliefScript.size()), n_ / 100));
    late_count_ = target_.late;
    late_start_ = n_ * 21 / 1000;
    late_stride_ = late_count_ > 0 ? std::max<int64_t>(1, (n_ * 350 / 1000) / late_count_) : 1;
  }

  const Calendar& calendar() const { return cal_; }
  int64_t n() const { return n_; }
  uint64_t seed() const { return opt_.seed; }
  int year() const { return opt_.year; }
  const Targets& target() const { return target_; }

  int script_at(int64_t i) const {
    if (script_count_ == 0) return -1;
    // slot j at n·(3 % + j·2.5 %): January to mid-May, old enough for 终本 and a panel.
    for (int j = 0; j < script_count_; ++j)
      if (i == n_ * (30 + 25 * j) / 1000) return j;
    return -1;
  }
  bool late_at(int64_t i) const {
    if (late_count_ == 0 || i < late_start_) return false;
    int64_t off = i - late_start_;
    return off % late_stride_ == late_stride_ / 2 && off / late_stride_ < late_count_;
  }

  // The case's own draws (stream 1): filing, cause, claim as drawn, duration at `scale`, and
  // whether its duration closes it in the year (before the count adjustment).
  Skeleton draft(int64_t i, int64_t scale) const;

  // The closing day of a closed case: within the year, on a working day.
  void settle(Skeleton& s) const;

  // The claim as drawn, times the claim scale (ppm), in the drawn form.
  static int64_t scaled_claim(const Skeleton& s, int64_t claim_ppm);

  // Every case's skeleton in index order, with the stateful adjustments applied the same way
  // in every pass: exactly `target().closed` cases closed (exact sampling among the cases that
  // may open or close), the claim scale, and the day tuning that makes Σ days exact.
  class Stream {
   public:
    Stream(const Planner& p, int64_t scale, int64_t claim_ppm, int64_t tune_days)
        : p_(p),
          scale_(scale),
          claim_ppm_(claim_ppm),
          open_left_(p.to_open_),
          open_pool_(p.may_open_),
          close_left_(p.to_close_),
          close_pool_(p.may_close_),
          tune_left_(tune_days) {}

    Skeleton next();

   private:
    // Moves the closing day to the next (or previous) working day when that does not cross
    // the 3-month or 6-month marks or the year's end and does not overshoot the days left.
    void tune(Skeleton& s);

    const Planner& p_;
    int64_t i_ = 0;
    int64_t scale_, claim_ppm_;
    int64_t open_left_, open_pool_, close_left_, close_pool_;
    int64_t tune_left_;
  };
  Stream stream(int64_t scale) const { return Stream(*this, scale, 1000000, 0); }
  Stream final_stream() const { return Stream(*this, scale_, claim_ppm_, tune_days_); }

  // The closure kind of each closed case, drawn in index order by exact sampling.
  class KindSampler {
   public:
    KindSampler() = default;
    KindSampler(int64_t tc, int64_t eligible, std::array<int64_t, kClosedKinds> rest)
        : tc_left_(tc), eligible_left_(eligible), rest_(rest) {}
    int draw(const Skeleton& s, Rng& r);

   private:
    int64_t tc_left_ = 0, eligible_left_ = 0;
    std::array<int64_t, kClosedKinds> rest_{};
  };

  // Fraction (per mille) of the claim recovered before α, by kind.
  static int base_fraction(int kind, const Skeleton& s);
  // α in ppm; the effective share is capped at 95 % so that a non-performed case keeps a debt.
  static int64_t scaled_recovery(int64_t claim_fen, int frac, int64_t alpha_ppm);

  // The recovered amount of case i (closed cases; open ones get theirs in the writer).
  int64_t recovered(int64_t i, const Skeleton& s, int kind) const;

  // Sets the calibration numbers (calibration.cpp): which cases close, the duration scale and
  // the day tuning, the closure kinds' quotas, the claim scale and α with its fix-up.
  void calibrate();

  int64_t alpha_ppm() const { return alpha_ppm_; }
  KindSampler sampler() const { return sampler_; }

 private:
  // Sums over the closed cases at the calibrated duration scale.
  struct ClosedSums {
    int64_t closed = 0, days = 0, claim_drawn = 0, claim_fixed = 0;
    std::array<int64_t, kClosedKinds> scripted{};
  };

  void choose_closing_cases();
  void calibrate_duration_scale();
  ClosedSums sum_closed_cases() const;
  void set_kind_quotas(const ClosedSums& sums);
  void calibrate_claim_scale(int64_t claim_drawn, int64_t claim_fixed);
  void calibrate_recovery();

  static int32_t scaled_days(uint64_t u_dur, int64_t scale, int32_t limit_days);
  static void draw_claim(const CauseSpec& c, Rng& r, Skeleton& s);

  DemoOptions opt_;
  Calendar cal_;
  int64_t n_ = 0;
  Targets target_;
  int script_count_ = 0;
  int64_t late_count_ = 0, late_start_ = 0, late_stride_ = 1;
  int64_t may_open_ = 0, may_close_ = 0, to_open_ = 0, to_close_ = 0;
  int64_t scale_ = 10000;
  int64_t tune_days_ = 0;
  int64_t claim_ppm_ = 1000000;
  int64_t alpha_ppm_ = 1000000;
  int64_t fixup_index_ = -1, fixup_fen_ = 0;
  KindSampler sampler_;
};

}  // namespace zhixing::inline demo
