// The job repository's tables (job_instances, job_executions, step_executions, item_failures,
// job_workers): named reads and writes, nothing else. The launch rules (who may run an instance,
// when a running execution counts as abandoned) live in jobs/job_repository.h; every write here
// happens in the caller's transaction, if it has one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace zhixing::inline store {

struct JobInstanceKey {
  std::string job_name;         // nightly, batch
  std::string job_key;          // canonical identifying parameters: "business_date=2024-12-31"
  std::string parameters_json;  // every parameter, for `runs show`
};

struct ExecutionInfo {
  long long id = 0;
  long long instance_id = 0;
  std::string job_name;
  std::string job_key;
  std::string status;  // running, completed, failed, stopped, abandoned
  std::string host;
  int pid = 0;
  std::string started_by;
  std::string started_at;  // local time, to the second
  std::string ended_at;    // empty while running
  std::string heartbeat_at;
  double heartbeat_age_seconds = 0;
  std::optional<int> exit_code;
  std::string message;
  std::optional<long long> restart_of;
  // The process's identity (empty / 0 for executions recorded before it was kept).
  std::string boot_id;
  std::string pid_namespace;
  long long process_start = 0;
};

struct StepCounts {
  long long read = 0, written = 0, skipped = 0, failed = 0;
};

struct StepInfo {
  long long id = 0;
  int position = 0;
  std::string name;
  std::string status;  // running, completed, failed, stopped, disabled
  StepCounts counts;
  double seconds = 0;
  std::string message;
};

struct ItemFailure {
  std::string step_name;
  std::optional<long long> case_id;
  std::string case_number;
  std::string document_kind;
  std::string event_date;  // ISO or empty
  int event_position = 0;
  std::string error_code;
  std::string message;
};

// A new execution row: who runs it, on which machine, as whose restart.
struct NewExecution {
  long long instance_id = 0;
  std::string host;
  int pid = 0;
  std::string started_by;
  std::optional<long long> restart_of;
  std::string boot_id;          // empty: not known
  std::string pid_namespace;    // empty: not known
  long long process_start = 0;  // 0: not known
};

// What a clerk batch records in its instance parameters for the processes that join it.
struct BatchParameters {
  std::string out_dir;  // empty: the default document folder
  std::string user;     // "clerk" when not recorded
  bool reissue = false;
};

class JobStore {
 public:
  explicit JobStore(soci::session& sql) : sql_(sql) {}

  // Creates the instance unless it exists, then locks its row for the caller's transaction
  // (the lock serialises launches of one instance); returns its id.
  long long lock_instance(const JobInstanceKey& key);
  // The latest execution of an instance, if any.
  std::optional<ExecutionInfo> latest_of_instance(long long instance_id);
  // The running execution of an instance of that job, if any.
  std::optional<ExecutionInfo> running_of_instance(const std::string& job_name,
                                                   long long instance_id);
  // Marks a running execution abandoned with the reason.
  void abandon(long long execution_id, const std::string& message);
  // Ends the live worker rows of an execution registered by that host and pid.
  void end_workers_of_process(long long execution_id, const std::string& host, int pid);
  long long insert_execution(const NewExecution& execution);

  long long begin_step(long long execution_id, int position, const std::string& name);
  void end_step(long long step_id, const std::string& status, const StepCounts& counts,
                double seconds, const std::string& message = "");

  void record_failure(long long execution_id, const ItemFailure& failure);

  // Ends the execution: completed, failed or stopped.
  void finish(long long execution_id, const std::string& status, int exit_code,
              const std::string& message);

  long long insert_worker(long long execution_id, const std::string& host, int pid,
                          const std::string& role);
  void end_worker(long long worker_id);
  // Heartbeats: a running execution's, a worker's.
  void beat_execution(long long execution_id);
  void beat_worker(long long worker_id);

  std::optional<ExecutionInfo> execution(long long id);
  // Most recent first.
  std::vector<ExecutionInfo> executions(int limit, const std::string& job_name = "");
  std::vector<StepInfo> steps(long long execution_id);
  // Whether the execution has begun a step of that name.
  bool has_step(long long execution_id, const std::string& step_name);
  std::vector<ItemFailure> failures(long long execution_id, int limit = 1000);
  long long failure_count(long long execution_id);
  // The running executions (newest first), for `zhixing worker` without --run.
  std::vector<ExecutionInfo> running(const std::string& job_name = "");
  // The latest execution of an instance, if any.
  std::optional<ExecutionInfo> latest(const std::string& job_name, const std::string& job_key);
  // The keys of the job's instances whose latest execution completed.
  std::vector<std::string> completed_keys(const std::string& job_name);
  BatchParameters batch_parameters(long long instance_id);

 private:
  std::vector<ExecutionInfo> query_executions(const std::string& where, int limit);
  soci::session& sql_;
};

// After a step failed with an exception: the session may be in an aborted transaction; this
// ends it (ignoring any error) so that the failure can be recorded.
void discard_aborted_transaction(soci::session& sql);

}  // namespace zhixing::inline store
