// Incremental planning: which cases a night's plan reads. A plan reads the change marks before
// any case, plans, and records them as its stream's watermark (store/watermark_store.h); the
// next night reads only the cases whose due documents can have changed since that watermark:
//   - cases an import run created or changed since (their measures, closure, settlement),
//   - cases with a relief decision recorded since (relief decide, the console, the night),
//   - cases whose grant was posted or reversed since (their vouchers),
//   - cases with an event newly due by date: dated after the watermark's business date and on
//     or before tonight's (measures' dates, a 终本 closure's date, a settlement's signing, a
//     decision's date),
//   - cases with an item of the stream's queue not done (failed, skipped, or left by a stopped
//     night) whose event has no document.
// Every other case's events dated on or before the watermark's date were queued by that plan
// and have their document, and nothing of the case has changed since: a full re-plan would
// queue nothing for it. With no watermark, or with `replan`, the plan reads every case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/kinds/document_kind.h"
#include "jobs/render_queue.h"
#include "store/watermark_store.h"

namespace zhixing::jobs {

struct PlanStream {
  std::string name;        // the watermark's stream: "plan-documents", "plan-vouchers"
  std::string job;         // the job whose queues it plans into: "nightly"
  std::string queue_step;  // the queue step: "render-documents", …
};

struct PlanScope {
  ChangeMarks marks;                               // read before any case
  std::optional<Watermark> base;                   // the watermark planned from; none: full
  std::optional<std::vector<long long>> case_ids;  // the cases to read; none: every case
  std::string description;                         // Chinese, for the step's message
};

// Reads the marks, then (unless `replan` or there is no watermark) the changed cases.
PlanScope plan_scope(soci::session& sql, const PlanStream& stream,
                     const std::vector<documents::DocumentKind>& kinds, Date due_by, bool replan);

// The night's plan of a stream: plan_documents over the scope's cases (options.selection for a
// full plan), then the watermark. Counts as plan_documents'; the message says what was read.
StepOutcome plan_night(StepEnv& env, WorkQueue& queue, PlanOptions options,
                       const PlanStream& stream, bool replan);

}  // namespace zhixing::jobs
