// A province-sized night, scaled: N demo cases imported and their past documents recorded as
// issued (set-up, not timed), then one business day's delta file — about 5 % of the cases with one
// new measure each — imported and processed by `nightly` (timed end to end, in a child process so
// that its peak memory is its own). The new measures rotate over ten changed cases as a day's
// work does: five 限制消费令 (consumption_ban), four 报告财产令 (property_report_order) and one
// freeze (冻结裁定书 + 协助执行通知书), i.e. 1.1 documents per changed case.
// Prints each step, documents per second and peak memory (max RSS).
//
//   build/bench/nightly_bench [N] [delta percent] [--keep-setup] [--seal] [--worker]
//       (default N = 2000, 5 %)
//   build/bench/nightly_bench 1000000                  the target night: 1,000,000 cases,
//                                                      50,000 cases in the delta, ~55,000 docs
// Set-up at N = 1,000,000 takes a while (the demo file is ~1.5 GB; import ~10 min on 2 cores).
//   --keep-setup  keep the set-up as a template database (zhixing_nbtpl_<N>_<percent>_<day>)
//                 with its delta file under var/bench/; the next run with the same N and
//                 percent copies it (CREATE DATABASE … TEMPLATE) and migrates the copy, instead
//                 of setting up. `--drop-setup` removes it.
//   --seal        the night seals what it issues (default: seal.enabled = false for the night)
//   --worker      a `zhixing worker` process shares the render queues: the night is pinned to
//                 CPU 0 and the worker to CPU 1 (sched_setaffinity, as taskset does); prints
//                 the documents each rendered and the CPU time of the night, the worker and
//                 the PostgreSQL server (postmaster and its backends) during the night.
// The past documents are recorded as rows (not rendered): planning must skip them, which is
// what the night measures; rendering them would add nothing to the figure.
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "config/settings.h"
#include "demo/demo_delta.h"
#include "demo/demo_generator.h"
#include "documents/kinds/events.h"
#include "importer/importer.h"
#include "jobs/nightly.h"
#include "jobs/worker.h"
#include "ledger/ledger.h"
#include "store/case_loader.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pg_raw.h"
#include "store/pg_server.h"
#include "bench_cpu.h"

using namespace zhixing;
namespace fs = std::filesystem;
using zhixing::bench::cpu_seconds;
using zhixing::bench::postgres_cpu_seconds;

namespace {

struct Args {
  int64_t n = 2000;
  int percent = 5;
  bool keep_setup = false, drop_setup = false, seal = false, worker = false;
};

Args parse_args(int argc, char** argv) {
  Args a;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--keep-setup") {
      a.keep_setup = true;
    } else if (arg == "--drop-setup") {
      a.drop_setup = true;
    } else if (arg == "--seal") {
      a.seal = true;
    } else if (arg == "--worker") {
      a.worker = true;
    } else if (!arg.empty() && arg[0] != '-' && positional < 2) {
      if (positional++ == 0)
        a.n = std::atoll(arg.c_str());
      else
        a.percent = std::atoi(arg.c_str());
    } else {
      std::cerr << "usage: nightly_bench [N] [delta percent] [--keep-setup|--drop-setup] [--seal] "
                   "[--worker]\n";
      std::exit(2);
    }
  }
  return a;
}

// One business day apart in the same year: a night that opens a new year re-assesses every
// undecided relief application and screening (their cap uses the previous year's wage).
const std::string kSetupDate = "2025-01-01", kNight = "2025-01-02";

pid_t start_night(const std::string& db, const fs::path& inbox, const fs::path& out,
                  const std::string& date, bool seal, int cpu, bool print);

// Set-up into database `t`: the cases imported, their documents due by the set-up date recorded
// as issued, the relief funds appropriated; the day's delta written to `delta_path`.
void set_up(const Settings& settings, const DatabaseTarget& t, const Args& args,
            const fs::path& work, const fs::path& delta_path) {
  auto t0 = std::chrono::steady_clock::now();
  {
    auto owner = connect(t.owner_url);
    migrate(*owner, load_migrations(settings.migrations_dir()));
    sync_courts(*owner, load_courts(settings));
  }
  fs::path all = work / "all.jsonl";
  {
    std::ofstream out(all);
    DemoOptions o;
    o.cases = args.n;
    write_demo_data(out, o);
  }
  auto sql = connect(t.runtime_url);
  CourtRegistry courts = load_courts(settings);
  ImportOptions import = import_options(settings);
  import.connection_url = t.runtime_url;
  Importer importer(*sql, courts, import);
  importer.import_file(all.string(), [](const RejectedLine&) {});
  Date due_by = *Date::parse_iso(kSetupDate);
  int64_t issued = 0;
  for_each_case(*sql, "true", 5000, [&](std::vector<LoadedCase>& cases) {
    soci::transaction tx(*sql);
    CopyIn copy(
        *sql,
        "copy documents (case_id, kind, event_date, event_position, version, template_name,"
        " template_version, sha256, size_bytes, pages, output_dir, path, issued_by) from stdin");
    for (const auto& c : cases)
      for (const auto& ev : documents::due_events(c.record)) {
        if (ev.date > due_by) continue;
        copy.field(c.id).field(documents::kind_name(ev.kind)).field(ev.date.iso());
        copy.field(static_cast<long long>(ev.position)).field(1LL).field("set-up").field("set-up");
        copy.field("set-up")
            .field(1LL)
            .field(1LL)
            .field("/nonexistent")
            .field("set-up")
            .field("bench");
        copy.end_row();
        ++issued;
      }
    copy.finish();
    tx.commit();
  });
  // Every court's relief fund holds money for the years the demo files in, so that the night
  // posts its grants, renders the vouchers and verifies the chain instead of stopping at
  // insufficient_funds.
  {
    std::string user = "bench", role = "finance";
    *sql << "insert into users (name, role) values (:n, :r) on conflict (name) do nothing",
        soci::use(user), soci::use(role);
    ledger::Ledger ledger(*sql);
    for (const auto& [code, court] : courts.all())
      for (int year = 2019; year <= 2025; ++year)
        ledger.post_appropriation(
            {"bench-" + code + "-" + std::to_string(year), code, year, Money::from_yuan(100000000),
             *Date::parse_iso(std::to_string(year) + "-01-02")},
            user);
  }
  // A completed night on the set-up date, so that the timed night starts from one (as every night
  // but a court's first does): nothing is due that is not recorded, relief is assessed once.
  {
    fs::create_directories(work / "setup-inbox");
    const pid_t pid =
        start_night(t.name, work / "setup-inbox", work / "setup-out", kSetupDate, false, -1, false);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3))
      throw std::runtime_error("the set-up night failed");
  }
  // The day's delta: every (100 / percent)-th case with a new measure on the night's date.
  std::ifstream in(all);
  fs::create_directories(delta_path.parent_path());
  std::ofstream delta(delta_path);
  const int64_t delta_cases =
      args.percent > 0 ? write_demo_delta(in, delta, kNight, std::max(1, 100 / args.percent)) : 0;
  fs::remove(all);
  std::printf(
      "set-up: %lld cases imported, %lld past documents recorded, delta %lld cases (%.0f s, not "
      "timed)\n",
      static_cast<long long>(args.n), static_cast<long long>(issued),
      static_cast<long long>(delta_cases),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

bool database_exists(const DatabaseTarget& base, const std::string& name) {
  auto su = connect(base.superuser_url);
  int found = 0;
  *su << "select count(*)::int from pg_database where datname = :n", soci::use(name),
      soci::into(found);
  return found > 0;
}

void drop_database(const DatabaseTarget& base, const std::string& name) {
  auto su = connect(base.superuser_url);
  *su << "drop database if exists " + name + " with (force)";
}

void pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

// A child process with the night's database, inbox and output, sealing as asked.
void child_environment(const std::string& db, const fs::path& inbox, const fs::path& out,
                       bool seal) {
  setenv("ZHIXING_DB_NAME", db.c_str(), 1);
  setenv("ZHIXING_PATHS_INBOX", inbox.c_str(), 1);
  setenv("ZHIXING_PATHS_OUTPUT", out.c_str(), 1);
  if (!seal) setenv("ZHIXING_SEAL_ENABLED", "false", 1);
}

// `nightly` for `date` in a child process (pinned to `cpu` unless it is negative); its summary
// goes to stdout when `print`.
pid_t start_night(const std::string& db, const fs::path& inbox, const fs::path& out,
                  const std::string& date, bool seal, int cpu, bool print) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  child_environment(db, inbox, out, seal);
  if (cpu >= 0) pin_to_cpu(cpu);
  Settings child = Settings::load();
  jobs::NightlyOptions options;
  options.business_date = *Date::parse_iso(date);
  options.started_by = "bench";
  std::ostringstream sink;
  jobs::RunResult r = jobs::run_nightly(child, options, sink);
  if (print) std::cout << sink.str() << std::flush;
  _exit(r.exit_code);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  Settings settings = Settings::load();
  DatabaseTarget base = database_target(settings);
  if (base.external) {
    std::cerr << "nightly_bench uses the private server; unset ZHIXING_DATABASE_URL\n";
    return 1;
  }
  PgServer server(settings);
  server.start();
  base = database_target(settings);  // after the start: the password files exist
  std::string setup_day = kSetupDate;
  setup_day.erase(std::remove(setup_day.begin(), setup_day.end(), '-'), setup_day.end());
  const std::string tpl = "zhixing_nbtpl_" + std::to_string(args.n) + "_" +
                          std::to_string(args.percent) + "_" + setup_day;
  const fs::path kept_delta = settings.state_root() / "var" / "bench" / (tpl + "-delta.jsonl");
  if (args.drop_setup) {
    drop_database(base, tpl);
    fs::remove(kept_delta);
    std::printf("dropped %s\n", tpl.c_str());
    return 0;
  }
  const std::string db = "zhixing_nbench_" + std::to_string(getpid());
  DatabaseTarget t = with_database_name(base, db);
  fs::path work = fs::temp_directory_path() / ("zhixing-nightly-bench-" + std::to_string(getpid()));
  fs::create_directories(work / "inbox");
  const fs::path inbox_delta = work / "inbox" / ("delta-" + kNight + ".jsonl");
  if (args.keep_setup) {
    if (!database_exists(base, tpl) || !fs::exists(kept_delta)) {
      DatabaseTarget kept = with_database_name(base, tpl);
      drop_database(base, tpl);
      create_database_if_missing(kept);
      set_up(settings, kept, args, work, kept_delta);
    } else {
      std::printf("set-up: reusing %s (not timed)\n", tpl.c_str());
    }
    auto t0 = std::chrono::steady_clock::now();
    {
      auto su = connect(base.superuser_url);
      *su << "create database " + db + " template " + tpl + " owner zhixing_owner";
    }
    create_database_if_missing(t);  // roles and grants as for any other database
    {
      auto owner = connect(t.owner_url);  // a template kept by an older build: its new migrations
      migrate(*owner, load_migrations(settings.migrations_dir()));
    }
    fs::copy_file(kept_delta, inbox_delta);
    std::printf("set-up: copied in %.0f s (not timed)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  } else {
    create_database_if_missing(t);
    set_up(settings, t, args, work, inbox_delta);
  }

  // The night, in a child process; with --worker, a worker beside it.
  std::fflush(stdout);
  const double pg_before = postgres_cpu_seconds(server);
  auto start = std::chrono::steady_clock::now();
  const pid_t pid =
      start_night(db, work / "inbox", work / "out", kNight, args.seal, args.worker ? 0 : -1, true);
  pid_t worker = -1;
  if (args.worker) {
    worker = fork();
    if (worker == 0) {
      child_environment(db, work / "inbox", work / "out", args.seal);
      pin_to_cpu(1);
      Settings child = Settings::load();
      jobs::WorkerOptions options;
      options.wait_seconds = 600;  // the night's import and planning come first
      std::ostringstream sink;
      const int code = jobs::run_worker(child, options, sink);
      _exit(code);
    }
  }
  int status = 0;
  rusage usage{}, worker_usage{};
  wait4(pid, &status, 0, &usage);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (worker > 0) {
    int worker_status = 0;
    wait4(worker, &worker_status, 0, &worker_usage);
  }
  const double pg_cpu = postgres_cpu_seconds(server) - pg_before;
  long long documents_written = 0;
  double render_seconds = 0;
  {
    auto sql = connect(t.runtime_url);
    *sql << "select coalesce(sum(written_count), 0)::bigint, coalesce(sum(seconds), 0)::float8 "
            "from step_executions"
            " where step_name in ('render-documents', 'render-vouchers')"
            " and execution_id = (select max(id) from job_executions)",
        soci::into(documents_written), soci::into(render_seconds);
    if (args.worker) {
      soci::rowset<soci::row> rows =
          (sql->prepare << "select w.role, count(*)::bigint from work_items i"
                           " join job_workers w on w.id = i.claimed_by"
                           " where i.status = 'done' and w.execution_id ="
                           " (select max(id) from job_executions)"
                           " group by w.role order by w.role");
      for (const soci::row& r : rows)
        std::printf("rendered by the %s: %lld items\n", r.get<std::string>(0).c_str(),
                    r.get<long long>(1));
    }
  }
  std::printf(
      "night: exit %d, %lld documents in %.1f s end to end (%.1f docs/s; render steps %.1f s, %.1f "
      "docs/s)\n",
      WIFEXITED(status) ? WEXITSTATUS(status) : -1, documents_written, seconds,
      documents_written / seconds, render_seconds,
      render_seconds > 0 ? documents_written / render_seconds : 0.0);
  std::printf("peak memory of the night: %.0f MiB (max RSS)%s\n", usage.ru_maxrss / 1024.0,
              args.seal ? ", sealed" : ", unsealed");
  const double night_cpu = cpu_seconds(usage), worker_cpu = cpu_seconds(worker_usage);
  const double all_cpu = night_cpu + worker_cpu + pg_cpu;
  std::printf("CPU: night %.1f s, ", night_cpu);
  if (args.worker) std::printf("worker %.1f s, ", worker_cpu);
  std::printf("PostgreSQL %.1f s (%.0f %% of the CPU time; wall %.1f s on %ld cores)\n", pg_cpu,
              all_cpu > 0 ? 100.0 * pg_cpu / all_cpu : 0.0, seconds, sysconf(_SC_NPROCESSORS_ONLN));
  drop_database(base, db);
  fs::remove_all(work);
  return 0;
}
