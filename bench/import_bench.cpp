// Import throughput on the private PostgreSQL, in scratch databases.
//
//   build/bench/import_bench [N] [--runs R]
//       N demo cases (default 100,000) written to a file (not timed), then imported into a fresh
//       database (timed), then imported again (timed: the idempotent path); R times, each in a
//       fresh database.
//   build/bench/import_bench N --updates M [--runs R]
//       N demo cases imported once (timed, reported), then R deltas of M updated cases each
//       (timed), built the way nightly_bench builds the night's delta (demo_delta.h): every
//       (N / M)-th case with one new measure, on a new date per run.
//
// Each import prints its lines/s, wall seconds, this process's CPU seconds (parse, validate,
// COPY encoding) and the PostgreSQL server's CPU seconds (its backends, the writers' among them,
// and its background processes, read from /proc), then min / median / max over the runs. The
// import writes with import.writers connections (configuration; ZHIXING_IMPORT_WRITERS). Wall time
// is noisy on a shared machine; the CPU seconds are not.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_cpu.h"
#include "config/settings.h"
#include "demo/demo_delta.h"
#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pg_server.h"

using namespace zhixing;
using zhixing::bench::own_cpu_seconds;
using zhixing::bench::postgres_cpu_seconds;
namespace fs = std::filesystem;

namespace {

struct Figures {
  std::vector<double> seconds, lines_per_second, cpu, server_cpu;
};

void summary(const char* what, Figures f) {
  if (f.seconds.size() < 2) return;
  auto line = [&](const char* name, std::vector<double> v, const char* format) {
    std::sort(v.begin(), v.end());
    std::printf("%-26s %-7s min ", what, name);
    std::printf(format, v.front());
    std::printf("  median ");
    std::printf(format, v[v.size() / 2]);
    std::printf("  max ");
    std::printf(format, v.back());
    std::printf("\n");
  };
  line("s", f.seconds, "%.2f");
  line("lines/s", f.lines_per_second, "%.0f");
  line("cpu s", f.cpu, "%.2f");
  line("pg cpu s", f.server_cpu, "%.2f");
}

// One timed import of `file`; prints a line and adds its figures.
// `options` from the configuration (import.writers connections to their connection_url).
ImportReport timed_import(const PgServer& server, soci::session& sql, ImportOptions options,
                          const std::string& url, const CourtRegistry& courts, const fs::path& file,
                          const char* label, Figures* figures) {
  const double cpu0 = own_cpu_seconds(), server0 = postgres_cpu_seconds(server);
  options.connection_url = url;
  Importer importer(sql, courts, options);
  int64_t rejected = 0;
  ImportReport r = importer.import_file(file.string(), [&](const RejectedLine&) { ++rejected; });
  // The writers' backends have exited: the postmaster reaps them (and counts their CPU) soon.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const double cpu = own_cpu_seconds() - cpu0, server_cpu = postgres_cpu_seconds(server) - server0;
  std::printf(
      "%-26s %8lld lines %7.2f s %8.0f lines/s  cpu %6.2f s  pg cpu %6.2f s  inserted %lld "
      "updated %lld unchanged %lld rejected %lld\n",
      label, static_cast<long long>(r.lines), r.seconds, r.lines / r.seconds, cpu, server_cpu,
      static_cast<long long>(r.inserted), static_cast<long long>(r.updated),
      static_cast<long long>(r.unchanged), static_cast<long long>(rejected));
  std::fflush(stdout);
  if (figures) {
    figures->seconds.push_back(r.seconds);
    figures->lines_per_second.push_back(r.lines / r.seconds);
    figures->cpu.push_back(cpu);
    figures->server_cpu.push_back(server_cpu);
  }
  return r;
}

// A fresh scratch database, migrated; dropped by the destructor.
struct ScratchDatabase {
  ScratchDatabase(const Settings& settings, const DatabaseTarget& base, int run)
      : target(with_database_name(
            base, "zhixing_bench_" + std::to_string(getpid()) + "_" + std::to_string(run))) {
    create_database_if_missing(target);
    auto owner = connect(target.owner_url);
    migrate(*owner, load_migrations(settings.migrations_dir()));
    sync_courts(*owner, load_courts(settings));
  }
  ~ScratchDatabase() {
    try {
      auto su = connect(target.superuser_url);
      *su << "drop database if exists " + target.name + " with (force)";
    } catch (const std::exception& e) {
      std::cerr << "import_bench: " << e.what() << "\n";
    }
  }
  DatabaseTarget target;
};

}  // namespace

int main(int argc, char** argv) {
  int64_t n = 100000, updates = 0;
  int runs = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--updates") && i + 1 < argc)
      updates = std::atoll(argv[++i]);
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else
      n = std::atoll(argv[i]);
  }
  if (n < 1 || updates < 0 || updates > n) {
    std::cerr << "usage: import_bench [N] [--updates M (M <= N)] [--runs R]\n";
    return 2;
  }
  Settings settings = Settings::load();
  DatabaseTarget base = database_target(settings);
  if (base.external) {
    std::cerr << "import_bench uses the private server; unset ZHIXING_DATABASE_URL\n";
    return 1;
  }
  PgServer server(settings);
  server.start();
  base = database_target(settings);  // after the start: the password files exist
  const std::string stem = "zhixing-import-bench-" + std::to_string(getpid());
  fs::path file = fs::temp_directory_path() / (stem + ".jsonl");
  {
    auto t0 = std::chrono::steady_clock::now();
    std::ofstream out(file, std::ios::binary);
    DemoOptions options;
    options.cases = n;
    write_demo_data(out, options);
    out.close();
    std::printf("generated %lld cases (%.1f MB) in %.1f s (not timed below)\n",
                static_cast<long long>(n), fs::file_size(file) / 1e6,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  int rc = 0;
  try {
    CourtRegistry courts = load_courts(settings);
    const ImportOptions import = import_options(settings);
    if (updates == 0) {
      Figures first, again;
      for (int run = 1; run <= runs; ++run) {
        ScratchDatabase db(settings, base, run);
        auto sql = connect(db.target.runtime_url);
        timed_import(server, *sql, import, db.target.runtime_url, courts, file,
                     ("first import #" + std::to_string(run)).c_str(), &first);
        timed_import(server, *sql, import, db.target.runtime_url, courts, file,
                     ("re-import (no changes) #" + std::to_string(run)).c_str(), &again);
      }
      summary("first import", first);
      summary("re-import (no changes)", again);
    } else {
      ScratchDatabase db(settings, base, 0);
      auto sql = connect(db.target.runtime_url);
      timed_import(server, *sql, import, db.target.runtime_url, courts, file, "set-up import",
                   nullptr);
      Figures delta;
      for (int run = 1; run <= runs; ++run) {
        // A new date per run: each delta adds one more measure to the same cases.
        const std::string date = "2025-01-" + std::string(run + 1 < 10 ? "0" : "") +
                                 std::to_string(std::min(run + 1, 28));
        fs::path delta_file = fs::temp_directory_path() / (stem + "-delta.jsonl");
        {
          std::ifstream all(file);
          std::ofstream out(delta_file, std::ios::binary);
          write_demo_delta(all, out, date, std::max<int64_t>(1, n / updates), updates);
        }
        timed_import(server, *sql, import, db.target.runtime_url, courts, delta_file,
                     ("delta #" + std::to_string(run)).c_str(), &delta);
        fs::remove(delta_file);
      }
      summary("delta", delta);
    }
  } catch (const std::exception& e) {
    std::cerr << "import_bench: " << e.what() << "\n";
    rc = 1;
  }
  fs::remove(file);
  return rc;
}
