#include "jobs/clerk_batch.h"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <memory>

#include "core/court_registry.h"
#include "core/json_text.h"
#include "documents/document_engine.h"
#include "jobs/document_batch.h"
#include "jobs/render_queue.h"
#include "store/case_loader.h"
#include "store/database.h"

namespace zhixing::jobs {

std::string new_request_id(const std::string& user) {
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return user + "-" + stamp + "-" + std::to_string(getpid());
}

namespace {

// The batch's items: the chosen cases' events of the kind, or the filter's cases'. An unknown
// case number is a recorded, skipped item.
StepOutcome plan_clerk_documents(StepEnv& env, const ClerkBatchOptions& options) {
  WorkQueue queue(env.sql, env.instance_id, "render-documents");
  PlanOptions po;
  po.kinds = {options.kind};
  po.only_missing = false;
  StepOutcome unknown;
  if (!options.filter.empty()) {
    po.selection.filter = parse_case_filter(options.filter);
  } else {
    po.report_not_applicable = true;
    std::vector<long long> ids;
    for (const auto& number : options.case_numbers) {
      long long id = find_case_id(env.sql, number);
      if (id == 0) {
        ItemFailure f;
        f.step_name = env.step_name;
        f.case_number = number;
        f.document_kind = std::string(documents::kind_name(options.kind));
        f.error_code = "not_applicable";
        f.message = "案件不存在：" + number;
        env.repo.record_failure(env.execution_id, f);
        ++unknown.counts.read;
        ++unknown.counts.skipped;
        continue;
      }
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.empty()) return unknown;
    po.case_ids = std::move(ids);
  }
  StepOutcome o = plan_documents(env, queue, po);
  o.counts.read += unknown.counts.read;
  o.counts.skipped += unknown.counts.skipped;
  return o;
}

// The batch's instance key and its parameters (what `runs show` and a joining worker read).
JobInstanceKey batch_key(const ClerkBatchOptions& options, const std::string& kind) {
  std::string out_abs = std::filesystem::absolute(options.out_dir).lexically_normal().string();
  return {"batch", "request=" + options.request_id,
          JsonObject(JsonStyle::spaced)
              .add_string("request", options.request_id)
              .add_string("kind", kind)
              .add("cases", json_string_array(options.case_numbers, JsonStyle::spaced))
              .add_string("filter", options.filter)
              .add_string("out", out_abs)
              .add_string("reissue", options.reissue ? "true" : "false")
              .add_string("user", options.user)
              .str()};
}

}  // namespace

RunResult run_clerk_batch(const Settings& settings, const ClerkBatchOptions& options,
                          std::ostream& out) {
  JobSettings job = JobSettings::from(settings);
  const std::string kind(documents::kind_name(options.kind));
  struct Shared {
    CourtRegistry courts;
    std::unique_ptr<documents::DocumentEngine> engine;
    std::shared_ptr<const DocumentSealing> sealing;
  };
  auto shared = std::make_shared<Shared>(Shared{load_courts(settings), nullptr, nullptr});

  JobRun run;
  run.key = batch_key(options, kind);
  run.title = "文书批次 " + kind + " 请求 " + options.request_id;
  {
    char today[16];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
    run.business_date = today;
  }
  run.launch.rerun = options.rerun;
  run.launch.started_by = options.user;
  run.out_dir = settings.path("paths.output", "out");
  run.runtime_url = ensure_database(settings).runtime_url;

  run.steps = {
      {"plan-documents", [options](StepEnv& env) { return plan_clerk_documents(env, options); }},
      {"render-documents",
       [shared, options, &settings](StepEnv& env) {
         WorkQueue queue(env.sql, env.instance_id, "render-documents");
         RenderOptions ro;
         ro.courts = &shared->courts;
         ro.out_dir = options.out_dir;
         ro.reissue = options.reissue;
         ro.issued_by = options.user;
         if (!shared->sealing) shared->sealing = DocumentSealing::open(settings);
         ro.sealing = shared->sealing.get();
         QueueCounts c = queue.counts();
         if (c.pending + c.claimed > 0) {
           shared->engine = std::make_unique<documents::DocumentEngine>(
               settings.data_root().string(), settings.get("documents.profile", "gbt9704"));
           ro.engine = shared->engine.get();
         }
         return render_documents(env, queue, ro);
       }},
  };
  run.summary_extra = [options](long long run_id, std::ostream& text) {
    text << "  输出目录 " << options.out_dir.string() << "；失败与跳过的项目：zhixing runs show "
         << run_id << "\n";
  };
  RunResult result = run_job(settings, job, run, out);
  // The failing items, as `zhixing docs` reports them.
  if (result.execution_id) {
    auto sql = connect(run.runtime_url);
    JobRepository repo(*sql);
    for (const auto& f : repo.failures(result.execution_id, 200))
      std::cerr << f.case_number << " " << f.document_kind
                << (f.event_date.empty()
                        ? ""
                        : " " + f.event_date + "#" + std::to_string(f.event_position))
                << ": " << f.error_code << ": " << f.message << "\n";
  }
  return result;
}

}  // namespace zhixing::jobs
