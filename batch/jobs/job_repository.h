// The job repository (Spring Batch's vocabulary): a job instance is a job name plus its
// identifying parameters (`nightly` + business date, `batch` + request id); an execution is one
// attempt at it; step executions record read/written/skipped/failed counts and seconds; item
// failures record each failing item. Launch rules:
//   - an instance with a live running execution is refused: already_running (who, since when);
//   - one whose latest execution completed is refused: already_complete (unless rerun);
//   - a running execution whose heartbeat is older than stale_after_seconds is abandoned and the
//     instance restarted; a live one is never taken over;
//   - on the same machine (boot id and PID namespace) a running execution whose process is gone
//     (no such pid, or the pid now belongs to a process with another start time) is abandoned at
//     once, whatever its heartbeat; executions recorded on other machines keep the heartbeat rule;
//   - of two simultaneous launches exactly one wins: the instance row is locked for the launch
//     and a partial unique index allows one running execution per instance.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

namespace zhixing::jobs {

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

// Who a process is on this machine: the kernel's boot id (/proc/sys/kernel/random/boot_id), the
// PID namespace (/proc/self/ns/pid) and the process's start time (field 22 of /proc/<pid>/stat,
// clock ticks after boot).
struct ProcessIdentity {
  std::string boot_id;
  std::string pid_namespace;
  int pid = 0;
  long long start_ticks = 0;
};
ProcessIdentity this_process();
// The start time of a process of this machine's PID namespace; nullopt when there is none.
std::optional<long long> process_start_ticks(int pid);
// True when `e` ran on this machine (same boot id and PID namespace) and its process no longer
// exists: its pid is free or belongs to a process started at another time.
bool process_is_gone(const ExecutionInfo& e);

enum class LaunchOutcome {
  launched,          // a new execution (first, restart or rerun) is running
  already_running,   // a live execution holds the instance
  already_complete,  // the latest execution completed; pass rerun to run again
};

struct LaunchOptions {
  bool rerun = false;
  int stale_after_seconds = 120;
  std::string started_by;
};

struct LaunchResult {
  LaunchOutcome outcome = LaunchOutcome::launched;
  long long instance_id = 0;
  long long execution_id = 0;           // launched: the new execution
  std::optional<ExecutionInfo> holder;  // already_running / already_complete: that execution
  std::optional<long long> restart_of;  // launched as a restart of this execution
  std::optional<long long> abandoned;   // a stale execution marked abandoned by this launch
  bool abandoned_process_gone = false;  // abandoned because its process no longer exists
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

// This host's name and this process's id, as recorded in executions and workers.
std::string host_name();
// "user" from $USER, else the uid.
std::string current_user();

class JobRepository {
 public:
  explicit JobRepository(soci::session& sql) : sql_(sql) {}

  LaunchResult launch(const JobInstanceKey& key, const LaunchOptions& options);

  long long begin_step(long long execution_id, int position, const std::string& name);
  void end_step(long long step_id, const std::string& status, const StepCounts& counts,
                double seconds, const std::string& message = "");

  void record_failure(long long execution_id, const ItemFailure& failure);

  // Ends the execution: completed, failed or stopped.
  void finish(long long execution_id, const std::string& status, int exit_code,
              const std::string& message);

  // A process working on an execution (launcher or worker); its heartbeat keeps its claims.
  long long register_worker(long long execution_id, const std::string& role);
  void end_worker(long long worker_id);

  std::optional<ExecutionInfo> execution(long long id);
  // Most recent first.
  std::vector<ExecutionInfo> executions(int limit, const std::string& job_name = "");
  std::vector<StepInfo> steps(long long execution_id);
  std::vector<ItemFailure> failures(long long execution_id, int limit = 1000);
  long long failure_count(long long execution_id);
  // The running executions (newest first), for `zhixing worker` without --run.
  std::vector<ExecutionInfo> running(const std::string& job_name = "");
  // The latest execution of an instance, if any.
  std::optional<ExecutionInfo> latest(const std::string& job_name, const std::string& job_key);

 private:
  std::vector<ExecutionInfo> query_executions(const std::string& where, int limit);
  soci::session& sql_;
};

// Beats on its own connection every interval, for the execution (when nonzero) and the worker,
// until destroyed. A missed beat is logged and retried; it never stops the run.
class Heartbeat {
 public:
  Heartbeat(const std::string& url, long long execution_id, long long worker_id,
            std::chrono::milliseconds interval);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

 private:
  void run();
  std::unique_ptr<soci::session> sql_;
  long long execution_id_, worker_id_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// The beat interval for a stale-after setting: a third of it, between 100 ms and 10 s.
std::chrono::milliseconds heartbeat_interval(int stale_after_seconds);

}  // namespace zhixing::jobs
