#include "jobs/job_runner.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "core/json_text.h"
#include "jobs/run_log.h"
#include "jobs/stop_signal.h"
#include "store/database.h"
#include "store/job_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;

std::string_view step_status_name(StepStatus s) {
  switch (s) {
    case StepStatus::completed:
      return "completed";
    case StepStatus::failed:
      return "failed";
    case StepStatus::stopped:
      return "stopped";
    case StepStatus::disabled:
      return "disabled";
  }
  return "failed";
}

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string step_line(const StepInfo& s) {
  std::ostringstream o;
  o << "  " << s.name << "：";
  if (s.status == "disabled") {
    o << s.message;
  } else {
    o << "读 " << s.counts.read << "，写 " << s.counts.written << "，跳过 " << s.counts.skipped
      << "，失败 " << s.counts.failed << "（" << seconds_text(s.seconds) << " 秒）";
    if (s.status != "completed") o << " [" << s.status << "]";
    if (!s.message.empty()) o << " — " << s.message;
  }
  return o.str();
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  fs::path tmp = path;
  tmp += ".part-" + std::to_string(getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f) throw std::runtime_error("无法写入 " + tmp.string());
  }
  fs::rename(tmp, path);
}

}  // namespace

std::string summary_json(long long run_id, const std::string& job, const std::string& business_date,
                         const std::string& status, int exit_code,
                         const std::vector<StepInfo>& steps,
                         const std::vector<std::pair<std::string, std::string>>& extra_members) {
  std::vector<std::string> step_values;
  for (const auto& s : steps)
    step_values.push_back(JsonObject(JsonStyle::spaced)
                              .add_string("name", s.name)
                              .add_string("status", s.status)
                              .add_number("read", s.counts.read)
                              .add_number("written", s.counts.written)
                              .add_number("skipped", s.counts.skipped)
                              .add_number("failed", s.counts.failed)
                              .add("seconds", seconds_text(s.seconds))
                              .str());
  JsonObject o(JsonStyle::lines);
  o.add_number("run_id", run_id)
      .add_string("job", job)
      .add_string("business_date", business_date)
      .add_string("status", status)
      .add_number("exit_code", exit_code)
      .add("steps", json_array(step_values, JsonStyle::lines, 1));
  for (const auto& [name, value] : extra_members) o.add(name, value);
  return o.str() + "\n";
}

namespace {

// A launch refused (already running, already complete): the result and what the user reads;
// nullopt when the execution was launched.
std::optional<RunResult> refused_launch(const JobRun& run, const LaunchResult& launched,
                                        std::ostream& out) {
  RunResult result;
  if (launched.outcome == LaunchOutcome::already_running) {
    result.exit_code = kExitAlreadyRunning;
    result.status = "already_running";
    std::ostringstream m;
    m << "已在运行：" << run.key.job_name << " " << run.key.job_key;
    if (launched.holder)
      m << " 由执行 #" << launched.holder->id << "（" << launched.holder->started_by << "@"
        << launched.holder->host << " 进程 " << launched.holder->pid << "）自 "
        << launched.holder->started_at << " 起运行，最近心跳 "
        << static_cast<long>(launched.holder->heartbeat_age_seconds) << " 秒前";
    std::cerr << m.str() << "\n";
    return result;
  }
  if (launched.outcome == LaunchOutcome::already_complete) {
    result.exit_code = kExitCompleted;
    result.status = "already_complete";
    out << "已完成：" << run.key.job_name << " " << run.key.job_key << " 已由执行 #"
        << launched.holder->id << " 于 " << launched.holder->ended_at
        << " 完成，本次不做任何事（如需重跑请加 --rerun）\n";
    return result;
  }
  return std::nullopt;
}

// The run log's first line: what starts, and whose work it takes over.
std::string start_line(const JobRun& run, const LaunchResult& launched) {
  std::string start =
      "开始 " + run.title + "（执行 #" + std::to_string(launched.execution_id) + "）";
  if (launched.abandoned && launched.abandoned_process_gone)
    start += "；执行 #" + std::to_string(*launched.abandoned) + " 的进程已不存在，立即接管并续做";
  else if (launched.abandoned)
    start += "；执行 #" + std::to_string(*launched.abandoned) + " 心跳已停止，判定失效并续做";
  else if (launched.restart_of)
    start += "；续做执行 #" + std::to_string(*launched.restart_of);
  return start;
}

struct StepsResult {
  std::string status = "completed";  // completed, failed, stopped
  std::string failure;               // the failing step and why, or the stop
  int position = 0;                  // of the last step begun
};

// Runs the steps in order, recording each; stops at a failed or stopped step.
StepsResult run_steps(JobRun& run, StepEnv& env, soci::session& sql) {
  StepsResult r;
  for (auto& step : run.steps) {
    ++r.position;
    env.step_name = step.name;
    long long step_id = env.repo.begin_step(env.execution_id, r.position, step.name);
    auto t0 = std::chrono::steady_clock::now();
    StepOutcome o;
    try {
      o = step.body(env);
    } catch (const std::exception& e) {
      o.status = StepStatus::failed;
      o.message = mask_personal_numbers(e.what());
      // The session may be in an aborted transaction; a fresh one records the failure.
      discard_aborted_transaction(sql);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    env.repo.end_step(step_id, std::string(step_status_name(o.status)), o.counts, seconds,
                      o.message);
    log_line(env.execution_id,
             step.name + "：" + std::string(step_status_name(o.status)) + " 读 " +
                 std::to_string(o.counts.read) + " 写 " + std::to_string(o.counts.written) +
                 " 跳过 " + std::to_string(o.counts.skipped) + " 失败 " +
                 std::to_string(o.counts.failed) + (o.message.empty() ? "" : " — " + o.message));
    if (o.status == StepStatus::failed) {
      r.status = "failed";
      r.failure = step.name + "：" + o.message;
      break;
    }
    if (o.status == StepStatus::stopped || stop_requested()) {
      r.status = "stopped";
      r.failure = "收到停止信号";
      break;
    }
    if (!env.job.abort_after_step.empty() && env.job.abort_after_step == step.name)
      _exit(kInjectedAbortExit);
  }
  return r;
}

struct SummaryResult {
  int exit_code = kExitCompleted;
  const char* status_text = "完成";
};

// The run summary, always written whatever the status, as the step write-summary: the text
// (printed, and kept under <output>/runs/ and in the run's copies) and the JSON.
SummaryResult write_summary(JobRun& run, JobRepository& repo, long long run_id,
                            StepsResult& steps_result, RunResult& result, std::ostream& out) {
  std::string& status = steps_result.status;
  const std::string& failure = steps_result.failure;
  long long summary_id = repo.begin_step(run_id, ++steps_result.position, "write-summary");
  auto t0 = std::chrono::steady_clock::now();
  std::vector<StepInfo> steps = repo.steps(run_id);
  long long skipped = 0;
  for (const auto& s : steps) skipped += s.counts.skipped;
  SummaryResult r;
  r.exit_code = status == "failed"    ? kExitFailed
                : status == "stopped" ? kExitStopped
                : skipped > 0         ? kExitSkipped
                                      : kExitCompleted;
  fs::path runs_dir = run.out_dir / "runs";
  result.json_path = runs_dir / (std::to_string(run_id) + ".json");
  StepInfo& self = steps.back();
  self.status = "completed";
  self.counts = {static_cast<long long>(steps.size() - 1),
                 static_cast<long long>(2 + run.summary_copies.size()), 0, 0};
  std::ostringstream text;
  text << run.title << "（执行 #" << run_id << "，" << run.key.job_name << " " << run.key.job_key
       << "）\n";
  for (const auto& s : steps)
    if (s.name != "write-summary") text << step_line(s) << "\n";
  if (run.summary_extra) run.summary_extra(run_id, text);
  r.status_text = status == "failed"    ? "失败"
                  : status == "stopped" ? "已停止（可续做）"
                  : skipped > 0         ? "完成（有跳过的项目）"
                                        : "完成";
  text << "  状态：" << r.status_text << (failure.empty() ? "" : " — " + failure) << "\n";
  text << "  运行摘要：" << result.json_path.string() << "\n";
  std::vector<std::pair<std::string, std::string>> extra_members;
  if (run.summary_json_extra) {
    try {
      extra_members = run.summary_json_extra(run_id);
    } catch (const std::exception& e) {
      text << "  运行摘要附加信息读取失败：" << mask_personal_numbers(e.what()) << "\n";
    }
  }
  std::string json = summary_json(run_id, run.key.job_name, run.business_date, status, r.exit_code,
                                  steps, extra_members);
  try {
    write_file_atomically(result.json_path, json);
    write_file_atomically(runs_dir / (std::to_string(run_id) + ".txt"), text.str());
    for (const auto& p : run.summary_copies) write_file_atomically(p, text.str());
  } catch (const std::exception& e) {
    status = "failed";
    r.exit_code = kExitFailed;
    text << "  运行摘要写入失败：" << e.what() << "\n";
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  repo.end_step(summary_id, "completed", self.counts, seconds);
  out << text.str();
  return r;
}

}  // namespace

RunResult run_job(const Settings& settings, const JobSettings& job, JobRun& run,
                  std::ostream& out) {
  auto sql = connect(run.runtime_url);
  JobRepository repo(*sql);
  run.launch.stale_after_seconds = job.stale_after_seconds;
  LaunchResult launched = repo.launch(run.key, run.launch);
  if (auto refused = refused_launch(run, launched, out)) return *refused;
  RunResult result;
  const long long run_id = launched.execution_id;
  result.execution_id = run_id;
  long long worker_id = repo.register_worker(run_id, "launcher");
  std::optional<Heartbeat> heartbeat;
  heartbeat.emplace(run.runtime_url, run_id, worker_id,
                    heartbeat_interval(job.stale_after_seconds));
  install_stop_handlers();
  log_line(run_id, start_line(run, launched));

  StepEnv env{*sql,
              repo,
              settings,
              job,
              run.runtime_url,
              launched.instance_id,
              run_id,
              worker_id,
              Date::parse_iso(run.business_date).value_or(Date{}),
              run.out_dir,
              ""};
  StepsResult steps = run_steps(run, env, *sql);
  SummaryResult summary = write_summary(run, repo, run_id, steps, result, out);

  heartbeat.reset();
  repo.end_worker(worker_id);
  repo.finish(run_id, steps.status, summary.exit_code, steps.failure);
  log_line(run_id, std::string("结束：") + summary.status_text);
  result.exit_code = summary.exit_code;
  result.status = steps.status;
  return result;
}

}  // namespace zhixing::jobs
