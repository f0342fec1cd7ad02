// Relief assessment throughput (target: 1,000,000 cases assessed in under 60 s). N demo cases
// (default 1,000,000) are generated and imported into a fresh scratch database (not timed);
// then timed:
//   1. the relief run as `zhixing relief assess` does it (SQL pre-selection of applications and
//      screening candidates, load, assess/screen, bulk store), first on an empty table;
//   2. the same again: nothing changed, nothing written;
//   3. 司救执 numbering;
//   4. for comparison, every case loaded and passed through screen/assess without the SQL
//      pre-selection (what the run would cost if the database could not pre-select).
//
//   build/bench/relief_bench [N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "config/policy_file.h"
#include "config/settings.h"
#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "jobs/relief_run.h"
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

static void print_run(const char* pass, const jobs::ReliefRunReport& r) {
  std::printf(
      "%-28s %7.2f s  read %lld cases (load %.2f s, assess %.2f s, store %.2f s)  "
      "applications %lld screened %lld  inserted %lld unchanged %lld\n",
      pass, r.seconds, static_cast<long long>(r.cases_read), r.load_seconds, r.assess_seconds,
      r.store_seconds, static_cast<long long>(r.applications), static_cast<long long>(r.screened),
      static_cast<long long>(r.stored.inserted), static_cast<long long>(r.stored.unchanged));
}

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
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
    migrate(*owner, load_migrations(settings.root() / "batch" / "store" / "sql"));
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
    jobs::ReliefRunOptions options;
    options.business_date = *Date::parse_iso("2024-12-31");
    print_run("relief run (first)", jobs::run_relief_assessment(*sql, policy, options));
    print_run("relief run (unchanged)", jobs::run_relief_assessment(*sql, policy, options));
    auto tn = Clock::now();
    NumberingReport numbering = number_relief_decisions(*sql);
    std::printf("%-28s %7.2f s  numbered %d\n", "numbering", since(tn), numbering.numbered);

    // 4. Every case, no pre-selection.
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
        "%-28s %7.2f s  %lld cases loaded, %lld assessed or listed (assess/screen %.2f s)\n",
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
