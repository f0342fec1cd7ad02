// Judicial relief against the real PostgreSQL: the demo set's grants and exclusions, stored
// assessments that do not repeat, gapless 司救执 numbers under concurrency, `relief decide`.
#include "store/relief_store.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <barrier>
#include <set>
#include <sstream>
#include <thread>

#include "config/policy_file.h"
#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "jobs/relief_run.h"
#include "relief/policy.h"
#include "store/case_loader.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

const Date kBusinessDate = *Date::parse_iso("2024-12-31");

class ReliefStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
    courts_ = load_courts(ScratchDatabase::settings());
    policy_ = config::load_relief_policy(ScratchDatabase::settings().data_root() / "config" /
                                         "relief-policy.properties");
  }

  void import_text(const std::string& content) {
    Importer importer(*sql_, courts_);
    importer.import_file(write_temp_file("cases.jsonl", content),
                         [](const RejectedLine& r) { ADD_FAILURE() << format_rejection(r); });
  }

  void import_demo(int64_t cases = 2083) {
    std::ostringstream out;
    DemoOptions options;
    options.cases = cases;
    write_demo_data(out, options);
    import_text(out.str());
  }

  // A full run (`relief assess --all`): these tests change inputs behind the importer's back
  // (plain SQL), which the incremental run's watermark does not see by design.
  jobs::ReliefRunReport assess() {
    jobs::ReliefRunOptions options;
    options.business_date = kBusinessDate;
    options.all = true;
    return jobs::run_relief_assessment(*sql_, policy_, options);
  }

  long long scalar(const std::string& query) {
    long long n = 0;
    soci::indicator ind;
    *sql_ << query, soci::into(n, ind);
    return ind == soci::i_ok ? n : 0;
  }

  std::string text(const std::string& query) {
    std::string s;
    soci::indicator ind;
    *sql_ << query, soci::into(s, ind);
    return ind == soci::i_ok ? s : "";
  }

  // A relief line with a panel decision (support, 低保, 终本, ¥36,000 outstanding).
  static std::string panel_line(int serial, const std::string& decided_on = "2024-09-01",
                                const std::string& amount = "30000") {
    LineOptions o;
    o.case_number = "（2024）冀0633执" + std::to_string(serial) + "号";
    o.status = "closed";
    o.closure = R"({"kind":"terminated_current","on":"2024-07-01","applicant_consents":true})";
    o.relief =
        R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,"household_monthly_income":"300","has_dibao":true,"medical_expenses":"0","prior_compensation":"0","flags":[],"panel":{"decided_on":")" +
        decided_on + R"(","granted":true,"amount":")" + amount +
        R"(","members":["赵志远","王立新","李红"]}})";
    return case_line(o);
  }

  std::unique_ptr<soci::session> sql_;
  CourtRegistry courts_;
  relief::Policy policy_;
};

TEST_F(ReliefStoreTest, DemoSetGivesExactlyTheFivePanelGrantsWithGaplessNumbers) {
  import_demo();
  jobs::ReliefRunReport run = assess();
  EXPECT_EQ(run.applications, 15);
  EXPECT_GT(run.screened, 0);
  EXPECT_EQ(run.stored.inserted, run.applications + run.screened);
  NumberingReport n = number_relief_decisions(*sql_);
  EXPECT_EQ(n.numbered, 13) << "every application with a panel decision opens a relief case";

  EXPECT_EQ(scalar("select count(*) from relief_decisions where granted"), 5);
  EXPECT_EQ(scalar("select sum(amount_fen) from relief_decisions where granted"), 30500000);
  EXPECT_EQ(scalar("select count(*) from relief_decisions where not granted"), 8);
  // Each grant's application is assessed eligible, its amount within the cap and the loss.
  EXPECT_EQ(scalar("select count(*) from relief_decisions d join lateral (select * from"
                   " relief_assessments a where a.application_id = d.application_id order by"
                   " a.assessed_at desc, a.id desc limit 1) a on true where d.granted and"
                   " a.outcome = 'eligible' and not exists (select 1 from jsonb_array_elements("
                   "a.rules) r where r->>'id' in ('over_cap', 'over_loss') and not "
                   "(r->>'passed')::boolean)"),
            5);
  // 司救执 serials per court and decision year: 1..N, no gap, no duplicate, in the order of the
  // enforcement case numbers.
  soci::rowset<soci::row> rows =
      (sql_->prepare
       << "select d.court_code, d.year, d.serial, d.case_number from relief_decisions d"
          " join cases c on c.id = d.case_id order by d.court_code, d.year,"
          " c.year, c.type_code, c.serial");
  std::map<std::pair<std::string, int>, int> expected_next;
  for (const auto& r : rows) {
    auto key = std::make_pair(r.get<std::string>(0), r.get<int>(1));
    int want = ++expected_next[key];
    EXPECT_EQ(r.get<int>(2), want) << r.get<std::string>(3);
    EXPECT_EQ(r.get<std::string>(3), "（" + std::to_string(key.second) + "）" + key.first +
                                         "司救执" + std::to_string(want) + "号");
  }
  EXPECT_EQ(scalar("select count(*) from relief_case_counters c where last_serial <> (select"
                   " count(*) from relief_decisions d where d.court_code = c.court_code and"
                   " d.year = c.year)"),
            0);
}

TEST_F(ReliefStoreTest, EveryExcludedDemoApplicantIsIneligibleForTheRightRule) {
  import_demo();
  assess();
  struct Want {
    std::string where;  // on relief_applications ra
    std::string rule;
  };
  std::vector<Want> wants;
  for (const char* flag : {"major_fault", "refused_cooperation", "false_statement", "waived_claim",
                           "hardship_unrelated", "aided_elsewhere"})
    wants.push_back({std::string("'") + flag + "' = any(ra.flags)", std::string("flag_") + flag});
  wants.push_back({"c.claim_fen <= c.recovered_fen", "outstanding_loss"});
  wants.push_back({"ra.household_monthly_income_fen >= 1000000", "no_hardship"});
  for (const auto& w : wants) {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "select c.case_number, a.outcome, a.rules::text from relief_applications"
                          " ra join cases c on c.id = ra.case_id join lateral (select * from"
                          " relief_assessments x where x.application_id = ra.id order by"
                          " x.assessed_at desc, x.id desc limit 1) a on true where " +
                              w.where);
    int seen = 0;
    for (const auto& r : rows) {
      ++seen;
      EXPECT_EQ(r.get<std::string>(1), "ineligible") << w.rule << " " << r.get<std::string>(0);
      Poco::JSON::Parser parser;
      auto rules = parser.parse(r.get<std::string>(2)).extract<Poco::JSON::Array::Ptr>();
      bool failed = false;
      for (size_t i = 0; i < rules->size(); ++i) {
        auto o = rules->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("id") == w.rule) failed = !o->getValue<bool>("passed");
      }
      EXPECT_TRUE(failed) << w.rule << " must fail for " << r.get<std::string>(0);
    }
    EXPECT_EQ(seen, 1) << w.where;
  }
  // Nobody else is excluded.
  EXPECT_EQ(scalar("select count(*) from relief_assessments where kind = 'application' and"
                   " outcome = 'ineligible'"),
            8);
}

TEST_F(ReliefStoreTest, ReassessingUnchangedInputsWritesNothing) {
  import_demo(600);
  jobs::ReliefRunReport first = assess();
  number_relief_decisions(*sql_);
  const long long rows = scalar("select count(*) from relief_assessments");
  const long long decisions = scalar("select count(*) from relief_decisions");
  ASSERT_GT(rows, 0);
  jobs::ReliefRunReport again = assess();
  EXPECT_EQ(again.stored.inserted, 0);
  EXPECT_EQ(again.stored.revived, 0);
  EXPECT_EQ(again.stored.unchanged, first.stored.inserted);
  NumberingReport n = number_relief_decisions(*sql_);
  EXPECT_EQ(n.numbered, 0);
  EXPECT_EQ(scalar("select count(*) from relief_assessments"), rows);
  EXPECT_EQ(scalar("select count(*) from relief_decisions"), decisions);
}

TEST_F(ReliefStoreTest, ChangedInputsAddARowAndChangingBackRevivesTheOldOne) {
  import_text(panel_line(1) + "\n");
  assess();
  const long long case_id = scalar("select id from cases");
  const auto original = latest_assessment(*sql_, case_id);
  ASSERT_TRUE(original);
  EXPECT_EQ(original->outcome, "eligible");

  *sql_ << "update relief_applications set flags = '{major_fault}'";
  jobs::ReliefRunReport changed = assess();
  EXPECT_EQ(changed.stored.inserted, 1);
  EXPECT_EQ(latest_assessment(*sql_, case_id)->outcome, "ineligible");

  *sql_ << "update relief_applications set flags = '{}'";
  jobs::ReliefRunReport back = assess();
  EXPECT_EQ(back.stored.inserted, 0);
  EXPECT_EQ(back.stored.revived, 1);
  EXPECT_EQ(latest_assessment(*sql_, case_id)->id, original->id);
  EXPECT_EQ(scalar("select count(*) from relief_assessments"), 2);
}

TEST_F(ReliefStoreTest, ExplainJsonHasTheIssueShape) {
  import_text(panel_line(1) + "\n");
  assess();
  auto a = latest_assessment(*sql_, scalar("select id from cases"));
  ASSERT_TRUE(a);
  std::string json = explain_json(*a);
  EXPECT_EQ(
      json.rfind("{\"case_number\":\"（2024）冀0633执1号\",\"outcome\":\"eligible\","
                 "\"proposed_fen\":3600000,\"cap_fen\":28445400,\"ruleset\":\"relief-2024.1\","
                 "\"rules\":[{\"id\":\"person_applicant\",\"passed\":true,\"reason\":",
                 0),
      0u)
      << json;
  EXPECT_EQ(json.find("effect"), std::string::npos) << "the shape has id, passed, reason only";
}

TEST_F(ReliefStoreTest, ConcurrentNumberingHasNoGapsOrDuplicates) {
  // Decisions across two years, so that both counters are contended.
  std::string content;
  for (int i = 1; i <= 60; ++i)
    content += panel_line(i, i % 3 == 0 ? "2025-01-10" : "2024-09-01") + "\n";
  import_text(content);
  for (int round = 0; round < 2; ++round) {
    constexpr int kThreads = 4;
    std::barrier start(kThreads);
    std::vector<int> numbered(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        auto sql = ScratchDatabase::runtime();
        start.arrive_and_wait();
        numbered[t] = number_relief_decisions(*sql).numbered;
      });
    for (auto& t : threads) t.join();
    int total = 0;
    for (int n : numbered) total += n;
    EXPECT_EQ(total, round == 0 ? 60 : 0);
  }
  EXPECT_EQ(scalar("select count(*) from relief_decisions"), 60);
  EXPECT_EQ(scalar("select count(distinct application_id) from relief_decisions"), 60);
  for (int year : {2024, 2025}) {
    const std::string y = std::to_string(year);
    const long long n = scalar("select count(*) from relief_decisions where year = " + y);
    EXPECT_EQ(n, year == 2024 ? 40 : 20);
    EXPECT_EQ(scalar("select min(serial) from relief_decisions where year = " + y), 1);
    EXPECT_EQ(scalar("select max(serial) from relief_decisions where year = " + y), n);
    EXPECT_EQ(scalar("select count(distinct serial) from relief_decisions where year = " + y), n);
    // The fixed order: serials follow the enforcement case numbers.
    EXPECT_EQ(
        scalar("select count(*) from (select d.serial, row_number() over (order by c.serial)"
               " rn from relief_decisions d join cases c on c.id = d.case_id where d.year = " +
               y + ") x where serial <> rn"),
        0);
  }
}

TEST_F(ReliefStoreTest, DecideChecksTheRoleAndNeverRewritesADecision) {
  LineOptions o;
  o.case_number = "（2024）冀0633执5号";
  o.status = "closed";
  o.closure = R"({"kind":"terminated_current","on":"2024-07-01","applicant_consents":true})";
  o.relief =
      R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,"household_monthly_income":"300","has_dibao":true,"medical_expenses":"0","prior_compensation":"0","flags":[]})";
  import_text(case_line(o) + "\n" + panel_line(9) + "\n");
  *sql_ << "insert into users (name, role) values ('陈静', 'clerk'), ('周审计', 'auditor'),"
           " ('管理员', 'admin')";
  number_relief_decisions(*sql_);  // numbers 执9号's imported panel: 司救执1号

  DecisionEntry e;
  e.case_number = "(2024)冀0633执5号";
  e.granted = true;
  e.amount = Money::from_yuan(20000);
  e.decided_on = *Date::parse_iso("2024-10-08");
  e.decided_on_given = true;
  e.members = {"赵志远", "王立新", "李红"};
  const std::optional<Money> loss = Money::from_yuan(36000);

  e.user = "周审计";
  EXPECT_EQ(decide_relief(*sql_, e, loss).status, DecideStatus::forbidden);
  e.user = "无此人";
  EXPECT_EQ(decide_relief(*sql_, e, loss).status, DecideStatus::unknown_user);
  EXPECT_EQ(scalar("select count(*) from relief_applications where panel_decided_on is not null"),
            1);

  e.user = "陈静";
  DecisionEntry over = e;
  over.amount = Money::from_yuan(36001);
  EXPECT_EQ(decide_relief(*sql_, over, loss).status, DecideStatus::bad_amount);
  DecisionEntry unknown = e;
  unknown.case_number = "（2024）冀0633执404号";
  EXPECT_EQ(decide_relief(*sql_, unknown, loss).status, DecideStatus::unknown_case);

  DecideResult r = decide_relief(*sql_, e, loss);
  ASSERT_EQ(r.status, DecideStatus::recorded) << r.message;
  EXPECT_EQ(r.relief_case_number, "（2024）冀0633司救执2号");
  EXPECT_EQ(text("select source from relief_decisions where serial = 2"), "user");
  EXPECT_EQ(text("select u.name from relief_decisions d join users u on u.id = d.decided_by"),
            "陈静");
  EXPECT_EQ(text("select panel_source from relief_applications ra join cases c on c.id ="
                 " ra.case_id where c.serial = 5"),
            "user");

  EXPECT_EQ(decide_relief(*sql_, e, loss).status, DecideStatus::already_recorded);
  DecisionEntry same_without_date = e;
  same_without_date.decided_on = *Date::parse_iso("2024-12-01");
  same_without_date.decided_on_given = false;
  EXPECT_EQ(decide_relief(*sql_, same_without_date, loss).status, DecideStatus::already_recorded);

  DecisionEntry other = e;
  other.amount = Money::from_yuan(25000);
  DecideResult c = decide_relief(*sql_, other, loss);
  EXPECT_EQ(c.status, DecideStatus::conflict);
  DecisionEntry refused = e;
  refused.granted = false;
  refused.amount.reset();
  EXPECT_EQ(decide_relief(*sql_, refused, loss).status, DecideStatus::conflict);
  // The imported decision of 执9号 is as fixed as the entered one.
  DecisionEntry imported = e;
  imported.case_number = "（2024）冀0633执9号";
  EXPECT_EQ(decide_relief(*sql_, imported, loss).status, DecideStatus::conflict);

  EXPECT_EQ(scalar("select amount_fen from relief_decisions where serial = 2"), 2000000);
  EXPECT_EQ(scalar("select count(*) from relief_decisions"), 2);
  EXPECT_EQ(scalar("select last_serial from relief_case_counters"), 2);
  EXPECT_EQ(number_relief_decisions(*sql_).numbered, 0);
}

}  // namespace
}  // namespace zhixing
