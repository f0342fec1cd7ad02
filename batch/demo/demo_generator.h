// `zhixing demo-data`: a synthetic year of enforcement cases in the interchange format
// (docs/case-record.md, zhixing.case/1), modelled on 易县人民法院's published 2024 figures.
// All people, companies, ID numbers and accounts are synthetic.
//
// Decisions (see also the comments in demo_generator.cpp and the files it names):
// - `cases` = every case with filing year `year` of type 执 and 执恢 together (the court's
//   "受理执行案件 2,083" read as 新收 incl. resumed cases). About 4 % are 执恢 (resumed after an
//   earlier 终本). Serials are gapless per type, in filing order; no 2023 carry-over cases.
// - The year reproduces the court's published figures to the last printed digit, as
//   `zhixing report annual` computes them: exactly 1,914 of the 2,083 cases close, 835 as
//   performed (43.63 %), 179 as 终本 (9.35 %), one after its statutory limit (99.95 %), on days
//   summing to 133,521 (69.76 days), recovering exactly ¥263,259,400.00 (26,325.94 万元) of
//   ¥461.2m claimed (57.08 %); the derivation of these whole numbers is in demo/targets.cpp. Other
//   sizes scale them (constant memory, any size).
// - Every case with money recovered carries `receipts` summing to `recovered` (a deduction's
//   amount arrives as a deduct receipt on or after its date; instalments after the settlement's
//   signing; nothing after the closing day). Freeze and deduct targets name the bank, branch and
//   full synthetic account number (19 digits, "0000" in places 7–10, Luhn-valid); seal targets
//   the full 不动产权证书号. Every 终本 case meets 终本规定 第一条 as far as the record shows it
//   and carries `closure.applicant_informed_on`.
// - Judicial relief: a fixed script of 15 applications (5 grants totalling ¥305,000.00,
//   one per exclusion flag, one with nothing outstanding, one with high income, two without a
//   panel decision). The script does not scale: it appears once, in full when cases >= 1500;
//   with fewer cases only its first cases/100 entries appear (the 5 grants need cases >= 500).
// - Output is a pure function of (cases, seed, year): own PRNG (splitmix64), integer maths only.
#pragma once

#include <cstdint>
#include <ostream>

namespace zhixing::inline demo {

struct DemoOptions {
  int64_t cases = 2083;
  uint64_t seed = 20241231;
  int year = 2024;
};

// Figures of the generated data set, counted while writing (rates: divide over `closed`).
struct DemoFigures {
  int64_t cases = 0;
  int64_t first_enforcement = 0;  // 执
  int64_t resumed = 0;            // 执恢
  int64_t open = 0;
  int64_t suspended = 0;
  int64_t closed = 0;
  int64_t performed = 0;
  int64_t terminated_current = 0;
  int64_t terminated = 0;
  int64_t withdrawn = 0;
  int64_t rejected = 0;
  int64_t transferred = 0;
  int64_t closed_days_sum = 0;       // Σ (closure.on − filed_on) over closed cases
  int64_t closed_within_limit = 0;   // closed by filed_on + 6 months (+ approved extensions)
  int64_t closed_claim_fen = 0;      // Σ claim over closed cases
  int64_t closed_recovered_fen = 0;  // Σ recovered over closed cases
  int64_t total_claim_fen = 0;       // all cases
  int64_t total_recovered_fen = 0;   // all cases
  int64_t settlements = 0;
  int64_t receipts = 0;
  int64_t relief_applications = 0;
  int64_t relief_granted = 0;
  int64_t relief_granted_fen = 0;
  int64_t bytes = 0;
};

// Writes options.cases lines to `out`, streaming with constant memory. Fills *figures if given.
void write_demo_data(std::ostream& out, const DemoOptions& options, DemoFigures* figures = nullptr);

}  // namespace zhixing::inline demo
