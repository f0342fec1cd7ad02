#include "jobs/job_repository.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "store/database.h"

namespace zhixing::jobs {

namespace {

const char* kExecutionColumns =
    "e.id, e.instance_id, i.job_name, i.job_key, e.status, e.host, e.pid, e.started_by,"
    " to_char(e.started_at, 'YYYY-MM-DD HH24:MI:SS'),"
    " coalesce(to_char(e.ended_at, 'YYYY-MM-DD HH24:MI:SS'), ''),"
    " to_char(e.heartbeat_at, 'YYYY-MM-DD HH24:MI:SS'),"
    " extract(epoch from (now() - e.heartbeat_at))::float8, e.exit_code, coalesce(e.message, ''),"
    " e.restart_of, coalesce(e.boot_id, ''), coalesce(e.pid_namespace, ''),"
    " coalesce(e.process_start, 0)"
    " from job_executions e join job_instances i on i.id = e.instance_id";

ExecutionInfo execution_from_row(const soci::row& r) {
  ExecutionInfo e;
  e.id = r.get<long long>(0);
  e.instance_id = r.get<long long>(1);
  e.job_name = r.get<std::string>(2);
  e.job_key = r.get<std::string>(3);
  e.status = r.get<std::string>(4);
  e.host = r.get<std::string>(5);
  e.pid = r.get<int>(6);
  e.started_by = r.get<std::string>(7);
  e.started_at = r.get<std::string>(8);
  e.ended_at = r.get<std::string>(9);
  e.heartbeat_at = r.get<std::string>(10);
  e.heartbeat_age_seconds = r.get<double>(11);
  if (r.get_indicator(12) == soci::i_ok) e.exit_code = r.get<int>(12);
  e.message = r.get<std::string>(13);
  if (r.get_indicator(14) == soci::i_ok) e.restart_of = r.get<long long>(14);
  e.boot_id = r.get<std::string>(15);
  e.pid_namespace = r.get<std::string>(16);
  e.process_start = r.get<long long>(17);
  return e;
}

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

std::vector<ExecutionInfo> JobRepository::query_executions(const std::string& where, int limit) {
  std::vector<ExecutionInfo> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string("select ") + kExecutionColumns + " where " + where +
                           " order by e.id desc limit " + std::to_string(std::max(1, limit)));
  for (const auto& r : rows) out.push_back(execution_from_row(r));
  return out;
}

LaunchResult JobRepository::launch(const JobInstanceKey& key, const LaunchOptions& options) {
  LaunchResult result;
  const std::string host = host_name();
  const int pid = static_cast<int>(getpid());
  const std::string who = options.started_by.empty() ? current_user() : options.started_by;
  try {
    soci::transaction tx(sql_);
    std::string name = key.job_name, job_key = key.job_key,
                params = key.parameters_json.empty() ? "{}" : key.parameters_json;
    sql_ << "insert into job_instances (job_name, job_key, parameters)"
            " values (:n, :k, cast(:p as jsonb)) on conflict (job_name, job_key) do nothing",
        soci::use(name), soci::use(job_key), soci::use(params);
    // The instance row lock serialises launches of one instance (first launch and restart).
    sql_ << "select id from job_instances where job_name = :n and job_key = :k for update",
        soci::use(name), soci::use(job_key), soci::into(result.instance_id);

    auto latest = query_executions("e.instance_id = " + std::to_string(result.instance_id), 1);
    if (!latest.empty() && latest[0].status == "running") {
      const ExecutionInfo& running = latest[0];
      const bool gone = process_is_gone(running);
      if (!gone && running.heartbeat_age_seconds <= options.stale_after_seconds) {
        result.outcome = LaunchOutcome::already_running;
        result.holder = running;
        tx.rollback();
        return result;
      }
      // Its process is gone or stopped beating: abandoned, and the instance restarts from its
      // queue.
      std::string msg = gone ? "进程 " + std::to_string(running.pid) +
                                   " 已不存在（同一台机器），由 " + host + " 进程 " +
                                   std::to_string(pid) + " 立即接管"
                             : "心跳停止超过 " + std::to_string(options.stale_after_seconds) +
                                   " 秒（最后心跳 " + running.heartbeat_at + "），由 " + host +
                                   " 进程 " + std::to_string(pid) + " 判定为失效";
      sql_ << "update job_executions set status = 'abandoned', ended_at = now(), message = :m"
              " where id = :id and status = 'running'",
          soci::use(msg), soci::use(running.id);
      if (gone) {
        // Its launcher's claims are free at once: that worker is the dead process itself.
        std::string h = running.host;
        sql_ << "update job_workers set ended_at = now() where execution_id = :id"
                " and ended_at is null and host = :h and pid = :p",
            soci::use(running.id), soci::use(h), soci::use(running.pid);
      }
      result.abandoned = running.id;
      result.abandoned_process_gone = gone;
      result.restart_of = running.id;
    } else if (!latest.empty() && latest[0].status == "completed" && !options.rerun) {
      result.outcome = LaunchOutcome::already_complete;
      result.holder = latest[0];
      tx.rollback();
      return result;
    } else if (!latest.empty()) {
      result.restart_of = latest[0].id;
    }
    long long restart_of = result.restart_of.value_or(0);
    soci::indicator restart_ind = result.restart_of ? soci::i_ok : soci::i_null;
    const ProcessIdentity self = this_process();
    std::string boot_id = self.boot_id, pid_namespace = self.pid_namespace;
    long long process_start = self.start_ticks;
    sql_ << "insert into job_executions (instance_id, status, host, pid, started_by, restart_of,"
            " boot_id, pid_namespace, process_start)"
            " values (:i, 'running', :h, :p, :u, :r, nullif(:b, ''), nullif(:ns, ''),"
            " nullif(:ps, 0)) returning id",
        soci::use(result.instance_id), soci::use(host), soci::use(pid), soci::use(who),
        soci::use(restart_of, restart_ind), soci::use(boot_id), soci::use(pid_namespace),
        soci::use(process_start), soci::into(result.execution_id);
    // Items that failed before are tried again (the data or the fonts may have been fixed);
    // items claimed by processes that died are reclaimed by the claim itself.
    sql_ << "update work_items set status = 'pending', claimed_by = null, error_code = null"
            " where instance_id = :i and status = 'failed'",
        soci::use(result.instance_id);
    tx.commit();
    result.outcome = LaunchOutcome::launched;
    return result;
  } catch (const soci::soci_error& e) {
    // The unique index on running executions: a simultaneous launch won the race.
    std::string what = e.what();
    if (what.find("job_executions_one_running") == std::string::npos) throw;
    auto running =
        query_executions("e.status = 'running' and i.job_name = '" + key.job_name +
                             "' and e.instance_id = " + std::to_string(result.instance_id),
                         1);
    result.outcome = LaunchOutcome::already_running;
    if (!running.empty()) result.holder = running[0];
    return result;
  }
}

long long JobRepository::begin_step(long long execution_id, int position, const std::string& name) {
  long long id = 0;
  std::string n = name;
  sql_ << "insert into step_executions (execution_id, position, step_name, status)"
          " values (:e, :p, :n, 'running') returning id",
      soci::use(execution_id), soci::use(position), soci::use(n), soci::into(id);
  return id;
}

void JobRepository::end_step(long long step_id, const std::string& status, const StepCounts& c,
                             double seconds, const std::string& message) {
  std::string s = status, m = message;
  sql_ << "update step_executions set status = :s, read_count = :r, written_count = :w,"
          " skipped_count = :k, failed_count = :f, seconds = :sec, message = nullif(:m, ''),"
          " ended_at = now() where id = :id",
      soci::use(s), soci::use(c.read), soci::use(c.written), soci::use(c.skipped),
      soci::use(c.failed), soci::use(seconds), soci::use(m), soci::use(step_id);
}

void JobRepository::record_failure(long long execution_id, const ItemFailure& f) {
  long long case_id = f.case_id.value_or(0);
  soci::indicator case_ind = f.case_id ? soci::i_ok : soci::i_null;
  std::string step = f.step_name, number = f.case_number, kind = f.document_kind,
              date = f.event_date, code = f.error_code, msg = f.message;
  int position = f.event_position;
  soci::indicator pos_ind = position > 0 ? soci::i_ok : soci::i_null;
  sql_ << "insert into item_failures (execution_id, step_name, case_id, case_number, document_kind,"
          " event_date, event_position, error_code, message) values (:e, :s, :c, nullif(:n, ''),"
          " nullif(:k, ''), cast(nullif(:d, '') as date), :p, :code, :m)",
      soci::use(execution_id), soci::use(step), soci::use(case_id, case_ind), soci::use(number),
      soci::use(kind), soci::use(date), soci::use(position, pos_ind), soci::use(code),
      soci::use(msg);
}

void JobRepository::finish(long long execution_id, const std::string& status, int exit_code,
                           const std::string& message) {
  std::string s = status, m = message;
  sql_ << "update job_executions set status = :s, exit_code = :c, message = nullif(:m, ''),"
          " ended_at = now(), heartbeat_at = now() where id = :id and status = 'running'",
      soci::use(s), soci::use(exit_code), soci::use(m), soci::use(execution_id);
}

long long JobRepository::register_worker(long long execution_id, const std::string& role) {
  long long id = 0;
  std::string host = host_name(), r = role;
  int pid = static_cast<int>(getpid());
  sql_ << "insert into job_workers (execution_id, host, pid, role) values (:e, :h, :p, :r)"
          " returning id",
      soci::use(execution_id), soci::use(host), soci::use(pid), soci::use(r), soci::into(id);
  return id;
}

void JobRepository::end_worker(long long worker_id) {
  sql_ << "update job_workers set ended_at = now() where id = :id", soci::use(worker_id);
}

std::optional<ExecutionInfo> JobRepository::execution(long long id) {
  auto rows = query_executions("e.id = " + std::to_string(id), 1);
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

std::vector<ExecutionInfo> JobRepository::executions(int limit, const std::string& job_name) {
  if (job_name.empty()) return query_executions("true", limit);
  // job names are fixed words chosen by the code, never user input
  return query_executions("i.job_name = '" + job_name + "'", limit);
}

std::vector<ExecutionInfo> JobRepository::running(const std::string& job_name) {
  std::string where = "e.status = 'running'";
  if (!job_name.empty()) where += " and i.job_name = '" + job_name + "'";
  return query_executions(where, 100);
}

std::optional<ExecutionInfo> JobRepository::latest(const std::string& job_name,
                                                   const std::string& job_key) {
  long long instance = 0;
  std::string n = job_name, k = job_key;
  sql_ << "select id from job_instances where job_name = :n and job_key = :k", soci::use(n),
      soci::use(k), soci::into(instance);
  if (!sql_.got_data()) return std::nullopt;
  auto rows = query_executions("e.instance_id = " + std::to_string(instance), 1);
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

std::vector<StepInfo> JobRepository::steps(long long execution_id) {
  std::vector<StepInfo> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "select id, position, step_name, status, read_count, written_count,"
                       " skipped_count, failed_count,"
                       " coalesce(seconds, extract(epoch from (now() - started_at))::float8),"
                       " coalesce(message, '') from step_executions where execution_id = :e"
                       " order by position, id",
       soci::use(execution_id));
  for (const auto& r : rows) {
    StepInfo s;
    s.id = r.get<long long>(0);
    s.position = r.get<int>(1);
    s.name = r.get<std::string>(2);
    s.status = r.get<std::string>(3);
    s.counts = {r.get<long long>(4), r.get<long long>(5), r.get<long long>(6), r.get<long long>(7)};
    s.seconds = r.get<double>(8);
    s.message = r.get<std::string>(9);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ItemFailure> JobRepository::failures(long long execution_id, int limit) {
  std::vector<ItemFailure> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare
           << "select step_name, case_id, coalesce(case_number, ''),"
              " coalesce(document_kind, ''), coalesce(to_char(event_date, 'YYYY-MM-DD'), ''),"
              " coalesce(event_position, 0), error_code, message from item_failures"
              " where execution_id = :e order by id limit :n",
       soci::use(execution_id), soci::use(limit));
  for (const auto& r : rows) {
    ItemFailure f;
    f.step_name = r.get<std::string>(0);
    if (r.get_indicator(1) == soci::i_ok) f.case_id = r.get<long long>(1);
    f.case_number = r.get<std::string>(2);
    f.document_kind = r.get<std::string>(3);
    f.event_date = r.get<std::string>(4);
    f.event_position = r.get<int>(5);
    f.error_code = r.get<std::string>(6);
    f.message = r.get<std::string>(7);
    out.push_back(std::move(f));
  }
  return out;
}

long long JobRepository::failure_count(long long execution_id) {
  long long n = 0;
  sql_ << "select count(*) from item_failures where execution_id = :e", soci::use(execution_id),
      soci::into(n);
  return n;
}

Heartbeat::Heartbeat(const std::string& url, long long execution_id, long long worker_id,
                     std::chrono::milliseconds interval)
    : sql_(connect(url)),
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
      if (execution_id_)
        *sql_ << "update job_executions set heartbeat_at = now() where id = :id and status = "
                 "'running'",
            soci::use(execution_id_);
      if (worker_id_)
        *sql_ << "update job_workers set heartbeat_at = now() where id = :id",
            soci::use(worker_id_);
    } catch (const std::exception& e) {
      std::cerr << "心跳写入失败（将重试）：" << e.what() << "\n";
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace zhixing::jobs
