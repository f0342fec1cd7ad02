#include "demo/planner.h"

#include <algorithm>

namespace zhixing::inline demo {

// The case's own draws (stream 1): filing, cause, claim as drawn, duration at `scale`, and
// whether its duration closes it in the year (before the count adjustment).
Skeleton Planner::draft(int64_t i, int64_t scale) const {
  Skeleton s;
  Rng r = case_rng(opt_.seed, i, kSkeleton);
  const auto& wd = cal_.workdays();
  s.filed = wd[static_cast<size_t>(static_cast<int64_t>(wd.size()) * i / n_)];
  s.limit_days = s.filed.plus_months(6) - s.filed;
  s.three_months = s.filed.plus_months(3) - s.filed;
  const int32_t remaining = cal_.last() - s.filed;
  s.remaining = remaining;
  s.script = script_at(i);
  const bool resumed_draw = r.per_mille(kResumedPerMille);
  int64_t w = static_cast<int64_t>(r.below(total_cause_weight()));
  int cause = 0;
  while (w >= kCauses[cause].weight) w -= kCauses[cause++].weight;
  const auto& alt_u = r.below(1000);
  draw_claim(kCauses[cause], r, s);
  const uint64_t u_dur = r.below(1 << 16);
  const uint64_t u_ext = r.below(1000);
  const uint64_t u_stuck = r.below(1000);
  s.frac_u = static_cast<int>(r.below(1000));
  s.frac_u2 = static_cast<int>(r.below(1000));
  s.u_dur = static_cast<uint32_t>(u_dur);

  if (s.script >= 0) {
    const auto& sc = kReliefScript[s.script];
    s.cause = sc.cause;
    s.claim_yuan = 0;
    s.claim_fen = sc.claim_yuan * 100;
    s.days = sc.closure == performed ? 40 + static_cast<int32_t>(u_dur % 20)
                                     : s.three_months + 8 + static_cast<int32_t>(u_dur % 25);
    s.closed = true;
    return s;
  }
  s.resumed = resumed_draw;
  s.cause = cause;
  s.alt_category = alt_u < static_cast<uint64_t>(kCauses[cause].alt_permille);
  s.late = late_at(i);
  int32_t reference_days;
  if (s.late) {
    s.days = s.limit_days + 3 + static_cast<int32_t>(u_dur % 15);
    reference_days = s.days;
  } else if (u_ext < 5 && remaining > s.limit_days + 60) {
    s.extension = true;
    s.days = s.limit_days + 1 + static_cast<int32_t>(u_dur % 60);
    reference_days = s.days;
  } else {
    s.days = scaled_days(u_dur, scale, s.limit_days);
    reference_days = scaled_days(u_dur, kReferenceScale, s.limit_days);
  }
  s.stuck = !s.late && u_stuck < 12;
  // Year-end push (年底结案): most cases that would run past 31 December close in its
  // last weeks instead, as courts' year-end figures show.
  const bool push = reference_days > remaining && remaining >= 12 && u_ext >= 250;
  s.closed = !s.stuck && (reference_days <= remaining || push);
  s.may_open = s.closed && !s.late && !s.extension && remaining < 100;
  s.may_close = !s.closed && !s.stuck && remaining >= 12;
  return s;
}

// The closing day of a closed case: within the year, on a working day.
void Planner::settle(Skeleton& s) const {
  if (!s.closed) return;
  if (s.script < 0 && s.days > s.remaining) {
    const int32_t spread = std::max<int32_t>(1, std::min<int32_t>(s.remaining / 2, 25));
    s.days = s.remaining - static_cast<int32_t>(s.u_dur % static_cast<uint32_t>(spread));
  }
  if (s.days < 1) s.days = 1;
  // Closing happens on a working day: step back to one (never before filing + 1).
  Date c = s.filed.plus_days(s.days);
  while (!cal_.is_workday(c) && c.plus_days(-1) > s.filed) c = c.plus_days(-1);
  while (!cal_.is_workday(c) && c < cal_.last()) c = c.plus_days(1);
  s.days = c - s.filed;
  s.tc_eligible = s.script < 0 && s.days > s.three_months;
}

// The claim as drawn, times the claim scale (ppm), in the drawn form.
int64_t Planner::scaled_claim(const Skeleton& s, int64_t claim_ppm) {
  const int64_t yuan = std::max<int64_t>(
      100, static_cast<int64_t>(static_cast<u128>(s.claim_yuan) * claim_ppm / 1000000));
  if (s.claim_form == 0) return (yuan / 100) * 100 * 100;
  if (s.claim_form == 1) return yuan * 100;
  return yuan * 100 + s.claim_cents;
}

Skeleton Planner::Stream::next() {
  const int64_t i = i_++;
  Skeleton s = p_.draft(i, scale_);
  if (s.may_open || s.may_close) {
    Rng r = case_rng(p_.seed(), i, kCount);
    int64_t& left = s.may_open ? open_left_ : close_left_;
    int64_t& pool = s.may_open ? open_pool_ : close_pool_;
    const bool pick = pool > 0 && static_cast<int64_t>(r.below(static_cast<uint64_t>(pool))) < left;
    --pool;
    if (pick) {
      --left;
      s.closed = !s.closed;
    }
  }
  p_.settle(s);
  if (s.script < 0) s.claim_fen = scaled_claim(s, claim_ppm_);
  if (tune_left_ != 0 && s.closed && s.script < 0 && !s.late && !s.extension) tune(s);
  return s;
}

// Moves the closing day to the next (or previous) working day when that does not cross
// the 3-month or 6-month marks or the year's end and does not overshoot the days left.
void Planner::Stream::tune(Skeleton& s) {
  const int step = tune_left_ > 0 ? 1 : -1;
  const Calendar& cal = p_.calendar();
  Date c = s.filed.plus_days(s.days);
  do c = c.plus_days(step);
  while (!cal.is_workday(c));
  const int32_t days = c - s.filed;
  const int32_t shift = days - s.days;
  if (shift * step > tune_left_ * step || days < 1 || c > cal.last() || days > s.limit_days ||
      (days > s.three_months) != (s.days > s.three_months))
    return;
  s.days = days;
  tune_left_ -= shift;
}

int Planner::KindSampler::draw(const Skeleton& s, Rng& r) {
  if (s.script >= 0) return kReliefScript[s.script].closure;
  if (s.tc_eligible) {
    bool pick = eligible_left_ > 0 &&
                static_cast<int64_t>(r.below(static_cast<uint64_t>(eligible_left_))) < tc_left_;
    --eligible_left_;
    if (pick) {
      --tc_left_;
      return terminated_current;
    }
  } else {
    r.next();  // same number of draws either way
  }
  int64_t total = 0;
  for (int64_t c : rest_) total += c;
  if (total <= 0) return withdrawn;  // only when a tiny N leaves nothing to draw
  int64_t x = static_cast<int64_t>(r.below(static_cast<uint64_t>(total)));
  for (int k = 0; k < kClosedKinds; ++k) {
    if (x < rest_[k]) {
      --rest_[k];
      return k;
    }
    x -= rest_[k];
  }
  return withdrawn;
}

// Fraction (per mille) of the claim recovered before α, by kind.
int Planner::base_fraction(int kind, const Skeleton& s) {
  switch (kind) {
    case terminated_current:
      return s.frac_u < 500 ? 0 : 20 + s.frac_u2 * 280 / 1000;
    case terminated:
      return s.frac_u < 400 ? 0 : 100 + s.frac_u2 * 500 / 1000;
    case withdrawn:
      return s.frac_u < 250 ? 0 : 200 + s.frac_u2 * 600 / 1000;
    default:
      return 0;
  }
}

// α in ppm; the effective share is capped at 95 % so that a non-performed case keeps a debt.
int64_t Planner::scaled_recovery(int64_t claim_fen, int frac, int64_t alpha_ppm) {
  u128 eff = static_cast<u128>(frac) * static_cast<u128>(alpha_ppm);  // parts per 1e9
  if (eff > 950000000) eff = 950000000;
  return static_cast<int64_t>(static_cast<u128>(claim_fen) * eff / 1000000000);
}

// The recovered amount of case i (closed cases; open ones get theirs in the writer).
int64_t Planner::recovered(int64_t i, const Skeleton& s, int kind) const {
  int64_t v;
  if (s.script >= 0)
    v = kReliefScript[s.script].recovered_yuan * 100;
  else if (kind == performed)
    v = s.claim_fen;
  else
    v = scaled_recovery(s.claim_fen, base_fraction(kind, s), alpha_ppm_);
  if (i == fixup_index_) v += fixup_fen_;
  return v;
}

int32_t Planner::scaled_days(uint64_t u_dur, int64_t scale, int32_t limit_days) {
  const uint64_t seg = u_dur >> 12, t = u_dur & 4095;
  const int64_t base =
      kDurationQuantiles[seg] * 4096 +
      (kDurationQuantiles[seg + 1] - kDurationQuantiles[seg]) * static_cast<int64_t>(t);
  int32_t days = static_cast<int32_t>(base * scale / (4096LL * 10000));
  if (days > limit_days) days = limit_days - static_cast<int32_t>(u_dur % 15);
  return std::max<int32_t>(days, 1);
}

void Planner::draw_claim(const CauseSpec& c, Rng& r, Skeleton& s) {
  int64_t base = c.claim_lo_yuan << r.below(static_cast<uint64_t>(c.doublings));
  s.claim_yuan = base + static_cast<int64_t>(r.below(static_cast<uint64_t>(base)));
  uint64_t form = r.below(10);
  s.claim_form = form < 7 ? 0 : form < 9 ? 1 : 2;
  if (s.claim_form == 2) s.claim_cents = static_cast<int>(r.below(100));
}

}  // namespace zhixing::inline demo
