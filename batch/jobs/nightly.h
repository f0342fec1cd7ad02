// The nightly job (`zhixing nightly --date D`): one instance per business date. Steps:
//   import              the files waiting in the inbox (a file imported completely is skipped)
//   relief-assess       hook (pipeline_hooks.h)
//   plan-documents      every event dated on or before D without a document, livelihood first:
//                       read from the cases that can have changed since the last completed
//                       plan (jobs/plan_scope.h), or from every case with `replan` or when
//                       there is no completed plan
//   render-documents    the queue, on every core, shared with `zhixing worker`
//   post-grants         hook
//   render-vouchers     relief vouchers of the posted grants (planned, incrementally too, and
//                       rendered)
//   apply-confirmations hook
//   post-payments       hook
//   verify-ledger       hook
//   write-summary       text and <output>/runs/<run id>.json
#pragma once

#include <iosfwd>

#include "config/settings.h"
#include "core/date.h"
#include "jobs/job_runner.h"

namespace zhixing::jobs {

struct NightlyOptions {
  Date business_date;
  bool rerun = false;
  bool replan = false;  // plan from every case, not only those changed since the last plan
  std::string started_by;
};

// The step names in order (without write-summary, which the runner adds).
const std::vector<std::string>& nightly_step_names();

// "business_date=2024-12-31"
std::string nightly_job_key(Date business_date);

RunResult run_nightly(const Settings& settings, const NightlyOptions& options, std::ostream& out);

}  // namespace zhixing::jobs
