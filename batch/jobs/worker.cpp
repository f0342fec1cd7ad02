#include "jobs/worker.h"

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "core/court_registry.h"
#include "documents/document_engine.h"
#include "jobs/job_runner.h"
#include "jobs/render_queue.h"
#include "jobs/run_log.h"
#include "jobs/stop_signal.h"
#include "store/database.h"
#include "store/document_delivery_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;

namespace {

// The running execution to join (--run, or any running one), waited for up to
// options.wait_seconds; nullopt (with the exit code) when there is none to join.
std::optional<ExecutionInfo> wait_for_target(JobRepository& repo, const WorkerOptions& options,
                                             std::ostream& out, int& exit_code) {
  std::optional<ExecutionInfo> target;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.wait_seconds);
  for (;;) {
    if (options.run_id) {
      target = repo.execution(*options.run_id);
      if (!target) {
        std::cerr << "没有执行 #" << *options.run_id << "\n";
        exit_code = kExitFailed;
        return std::nullopt;
      }
      if (target->status == "running") return target;
    } else {
      auto running = repo.running();
      if (!running.empty()) return running.front();
    }
    if (std::chrono::steady_clock::now() >= deadline || stop_requested()) {
      if (target)
        out << "执行 #" << target->id << " 不在运行（" << target->status << "），无需协助\n";
      else
        out << "没有正在运行的执行，无需协助\n";
      exit_code = kExitCompleted;
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// worker.deliver: `files` writes the PDFs into this process's output folder (on another machine:
// a shared mount of the launcher's); `database` stores them for the launcher to write out;
// `auto` (the default) is `database` when this process connects as the remote workers' role.
bool deliver_to_database(const Settings& settings, soci::session& sql) {
  const std::string mode = settings.get("worker.deliver", "auto");
  if (mode == "database") return true;
  if (mode == "files") return false;
  if (mode == "auto") return current_role(sql) == "zhixing_worker";
  throw std::runtime_error("配置项 worker.deliver 只能是 auto、files 或 database（bad_setting）：" +
                           mode);
}

}  // namespace

int run_worker(const Settings& settings, const WorkerOptions& options, std::ostream& out) {
  JobSettings job = JobSettings::from(settings);
  std::string url = ensure_database(settings).runtime_url;
  auto sql = connect(url);
  JobRepository repo(*sql);
  const bool to_database = deliver_to_database(settings, *sql);
  install_stop_handlers();

  int exit_code = kExitCompleted;
  std::optional<ExecutionInfo> target = wait_for_target(repo, options, out, exit_code);
  if (!target) return exit_code;
  const long long run_id = target->id;
  long long worker_id = repo.register_worker(run_id, "worker");
  log_line(run_id, "协助进程加入执行 #" + std::to_string(run_id) + "（" + target->job_name + " " +
                       target->job_key + "）" +
                       (to_database ? "，文书经数据库交付给发起进程写出" : ""));
  CourtRegistry courts = load_courts(settings);
  std::optional<documents::DocumentEngine> engine;
  const auto sealing = DocumentSealing::open(settings);
  if (const auto kinds = sealing->claimable_kinds()) {
    std::string names;
    for (const auto& k : *kinds) names += (names.empty() ? "" : "、") + k;
    const std::string line = "本协助进程不能加盖电子印章（" +
                             seal_error_text(*sealing->unavailable()) +
                             "），只领取不加盖印章的文书种类：" + (names.empty() ? "无" : names);
    log_line(run_id, line);
    out << line << "\n";
  }
  fs::path out_root = settings.path("paths.output", "out");
  // The job's document folder: a clerk batch records its own in the instance parameters.
  fs::path documents_dir = out_root / "documents";
  std::string issued_by = "nightly";
  bool reissue = false;
  if (target->job_name == "batch") {
    BatchParameters batch = repo.batch_parameters(target->instance_id);
    if (!batch.out_dir.empty()) documents_dir = batch.out_dir;
    issued_by = batch.user;
    reissue = batch.reissue;
  }

  long long done = 0;
  int rc = kExitCompleted;
  {
    Heartbeat beat(url, 0, worker_id, heartbeat_interval(job.stale_after_seconds));
    StepEnv env{*sql,   repo,      settings, job,      url, target->instance_id,
                run_id, worker_id, Date{},   out_root, ""};
    for (;;) {
      if (stop_requested()) {
        rc = kExitStopped;
        break;
      }
      auto e = repo.execution(run_id);
      if (!e || e->status != "running") break;
      bool worked = false;
      for (const char* step : {"render-documents", "render-vouchers"}) {
        WorkQueue queue(*sql, target->instance_id, step);
        QueueCounts c = queue.counts();
        if (c.pending == 0 && c.claimed == 0) continue;
        if (!engine)
          engine.emplace(settings.data_root().string(), settings.get("documents.profile", "gbt9704"));
        RenderOptions ro;
        ro.engine = &*engine;
        ro.courts = &courts;
        ro.sealing = sealing.get();
        ro.out_dir = documents_dir;
        ro.deliver_to_database = to_database;
        ro.issued_by = issued_by;
        ro.reissue = reissue;
        ro.launcher = false;
        ro.show_progress = false;
        env.step_name = step;
        long long before = items_finished_in_process();
        render_documents(env, queue, ro);
        long long n = items_finished_in_process() - before;
        done += n;
        worked = worked || n > 0;
      }
      // The launcher has moved past the documents: nothing more to share.
      if (repo.has_step(run_id, "write-summary")) break;
      if (!worked) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  }
  repo.end_worker(worker_id);
  log_line(run_id, "协助进程结束：处理 " + std::to_string(done) + " 项");
  out << "协助执行 #" << run_id << "：处理 " << done << " 项\n";
  return rc;
}

}  // namespace zhixing::jobs
