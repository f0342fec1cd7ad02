#include "demo/demo_generator.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/credit_code.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/invariant.h"
#include "demo/demo_names.h"
#include "reports/rate.h"

// How the data set is built, in passes over the case indices 0..N-1 (filing order). Every
// fact of case i is a function of (seed, i), of a handful of global calibration numbers and of
// a few counters that every pass runs the same way in index order (exact sampling), so the
// calibration passes and the writing pass recompute the same case instead of storing it:
// memory stays constant for any N. The targets are whole numbers (targets_for below: closed,
// performed, 终本 and late counts, Σ days, Σ recovered, Σ claim) that reproduce the published
// figures to the last printed digit.
//   1. draft(i): filing date, cause, claim as drawn, duration (stream 1 of case i); whether it
//      closes in the year is decided at a fixed reference scale, then exactly `closed` cases
//      close (Knuth's Algorithm S, stream 4: recent closed cases stay open, or open cases
//      close in the year-end push);
//   2. the duration scale is bisected until the mean days over closed cases is nearest 69.76,
//      and the remaining days are tuned in index order (a closing day moved to the next or
//      previous working day) until Σ days is exact;
//   3. closure kinds: exact sampling without replacement (Algorithm S and its multivariate
//      form, stream 2): 终本 among the closed cases older than 3 months, the other kinds among
//      the rest, with the target counts;
//   4. a claim scale (ppm, secant) so that Σ claim over closed cases is R ÷ 57.08 %;
//   5. recovered amounts: a per-case fraction scaled by α, α bisected over a 1001-bucket
//      histogram to the largest with Σ recovered ≤ R; the last fen go to one case.
// Then the writing pass adds the details (names, parties, measures, receipts; stream 3).
// Integer arithmetic only (no libm), so the output is the same on every platform.

namespace zhixing {
namespace {

using namespace demo_names;

__extension__ typedef unsigned __int128 u128;

// ---------------------------------------------------------------- PRNG (splitmix64)

uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (Lemire's multiply-shift; bias below 2^-40 for our n).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool per_mille(int p) { return below(1000) < static_cast<uint64_t>(p); }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  uint64_t state_;
};

enum Stream : uint64_t { kSkeleton = 1, kKind = 2, kDetail = 3, kCount = 4 };
Rng case_rng(uint64_t seed, int64_t i, Stream s) {
  return Rng(mix64(seed ^ mix64(static_cast<uint64_t>(i) * 8 + s)));
}

// ---------------------------------------------------------------- calendar

int weekday(Date d) {
  return static_cast<int>(((d.days_since_epoch() % 7) + 7 + 3) % 7);
}  // 0 = Monday

// Working days of the year: Monday–Friday, and for 2024 the State Council's holiday
// arrangement (国办发明电〔2023〕7号): days off and the weekend days worked instead.
class Calendar {
 public:
  explicit Calendar(int year) {
    first_ = *Date::from_ymd(year, 1, 1);
    last_ = *Date::from_ymd(year, 12, 31);
    work_.assign(static_cast<size_t>(last_ - first_ + 1), 0);
    for (Date d = first_; d <= last_; d = d.plus_days(1)) work_[idx(d)] = weekday(d) < 5;
    if (year == 2024) {
      auto set = [&](int m, int d0, int d1, bool w) {
        for (int d = d0; d <= d1; ++d) work_[idx(*Date::from_ymd(year, m, d))] = w;
      };
      set(1, 1, 1, false);
      set(2, 10, 17, false);
      set(4, 4, 6, false);
      set(5, 1, 5, false);
      set(6, 10, 10, false);
      set(9, 15, 17, false);
      set(10, 1, 7, false);
      set(2, 4, 4, true);
      set(2, 18, 18, true);
      set(4, 7, 7, true);
      set(4, 28, 28, true);
      set(5, 11, 11, true);
      set(9, 14, 14, true);
      set(9, 29, 29, true);
      set(10, 12, 12, true);
    }
    for (Date d = first_; d <= last_; d = d.plus_days(1))
      if (work_[idx(d)]) days_.push_back(d);
  }
  const std::vector<Date>& workdays() const { return days_; }
  Date first() const { return first_; }
  Date last() const { return last_; }
  bool is_workday(Date d) const {
    if (d < first_ || d > last_) return weekday(d) < 5;
    return work_[idx(d)] != 0;
  }

 private:
  size_t idx(Date d) const { return static_cast<size_t>(d - first_); }
  Date first_, last_;
  std::vector<uint8_t> work_;
  std::vector<Date> days_;
};

// ---------------------------------------------------------------- causes

enum class Side { person, company, bank };

struct CauseSpec {
  std::string_view cause;
  std::string_view category;      // "" = none
  std::string_view alt_category;  // used for alt_permille of the cases ("" = none)
  int alt_permille;
  int weight;
  int64_t claim_lo_yuan;  // claims are log-uniform-ish in [lo, lo·2^doublings)
  int doublings;
  int applicant_org_permille;
  bool bank_applicant;
  int respondent_org_permille;
  int applicant_age_min, applicant_age_max, applicant_male_permille;
  int max_respondents;
  std::string_view ground;  // relief ground
};

// Weights are per mille of new cases; claim ranges make the mean claim about ¥220k with the
// heavy tail in loans, sales and construction (the court recovered ¥263m on ~2,000 cases).
constexpr std::array<CauseSpec, 19> kCauses = {{
    {"民间借贷纠纷", "", "", 0, 280, 12000, 7, 80, false, 70, 28, 70, 620, 2, "other"},
    {"买卖合同纠纷", "", "", 0, 160, 11000, 7, 600, false, 500, 28, 65, 700, 2, "other"},
    {"劳务合同纠纷", "migrant_wages", "", 0, 55, 3000, 5, 0, false, 450, 22, 60, 850, 1, "other"},
    {"追索劳动报酬纠纷", "migrant_wages", "labor_remuneration", 400, 35, 5000, 4, 0, false, 800, 22,
     58, 800, 1, "other"},
    {"赡养费纠纷", "elderly_support", "", 0, 25, 2000, 4, 0, false, 0, 65, 88, 420, 3, "support"},
    {"抚养费纠纷", "child_support", "", 0, 35, 5000, 4, 0, false, 0, 3, 16, 500, 1, "support"},
    {"扶养费纠纷", "spousal_support", "", 0, 8, 5000, 3, 0, false, 0, 45, 78, 300, 1, "support"},
    {"离婚纠纷", "", "child_support", 400, 40, 10000, 5, 0, false, 0, 25, 55, 350, 1, "support"},
    {"机动车交通事故责任纠纷", "traffic_accident", "", 0, 90, 20000, 5, 0, false, 150, 18, 80, 600,
     2, "tort_injury"},
    {"提供劳务者受害责任纠纷", "personal_injury", "", 0, 30, 20000, 4, 0, false, 200, 30, 65, 850,
     1, "tort_injury"},
    {"生命权、身体权、健康权纠纷", "personal_injury", "", 0, 20, 10000, 5, 0, false, 50, 20, 75,
     550, 1, "tort_injury"},
    {"金融借款合同纠纷", "financial_loan", "", 0, 25, 100000, 5, 1000, true, 300, 0, 0, 0, 3,
     "other"},
    {"信用卡纠纷", "financial_loan", "", 0, 15, 10000, 4, 1000, true, 0, 0, 0, 0, 1, "other"},
    {"建设工程施工合同纠纷", "enterprise", "", 0, 40, 50000, 6, 800, false, 900, 35, 60, 900, 1,
     "other"},
    {"租赁合同纠纷", "", "", 0, 30, 10000, 5, 400, false, 300, 30, 65, 600, 1, "other"},
    {"承揽合同纠纷", "", "", 0, 20, 10000, 5, 500, false, 500, 30, 65, 700, 1, "other"},
    {"服务合同纠纷", "", "", 0, 15, 5000, 5, 700, false, 500, 30, 65, 600, 1, "other"},
    {"房屋买卖合同纠纷", "", "", 0, 20, 50000, 4, 100, false, 200, 28, 65, 550, 1, "other"},
    {"不当得利纠纷", "", "", 0, 10, 5000, 5, 200, false, 200, 28, 65, 600, 1, "other"},
}};

constexpr int cause_index(std::string_view name) {
  for (size_t i = 0; i < kCauses.size(); ++i)
    if (kCauses[i].cause == name) return static_cast<int>(i);
  return -1;
}

constexpr int total_cause_weight() {
  int w = 0;
  for (const auto& c : kCauses) w += c.weight;
  return w;
}

// ---------------------------------------------------------------- closure kinds

enum Kind : int {
  performed,
  terminated_current,
  terminated,
  withdrawn,
  rejected,
  transferred,
  kClosedKinds
};
constexpr std::array<std::string_view, kClosedKinds> kKindNames = {
    "performed", "terminated_current", "terminated", "withdrawn", "rejected", "transferred"};

// ---------------------------------------------------------------- relief script

enum class Panel { none, granted, denied };

struct ReliefScript {
  int cause;
  Kind closure;
  int64_t claim_yuan, recovered_yuan, prior_compensation_yuan, medical_yuan;
  int household_size;
  int64_t income_yuan;
  bool dibao;
  std::string_view flag;
  Panel panel;
  int64_t grant_yuan;
};

// The court's 2024 relief: 5 applicants, ¥305,000 (court-2024.md). Each grant is ≤ 36 × ¥7,000
// and ≤ claim − recovered − prior_compensation; then the cases the rules exclude.
constexpr std::array<ReliefScript, 15> kReliefScript = {{
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 236400, 12000, 30000, 42000, 4,
     1200, true, "", Panel::granted, 80000},
    {cause_index("提供劳务者受害责任纠纷"), terminated, 168000, 0, 0, 26500, 4, 900, false, "",
     Panel::granted, 65000},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 132500, 5000, 0, 18000, 3, 800,
     true, "", Panel::granted, 60000},
    {cause_index("劳务合同纠纷"), terminated_current, 58600, 3000, 0, 0, 3, 1500, false, "",
     Panel::granted, 50000},
    {cause_index("赡养费纠纷"), terminated_current, 72000, 0, 0, 9800, 1, 400, true, "",
     Panel::granted, 50000},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 98000, 0, 0, 12000, 3, 1000, true,
     "major_fault", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 36500, 0, 0, 0, 4, 1300, false,
     "refused_cooperation", Panel::denied, 0},
    {cause_index("生命权、身体权、健康权纠纷"), terminated, 86000, 2000, 0, 15000, 2, 900, true,
     "false_statement", Panel::denied, 0},
    {cause_index("机动车交通事故责任纠纷"), terminated_current, 124000, 0, 0, 8000, 3, 1100, false,
     "waived_claim", Panel::denied, 0},
    {cause_index("抚养费纠纷"), terminated_current, 54000, 0, 0, 0, 2, 1200, true,
     "hardship_unrelated", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 42800, 0, 20000, 0, 3, 1400, false,
     "aided_elsewhere", Panel::denied, 0},
    {cause_index("机动车交通事故责任纠纷"), performed, 64000, 64000, 0, 0, 3, 1600, false, "",
     Panel::denied, 0},
    {cause_index("提供劳务者受害责任纠纷"), terminated_current, 145000, 0, 0, 6000, 3, 18000, false,
     "", Panel::denied, 0},
    {cause_index("劳务合同纠纷"), terminated_current, 46200, 0, 0, 0, 2, 1000, true, "",
     Panel::none, 0},
    {cause_index("抚养费纠纷"), terminated, 61000, 0, 0, 0, 2, 700, true, "", Panel::none, 0},
}};
static_assert(kReliefScript[0].cause >= 0 && kReliefScript[7].cause >= 0);

// ---------------------------------------------------------------- targets (court-2024.md)

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
constexpr int64_t kPublishedCases = 2083;
constexpr int64_t kPublishedClosed = 1914;  // chosen above
constexpr int64_t kPublishedRecovered_fen = 26325940000;
constexpr int64_t kPerformedRate_bp = 4363;  // basis points of closed cases
constexpr int64_t kTerminatedCurrentRate_bp = 935;
constexpr int64_t kWithinLimitRate_bp = 9995;
constexpr int64_t kRecoveryRate_bp = 5708;
constexpr int64_t kMeanDays_x100 = 6976;
constexpr int kResumedPerMille = 40;

struct Targets {
  int64_t closed = 0, performed = 0, zhongben = 0, late = 0;
  int64_t days_sum = 0;
  int64_t recovered_fen = 0, claim_fen = 0;
};

bool prints_as(int64_t a, int64_t b, int64_t bp) {
  return reports::Rate{a, b}.percent_x100() == bp;
}

// A count a ≤ b with a / b printed as bp (the nearest), or -1 when there is none.
int64_t count_printing_as(int64_t b, int64_t bp) {
  const int64_t a = (b * bp + 5000) / 10000;
  for (int64_t x : {a, a - 1, a + 1})
    if (x >= 0 && x <= b && prints_as(x, b, bp)) return x;
  return -1;
}

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

// ---------------------------------------------------------------- skeleton

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
constexpr std::array<int64_t, 17> kDurationQuantiles = {2,  6,  11, 16, 22,  29,  36,  44, 53,
                                                        63, 74, 86, 99, 114, 131, 151, 176};
// Whether a case closes in the year is decided at this duration scale, so that the number
// closed does not move while the scale is calibrated.
constexpr int64_t kReferenceScale = 10000;

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
  Skeleton draft(int64_t i, int64_t scale) const {
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
  void settle(Skeleton& s) const {
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
  static int64_t scaled_claim(const Skeleton& s, int64_t claim_ppm) {
    const int64_t yuan = std::max<int64_t>(
        100, static_cast<int64_t>(static_cast<u128>(s.claim_yuan) * claim_ppm / 1000000));
    if (s.claim_form == 0) return (yuan / 100) * 100 * 100;
    if (s.claim_form == 1) return yuan * 100;
    return yuan * 100 + s.claim_cents;
  }

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

    Skeleton next() {
      const int64_t i = i_++;
      Skeleton s = p_.draft(i, scale_);
      if (s.may_open || s.may_close) {
        Rng r = case_rng(p_.seed(), i, kCount);
        int64_t& left = s.may_open ? open_left_ : close_left_;
        int64_t& pool = s.may_open ? open_pool_ : close_pool_;
        const bool pick =
            pool > 0 && static_cast<int64_t>(r.below(static_cast<uint64_t>(pool))) < left;
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

   private:
    // Moves the closing day to the next (or previous) working day when that does not cross
    // the 3-month or 6-month marks or the year's end and does not overshoot the days left.
    void tune(Skeleton& s) {
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
    int draw(const Skeleton& s, Rng& r) {
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

   private:
    int64_t tc_left_ = 0, eligible_left_ = 0;
    std::array<int64_t, kClosedKinds> rest_{};
  };

  // Fraction (per mille) of the claim recovered before α, by kind.
  static int base_fraction(int kind, const Skeleton& s) {
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
  static int64_t scaled_recovery(int64_t claim_fen, int frac, int64_t alpha_ppm) {
    u128 eff = static_cast<u128>(frac) * static_cast<u128>(alpha_ppm);  // parts per 1e9
    if (eff > 950000000) eff = 950000000;
    return static_cast<int64_t>(static_cast<u128>(claim_fen) * eff / 1000000000);
  }

  // The recovered amount of case i (closed cases; open ones get theirs in the writer).
  int64_t recovered(int64_t i, const Skeleton& s, int kind) const {
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

  void calibrate() {
    // 1. which cases close: their durations at the reference scale, then exact sampling to
    //    the target count among the recent closed cases (kept open) or the open ones (closed
    //    in the year-end push).
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

    // 2. duration scale: smallest with mean ≥ target, or its predecessor if closer.
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

    // 3. the days left to the exact Σ days (tuned on the closing days in index order), and
    //    the closure kinds' quotas.
    int64_t closed = 0, eligible = 0, days = 0, claim_drawn = 0, claim_fixed = 0;
    std::array<int64_t, kClosedKinds> scripted{};
    {
      Stream st = stream(scale_);
      for (int64_t i = 0; i < n_; ++i) {
        Skeleton s = st.next();
        if (!s.closed) continue;
        ++closed;
        days += s.days;
        if (s.script >= 0) {
          ++scripted[kReliefScript[s.script].closure];
          claim_fixed += s.claim_fen;
        } else {
          claim_drawn += s.claim_fen;
        }
      }
    }
    tune_days_ = (closed * kMeanDays_x100 + 50) / 100 - days;
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

    // 4. claim scale: Σ claim of the closed cases = R ÷ 57.08 %, by the secant on the scale
    //    (claims are whole hundreds mostly, so the sum is a step function of the scale).
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

    // 5. α for the recovered amounts: the largest with Σ recovered ≤ R; the rest (less than
    //    one step of α) goes to the first partly recovered case with room for it.
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

  int64_t alpha_ppm() const { return alpha_ppm_; }
  KindSampler sampler() const { return sampler_; }

 private:
  static int32_t scaled_days(uint64_t u_dur, int64_t scale, int32_t limit_days) {
    const uint64_t seg = u_dur >> 12, t = u_dur & 4095;
    const int64_t base =
        kDurationQuantiles[seg] * 4096 +
        (kDurationQuantiles[seg + 1] - kDurationQuantiles[seg]) * static_cast<int64_t>(t);
    int32_t days = static_cast<int32_t>(base * scale / (4096LL * 10000));
    if (days > limit_days) days = limit_days - static_cast<int32_t>(u_dur % 15);
    return std::max<int32_t>(days, 1);
  }

  static void draw_claim(const CauseSpec& c, Rng& r, Skeleton& s) {
    int64_t base = c.claim_lo_yuan << r.below(static_cast<uint64_t>(c.doublings));
    s.claim_yuan = base + static_cast<int64_t>(r.below(static_cast<uint64_t>(base)));
    uint64_t form = r.below(10);
    s.claim_form = form < 7 ? 0 : form < 9 ? 1 : 2;
    if (s.claim_form == 2) s.claim_cents = static_cast<int>(r.below(100));
  }

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

// ---------------------------------------------------------------- JSON writing

class JsonWriter {
 public:
  explicit JsonWriter(std::string& s) : s_(s) {}

  void begin_object() {
    value_prefix();
    s_ += '{';
    push();
  }
  void end_object() {
    pop();
    s_ += '}';
  }
  void begin_array() {
    value_prefix();
    s_ += '[';
    push();
  }
  void end_array() {
    pop();
    s_ += ']';
  }
  void key(std::string_view k) {
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
    s_ += '"';
    s_ += k;  // keys are our own ASCII identifiers
    s_ += "\":";
    after_key_ = true;
  }
  void str(std::string_view v) {
    value_prefix();
    s_ += '"';
    for (char ch : v) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        s_ += '\\';
        s_ += ch;
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        s_ += "\\u00";
        s_ += kHex[c >> 4];
        s_ += kHex[c & 15];
      } else {
        s_ += ch;
      }
    }
    s_ += '"';
  }
  void boolean(bool v) {
    value_prefix();
    s_ += v ? "true" : "false";
  }
  void integer(int64_t v) {
    value_prefix();
    append_int(v);
  }
  // Money string (spec: ^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$), as Money::plain().
  void money(int64_t fen) {
    ZHIXING_INVARIANT(fen >= 0, "a demo amount is not negative");
    value_prefix();
    s_ += '"';
    append_int(fen / 100);
    if (fen % 100 != 0) {
      s_ += '.';
      s_ += static_cast<char>('0' + fen % 100 / 10);
      s_ += static_cast<char>('0' + fen % 10);
    }
    s_ += '"';
  }
  void date(Date d) {
    value_prefix();
    int y = d.year(), m = d.month(), dd = d.day();
    char buf[12] = {'"',
                    static_cast<char>('0' + y / 1000),
                    static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10),
                    static_cast<char>('0' + y % 10),
                    '-',
                    static_cast<char>('0' + m / 10),
                    static_cast<char>('0' + m % 10),
                    '-',
                    static_cast<char>('0' + dd / 10),
                    static_cast<char>('0' + dd % 10),
                    '"'};
    s_.append(buf, 12);
  }

  void field(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  void field_date(std::string_view k, Date d) {
    key(k);
    date(d);
  }
  void field_money(std::string_view k, int64_t fen) {
    key(k);
    money(fen);
  }
  void field_bool(std::string_view k, bool v) {
    key(k);
    boolean(v);
  }
  void field_int(std::string_view k, int64_t v) {
    key(k);
    integer(v);
  }

  int depth() const { return depth_; }

 private:
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (need_comma_[depth_]) s_ += ',';
    need_comma_[depth_] = true;
  }
  void push() {
    ZHIXING_INVARIANT(depth_ + 1 < kMaxDepth, "JSON nesting within kMaxDepth");
    need_comma_[++depth_] = false;
  }
  void pop() {
    ZHIXING_INVARIANT(depth_ > 0, "a JSON container to close");
    --depth_;
  }
  void append_int(int64_t v) {
    char buf[24];
    int n = 0;
    uint64_t u = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
    do {
      buf[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    if (v < 0) s_ += '-';
    while (n > 0) s_ += buf[--n];
  }

  static constexpr int kMaxDepth = 16;
  std::string& s_;
  bool need_comma_[kMaxDepth] = {};
  int depth_ = 0;
  bool after_key_ = false;
};

void append_int(std::string& s, int64_t v) { s += std::to_string(v); }

void append_digits(std::string& s, Rng& r, int n) {
  for (int k = 0; k < n; ++k) s += static_cast<char>('0' + r.below(10));
}

// ---------------------------------------------------------------- synthetic identities

struct Person {
  std::string name;
  bool male = true;
  Date birth;
  std::string id_number;
};

std::string person_name(Rng& r, bool male) {
  std::string n(r.pick(kSurnames));
  const auto& given = male ? kMaleGiven : kFemaleGiven;
  n += r.pick(given);
  if (r.per_mille(700)) n += r.pick(given);
  return n;
}

Person make_person(Rng& r, Date on, int age_min, int age_max, bool male) {
  Person p;
  p.male = male;
  p.name = person_name(r, male);
  const int by = on.year() - static_cast<int>(r.range(age_min, age_max));
  p.birth = Date::from_ymd(by, 1, 1)->plus_days(
      static_cast<int32_t>(r.below(is_leap_year(by) ? 366 : 365)));
  if (p.birth > on.plus_days(-365 * age_min))
    p.birth = on.plus_days(-366 * age_min - 1);  // at least age_min
  // GB 11643: area code, YYYYMMDD, sequence (odd = male), check character.
  std::string id(r.pick(kAreaCodes));
  const int y = p.birth.year(), m = p.birth.month(), d = p.birth.day();
  id += static_cast<char>('0' + y / 1000);
  id += static_cast<char>('0' + y / 100 % 10);
  id += static_cast<char>('0' + y / 10 % 10);
  id += static_cast<char>('0' + y % 10);
  id += static_cast<char>('0' + m / 10);
  id += static_cast<char>('0' + m % 10);
  id += static_cast<char>('0' + d / 10);
  id += static_cast<char>('0' + d % 10);
  const int seq = static_cast<int>(r.below(500)) * 2 + (male ? 1 : 0);
  id += static_cast<char>('0' + seq / 100);
  id += static_cast<char>('0' + seq / 10 % 10);
  id += static_cast<char>('0' + seq % 10);
  id += id_number_check_character(id);
  p.id_number = std::move(id);
  return p;
}

std::string village_address(Rng& r) {
  std::string a = "河北省易县";
  a += r.pick(kTownships);
  a += r.pick(kVillageStems);
  a += r.pick(kVillageSuffixes);
  a += "村";
  append_int(a, r.range(1, 260));
  a += "号";
  return a;
}

std::string street_address(Rng& r) {
  std::string a = "河北省易县";
  const auto& t = r.pick(kTownships);
  a += t;
  a += r.pick(kStreets);
  append_int(a, r.range(1, 388));
  a += "号";
  return a;
}

std::string credit_code(Rng& r) {
  // 9 工商 + 1 企业 + 130633 + 主体标识码 (MA + 7) + check (GB 32100).
  std::string c = "91130633MA";
  for (int k = 0; k < 7; ++k) c += kCreditCodeAlphabet[r.below(kCreditCodeAlphabet.size())];
  c += credit_code_check_character(c);
  return c;
}

std::string_view ethnicity(Rng& r) {
  uint64_t u = r.below(1000);
  return u < 940 ? "汉族" : u < 980 ? "满族" : "回族";
}

void write_person_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                        const Person& p, std::string_view occupation) {
  j.begin_object();
  j.field("id", id);
  j.field("role", role);
  j.field("kind", "person");
  j.field("name", p.name);
  j.field("gender", p.male ? "男" : "女");
  j.field_date("birth_date", p.birth);
  j.field("ethnicity", ethnicity(r));
  if (!occupation.empty()) j.field("occupation", occupation);
  j.field("id_number", p.id_number);
  j.field("address", village_address(r));
}

enum class OrgKind { company, builder, labour, bank };

void write_org_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                     OrgKind kind) {
  j.begin_object();
  j.field("id", id);
  j.field("role", role);
  j.field("kind", "org");
  std::string name;
  std::string_view rep_title = "总经理", rep_kind = "法定代表人";
  if (kind == OrgKind::bank) {
    const size_t b = r.below(kBanks.size());
    name = kBanks[b];
    if (b + 1 == kBanks.size())
      rep_title = "董事长";
    else {
      rep_title = "行长";
      rep_kind = "主要负责人";
    }
  } else {
    name = r.per_mille(800) ? "易县" : "保定";
    name += r.pick(kTradeNames);
    if (kind == OrgKind::builder)
      name += "建筑工程有限公司";
    else if (kind == OrgKind::labour)
      name += "劳务服务有限公司";
    else {
      name += r.pick(kTrades);
      name += "有限公司";
    }
    static constexpr std::array<std::string_view, 4> kTitles = {"总经理", "执行董事", "董事长",
                                                                "经理"};
    rep_title = r.pick(kTitles);
  }
  j.field("name", name);
  j.field("address", street_address(r));
  j.field("uscc", credit_code(r));
  j.key("legal_rep");
  j.begin_object();
  j.field("name", person_name(r, r.per_mille(800)));
  j.field("title", rep_title);
  j.field("kind", rep_kind);
  j.end_object();
}

// ---------------------------------------------------------------- one case

struct MeasureOut {
  std::string_view kind;
  Date on;
  int against = 0;  // respondent index
  int64_t amount_fen = -1;
  std::string target;
  std::string_view period;
  std::string note;
  std::string_view result;
};

struct ReceiptOut {
  Date on;
  int64_t amount_fen = 0;
  std::string_view source;
  std::string reference;
};

// A receipt's reference, unique in the data set: kind prefix (JK 缴款, HB 划拨, PM 拍卖), the
// date, the case's index and the receipt's position in the case.
std::string receipt_reference(std::string_view prefix, Date on, int64_t index, size_t position) {
  std::string ref(prefix);
  const std::string iso = on.iso();
  for (char c : iso)
    if (c != '-') ref += c;
  ref += '-';
  const std::string idx = std::to_string(index + 1);
  ref.append(idx.size() < 7 ? 7 - idx.size() : 0, '0');
  ref += idx;
  ref += '-';
  ref += std::to_string(position);
  return ref;
}

// Luhn check digit for a string of digits (ISO/IEC 7812, as bank cards carry it).
char luhn_check_digit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (size_t k = digits.size(); k-- > 0;) {
    int d = digits[k] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// A debtor's account as a bank must be told it: the bank's full name with its branch and a full
// 19-digit account number (the bank's 6-digit prefix, 0000 — the demo's mark of a synthetic
// number —, 8 random digits and a Luhn check digit).
std::string account_target(Rng& r) {
  const auto& bank = r.pick(kAccountBanks);
  std::string t(bank.branch);
  t += "账户（账号：";
  std::string account(bank.prefix);
  account += "0000";
  append_digits(account, r, 8);
  account += luhn_check_digit(account);
  t += account;
  t += "）";
  return t;
}

// 申请执行费 (诉讼费用交纳办法 第十四条): ¥50 up to ¥10,000, then 1.5 % / 1 % / 0.5 % / 0.1 %.
int64_t filing_fee_fen(int64_t claim_fen) {
  struct Band {
    int64_t upto_fen;
    int64_t rate_per100k;
  };
  static constexpr Band kBands[] = {
      {50000000, 1500}, {500000000, 1000}, {1000000000, 500}, {INT64_MAX, 100}};
  if (claim_fen <= 1000000) return 5000;
  int64_t fee = 5000, lower = 1000000;
  for (const auto& b : kBands) {
    const int64_t part = std::min(claim_fen, b.upto_fen) - lower;
    if (part <= 0) break;
    fee += part * b.rate_per100k / 100000;
    lower = b.upto_fen;
  }
  return fee;
}

class CaseWriter {
 public:
  CaseWriter(const Planner& p, DemoFigures& f) : plan_(p), fig_(f) {}

  void write(std::string& out, int64_t i, const Skeleton& s, int kind, int64_t recovered_fen) {
    Rng r = case_rng(plan_.seed(), i, kDetail);
    const CauseSpec& cause = kCauses[s.cause];
    const ReliefScript* script = s.script >= 0 ? &kReliefScript[s.script] : nullptr;
    const Date year_end = plan_.calendar().last();
    const bool closed = s.closed;
    const Date closure_on = s.filed.plus_days(s.days);
    const Date end = closed ? closure_on : year_end;
    const int32_t span = end - s.filed;
    auto at = [&](int32_t lo, int32_t hi) {
      int32_t d = static_cast<int32_t>(r.range(lo, std::max(lo, hi)));
      return s.filed.plus_days(std::min(d, span));
    };

    // ---- parties (decided first: measures and relief refer to them)
    const bool bank = cause.bank_applicant;
    const bool applicant_org = bank || r.per_mille(cause.applicant_org_permille);
    const bool respondent_org = r.per_mille(cause.respondent_org_permille);
    int respondents = 1;
    if (cause.max_respondents > 1 && r.per_mille(300)) respondents = 2;
    if (cause.max_respondents > 2 && respondents == 2 && r.per_mille(300)) respondents = 3;
    if (script) respondents = 1;
    bool tc_consent = kind == terminated_current && r.per_mille(300);

    // ---- settlement plan (执行和解)
    const bool settle_performed =
        !script && closed && kind == performed && s.days >= 45 && r.per_mille(80);
    const bool settle_open = !script && !closed && (s.filed < year_end.plus_days(-40)) &&
                             r.per_mille(s.stuck ? 400 : 60);
    const bool settled = settle_performed || settle_open;
    const bool settle_guarantor = settled && r.per_mille(300);
    int64_t recovered = recovered_fen;

    out.clear();
    JsonWriter j(out);
    j.begin_object();
    j.field("schema", "zhixing.case/1");
    const bool resumed = s.resumed;
    int64_t serial = resumed ? ++resumed_serial_ : ++first_serial_;
    {
      std::string num = "（";
      append_int(num, plan_.year());
      num += resumed ? "）冀0633执恢" : "）冀0633执";
      append_int(num, serial);
      num += "号";
      j.field("case_number", num);
    }
    j.field_date("filed_on", s.filed);
    j.field("cause", cause.cause);

    // ---- 执行依据
    const Date effective = resumed ? s.filed.plus_days(-static_cast<int32_t>(r.range(400, 900)))
                                   : s.filed.plus_days(-static_cast<int32_t>(r.range(20, 320)));
    const bool appeal = r.per_mille(80);
    j.key("title_document");
    j.begin_object();
    {
      int title_year = effective.year() - (r.per_mille(350) ? 1 : 0);
      std::string num = "（";
      append_int(num, title_year);
      num += appeal ? "）冀06民终" : "）冀0633民初";
      append_int(num, r.range(1, appeal ? 9000 : 4800));
      num += "号";
      j.field("number", num);
      j.field("kind", appeal || r.per_mille(550) ? "民事判决书" : "民事调解书");
      j.field("court", appeal ? "河北省保定市中级人民法院" : "河北省易县人民法院");
      j.field_date("effective_on", effective);
    }
    j.end_object();

    // ---- categories
    std::string_view category = s.alt_category ? cause.alt_category : cause.category;
    const bool enterprise_pair = applicant_org && !bank && respondent_org && category.empty();
    if (!category.empty() || enterprise_pair) {
      j.key("categories");
      j.begin_array();
      j.str(enterprise_pair ? "enterprise" : category);
      j.end_array();
    }
    j.field_money("filing_fee", filing_fee_fen(s.claim_fen));

    if (s.extension) {
      j.key("extensions");
      j.begin_array();
      j.begin_object();
      j.field_date("from", s.filed.plus_months(6));
      j.field_date("to", s.filed.plus_months(9));
      j.field("approved_by", kPresident);
      j.end_object();
      j.end_array();
    }

    // ---- measures (built before writing: excluded periods and recovered depend on them)
    measures_.clear();
    auto add = [&](std::string_view k, Date on, int against) -> MeasureOut& {
      measures_.emplace_back();
      MeasureOut& m = measures_.back();
      m.kind = k;
      m.on = on;
      m.against = against;
      return m;
    };
    const Date t0 = at(0, 3);
    for (int k = 0; k < respondents; ++k) {
      MeasureOut& n = add("notice", t0, k);
      if (resumed && k == 0) {
        n.note = "恢复执行，原案（";
        append_int(n.note, std::min(plan_.year() - 1, std::max(effective.year(), plan_.year() - 3) +
                                                          (r.per_mille(500) ? 1 : 0)));
        n.note += "）冀0633执";
        append_int(n.note, r.range(1, 2000));
        n.note += "号已终结本次执行程序";
      }
      add("property_report_order", t0, k);
    }
    const bool found = kind == terminated_current || script ? false
                       : kind == performed                  ? r.per_mille(850)
                       : kind == withdrawn                  ? r.per_mille(500)
                       : kind == terminated                 ? r.per_mille(300)
                       : kind == kClosedKinds               ? r.per_mille(500)
                                                            : r.per_mille(200);
    {
      MeasureOut& q = add("inquiry", at(1, 7), 0);
      q.result = found ? "found" : "none";
      q.note = "网络查控";
    }
    if (kind == terminated_current || (script && script->closure != performed)) {
      for (int k = 0; k < respondents; ++k) {
        MeasureOut& q = add("inquiry", at(20, 60), k);
        q.result = "none";
        q.note = "现场调查";
      }
    }
    int64_t auction_from = -1;
    // How the money recovered reached the court (the receipts below).
    enum class Arrival { payments, deduct, auction, installments };
    Arrival arrival = Arrival::payments;
    Date money_from = s.filed;
    // Money cases for open/suspended: recovered before year end.
    if (!closed && !settled) {
      int frac = s.frac_u < 500 ? 0 : s.frac_u2 * 600 / 1000;
      recovered = s.claim_fen * frac / 1000;
    }
    if (settled) {
      // settlement: the whole claim in 2–6 instalments; recovered = instalments due by `end`.
    }
    const bool tc_like =
        kind == terminated_current || (script && script->closure == terminated_current);
    // A 终本 case found nothing to attach: what it recovered was paid by the debtor.
    if ((found || recovered > 0) && !tc_like) {
      const uint64_t mode = r.below(100);
      // A late case has no auction: its excluded period would bring it back within the limit.
      const bool via_auction = kind == performed && !settled && !s.late && mode < 20 &&
                               s.claim_fen >= 5000000 && span >= 60;
      const bool voluntary = kind == performed && !via_auction && (settled || mode >= 75);
      std::string bank_target = account_target(r);
      if (via_auction) {
        MeasureOut& seal = add("seal", at(5, 20), 0);
        seal.target = "被执行人名下位于易县";
        seal.target += r.pick(kTownships);
        seal.target += "的房产一处（不动产权证书号：冀（";
        append_int(seal.target, r.range(2015, 2023));
        seal.target += "）易县不动产权第000";  // 000: the demo's synthetic numbers
        append_digits(seal.target, r, 4);
        seal.target += "号）";
        seal.period = "3y";
        const Date auction_on = at(std::max<int32_t>(21, span - 45), span - 10);
        std::string sealed = seal.target;  // add() may move measures_, and `seal` with it
        MeasureOut& a = add("auction", auction_on, 0);
        a.target = std::move(sealed);
        a.note = "网络司法拍卖";
        auction_from = auction_on - s.filed;
        money_from = auction_on;
        arrival = Arrival::auction;
      } else if (!voluntary && (recovered > 0 || found)) {
        const int64_t freeze_amount = std::max<int64_t>(
            std::min(s.claim_fen, recovered > 0 ? recovered : s.claim_fen / 2), 100);
        MeasureOut& fz = add("freeze", at(2, 12), 0);
        fz.amount_fen = std::min(freeze_amount, s.claim_fen);
        fz.target = bank_target;
        fz.period = "1y";
        if (recovered > 0 && !settled) {
          MeasureOut& de = add("deduct", at(12, 45), 0);
          de.amount_fen = recovered;
          de.target = std::move(bank_target);
          money_from = de.on;
          arrival = Arrival::deduct;
        }
      }
      if (kind != performed && found && r.per_mille(150)) {
        MeasureOut& sz =
            add("seize", at(5, 40), static_cast<int>(r.below(static_cast<uint64_t>(respondents))));
        sz.target = "被执行人名下小型轿车一辆（机动车登记证书编号：130";
        append_digits(sz.target, r, 9);
        sz.target += "）";
        sz.period = "2y";
      }
    }
    if (tc_like || (span > 15 && r.per_mille(350))) {
      const int32_t ban_by = tc_like ? s.three_months : span;
      for (int k = 0; k < respondents; ++k) add("consumption_ban", at(10, ban_by), k);
    }
    if ((tc_like && r.per_mille(600)) || (span > 30 && r.per_mille(80)))
      add("dishonest_list", at(30, span), 0);
    if (!respondent_org && span > 20) {
      const int boost = tc_like ? 4 : 1;
      if (r.per_mille(12 * boost)) add("summons", at(15, span), 0);
      if (r.per_mille(6 * boost)) {
        MeasureOut& d = add("detention", at(20, span), 0);
        d.period = r.per_mille(700) ? "15d" : "10d";
      }
      if (r.per_mille(5 * boost)) {
        MeasureOut& f = add("fine", at(20, span), 0);
        f.amount_fen = r.range(5, 50) * 100000;
      }
    }

    // ---- settlement instalments
    int n_inst = 0;
    Date signed_on;
    std::array<Date, 6> due{};
    std::array<int64_t, 6> part{};
    if (settled) {
      n_inst = static_cast<int>(r.range(2, 6));
      signed_on = at(5, std::max<int32_t>(5, span / 4));
      int32_t step;
      if (settle_performed) {
        step = std::max<int32_t>(1, (closure_on - signed_on) / n_inst);
      } else {
        step = static_cast<int32_t>(r.range(25, 35));
      }
      int64_t each = s.claim_fen / n_inst / 100 * 100;
      int64_t paid = 0;
      for (int k = 0; k < n_inst; ++k) {
        due[k] = settle_performed
                     ? std::min(closure_on,
                                signed_on.plus_days(step * (k + 1) - (k + 1 == n_inst ? 0 : 0)))
                     : signed_on.plus_days(step * k + 5);
        part[k] = k + 1 == n_inst ? s.claim_fen - each * (n_inst - 1) : each;
        if (due[k] <= end) paid += part[k];
      }
      if (settle_performed) {
        // strictly increasing: step ≥ 1 and the last is closure_on at most
        for (int k = 1; k < n_inst; ++k)
          if (due[k] <= due[k - 1]) due[k] = due[k - 1].plus_days(1);
        recovered = s.claim_fen;
      } else {
        recovered = std::min(paid, s.claim_fen);
      }
    }

    // ---- receipts (执行款到账): how `recovered` reached the court, on or after filing and
    // after the event that brought it, by the closing day (or the year's end). A settlement's
    // instalments arrive on their due days, after signing; a deduction some days after its
    // ruling (source deduct, its amount); an auction's price after the sale; otherwise the
    // debtor paid (1–3 payments, a performed case's last on its closing day).
    receipts_.clear();
    if (recovered > 0) {
      auto receipt = [&](Date on, int64_t amount, std::string_view source,
                         std::string_view prefix) {
        if (amount <= 0) return;
        ReceiptOut& added = receipts_.emplace_back();
        added.on = std::min(end, std::max(on, s.filed));
        added.amount_fen = amount;
        added.source = source;
        added.reference = receipt_reference(prefix, added.on, i, receipts_.size());
      };
      if (settled) {
        for (int k = 0; k < n_inst; ++k)
          if (due[k] <= end) receipt(due[k], part[k], "payment", "JK");
      } else if (arrival == Arrival::auction) {
        receipt(money_from.plus_days(static_cast<int32_t>(r.range(3, 9))), recovered, "auction",
                "PM");
      } else if (arrival == Arrival::deduct) {
        receipt(money_from.plus_days(static_cast<int32_t>(r.range(0, 3))), recovered, "deduct",
                "HB");
      } else {
        int n = 1 + static_cast<int>(r.below(3));
        const int64_t each = recovered / n / 10000 * 10000;  // whole hundreds of yuan
        if (each <= 0) n = 1;
        // A performed case's last payment is on its closing day; a 终本 case's come before
        // the applicant is told of the search's result (3–12 days before the ruling).
        const int32_t lo = std::min<int32_t>(span, 3);
        const int32_t hi = kind == performed ? span : std::max(lo, span - 13);
        for (int k = 0; k < n; ++k) {
          const bool last = k + 1 == n;
          const int32_t from = lo + (hi - lo) * k / n, to = lo + (hi - lo) * (k + 1) / n;
          const Date on = last && kind == performed ? s.filed.plus_days(hi) : at(from, to);
          receipt(on, last ? recovered - each * (n - 1) : each, "payment", "JK");
        }
      }
      int64_t sum = 0;
      for (const auto& rc : receipts_) sum += rc.amount_fen;
      ZHIXING_INVARIANT(sum == recovered, "demo receipts sum to recovered");
    }

    // ---- excluded periods (auction)
    if (auction_from >= 0) {
      j.key("excluded_periods");
      j.begin_array();
      j.begin_object();
      j.field_date("from", s.filed.plus_days(static_cast<int32_t>(auction_from)));
      j.field_date("to", std::min(end, s.filed.plus_days(static_cast<int32_t>(auction_from) + 7)));
      j.field("reason", "拍卖");
      j.end_object();
      j.end_array();
    }

    j.field_money("claim", s.claim_fen);
    j.field_money("recovered", recovered);
    const char* status = closed                                       ? "closed"
                         : (settled || (s.stuck && r.per_mille(500))) ? "suspended"
                                                                      : "open";
    j.field("status", status);
    if (closed) {
      j.key("closure");
      j.begin_object();
      j.field("kind", kKindNames[kind]);
      j.field_date("on", closure_on);
      if (kind == terminated_current) {
        j.field_bool("applicant_consents", tc_consent);
        // The applicant was told of the search's result and heard (终本规定 第一条), in the
        // days before the ruling, after the last on-site inquiry (at most day 60).
        j.field_date("applicant_informed_on",
                     closure_on.plus_days(-static_cast<int32_t>(r.range(3, 12))));
      }
      j.end_object();
      if (kind == transferred && r.per_mille(300)) j.field("executing_court", "冀0623");
    }

    // ---- officers
    j.key("officers");
    j.begin_object();
    {
      const size_t e1 = r.below(kEnforcers.size());
      j.key("enforcers");
      j.begin_array();
      j.str(kEnforcers[e1].name);
      if (r.per_mille(400))
        j.str(kEnforcers[(e1 + 1 + r.below(kEnforcers.size() - 1)) % kEnforcers.size()].name);
      j.end_array();
      j.field("enforcer_title", kEnforcers[e1].title);
      if (kind == terminated_current && !tc_consent) {
        const size_t p = r.below(kPresiding.size());
        const size_t j1 = r.below(kJudges.size());
        j.field("presiding", kPresiding[p]);
        j.key("judges");
        j.begin_array();
        j.str(kJudges[j1]);
        j.str(kJudges[(j1 + 1 + r.below(kJudges.size() - 1)) % kJudges.size()]);
        j.end_array();
      }
      j.field("clerk", r.pick(kClerks));
    }
    j.end_object();

    // ---- parties
    j.key("parties");
    j.begin_array();
    const int relief_age_min = cause.applicant_age_min;
    if (applicant_org) {
      write_org_party(j, r, "a1", "applicant",
                      bank                                             ? OrgKind::bank
                      : s.cause == cause_index("建设工程施工合同纠纷") ? OrgKind::builder
                                                                       : OrgKind::company);
      if (r.per_mille(600)) {
        j.key("agents");
        j.begin_array();
        j.begin_object();
        j.field("name", person_name(r, r.per_mille(600)));
        j.field("kind", "lawyer");
        j.field("firm", r.pick(kLawFirms));
        j.field_bool("special_authority", true);
        j.end_object();
        j.end_array();
      }
      j.end_object();
    } else {
      const bool male = r.per_mille(cause.applicant_male_permille);
      Person a = make_person(r, s.filed, relief_age_min, cause.applicant_age_max, male);
      const bool minor = cause.applicant_age_max < 18;
      write_person_party(j, r, "a1", "applicant", a,
                         minor ? "学生" : std::string_view(r.pick(kOccupations)));
      if (minor || (cause.applicant_age_min >= 65 && r.per_mille(400))) {
        j.key("agents");
        j.begin_array();
        j.begin_object();
        std::string agent(a.name.substr(0, 3));  // same family name (surnames are 1 character)
        if (minor)
          agent = person_name(r, false);  // the mother, as statutory agent
        else {
          agent += r.pick(kMaleGiven);
          agent += r.pick(kMaleGiven);
        }
        j.field("name", agent);
        j.field("kind", "relative");
        j.field_bool("special_authority", true);
        j.end_object();
        j.end_array();
      }
      if (script) {
        j.key("bank_account");
        j.begin_object();
        j.field("bank", r.pick(kBanksShort));
        std::string acct = "6228480000";
        append_digits(acct, r, 9);
        j.field("account", acct);
        j.end_object();
      }
      j.end_object();
    }
    for (int k = 0; k < respondents; ++k) {
      std::string id = "r";
      append_int(id, k + 1);
      if (respondent_org && k == 0) {
        const OrgKind ok = s.cause == cause_index("建设工程施工合同纠纷") ? OrgKind::builder
                           : category == "migrant_wages"                  ? OrgKind::labour
                                                                          : OrgKind::company;
        write_org_party(j, r, id, "respondent", ok);
      } else {
        bool male = r.per_mille(cause.cause == "抚养费纠纷" ? 900 : 700);
        Person p = make_person(r, s.filed, 24, 66, male);
        write_person_party(j, r, id, "respondent", p, r.pick(kOccupations));
      }
      j.end_object();
    }
    if (settle_guarantor) {
      Person g = make_person(r, s.filed, 30, 65, r.per_mille(700));
      write_person_party(j, r, "g1", "guarantor", g, r.pick(kOccupations));
      j.end_object();
    }
    j.end_array();

    // ---- measures, in date order
    std::stable_sort(measures_.begin(), measures_.end(),
                     [](const MeasureOut& a, const MeasureOut& b) { return a.on < b.on; });
    j.key("measures");
    j.begin_array();
    for (const auto& m : measures_) {
      j.begin_object();
      j.field("kind", m.kind);
      j.field_date("on", m.on);
      std::string against = "r";
      append_int(against, m.against + 1);
      j.field("against", against);
      if (m.amount_fen >= 0) j.field_money("amount", m.amount_fen);
      if (!m.target.empty()) j.field("target", m.target);
      if (!m.period.empty()) j.field("period", m.period);
      if (!m.result.empty()) j.field("result", m.result);
      if (!m.note.empty()) j.field("note", m.note);
      j.end_object();
    }
    j.end_array();

    if (!receipts_.empty()) {
      j.key("receipts");
      j.begin_array();
      for (const auto& rc : receipts_) {
        j.begin_object();
        j.field_date("on", rc.on);
        j.field_money("amount", rc.amount_fen);
        j.field("source", rc.source);
        j.field("reference", rc.reference);
        j.end_object();
      }
      j.end_array();
      fig_.receipts += static_cast<int64_t>(receipts_.size());
    }

    if (settled) {
      j.key("settlement");
      j.begin_object();
      j.field_date("signed_on", signed_on);
      j.field_money("total", s.claim_fen);
      j.key("installments");
      j.begin_array();
      for (int k = 0; k < n_inst; ++k) {
        j.begin_object();
        j.field_date("due_on", due[k]);
        j.field_money("amount", part[k]);
        j.end_object();
      }
      j.end_array();
      j.field_int("grace_days", 15);
      if (settle_guarantor) j.field("guarantor", "g1");
      j.field("place", "易县人民法院执行局");
      j.end_object();
      ++fig_.settlements;
    }

    if (script) write_relief(j, r, *script, closure_on);
    j.end_object();
    out += '\n';

    // ---- figures
    ++fig_.cases;
    ++(resumed ? fig_.resumed : fig_.first_enforcement);
    fig_.total_claim_fen += s.claim_fen;
    fig_.total_recovered_fen += recovered;
    if (closed) {
      ++fig_.closed;
      fig_.closed_days_sum += s.days;
      fig_.closed_claim_fen += s.claim_fen;
      fig_.closed_recovered_fen += recovered;
      const Date limit = s.filed.plus_months(s.extension ? 9 : 6);
      if (closure_on <= limit) ++fig_.closed_within_limit;
      switch (kind) {
        case performed:
          ++fig_.performed;
          break;
        case terminated_current:
          ++fig_.terminated_current;
          break;
        case terminated:
          ++fig_.terminated;
          break;
        case withdrawn:
          ++fig_.withdrawn;
          break;
        case rejected:
          ++fig_.rejected;
          break;
        default:
          ++fig_.transferred;
          break;
      }
    } else if (status[0] == 's') {
      ++fig_.suspended;
    } else {
      ++fig_.open;
    }
  }

 private:
  void write_relief(JsonWriter& j, Rng& r, const ReliefScript& sc, Date closure_on) {
    const Date applied = closure_on.plus_days(static_cast<int32_t>(r.range(7, 20)));
    j.key("relief");
    j.begin_object();
    j.field("applicant", "a1");
    j.field_date("applied_on", applied);
    j.field("ground", kCauses[sc.cause].ground);
    j.field_int("household_size", sc.household_size);
    j.field_money("household_monthly_income", sc.income_yuan * 100);
    j.field_bool("has_dibao", sc.dibao);
    j.field_money("medical_expenses", sc.medical_yuan * 100);
    j.field_money("prior_compensation", sc.prior_compensation_yuan * 100);
    j.key("flags");
    j.begin_array();
    if (!sc.flag.empty()) j.str(sc.flag);
    j.end_array();
    if (sc.panel != Panel::none) {
      j.key("panel");
      j.begin_object();
      j.field_date("decided_on", applied.plus_days(static_cast<int32_t>(r.range(15, 40))));
      j.field_bool("granted", sc.panel == Panel::granted);
      if (sc.panel == Panel::granted) j.field_money("amount", sc.grant_yuan * 100);
      j.key("members");
      j.begin_array();
      j.str(kPresiding[0]);
      j.str(kJudges[0]);
      j.str(kJudges[4]);
      j.end_array();
      j.field_bool("exception_approved", false);
      j.end_object();
      if (sc.panel == Panel::granted) {
        ++fig_.relief_granted;
        fig_.relief_granted_fen += sc.grant_yuan * 100;
      }
    }
    j.end_object();
    ++fig_.relief_applications;
  }

  const Planner& plan_;
  DemoFigures& fig_;
  int64_t first_serial_ = 0, resumed_serial_ = 0;
  std::vector<MeasureOut> measures_;
  std::vector<ReceiptOut> receipts_;
};

}  // namespace

void write_demo_data(std::ostream& out, const DemoOptions& options, DemoFigures* figures) {
  DemoFigures fig;
  Planner plan(options);
  if (plan.n() > 0) {
    plan.calibrate();
    Planner::KindSampler sampler = plan.sampler();
    CaseWriter writer(plan, fig);
    std::string line, chunk;
    line.reserve(8192);
    chunk.reserve(1 << 20);
    Planner::Stream stream = plan.final_stream();
    for (int64_t i = 0; i < plan.n(); ++i) {
      Skeleton s = stream.next();
      int kind = kClosedKinds;  // not closed
      int64_t recovered = 0;
      if (s.closed) {
        Rng kr = case_rng(plan.seed(), i, kKind);
        kind = sampler.draw(s, kr);
        recovered = plan.recovered(i, s, kind);
      }
      writer.write(line, i, s, kind, recovered);
      chunk += line;
      if (chunk.size() >= (1u << 20) - 16384) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        fig.bytes += static_cast<int64_t>(chunk.size());
        chunk.clear();
      }
    }
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    fig.bytes += static_cast<int64_t>(chunk.size());
  }
  if (figures) *figures = fig;
}

}  // namespace zhixing
