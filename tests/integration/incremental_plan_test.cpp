// Incremental planning against the real PostgreSQL: the change marks wait for inserts in flight
// and count running imports; randomized days (new and updated cases, imported and entered panel
// decisions, grants, failing items, a night failed by its skip limit, date jumps) planned
// incrementally give, night by night, the queue a full re-plan (`nightly --replan`) gives, and
// the same documents at the end.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <sstream>
#include <thread>

#include "core/court_registry.h"
#include "core/date.h"
#include "importer/importer.h"
#include "jobs/nightly.h"
#include "ledger/ledger.h"
#include "store/relief_store.h"
#include "store/user_store.h"
#include "store/watermark_store.h"
#include "support/scratch_db.h"

namespace zhixing::jobs {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
namespace fs = std::filesystem;

TEST(ChangeMarks, WaitForAnInsertInFlightAndCountARunningImport) {
  ScratchDatabase::truncate_all();
  auto writer = ScratchDatabase::runtime();
  auto reader = ScratchDatabase::runtime();
  long long committed = 0, late = 0;
  *writer << "insert into import_runs (file_name) values ('a.jsonl') returning id",
      soci::into(committed);
  *writer << "update import_runs set status = 'completed' where id = :id", soci::use(committed);
  {
    // A run whose row is inserted but not committed: the marks wait for it.
    soci::transaction tx(*writer);
    *writer << "insert into import_runs (file_name) values ('b.jsonl') returning id",
        soci::into(late);
    auto marks = std::async(std::launch::async, [&] { return read_change_marks(*reader); });
    EXPECT_EQ(marks.wait_for(std::chrono::milliseconds(400)), std::future_status::timeout)
        << "the marks are read only once the insert in flight has committed";
    tx.commit();
    const ChangeMarks m = marks.get();
    EXPECT_EQ(m.import_run, late);
    EXPECT_EQ(m.open_import_runs, std::vector<long long>{late}) << "still running: open";
  }
  {
    // A ledger insert rolled back: the marks waited, and do not count it.
    soci::transaction tx(*writer);
    long long ledger_id = 0;
    *writer << "insert into ledger_transactions (kind, idempotency_key, content_sha256,"
               " court_code, year, amount_fen, business_date, posted_by) values"
               " ('appropriation', 'k', repeat('0', 64), '冀0633', 2024, 1, date '2024-01-02',"
               " 'test') returning id",
        soci::into(ledger_id);
    auto marks = std::async(std::launch::async, [&] { return read_change_marks(*reader); });
    EXPECT_EQ(marks.wait_for(std::chrono::milliseconds(400)), std::future_status::timeout);
    tx.rollback();
    EXPECT_LT(marks.get().ledger, ledger_id);
  }
  // A case last changed by a run open at the marks counts as changed, whatever its run id.
  auto sql = ScratchDatabase::runtime();
  const CourtRegistry courts = load_courts(ScratchDatabase::settings());
  Importer importer(*sql, courts);
  const ImportReport report = importer.import_file(
      testing::write_temp_file("c.jsonl", case_line() + "\n"), [](const RejectedLine&) {});
  ASSERT_EQ(report.inserted, 1);
  *sql << "update cases set import_run_id = :r, updated_run_id = null", soci::use(late);
  ChangeMarks since;
  since.import_run = report.run_id;
  EXPECT_TRUE(cases_imported_since(*sql, since).empty()) << "every run at or below the mark";
  since.open_import_runs = {late};
  EXPECT_EQ(cases_imported_since(*sql, since).size(), 1u);
}

// ---- randomized days ----

// One case of the generated court, as its next import line states it.
struct GeneratedCase {
  LineOptions line;
  Date filed;
  std::vector<std::string> measures;  // JSON objects
  bool relief_without_panel = false;
  bool decided = false;
};

class RandomDays {
 public:
  explicit RandomDays(unsigned seed) : rng_(seed) {}

  // The day's import lines: a few new cases and updates of earlier ones.
  std::string lines(Date today) {
    std::string out;
    imported_ = cases_.size();  // the cases of earlier days
    std::vector<std::size_t> touched;
    for (int n = pick(2, 5); n > 0; --n) {
      touched.push_back(cases_.size());
      cases_.push_back(new_case(today));
    }
    for (int n = cases_.size() > 4 ? pick(1, 4) : 0; n > 0; --n) {
      std::size_t i = static_cast<std::size_t>(pick(0, static_cast<int>(cases_.size()) - 1));
      update(cases_[i], today);
      touched.push_back(i);
    }
    for (std::size_t i : touched) out += line_of(cases_[i]) + "\n";
    return out;
  }

  // An imported application without a panel decision, to be decided by a clerk (or none):
  // its case number and the earliest date it may be decided on.
  std::optional<std::pair<std::string, Date>> undecided_application() {
    for (std::size_t i = 0; i < imported_; ++i) {
      GeneratedCase& c = cases_[i];
      if (c.relief_without_panel && !c.decided && pick(0, 1) == 0) {
        c.decided = true;
        return std::make_pair(c.line.case_number, c.filed);
      }
    }
    return std::nullopt;
  }

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  Date date_between(Date lo, Date hi) {
    if (!(lo < hi)) return lo;
    return lo.plus_days(pick(0, hi.days_since_epoch() - lo.days_since_epoch()));
  }

  std::string measure(Date filed, Date today) {
    static const char* const kinds[] = {
        "notice", "freeze", "seal", "consumption_ban", "property_report_order", "inquiry"};
    const std::string kind = kinds[pick(0, 5)];
    const std::string on = date_between(filed, today.plus_days(6)).iso();
    std::string m = R"({"kind":")" + kind + R"(","on":")" + on + R"(","against":"r1")";
    if (kind == "freeze") m += R"(,"amount":"3000","target":"某银行账户","period":"1y")";
    if (kind == "seal") m += R"(,"target":"房产一处","period":"3y")";
    if (kind == "inquiry") m += R"(,"note":"网络查控","result":"none")";
    return m + "}";
  }

  GeneratedCase new_case(Date today) {
    GeneratedCase c;
    c.line.case_number = "（2024）冀0633执" + std::to_string(cases_.size() + 1) + "号";
    c.filed = date_between(today.plus_days(-40), today);
    c.line.filed_on = c.filed.iso();
    c.line.claim = "36000";
    for (int n = pick(1, 3); n > 0; --n) c.measures.push_back(measure(c.filed, today));
    const int shape = pick(0, 9);
    if (shape == 0) c.line.applicant_name = "\uE000祥";  // no face draws it: failing items
    if (shape == 1) {
      c.line.status = "closed";
      c.line.closure = R"({"kind":"terminated_current","on":")" +
                       date_between(c.filed, today.plus_days(4)).iso() + R"("})";
    }
    if (shape == 2)
      c.line.settlement = R"({"signed_on":")" + date_between(c.filed, today.plus_days(4)).iso() +
                          R"(","total":"3000","installments":[{"due_on":")" +
                          today.plus_days(60).iso() + R"(","amount":"3000"}]})";
    if (shape == 3 || shape == 4) {
      const Date applied = c.filed;
      std::string relief =
          R"({"applicant":"a1","applied_on":")" + applied.iso() +
          R"(","ground":"support","household_size":1,"household_monthly_income":"300",)"
          R"("has_dibao":true,"medical_expenses":"0","prior_compensation":"0","flags":[])";
      if (shape == 3)
        relief += R"(,"panel":{"decided_on":")" + date_between(applied, today.plus_days(3)).iso() +
                  R"(","granted":true,"amount":"1000","members":["赵志远","王立新","李红"]})";
      c.relief_without_panel = shape == 4;
      c.line.relief = relief + "}";
    }
    return c;
  }

  void update(GeneratedCase& c, Date today) {
    switch (pick(0, 3)) {
      case 0:  // a new measure, dated in the past, today or soon
      case 1:
        c.measures.push_back(measure(c.filed, today));
        break;
      case 2:  // the name corrected (a failing case renders from now on), or a new claim
        if (c.line.applicant_name != "张秀兰")
          c.line.applicant_name = "张秀兰";
        else
          c.line.claim = std::to_string(36000 + pick(1, 9) * 1000);
        break;
      default:  // recovered money: a change that brings no document
        c.line.recovered = std::to_string(pick(0, 30) * 100);
        break;
    }
  }

  static std::string line_of(GeneratedCase& c) {
    std::string m = "[";
    for (const auto& x : c.measures) m += (m.size() > 1 ? "," : "") + x;
    c.line.measures = m + "]";
    return case_line(c.line);
  }

  std::mt19937 rng_;
  std::vector<GeneratedCase> cases_;
  std::size_t imported_ = 0;
};

struct WorldRecord {
  std::vector<std::string> queues;  // per night: the night's work items
  std::vector<long long> read;      // per night: cases read by plan-documents
  std::string documents;            // at the end: every document row and its SHA-256
};

class IncrementalPlanning : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zhixing-incremental-" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    unsetenv("ZHIXING_JOBS_SKIP_LIMIT");
  }

  static std::string rows_text(soci::session& sql, const std::string& query) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    std::string out;
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i)
        out += (i ? " " : "") + (r.get_indicator(i) == soci::i_null ? "-" : r.get<std::string>(i));
      out += "\n";
    }
    return out;
  }

  // Runs the randomized days from nothing: incrementally, or with a full re-plan every night.
  WorldRecord run_world(bool replan, unsigned seed, int nights) {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    const fs::path world = dir_ / (replan ? "full" : "incremental");
    fs::create_directories(world / "inbox");
    setenv("ZHIXING_DB_NAME", ScratchDatabase::target().name.c_str(), 1);
    setenv("ZHIXING_PATHS_INBOX", (world / "inbox").c_str(), 1);
    setenv("ZHIXING_PATHS_OUTPUT", (world / "out").c_str(), 1);
    auto sql = ScratchDatabase::runtime();
    add_user_if_missing(*sql, "clerk1", "clerk");
    // The fund pays two grants (¥1,000.00 each) until the sixth night brings more: grants refused
    // for want of funds are posted nights after their decision.
    ledger::Ledger ledger(*sql);
    const auto appropriate = [&](const std::string& key, long long fen, Date on) {
      EXPECT_EQ(
          ledger.post_appropriation({key, "冀0633", 2024, Money::from_fen(fen), on}, "test").status,
          ledger::PostStatus::created);
    };
    appropriate("易财行〔2024〕9号", 200000, *Date::parse_iso("2024-01-02"));
    RandomDays days(seed);
    WorldRecord rec;
    Date today = *Date::parse_iso("2024-03-01");
    for (int night = 0; night < nights; ++night) {
      static const int jumps[] = {1, 1, 1, 2, 3, 9};
      // The eighth night catches up a business date before the last one.
      today = today.plus_days(night == 7 ? -5 : jumps[days.pick(0, 5)]);
      std::ofstream(world / "inbox" / ("cases-" + today.iso() + ".jsonl")) << days.lines(today);
      if (auto application = days.undecided_application()) {
        DecisionEntry entry;
        entry.case_number = application->first;
        entry.user = "clerk1";
        entry.granted = true;
        entry.amount = Money::from_fen(50000);
        entry.decided_on = std::max(application->second, today.plus_days(-days.pick(0, 2)));
        entry.decided_on_given = true;
        entry.members = {"赵志远", "王立新", "李红"};
        const DecideResult r = decide_relief(*sql, entry, std::nullopt);
        EXPECT_EQ(r.status, DecideStatus::recorded) << r.message;
      }
      if (night == 5) appropriate("易财行〔2024〕31号", 100000000, today);
      // The third night fails at its skip limit and leaves items pending for the next.
      if (night == 2)
        setenv("ZHIXING_JOBS_SKIP_LIMIT", "0", 1);
      else
        unsetenv("ZHIXING_JOBS_SKIP_LIMIT");
      NightlyOptions options;
      options.business_date = today;
      options.replan = replan;
      std::ostringstream out;
      const RunResult r = run_nightly(Settings::load(), options, out);
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3) << out.str();
      rec.queues.push_back(
          "night " + today.iso() + " exit " + std::to_string(r.exit_code) + "\n" +
          rows_text(*sql,
                    "select w.step_name, w.case_number, w.kind, w.event_date::text,"
                    " w.event_position::text, w.priority::text, w.status,"
                    " coalesce(w.error_code, '-') from work_items w"
                    " join job_instances i on i.id = w.instance_id"
                    " where i.job_key = 'business_date=" +
                        today.iso() +
                        "'"
                        " order by 1, 2, 3, 4, 5"));
      long long read = 0;
      *sql << "select s.read_count from step_executions s where s.execution_id = :e"
              " and s.step_name = 'plan-documents'",
          soci::use(r.execution_id), soci::into(read);
      rec.read.push_back(read);
    }
    rec.documents =
        rows_text(*sql,
                  "select c.case_number, d.kind, d.event_date::text, d.event_position::text,"
                  " d.version::text, d.sha256 from documents d join cases c on c.id = d.case_id"
                  " order by 1, 2, 3, 4, 5");
    return rec;
  }

  fs::path dir_;
};

TEST_F(IncrementalPlanning, RandomDaysQueueAndIssueWhatAFullReplanDoes) {
  const int nights = 10;
  const WorldRecord incremental = run_world(false, 20241231, nights);
  const WorldRecord full = run_world(true, 20241231, nights);
  ASSERT_EQ(incremental.queues.size(), full.queues.size());
  long long read_incremental = 0, read_full = 0;
  for (std::size_t i = 0; i < full.queues.size(); ++i) {
    EXPECT_EQ(incremental.queues[i], full.queues[i]) << "night " << i + 1;
    if (i == 0) continue;  // the first night has no plan before it: a full plan either way
    read_incremental += incremental.read[i];
    read_full += full.read[i];
  }
  EXPECT_EQ(incremental.documents, full.documents);
  EXPECT_NE(full.documents.find("relief-voucher"), std::string::npos) << full.documents;
  EXPECT_LT(read_incremental * 2, read_full)
      << "the incremental nights read fewer cases: " << read_incremental << " of " << read_full;
}

}  // namespace
}  // namespace zhixing::jobs
