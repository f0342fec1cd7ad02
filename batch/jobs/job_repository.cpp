#include "jobs/job_repository.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "store/database.h"
#include "store/work_queue_store.h"

namespace zhixing::jobs {

namespace {

std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

std::optional<long long> process_start_ticks(int pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return std::nullopt;
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted from
  // the last ')'; field 22 (starttime) is the 20th after it.
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i)
    if (!(fields >> field)) return std::nullopt;
  try {
    return std::stoll(field);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

ProcessIdentity this_process() {
  static const ProcessIdentity self = [] {
    ProcessIdentity p;
    p.boot_id = first_line_of("/proc/sys/kernel/random/boot_id");
    std::error_code ec;
    p.pid_namespace = std::filesystem::read_symlink("/proc/self/ns/pid", ec).string();
    p.pid = static_cast<int>(getpid());
    p.start_ticks = process_start_ticks(p.pid).value_or(0);
    return p;
  }();
  return self;
}

bool process_is_gone(const ExecutionInfo& e) {
  const ProcessIdentity self = this_process();
  if (e.boot_id.empty() || self.boot_id.empty() || e.boot_id != self.boot_id) return false;
  if (e.pid_namespace != self.pid_namespace || e.process_start == 0) return false;
  auto start = process_start_ticks(e.pid);
  return !start || *start != e.process_start;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

std::string current_user() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (const passwd* pw = getpwuid(getuid())) return pw->pw_name;
  return "uid " + std::to_string(getuid());
}

std::chrono::milliseconds heartbeat_interval(int stale_after_seconds) {
  long long ms = static_cast<long long>(stale_after_seconds) * 1000 / 3;
  return std::chrono::milliseconds(std::clamp(ms, 100LL, 10000LL));
}

namespace {

// Why a running execution is taken over, for its message.
std::string takeover_message(const ExecutionInfo& running, bool gone, int stale_after_seconds,
                             const std::string& host, int pid) {
  return gone ? "进程 " + std::to_string(running.pid) + " 已不存在（同一台机器），由 " + host +
                    " 进程 " + std::to_string(pid) + " 立即接管"
              : "心跳停止超过 " + std::to_string(stale_after_seconds) + " 秒（最后心跳 " +
                    running.heartbeat_at + "），由 " + host + " 进程 " + std::to_string(pid) +
                    " 判定为失效";
}

}  // namespace

LaunchResult JobRepository::launch(const JobInstanceKey& key, const LaunchOptions& options) {
  LaunchResult result;
  try {
    return launch_in(key, options, result);
  } catch (const soci::soci_error& e) {
    // The unique index on running executions: a simultaneous launch won the race.
    std::string what = e.what();
    if (what.find("job_executions_one_running") == std::string::npos) throw;
    result.outcome = LaunchOutcome::already_running;
    result.holder = running_of_instance(key.job_name, result.instance_id);
    return result;
  }
}

LaunchResult JobRepository::launch_in(const JobInstanceKey& key, const LaunchOptions& options,
                                      LaunchResult& result) {
  const std::string host = host_name();
  const int pid = static_cast<int>(getpid());
  soci::transaction tx(sql_);
  result.instance_id = lock_instance(key);
  const std::optional<ExecutionInfo> latest = latest_of_instance(result.instance_id);
  if (latest && latest->status == "running") {
    const ExecutionInfo& running = *latest;
    const bool gone = process_is_gone(running);
    if (!gone && running.heartbeat_age_seconds <= options.stale_after_seconds) {
      result.outcome = LaunchOutcome::already_running;
      result.holder = running;
      tx.rollback();
      return result;
    }
    // Its process is gone or stopped beating: abandoned, and the instance restarts from its
    // queue.
    abandon(running.id, takeover_message(running, gone, options.stale_after_seconds, host, pid));
    // Its launcher's claims are free at once: that worker is the dead process itself.
    if (gone) end_workers_of_process(running.id, running.host, running.pid);
    result.abandoned = running.id;
    result.abandoned_process_gone = gone;
    result.restart_of = running.id;
  } else if (latest && latest->status == "completed" && !options.rerun) {
    result.outcome = LaunchOutcome::already_complete;
    result.holder = latest;
    tx.rollback();
    return result;
  } else if (latest) {
    result.restart_of = latest->id;
  }
  const ProcessIdentity self = this_process();
  NewExecution x;
  x.instance_id = result.instance_id;
  x.host = host;
  x.pid = pid;
  x.started_by = options.started_by.empty() ? current_user() : options.started_by;
  x.restart_of = result.restart_of;
  x.boot_id = self.boot_id;
  x.pid_namespace = self.pid_namespace;
  x.process_start = self.start_ticks;
  result.execution_id = insert_execution(x);
  // Items that failed before are tried again (the data or the fonts may have been fixed);
  // items claimed by processes that died are reclaimed by the claim itself.
  retry_failed_work_items(sql_, result.instance_id);
  tx.commit();
  result.outcome = LaunchOutcome::launched;
  return result;
}

long long JobRepository::register_worker(long long execution_id, const std::string& role) {
  return insert_worker(execution_id, host_name(), static_cast<int>(getpid()), role);
}

Heartbeat::Heartbeat(const std::string& url, long long execution_id, long long worker_id,
                     std::chrono::milliseconds interval)
    : sql_(connect(url)),
      store_(*sql_),
      execution_id_(execution_id),
      worker_id_(worker_id),
      interval_(interval),
      thread_([this] { run(); }) {}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Heartbeat::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    try {
      if (execution_id_) store_.beat_execution(execution_id_);
      if (worker_id_) store_.beat_worker(worker_id_);
    } catch (const std::exception& e) {
      std::cerr << "心跳写入失败（将重试）：" << e.what() << "\n";
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace zhixing::jobs
