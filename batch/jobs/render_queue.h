// The document steps of a job, over its work queue: planning the events that are due into the
// queue, and rendering the queue on every core, in this process and in any `zhixing worker`
// that joined the execution. Each item's effect is one documents row, written in the same
// short transaction that marks the item done.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/court_registry.h"
#include "documents/document_engine.h"
#include "documents/kinds/document_kind.h"
#include "jobs/document_sealing.h"
#include "jobs/step.h"
#include "jobs/work_queue.h"
#include "store/case_selection.h"

namespace zhixing::jobs {

struct PlanOptions {
  std::vector<documents::DocumentKind> kinds;  // the kinds to plan
  std::optional<Date> due_by;                  // events dated on or before (nightly)
  bool only_missing = true;                    // skip events whose document exists
  CaseSelection selection;                     // the cases to plan (default: every case)
  // Instead of `selection`, when set: these cases (ascending ids), and none when empty.
  std::optional<std::vector<long long>> case_ids;
  bool report_not_applicable = false;  // --case: a case without the kind's event fails
};

// Queues the due events, livelihood cases first. Counts: read = cases, written = items queued
// now, skipped = cases refused as not_applicable (report_not_applicable only).
StepOutcome plan_documents(StepEnv& env, WorkQueue& queue, const PlanOptions& options);

struct RenderOptions {
  const documents::DocumentEngine* engine = nullptr;
  const CourtRegistry* courts = nullptr;
  // Required: which kinds are sealed and the process's sealer (document_sealing.h).
  const DocumentSealing* sealing = nullptr;
  std::filesystem::path out_dir;  // documents go to <out_dir>/<court>/<year>/<case>/
  // A worker: store each PDF in document_deliveries instead of writing it (document_issue.h).
  // A launcher writes out the deliveries of its instance into out_dir as it goes, and all of
  // them before it returns.
  bool deliver_to_database = false;
  bool reissue = false;
  std::string issued_by = "nightly";
  // launcher: returns when the queue is drained (waiting for items other processes hold, and
  // taking over those of stale workers). worker: returns when nothing is claimable.
  bool launcher = true;
  bool show_progress = true;
};

// Renders the queue. Counts for this execution (all processes): read = items finished,
// written = documents issued now, skipped = failing items recorded and skipped, failed = those
// past the skip limit. Stops after the items in hand on SIGINT/SIGTERM (status stopped).
// A launcher with items of a sealed kind to render fails the step before rendering any when it
// cannot seal (token_unavailable, no_certificate) or the seal's certificate is not valid on the
// business date (seal_expired). A sealed kind's item dated outside the certificate's validity
// is a failing item (seal_not_valid). A worker without the token claims only unsealed kinds.
StepOutcome render_documents(StepEnv& env, WorkQueue& queue, const RenderOptions& options);

// Items this process finished (for the fault-injection setting jobs.abort_after_items).
long long items_finished_in_process();

}  // namespace zhixing::jobs
