// A step of a job: a body that does its work and reports counts. The pipeline records each in
// step_executions (read, written, skipped, failed, seconds).
//   read     items taken in (lines, cases, queue items)
//   written  effects made now (cases stored, items queued, documents issued, transactions posted)
//   skipped  failing items recorded and skipped (import rejections; render failures within the
//            skip limit): any skipped item makes the run end "completed with skipped items" (3)
//   failed   failures that failed the step (past the skip limit; any ledger failure)
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <soci/soci.h>

#include "config/settings.h"
#include "core/date.h"
#include "jobs/job_repository.h"
#include "jobs/job_settings.h"

namespace zhixing::jobs {

enum class StepStatus { completed, failed, stopped, disabled };
std::string_view step_status_name(StepStatus s);

struct StepOutcome {
  StepStatus status = StepStatus::completed;
  StepCounts counts;
  std::string message;  // Chinese, one line: what a reader of `runs show` needs
};

// What a step body gets: the run's session, repository and identity.
struct StepEnv {
  soci::session& sql;
  JobRepository& repo;
  const Settings& settings;
  const JobSettings& job;
  std::string runtime_url;  // for extra connections (heartbeats of helpers)
  long long instance_id = 0;
  long long execution_id = 0;
  long long worker_id = 0;  // this process's job_workers row
  Date business_date;       // nightly: the business date; batch: today
  std::filesystem::path out_dir;
  std::string step_name;
};

using StepBody = std::function<StepOutcome(StepEnv&)>;

struct Step {
  std::string name;
  StepBody body;
};

}  // namespace zhixing::jobs
