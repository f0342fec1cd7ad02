// Import throughput: N demo cases (default 100,000) written to a file (not timed), then
// imported into a fresh scratch database on the private PostgreSQL (timed), then imported
// again (timed: the idempotent path). Prints lines per second.
//
//   build/bench/import_bench [N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "config/settings.h"
#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pg_server.h"

using namespace zhixing;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 100000;
  Settings settings = Settings::load();
  DatabaseTarget base = database_target(settings);
  if (base.external) {
    std::cerr << "import_bench uses the private server; unset ZHIXING_DATABASE_URL\n";
    return 1;
  }
  PgServer(settings).start();
  base = database_target(settings);  // after the start: the password files exist
  DatabaseTarget t = with_database_name(base, "zhixing_bench_" + std::to_string(getpid()));
  create_database_if_missing(t);
  {
    auto owner = connect(t.owner_url);
    migrate(*owner, load_migrations(settings.root() / "batch" / "store" / "sql"));
    sync_courts(*owner, load_courts(settings));
  }
  fs::path file = fs::temp_directory_path() / ("zhixing-import-bench-" + std::to_string(n) + ".jsonl");
  {
    auto t0 = std::chrono::steady_clock::now();
    std::ofstream out(file, std::ios::binary);
    DemoOptions options;
    options.cases = n;
    write_demo_data(out, options);
    std::printf("generated %lld cases (%.1f MB) in %.1f s (not timed below)\n",
                static_cast<long long>(n), fs::file_size(file) / 1e6,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  int rc = 0;
  try {
    CourtRegistry courts = load_courts(settings);
    auto sql = connect(t.runtime_url);
    for (const char* pass : {"first import", "re-import (no changes)"}) {
      Importer importer(*sql, courts);
      int64_t rejected = 0;
      ImportReport r = importer.import_file(file.string(), [&](const RejectedLine&) { ++rejected; });
      std::printf("%-24s %8lld lines  %6.1f s  %8.0f lines/s  inserted %lld unchanged %lld rejected %lld\n",
                  pass, static_cast<long long>(r.lines), r.seconds, r.lines / r.seconds,
                  static_cast<long long>(r.inserted), static_cast<long long>(r.unchanged),
                  static_cast<long long>(rejected));
    }
  } catch (const std::exception& e) {
    std::cerr << "import_bench: " << e.what() << "\n";
    rc = 1;
  }
  auto su = connect(t.superuser_url);
  *su << "drop database if exists " + t.name + " with (force)";
  fs::remove(file);
  return rc;
}
