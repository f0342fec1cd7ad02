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

#include "store/job_store.h"

namespace zhixing::jobs {

// The job store's row types, under the names the jobs API uses.
using zhixing::ExecutionInfo;
using zhixing::ItemFailure;
using zhixing::JobInstanceKey;
using zhixing::StepCounts;
using zhixing::StepInfo;

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

// This host's name and this process's id, as recorded in executions and workers.
std::string host_name();
// "user" from $USER, else the uid.
std::string current_user();

// The job store with the launch rules above.
class JobRepository : public JobStore {
 public:
  explicit JobRepository(soci::session& sql) : JobStore(sql), sql_(sql) {}

  LaunchResult launch(const JobInstanceKey& key, const LaunchOptions& options);

  // A process working on an execution (launcher or worker); its heartbeat keeps its claims.
  long long register_worker(long long execution_id, const std::string& role);

 private:
  LaunchResult launch_in(const JobInstanceKey& key, const LaunchOptions& options,
                         LaunchResult& result);
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
  JobStore store_;
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
