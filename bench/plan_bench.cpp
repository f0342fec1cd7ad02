// The night's plan measured alone, on a database as it stands: incrementally (from the latest
// plan-documents watermark, as the night plans) and in full (as `nightly --replan`), each into a
// queue of its own job ("plan-bench"), with the cases it read, its wall seconds and the CPU
// seconds of this process and of its PostgreSQL backend; then whether the two queues hold the
// same items. Neither records a watermark, so the nights that follow plan as if it never ran.
//
//   ZHIXING_DB_NAME=<db> build/bench/plan_bench YYYY-MM-DD [delta.jsonl]
// With a delta file, it is imported first. A database to run it on: the template kept by
// `nightly_bench N --keep-setup` (its set-up night completed; a copy of it, with the kept delta).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/court_registry.h"
#include "documents/kinds/document_kind.h"
#include "importer/importer.h"
#include "jobs/job_repository.h"
#include "jobs/plan_scope.h"
#include "store/database.h"
#include "bench_cpu.h"

using namespace zhixing;

namespace {

// CPU seconds (user + sys) of this process, and of a local process (a PostgreSQL backend).
// One plan into its own job instance: prints its figures; returns the instance id.
long long plan_once(soci::session& sql, jobs::JobRepository& repo, const Settings& settings,
                    const std::string& url, Date date, bool full, long backend) {
  const jobs::JobSettings job = jobs::JobSettings::from(settings);
  const auto launched = repo.launch(
      {"plan-bench",
       (full ? "full " : "incremental ") + date.iso() + " " + std::to_string(getpid()), "{}"},
      {});
  jobs::StepEnv env{
      sql,  repo, settings,        job, url, launched.instance_id, launched.execution_id, 0,
      date, {},   "plan-documents"};
  jobs::WorkQueue queue(sql, launched.instance_id, "render-documents");
  jobs::PlanOptions po;
  for (auto k : documents::all_kinds())
    if (k != documents::DocumentKind::relief_voucher) po.kinds.push_back(k);
  po.due_by = date;
  const double cpu0 = bench::own_cpu_seconds(), server0 = bench::process_cpu_seconds(backend);
  const auto t0 = std::chrono::steady_clock::now();
  // The night's scope (its base: the nights' watermark), but no watermark recorded.
  jobs::PlanScope scope = jobs::plan_scope(sql, {"plan-documents", "nightly", "render-documents"},
                                           po.kinds, date, full);
  if (scope.case_ids) po.case_ids = std::move(*scope.case_ids);
  const jobs::StepOutcome o = jobs::plan_documents(env, queue, po);
  std::printf(
      "plan (%s): %lld cases read, %lld items queued, %.2f s, CPU %.2f s client + %.2f s"
      " server\n  %s\n",
      full ? "full" : "incremental", o.counts.read, o.counts.written,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
      bench::own_cpu_seconds() - cpu0, bench::process_cpu_seconds(backend) - server0, scope.description.c_str());
  repo.finish(launched.execution_id, "completed", 0, "");
  return launched.instance_id;
}

}  // namespace

int main(int argc, char** argv) {
  const auto date = argc > 1 ? Date::parse_iso(argv[1]) : std::nullopt;
  if (!date) {
    std::cerr << "usage: ZHIXING_DB_NAME=<db> plan_bench YYYY-MM-DD [delta.jsonl]\n";
    return 2;
  }
  Settings settings = Settings::load();
  const std::string url = ensure_database(settings).runtime_url;
  auto sql = connect(url);
  if (argc > 2) {
    const CourtRegistry courts = load_courts(settings);
    Importer importer(*sql, courts);
    const ImportReport r = importer.import_file(argv[2], [](const RejectedLine&) {});
    std::printf("delta: %lld lines, %lld updated, %lld new\n", static_cast<long long>(r.lines),
                static_cast<long long>(r.updated), static_cast<long long>(r.inserted));
  }
  long backend = 0;
  *sql << "select pg_backend_pid()", soci::into(backend);
  jobs::JobRepository repo(*sql);
  const long long a = plan_once(*sql, repo, settings, url, *date, false, backend);
  const long long b = plan_once(*sql, repo, settings, url, *date, true, backend);
  long long differ = 0;
  *sql << "select count(*) from ((select case_id, kind, event_date, event_position, priority"
          " from work_items where instance_id = :a except select case_id, kind, event_date,"
          " event_position, priority from work_items where instance_id = :b) union all"
          " (select case_id, kind, event_date, event_position, priority from work_items where"
          " instance_id = :b except select case_id, kind, event_date, event_position, priority"
          " from work_items where instance_id = :a)) x",
      soci::use(a, "a"), soci::use(b, "b"), soci::into(differ);
  std::printf("queues: %s\n", differ == 0 ? "the same items" : "DIFFERENT");
  return differ == 0 ? 0 : 1;
}
