#include "store/job_store.h"

#include <algorithm>

namespace zhixing::inline store {

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

std::optional<ExecutionInfo> first_of(std::vector<ExecutionInfo> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows[0]);
}

}  // namespace

std::vector<ExecutionInfo> JobStore::query_executions(const std::string& where, int limit) {
  std::vector<ExecutionInfo> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string("select ") + kExecutionColumns + " where " + where +
                           " order by e.id desc limit " + std::to_string(std::max(1, limit)));
  for (const auto& r : rows) out.push_back(execution_from_row(r));
  return out;
}

long long JobStore::lock_instance(const JobInstanceKey& key) {
  std::string name = key.job_name, job_key = key.job_key,
              params = key.parameters_json.empty() ? "{}" : key.parameters_json;
  sql_ << "insert into job_instances (job_name, job_key, parameters)"
          " values (:n, :k, cast(:p as jsonb)) on conflict (job_name, job_key) do nothing",
      soci::use(name), soci::use(job_key), soci::use(params);
  long long id = 0;
  sql_ << "select id from job_instances where job_name = :n and job_key = :k for update",
      soci::use(name), soci::use(job_key), soci::into(id);
  return id;
}

std::optional<ExecutionInfo> JobStore::latest_of_instance(long long instance_id) {
  return first_of(query_executions("e.instance_id = " + std::to_string(instance_id), 1));
}

std::optional<ExecutionInfo> JobStore::running_of_instance(const std::string& job_name,
                                                           long long instance_id) {
  // job names are fixed words chosen by the code, never user input
  return first_of(query_executions("e.status = 'running' and i.job_name = '" + job_name +
                                       "' and e.instance_id = " + std::to_string(instance_id),
                                   1));
}

void JobStore::abandon(long long execution_id, const std::string& message) {
  std::string m = message;
  sql_ << "update job_executions set status = 'abandoned', ended_at = now(), message = :m"
          " where id = :id and status = 'running'",
      soci::use(m), soci::use(execution_id);
}

void JobStore::end_workers_of_process(long long execution_id, const std::string& host, int pid) {
  std::string h = host;
  sql_ << "update job_workers set ended_at = now() where execution_id = :id"
          " and ended_at is null and host = :h and pid = :p",
      soci::use(execution_id), soci::use(h), soci::use(pid);
}

long long JobStore::insert_execution(const NewExecution& x) {
  long long id = 0, instance_id = x.instance_id;
  std::string host = x.host, who = x.started_by, boot_id = x.boot_id,
              pid_namespace = x.pid_namespace;
  int pid = x.pid;
  long long restart_of = x.restart_of.value_or(0), process_start = x.process_start;
  soci::indicator restart_ind = x.restart_of ? soci::i_ok : soci::i_null;
  sql_ << "insert into job_executions (instance_id, status, host, pid, started_by, restart_of,"
          " boot_id, pid_namespace, process_start)"
          " values (:i, 'running', :h, :p, :u, :r, nullif(:b, ''), nullif(:ns, ''),"
          " nullif(:ps, 0)) returning id",
      soci::use(instance_id), soci::use(host), soci::use(pid), soci::use(who),
      soci::use(restart_of, restart_ind), soci::use(boot_id), soci::use(pid_namespace),
      soci::use(process_start), soci::into(id);
  return id;
}

long long JobStore::begin_step(long long execution_id, int position, const std::string& name) {
  long long id = 0;
  std::string n = name;
  sql_ << "insert into step_executions (execution_id, position, step_name, status)"
          " values (:e, :p, :n, 'running') returning id",
      soci::use(execution_id), soci::use(position), soci::use(n), soci::into(id);
  return id;
}

void JobStore::end_step(long long step_id, const std::string& status, const StepCounts& c,
                        double seconds, const std::string& message) {
  std::string s = status, m = message;
  sql_ << "update step_executions set status = :s, read_count = :r, written_count = :w,"
          " skipped_count = :k, failed_count = :f, seconds = :sec, message = nullif(:m, ''),"
          " ended_at = now() where id = :id",
      soci::use(s), soci::use(c.read), soci::use(c.written), soci::use(c.skipped),
      soci::use(c.failed), soci::use(seconds), soci::use(m), soci::use(step_id);
}

void JobStore::record_failure(long long execution_id, const ItemFailure& f) {
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

void JobStore::finish(long long execution_id, const std::string& status, int exit_code,
                      const std::string& message) {
  std::string s = status, m = message;
  sql_ << "update job_executions set status = :s, exit_code = :c, message = nullif(:m, ''),"
          " ended_at = now(), heartbeat_at = now() where id = :id and status = 'running'",
      soci::use(s), soci::use(exit_code), soci::use(m), soci::use(execution_id);
}

long long JobStore::insert_worker(long long execution_id, const std::string& host, int pid,
                                  const std::string& role) {
  long long id = 0;
  std::string h = host, r = role;
  sql_ << "insert into job_workers (execution_id, host, pid, role) values (:e, :h, :p, :r)"
          " returning id",
      soci::use(execution_id), soci::use(h), soci::use(pid), soci::use(r), soci::into(id);
  return id;
}

void JobStore::end_worker(long long worker_id) {
  sql_ << "update job_workers set ended_at = now() where id = :id", soci::use(worker_id);
}

void JobStore::beat_execution(long long execution_id) {
  sql_ << "update job_executions set heartbeat_at = now() where id = :id and status = 'running'",
      soci::use(execution_id);
}

void JobStore::beat_worker(long long worker_id) {
  sql_ << "update job_workers set heartbeat_at = now() where id = :id", soci::use(worker_id);
}

std::optional<ExecutionInfo> JobStore::execution(long long id) {
  return first_of(query_executions("e.id = " + std::to_string(id), 1));
}

std::vector<ExecutionInfo> JobStore::executions(int limit, const std::string& job_name) {
  if (job_name.empty()) return query_executions("true", limit);
  // job names are fixed words chosen by the code, never user input
  return query_executions("i.job_name = '" + job_name + "'", limit);
}

std::vector<ExecutionInfo> JobStore::running(const std::string& job_name) {
  std::string where = "e.status = 'running'";
  if (!job_name.empty()) where += " and i.job_name = '" + job_name + "'";
  return query_executions(where, 100);
}

std::optional<ExecutionInfo> JobStore::latest(const std::string& job_name,
                                              const std::string& job_key) {
  long long instance = 0;
  std::string n = job_name, k = job_key;
  sql_ << "select id from job_instances where job_name = :n and job_key = :k", soci::use(n),
      soci::use(k), soci::into(instance);
  if (!sql_.got_data()) return std::nullopt;
  return latest_of_instance(instance);
}

std::vector<StepInfo> JobStore::steps(long long execution_id) {
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

bool JobStore::has_step(long long execution_id, const std::string& step_name) {
  long long n = 0;
  std::string s = step_name;
  sql_ << "select count(*) from step_executions where execution_id = :e and step_name = :s",
      soci::use(execution_id), soci::use(s), soci::into(n);
  return n > 0;
}

std::vector<ItemFailure> JobStore::failures(long long execution_id, int limit) {
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

long long JobStore::failure_count(long long execution_id) {
  long long n = 0;
  sql_ << "select count(*) from item_failures where execution_id = :e", soci::use(execution_id),
      soci::into(n);
  return n;
}

std::vector<std::string> JobStore::completed_keys(const std::string& job_name) {
  std::vector<std::string> out;
  std::string n = job_name;
  soci::rowset<std::string> rows =
      (sql_.prepare << "select i.job_key from job_instances i where i.job_name = :n"
                       " and (select e.status from job_executions e where e.instance_id = i.id"
                       "      order by e.id desc limit 1) = 'completed'",
       soci::use(n));
  for (const auto& key : rows) out.push_back(key);
  return out;
}

BatchParameters JobStore::batch_parameters(long long instance_id) {
  BatchParameters p;
  std::string reissue;
  sql_ << "select coalesce(parameters->>'out', ''), coalesce(parameters->>'user', 'clerk'),"
          " coalesce(parameters->>'reissue', 'false') from job_instances where id = :i",
      soci::use(instance_id), soci::into(p.out_dir), soci::into(p.user), soci::into(reissue);
  p.reissue = reissue == "true";
  return p;
}

void discard_aborted_transaction(soci::session& sql) {
  try {
    sql << "rollback";
  } catch (...) {
  }
}

}  // namespace zhixing::inline store
