#include "demo/demo_generator.h"

#include <string>

#include "demo/case_writer.h"
#include "demo/planner.h"
#include "demo/rng.h"

// How the data set is built, in passes over the case indices 0..N-1 (filing order). Every
// fact of case i is a function of (seed, i), of a handful of global calibration numbers and of
// a few counters that every pass runs the same way in index order (exact sampling), so the
// calibration passes and the writing pass recompute the same case instead of storing it:
// memory stays constant for any N. The targets are whole numbers (targets_for in targets.cpp:
// closed, performed, 终本 and late counts, Σ days, Σ recovered, Σ claim) that reproduce the
// published figures to the last printed digit.
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
//
// Files: rng.h (the streams), calendar (working days), case_tables.h (causes, closure kinds,
// the relief script), targets (the whole numbers), planner and calibration (passes 1–5),
// case_writer and case_measures (the writing pass), identities and json_writer (its output).

namespace zhixing::inline demo {

using demo::CaseWriter;
using demo::kClosedKinds;
using demo::kKind;
using demo::Planner;
using demo::Rng;
using demo::Skeleton;

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

}  // namespace zhixing::inline demo
