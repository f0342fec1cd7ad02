// Relief assessment over N demo cases (default 1,000,000; target: the night's relief step in
// ≤ 10 s). The cases are generated and imported into a fresh scratch database (not timed); then
// timed, each with the CPU seconds of this process (user+sys) and of its PostgreSQL backend:
//   1. the first run (no watermark: every candidate, stored into an empty table);
//   2. full: `relief assess --all` with nothing changed (every candidate loaded and assessed,
//      nothing written): what every night cost before the run became incremental;
//   3. incremental, nothing changed;
//   4. a 5 % delta (one new property inquiry on every 20th case) imported (timed on its own),
//      then the incremental night after it, and the full run over the same state;
//   5. the first night of a new decision year (incremental: what time alone changes), and
//      司救执 numbering;
//   6. for comparison, every case loaded and passed through screen/assess without the SQL
//      pre-selection.
//
//   build/bench/relief_bench [N] [delta percent]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "config/policy_file.h"
#include "config/settings.h"
#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "jobs/relief_run.h"
#include "bench_cpu.h"
#include "relief/assessment.h"
#include "relief/screening.h"
#include "store/case_loader.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pg_server.h"
#include "store/relief_store.h"

using namespace zhixing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// One timed pass: wall seconds and CPU seconds of this process and of the session's backend.
struct Pass {
  long backend = 0;
  double cpu0 = bench::own_cpu_seconds(), backend0 = 0;
  explicit Pass(long backend_pid) : backend(backend_pid), backend0(bench::process_cpu_seconds(backend_pid)) {}
  std::string cpu() const {
    char buf[96];
    std::snprintf(buf, sizeof buf, "CPU %.2f s client + %.2f s server", bench::own_cpu_seconds() - cpu0,
                  bench::process_cpu_seconds(backend) - backend0);
    return buf;
  }
};

static void print_run(const char* pass, const jobs::ReliefRunReport& r, const Pass& p) {
  std::printf(
      "%-34s %7.2f s  %s  [%s] changed %lld, read %lld candidates (load %.2f s, assess %.2f s,"
      " store %.2f s)  applications %lld screened %lld  inserted %lld unchanged %lld\n",
      pass, r.seconds, p.cpu().c_str(), std::string(jobs::full_run_reason_name(r.full)).c_str(),
      static_cast<long long>(r.changed), static_cast<long long>(r.cases_read), r.load_seconds,
      r.assess_seconds, r.store_seconds, static_cast<long long>(r.applications),
      static_cast<long long>(r.screened), static_cast<long long>(r.stored.inserted),
      static_cast<long long>(r.stored.unchanged));
}

// The demo line with one more property inquiry (nothing found) against its first respondent.
static std::string with_new_inquiry(const std::string& line, const std::string& date) {
  const std::string inquiry =
      R"({"kind":"inquiry","on":")" + date + R"(","against":"r1","result":"none"})";
  const std::string key = "\"measures\":[";
  const size_t at = line.find(key);
  if (at == std::string::npos)
    return line.substr(0, line.size() - 1) + ",\"measures\":[" + inquiry + "]}";
  const size_t open = at + key.size();
  return line.substr(0, open) + inquiry + (line[open] == ']' ? "" : ",") + line.substr(open);
}

// Every `every`-th line of the demo file, with a new inquiry: the night's delta.
static int64_t write_delta(const fs::path& all, const fs::path& delta, int every,
                           const std::string& date) {
  std::ifstream in(all);
  std::ofstream out(delta, std::ios::binary);
  std::string line;
  int64_t n = 0, written = 0;
  while (std::getline(in, line)) {
    if (line.empty() || n++ % every != 0) continue;
    out << with_new_inquiry(line, date) << "\n";
    ++written;
  }
  return written;
}

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int percent = argc > 2 ? std::atoi(argv[2]) : 5;
  Settings settings = Settings::load();
  DatabaseTarget base = database_target(settings);
  if (base.external) {
    std::cerr << "relief_bench uses the private server; unset ZHIXING_DATABASE_URL\n";
    return 1;
  }
  PgServer(settings).start();
  base = database_target(settings);  // after the start: the password files exist
  DatabaseTarget t = with_database_name(base, "zhixing_rbench_" + std::to_string(getpid()));
  create_database_if_missing(t);
  {
    auto owner = connect(t.owner_url);
    migrate(*owner, load_migrations(settings.migrations_dir()));
    sync_courts(*owner, load_courts(settings));
  }
  fs::path file =
      fs::temp_directory_path() / ("zhixing-relief-bench-" + std::to_string(n) + ".jsonl");
  int rc = 0;
  try {
    auto t0 = Clock::now();
    {
      std::ofstream out(file, std::ios::binary);
      DemoOptions options;
      options.cases = n;
      write_demo_data(out, options);
    }
    CourtRegistry courts = load_courts(settings);
    auto sql = connect(t.runtime_url);
    {
      Importer importer(*sql, courts);
      ImportReport r = importer.import_file(file.string(), [](const RejectedLine&) {});
      std::printf("generated and imported %lld cases in %.1f s (not timed below)\n",
                  static_cast<long long>(r.inserted), since(t0));
    }
    {
      auto owner = connect(t.owner_url);
      *owner << "analyze cases, parties, relief_applications";
    }
    relief::Policy policy = config::load_relief_policy(settings);
    long backend = 0;
    *sql << "select pg_backend_pid()", soci::into(backend);
    jobs::ReliefRunOptions options;
    options.business_date = *Date::parse_iso("2024-12-30");
    auto run = [&](const char* pass, bool all) {
      Pass p(backend);
      options.all = all;
      print_run(pass, jobs::run_relief_assessment(*sql, policy, options), p);
    };
    run("relief run (first)", false);
    run("relief full, unchanged (--all)", true);
    run("relief incremental, unchanged", false);

    // The night: a delta of `percent` % of the cases imported, then relief.
    options.business_date = *Date::parse_iso("2024-12-31");
    const fs::path delta = file.string() + ".delta";
    const int64_t delta_cases =
        write_delta(file, delta, std::max(1, 100 / std::max(1, percent)), "2024-12-31");
    {
      auto ti = Clock::now();
      Importer importer(*sql, courts);
      int64_t rejected = 0;
      ImportReport r =
          importer.import_file(delta.string(), [&](const RejectedLine&) { ++rejected; });
      std::printf("%-34s %7.2f s  %lld lines, %lld updated, %lld rejected (not relief)\n",
                  "delta import", since(ti), static_cast<long long>(delta_cases),
                  static_cast<long long>(r.updated), static_cast<long long>(rejected));
      fs::remove(delta);
    }
    run("relief incremental after delta", false);
    run("relief full after delta (--all)", true);
    // Once a year: the first night of a new decision year re-assesses every application
    // without a panel decision and every screening (a new wage year for the cap).
    options.business_date = *Date::parse_iso("2025-01-01");
    run("relief incremental, new year", false);
    auto tn = Clock::now();
    NumberingReport numbering = number_relief_decisions(*sql);
    std::printf("%-34s %7.2f s  numbered %d\n", "numbering", since(tn), numbering.numbered);

    // 6. Every case, no pre-selection.
    auto ta = Clock::now();
    int64_t seen = 0, assessed = 0;
    double assess_s = 0;
    for_each_case(*sql, "", 5000, [&](std::vector<LoadedCase>& cases) {
      auto tc = Clock::now();
      for (const auto& lc : cases) {
        ++seen;
        if (lc.record.relief) {
          auto a = relief::assess(relief::input_from_case(lc.record, false, options.business_date),
                                  policy);
          assessed += !a.inputs_sha256.empty();
        } else if (auto s = relief::screen(lc.record, policy, options.business_date)) {
          ++assessed;
        }
      }
      assess_s += since(tc);
    });
    std::printf(
        "%-34s %7.2f s  %lld cases loaded, %lld assessed or listed (assess/screen %.2f s)\n",
        "every case, no pre-select", since(ta), static_cast<long long>(seen),
        static_cast<long long>(assessed), assess_s);
  } catch (const std::exception& e) {
    std::cerr << "relief_bench: " << e.what() << "\n";
    rc = 1;
  }
  if (std::getenv("RELIEF_BENCH_KEEP")) {
    std::printf("kept database %s\n", t.name.c_str());
  } else {
    auto su = connect(t.superuser_url);
    *su << "drop database if exists " + t.name + " with (force)";
  }
  fs::remove(file);
  return rc;
}
