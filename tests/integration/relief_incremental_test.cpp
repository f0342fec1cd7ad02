// Incremental relief assessment against the real PostgreSQL: a randomized sequence of days
// (imports of new and changed cases, panel decisions imported and entered with `relief decide`,
// date jumps across the new decision year, a policy change, an earlier business date) run
// night by night both ways, incremental in one database and full in another: the same current
// assessment per case every night. And import runs or decisions that commit after a run has
// taken its position are read by the next run.
#include "jobs/relief_run.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

#include "config/policy_file.h"
#include "importer/importer.h"
#include "store/case_loader.h"
#include "store/import_run_store.h"
#include "store/migrations.h"
#include "store/relief_store.h"
#include "store/relief_watermark.h"
#include "store/user_store.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

// One simulated enforcement case; each day may change it.
struct SimCase {
  int serial = 0;
  int claim = 0;  // yuan
  int recovered = 0;
  bool closed = false;
  std::vector<bool> inquiries_found;
  bool relief = false;
  int household_size = 1, income = 0;
  int dibao = -1;  // -1 unknown, 0, 1
  bool major_fault = false;
  bool panel_imported = false;  // the panel comes with the import line
  bool decided = false;         // a panel decision is on record (imported or `relief decide`)
};

std::string sim_line(const SimCase& c) {
  LineOptions o;
  o.case_number = "（2024）冀0633执" + std::to_string(c.serial) + "号";
  o.claim = std::to_string(c.claim);
  o.recovered = std::to_string(c.recovered);
  if (c.closed) {
    o.status = "closed";
    o.closure = R"({"kind":"terminated_current","on":"2024-07-01","applicant_consents":true})";
  }
  o.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"})";
  for (size_t i = 0; i < c.inquiries_found.size(); ++i)
    o.measures += R"(,{"kind":"inquiry","on":"2024-04-)" + std::to_string(10 + i) +
                  R"(","against":"r1","result":")" + (c.inquiries_found[i] ? "found" : "none") +
                  "\"}";
  o.measures += "]";
  if (c.relief) {
    o.relief =
        R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":)" +
        std::to_string(c.household_size) + R"(,"household_monthly_income":")" +
        std::to_string(c.income) + "\"";
    if (c.dibao >= 0) o.relief += std::string(R"(,"has_dibao":)") + (c.dibao ? "true" : "false");
    o.relief += R"(,"medical_expenses":"0","prior_compensation":"0","flags":[)";
    if (c.major_fault) o.relief += R"("major_fault")";
    o.relief += "]";
    if (c.panel_imported)
      o.relief +=
          R"(,"panel":{"decided_on":"2024-09-01","granted":false,"members":["赵志远","王立新","李红"]})";
    o.relief += "}";
  }
  return case_line(o);
}

class Simulation {
 public:
  explicit Simulation(unsigned seed) : rng_(seed) {}

  // New cases, as import lines.
  std::string add_cases(int n) {
    std::string lines;
    for (int i = 0; i < n; ++i) {
      SimCase c;
      c.serial = static_cast<int>(cases_.size()) + 1;
      c.claim = 10000 + pick(80) * 1000;
      c.recovered = pick(3) == 0 ? pick(c.claim / 2000) * 1000 : 0;
      c.closed = pick(2) == 0;
      randomize_relief(c, pick(3) == 0);
      cases_.push_back(c);
      lines += sim_line(c) + "\n";
    }
    return lines;
  }

  // About `percent` % of the cases changed, as import lines.
  std::string change_cases(int percent) {
    std::string lines;
    for (auto& c : cases_) {
      if (pick(100) >= percent) continue;
      switch (pick(6)) {
        case 0:  // money received; sometimes all of it
          c.recovered = std::min(c.claim, c.recovered + (pick(4) == 0 ? c.claim : 1000 * pick(5)));
          break;
        case 1:
          c.closed = true;
          break;
        case 2:
          if (c.inquiries_found.size() < 9) c.inquiries_found.push_back(pick(3) == 0);
          break;
        case 3:
          randomize_relief(c, true);
          break;
        case 4:  // the panel decides (imported)
          if (c.relief && !c.decided) c.panel_imported = c.decided = true;
          break;
        default:
          c.major_fault = c.relief && pick(2) == 0;
          break;
      }
      lines += sim_line(c) + "\n";
    }
    return lines;
  }

  // Up to `n` applications without a decision, to be decided with `relief decide`.
  std::vector<std::string> to_decide(int n) {
    std::vector<std::string> numbers;
    for (auto& c : cases_) {
      if (static_cast<int>(numbers.size()) == n) break;
      if (!c.relief || c.decided || c.recovered > c.claim - 2000 || pick(4) != 0) continue;
      c.decided = true;  // later lines carry no panel: the recorded one stands
      numbers.push_back("（2024）冀0633执" + std::to_string(c.serial) + "号");
    }
    return numbers;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  void randomize_relief(SimCase& c, bool relief) {
    if (c.decided) return;  // the facts may change, the application stays
    c.relief = relief;
    c.household_size = 1 + pick(5);
    c.income = 300 * pick(30);
    c.dibao = pick(3) - 1;
  }

  std::mt19937 rng_;
  std::vector<SimCase> cases_;
};

// One database and what the night does in it.
struct Night {
  DatabaseTarget target;
  std::unique_ptr<soci::session> sql;
  bool all = false;

  void import(const CourtRegistry& courts, const std::string& content) {
    Importer importer(*sql, courts);
    importer.import_file(write_temp_file("day.jsonl", content),
                         [](const RejectedLine& r) { ADD_FAILURE() << format_rejection(r); });
  }

  jobs::ReliefRunReport assess(const relief::Policy& policy, Date date) {
    jobs::ReliefRunOptions options;
    options.business_date = date;
    options.all = all;
    jobs::ReliefRunReport r = jobs::run_relief_assessment(*sql, policy, options);
    number_relief_decisions(*sql);
    return r;
  }

  // `relief decide` as the CLI does it: the decision, then that case assessed; unless
  // `assess_now` is false (the process stopped in between): then the night must see it.
  void decide(const relief::Policy& policy, const std::string& case_number, bool assess_now) {
    DecisionEntry e;
    e.case_number = case_number;
    e.user = "陈静";
    e.granted = true;
    e.amount = Money::from_yuan(1000);
    e.decided_on = *Date::parse_iso("2024-10-08");
    e.decided_on_given = true;
    e.members = {"赵志远", "王立新", "李红"};
    DecideResult r = decide_relief(*sql, e, Money::from_yuan(2000));
    ASSERT_EQ(r.status, DecideStatus::recorded) << case_number << " " << r.message;
    if (!assess_now) return;
    jobs::ReliefRunOptions options;
    options.business_date = e.decided_on;
    options.case_id = find_case_id(*sql, case_number);
    jobs::run_relief_assessment(*sql, policy, options);
  }

  // Every case's current assessment (as `relief explain` picks it), one line each.
  std::vector<std::string> current() {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "select c.case_number || ' ' || a.kind || ' ' || a.ruleset || ' ' ||"
                         " a.inputs_sha256 || ' ' || a.outcome || ' ' ||"
                         " coalesce(a.proposed_fen::text, '-') || ' ' || a.cap_fen"
                         " from cases c join lateral (select * from relief_assessments x"
                         " where x.case_id = c.id order by (x.kind = 'application') desc,"
                         " x.assessed_at desc, x.id desc limit 1) a on true"
                         " order by c.case_number");
    for (const auto& r : rows) out.push_back(r.get<std::string>(0));
    return out;
  }
};

class ReliefIncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    courts_ = load_courts(ScratchDatabase::settings());
    policy_ = config::load_relief_policy(ScratchDatabase::settings().data_root() / "config" /
                                         "relief-policy.properties");
  }

  // A second scratch database beside the test process's own, dropped by the test.
  static DatabaseTarget second_database() {
    DatabaseTarget t =
        with_database_name(ScratchDatabase::target(), ScratchDatabase::target().name + "_full");
    create_database_if_missing(t);
    auto owner = connect(t.owner_url);
    migrate(*owner,
            load_migrations(ScratchDatabase::settings().migrations_dir()));
    sync_courts(*owner, load_courts(ScratchDatabase::settings()));
    return t;
  }

  CourtRegistry courts_;
  relief::Policy policy_;
};

struct Day {
  const char* date;
  int new_cases;
  int changed_percent;
  int decisions;
  bool policy_change;
  jobs::FullRunReason incremental_full;  // what the incremental database's run must be
};

TEST_F(ReliefIncrementalTest, IncrementalNightsGiveTheSameAssessmentsAsFullNights) {
  using R = jobs::FullRunReason;
  const unsigned seed = std::getenv("RELIEF_SEED")
                            ? static_cast<unsigned>(std::atoi(std::getenv("RELIEF_SEED")))
                            : 17u;
  SCOPED_TRACE("RELIEF_SEED=" + std::to_string(seed));
  const Day days[] = {
      {"2024-12-20", 160, 0, 0, false, R::no_watermark},
      {"2024-12-27", 10, 12, 2, false, R::none},
      {"2024-12-31", 5, 10, 1, false, R::none},
      {"2025-01-01", 0, 0, 0, false, R::none},  // a new decision year, time alone
      {"2025-01-02", 8, 10, 2, false, R::none},
      {"2025-06-30", 0, 15, 1, false, R::none},
      {"2025-07-01", 5, 8, 0, true, R::policy_changed},
      {"2026-01-05", 5, 10, 2, false, R::none},  // across a year, with imports
      {"2025-12-31", 0, 5, 0, false, R::earlier_date},
      {"2026-01-06", 3, 10, 1, false, R::none},
      {"2027-01-01", 0, 0, 0, false, R::none},
      {"2027-01-02", 0, 6, 1, false, R::none},
  };

  Night inc{ScratchDatabase::target(), ScratchDatabase::runtime(), false};
  Night full{second_database(), nullptr, true};
  full.sql = connect(full.target.runtime_url);
  for (Night* n : {&inc, &full}) add_user_if_missing(*n->sql, "陈静", "clerk");

  Simulation sim(seed);
  relief::Policy policy = policy_;
  int64_t time_alone = 0;
  Date previous = *Date::parse_iso(days[0].date);
  for (const Day& day : days) {
    SCOPED_TRACE(day.date);
    const Date date = *Date::parse_iso(day.date);
    std::string lines = sim.add_cases(day.new_cases) + sim.change_cases(day.changed_percent);
    if (day.policy_change) policy.cap_months = 30;
    const std::vector<std::string> decide = sim.to_decide(day.decisions);
    for (Night* n : {&inc, &full}) {
      if (!lines.empty()) n->import(courts_, lines);
      for (size_t i = 0; i < decide.size(); ++i) n->decide(policy, decide[i], i % 2 == 0);
    }
    jobs::ReliefRunReport a = inc.assess(policy, date);
    jobs::ReliefRunReport b = full.assess(policy, date);
    EXPECT_EQ(a.full, day.incremental_full) << jobs::full_run_reason_name(a.full);
    EXPECT_EQ(b.full, R::requested);
    if (lines.empty() && decide.empty()) time_alone += a.changed;
    if (std::getenv("RELIEF_TRACE"))
      std::printf("%s incremental %s changed %lld read %lld; full read %lld\n", day.date,
                  std::string(jobs::full_run_reason_name(a.full)).c_str(),
                  static_cast<long long>(a.changed), static_cast<long long>(a.cases_read),
                  static_cast<long long>(b.cases_read));
    // A plain night (same decision year, same policy) reads only what changed.
    if (a.full == R::none && date.year() == previous.year()) {
      EXPECT_LT(a.cases_read * 3, b.cases_read) << "changed " << a.changed;
    }
    previous = date;
    const auto expected = full.current();
    ASSERT_FALSE(expected.empty());
    ASSERT_EQ(inc.current(), expected);
    // The incremental database holds nothing a full run would still change.
    if (a.full == R::none) {
      jobs::ReliefRunOptions check;
      check.business_date = date;
      check.all = true;
      jobs::ReliefRunReport c = jobs::run_relief_assessment(*inc.sql, policy, check);
      EXPECT_EQ(c.stored.inserted + c.stored.revived, 0);
    }
  }
  EXPECT_GT(time_alone, 0) << "a new decision year re-assesses the date-dependent cases";

  full.sql.reset();
  auto su = connect(full.target.superuser_url);
  *su << "drop database if exists " + full.target.name + " with (force)";
}

// Two import runs in flight while a relief run takes its position: one still `running` (its
// batches commit later), one whose insert is not yet visible (a lower id committing after a
// higher one). The next run reads the cases both change.
TEST_F(ReliefIncrementalTest, ImportRunsThatCommitAfterThePositionAreReadNextTime) {
  auto sql = ScratchDatabase::runtime();
  const Date date = *Date::parse_iso("2024-12-31");
  LineOptions o;
  o.status = "closed";
  o.closure = R"({"kind":"terminated_current","on":"2024-07-01","applicant_consents":true})";
  std::string lines;
  for (int i = 1; i <= 3; ++i) {
    o.case_number = "（2024）冀0633执" + std::to_string(i) + "号";
    lines += case_line(o) + "\n";
  }
  Importer(*sql, courts_).import_file(write_temp_file("a.jsonl", lines), [](const RejectedLine&) {
  });
  jobs::ReliefRunOptions options;
  options.business_date = date;
  ASSERT_EQ(jobs::run_relief_assessment(*sql, policy_, options).stored.inserted, 3);

  // Run L: inserted in a transaction that commits late; run R: running, committed.
  auto late = ScratchDatabase::runtime();
  soci::transaction late_tx(*late);
  const long long run_l = start_import_run(*late, "late.jsonl", "");
  const long long run_r = start_import_run(*sql, "running.jsonl", "");
  ASSERT_GT(run_r, run_l);
  jobs::ReliefRunReport r = jobs::run_relief_assessment(*sql, policy_, options);
  EXPECT_EQ(r.full, jobs::FullRunReason::none);
  EXPECT_EQ(r.cases_read, 0);
  auto w = load_relief_watermark(*sql);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->import_run_floor, run_r);
  EXPECT_EQ(w->open_import_runs, (std::vector<long long>{run_l, run_r}));

  // Their batches commit now: half recovered in case 1 (run R) and case 2 (run L).
  auto change = [](soci::session& s, long long run, int serial) {
    s << "update cases set recovered_fen = claim_fen / 2, updated_run_id = " + std::to_string(run) +
             " where serial = " + std::to_string(serial);
  };
  change(*sql, run_r, 1);
  change(*late, run_l, 2);
  late_tx.commit();
  complete_import_run(*sql, run_r, {});

  r = jobs::run_relief_assessment(*sql, policy_, options);
  EXPECT_EQ(r.full, jobs::FullRunReason::none);
  EXPECT_EQ(r.changed, 2);
  EXPECT_EQ(r.stored.inserted, 2) << "both screenings change with the amount recovered";
  w = load_relief_watermark(*sql);
  EXPECT_EQ(w->open_import_runs, (std::vector<long long>{run_l})) << "L is still running";
  r = jobs::run_relief_assessment(*sql, policy_, options);
  EXPECT_EQ(r.changed, 1) << "the running run's cases are read until it finishes";
  complete_import_run(*sql, run_l, {});
  r = jobs::run_relief_assessment(*sql, policy_, options);
  EXPECT_EQ(r.changed, 1) << "read once more: it finished after the last position";
  r = jobs::run_relief_assessment(*sql, policy_, options);
  EXPECT_EQ(r.changed, 0);
  EXPECT_TRUE(load_relief_watermark(*sql)->open_import_runs.empty());
}

}  // namespace
}  // namespace zhixing
