// A province-sized night, scaled: N demo cases imported and their past documents recorded as
// issued (set-up, not timed), then one business day's delta file — about 5 % of the cases with one
// new measure each — imported and processed by `nightly` (timed end to end, in a child process so
// that its peak memory is its own). The new measures rotate over ten changed cases as a day's
// work does: five 限制消费令 (consumption_ban), four 报告财产令 (property_report_order) and one
// freeze (冻结裁定书 + 协助执行通知书), i.e. 1.1 documents per changed case.
// Prints each step, documents per second and peak memory (max RSS).
//
//   build/bench/nightly_bench [N] [delta percent]      (default N = 2000, 5 %)
//   build/bench/nightly_bench 1000000                  the target night: 1,000,000 cases,
//                                                      50,000 cases in the delta, ~55,000 docs
// Set-up at N = 1,000,000 takes a while (the demo file is ~1.5 GB; import ~10 min on 2 cores).
// The past documents are recorded as rows (not rendered): planning must skip them, which is
// what the night measures; rendering them would add nothing to the figure.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "config/settings.h"
#include "demo/demo_generator.h"
#include "documents/kinds/events.h"
#include "importer/importer.h"
#include "jobs/nightly.h"
#include "ledger/ledger.h"
#include "store/case_loader.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/pg_raw.h"
#include "store/pg_server.h"

using namespace zhixing;
namespace fs = std::filesystem;

namespace {

// The line with one new measure on `date` against its first respondent appended: the
// `index`-th changed case of the day gets the `index % 10`-th entry of the day's rotation.
std::string with_new_measure(const std::string& line, const std::string& date, int64_t index) {
  Poco::JSON::Parser parser;
  auto record = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
  std::string respondent;
  auto parties = record->getArray("parties");
  for (size_t i = 0; i < parties->size() && respondent.empty(); ++i) {
    auto p = parties->getObject(static_cast<unsigned>(i));
    if (p->getValue<std::string>("role") == "respondent")
      respondent = p->getValue<std::string>("id");
  }
  if (respondent.empty()) return line;
  Poco::JSON::Array::Ptr measures = record->has("measures")
                                        ? record->getArray("measures")
                                        : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
  Poco::JSON::Object::Ptr m = new Poco::JSON::Object;
  const int slot = static_cast<int>(index % 10);
  m->set("on", date);
  m->set("against", respondent);
  if (slot < 5) {
    m->set("kind", "consumption_ban");
  } else if (slot < 9) {
    m->set("kind", "property_report_order");
  } else {
    m->set("kind", "freeze");
    m->set("amount", "1000");
    // A full synthetic account (the demo generator's form: "0000" in places 7–10, Luhn-valid).
    m->set("target", "中国农业银行股份有限公司易县支行账户（账号：6228480000123456782）");
    m->set("period", "1y");
  }
  measures->add(m);
  record->set("measures", measures);
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(record, out);
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 2000;
  const int percent = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string setup_date = "2024-12-31", night = "2025-01-02";
  Settings settings = Settings::load();
  DatabaseTarget base = database_target(settings);
  if (base.external) {
    std::cerr << "nightly_bench uses the private server; unset ZHIXING_DATABASE_URL\n";
    return 1;
  }
  PgServer(settings).start();
  base = database_target(settings);  // after the start: the password files exist
  const std::string db = "zhixing_nbench_" + std::to_string(getpid());
  DatabaseTarget t = with_database_name(base, db);
  create_database_if_missing(t);
  {
    auto owner = connect(t.owner_url);
    migrate(*owner, load_migrations(settings.root() / "batch" / "store" / "sql"));
    sync_courts(*owner, load_courts(settings));
  }
  fs::path work = fs::temp_directory_path() / ("zhixing-nightly-bench-" + std::to_string(getpid()));
  fs::create_directories(work / "inbox");
  int64_t delta_cases = 0;
  auto t0 = std::chrono::steady_clock::now();
  {
    // Set-up: the cases, imported; their documents due by the set-up date recorded as issued.
    fs::path all = work / "all.jsonl";
    {
      std::ofstream out(all);
      DemoOptions o;
      o.cases = n;
      write_demo_data(out, o);
    }
    auto sql = connect(t.runtime_url);
    CourtRegistry courts = load_courts(settings);
    Importer importer(*sql, courts);
    importer.import_file(all.string(), [](const RejectedLine&) {});
    Date due_by = *Date::parse_iso(setup_date);
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
          copy.field(static_cast<long long>(ev.position))
              .field(1LL)
              .field("set-up")
              .field("set-up");
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
          ledger.post_appropriation({"bench-" + code + "-" + std::to_string(year), code, year,
                                     Money::from_yuan(100000000),
                                     *Date::parse_iso(std::to_string(year) + "-01-02")},
                                    user);
    }
    // The day's delta: every (100 / percent)-th case with a new measure on the night's date.
    std::ifstream in(all);
    std::ofstream delta(work / "inbox" / ("delta-" + night + ".jsonl"));
    std::string line;
    int64_t i = 0;
    const int64_t step = percent > 0 ? std::max<int64_t>(1, 100 / percent) : n + 1;
    while (std::getline(in, line))
      if (i++ % step == 0) {
        delta << with_new_measure(line, night, delta_cases) << "\n";
        ++delta_cases;
      }
    fs::remove(all);
    std::printf(
        "set-up: %lld cases imported, %lld past documents recorded, delta %lld cases (%.0f s, not "
        "timed)\n",
        static_cast<long long>(n), static_cast<long long>(issued),
        static_cast<long long>(delta_cases),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  // The night, in a child process.
  std::fflush(stdout);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    setenv("ZHIXING_DB_NAME", db.c_str(), 1);
    setenv("ZHIXING_PATHS_INBOX", (work / "inbox").c_str(), 1);
    setenv("ZHIXING_PATHS_OUTPUT", (work / "out").c_str(), 1);
    Settings child = Settings::load();
    jobs::NightlyOptions options;
    options.business_date = *Date::parse_iso(night);
    options.started_by = "bench";
    std::ostringstream sink;
    jobs::RunResult r = jobs::run_nightly(child, options, sink);
    std::cout << sink.str() << std::flush;
    _exit(r.exit_code);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long long documents_written = 0;
  double render_seconds = 0;
  {
    auto sql = connect(t.runtime_url);
    *sql << "select coalesce(sum(written_count), 0)::bigint, coalesce(sum(seconds), 0)::float8 "
            "from step_executions"
            " where step_name in ('render-documents', 'render-vouchers')",
        soci::into(documents_written), soci::into(render_seconds);
  }
  std::printf(
      "night: exit %d, %lld documents in %.1f s end to end (%.1f docs/s; render steps %.1f s, %.1f "
      "docs/s)\n",
      WIFEXITED(status) ? WEXITSTATUS(status) : -1, documents_written, seconds,
      documents_written / seconds, render_seconds,
      render_seconds > 0 ? documents_written / render_seconds : 0.0);
  std::printf("peak memory of the night: %.0f MiB (max RSS)\n", usage.ru_maxrss / 1024.0);
  {
    auto su = connect(t.superuser_url);
    *su << "drop database if exists " + db + " with (force)";
  }
  fs::remove_all(work);
  return 0;
}
