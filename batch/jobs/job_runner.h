// Runs one job instance as an execution: launch (with the repository's rules), a heartbeat,
// the steps in order (each recorded with its counts and seconds), the run summary (text, and
// JSON at <output>/runs/<run id>.json), the end of the execution, and the exit code:
//   0 completed (or already complete), 3 completed with skipped items, 5 already running,
//   1 failed (a step failed: the skip limit exceeded, a ledger step failed), 130 stopped by
//   SIGINT/SIGTERM (restartable).
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "config/settings.h"
#include "jobs/job_repository.h"
#include "jobs/job_settings.h"
#include "jobs/step.h"

namespace zhixing::jobs {

inline constexpr int kExitCompleted = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitSkipped = 3;
inline constexpr int kExitAlreadyRunning = 5;
inline constexpr int kExitStopped = 130;

struct JobRun {
  JobInstanceKey key;
  std::string title;          // Chinese, for the summary: "夜间批处理 业务日期 2024-12-31"
  std::string business_date;  // ISO; the JSON's business_date (batch: the launch day)
  LaunchOptions launch;
  std::vector<Step> steps;
  std::filesystem::path out_dir;
  std::string runtime_url;
  // Extra text files to write the summary to (nightly: runs/nightly-<date>.txt).
  std::vector<std::filesystem::path> summary_copies;
  // Called after the steps with the execution id, to add lines to the summary.
  std::function<void(long long execution_id, std::ostream&)> summary_extra;
  // Called after the steps: extra members for the summary JSON, each a name and its JSON value
  // (nightly: "ledger_head", "refused_grants").
  std::function<std::vector<std::pair<std::string, std::string>>(long long execution_id)>
      summary_json_extra;
};

struct RunResult {
  int exit_code = kExitCompleted;
  long long execution_id = 0;  // 0 when refused
  std::string status;          // completed, failed, stopped; or already_running / already_complete
  std::filesystem::path json_path;
};

RunResult run_job(const Settings& settings, const JobSettings& job, JobRun& run, std::ostream& out);

// The run summary as JSON: {"run_id", "job", "business_date", "status", "exit_code",
// "steps": [{"name", "status", "read", "written", "skipped", "failed", "seconds"}]}, then any
// `extra_members` (name, JSON value).
std::string summary_json(
    long long run_id, const std::string& job, const std::string& business_date,
    const std::string& status, int exit_code, const std::vector<StepInfo>& steps,
    const std::vector<std::pair<std::string, std::string>>& extra_members = {});

}  // namespace zhixing::jobs
