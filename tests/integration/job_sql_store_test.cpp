// The repositories the jobs module reads and writes through, against the real PostgreSQL: the
// case selection (scopes, a clerk's filter terms, one case), the granted decisions handed to the
// ledger, and the job store's reads for workers and the scheduler.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/court_registry.h"
#include "importer/importer.h"
#include "jobs/document_batch.h"
#include "jobs/job_repository.h"
#include "store/case_selection.h"
#include "store/job_store.h"
#include "store/relief_grant_store.h"
#include "support/panel_decision.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

class JobSqlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    sql_ = ScratchDatabase::runtime();
  }
  void import_cases(const std::vector<testing::LineOptions>& lines) {
    std::string text;
    for (const auto& o : lines) text += testing::case_line(o) + "\n";
    std::string path = testing::write_temp_file("job-sql-store.jsonl", text);
    const CourtRegistry courts = load_courts(ScratchDatabase::settings());
    Importer importer(*sql_, courts);
    auto report =
        importer.import_file(path, [](const RejectedLine& r) { FAIL() << format_rejection(r); });
    ASSERT_EQ(report.inserted, static_cast<long long>(lines.size()));
  }
  std::vector<std::string> numbers(const CaseSelection& selection) {
    std::vector<std::string> out;
    for (long long id : selected_case_ids(*sql_, selection)) {
      std::string n;
      *sql_ << "select case_number from cases where id = :i", soci::use(id), soci::into(n);
      out.push_back(n);
    }
    return out;
  }
  std::unique_ptr<soci::session> sql_;
};

const std::string k1 = "（2024）冀0633执1号";
const std::string k2 = "（2024）冀0633执2号";
const std::string k3 = "（2023）冀0633执7号";

TEST_F(JobSqlStoreTest, FilterTermsSelectTheirCasesInCaseNumberOrder) {
  testing::LineOptions a, b, c;
  a.case_number = k1;
  b.case_number = k2;
  c.case_number = k3;
  c.filed_on = "2023-05-10";
  import_cases({b, c, a});
  EXPECT_EQ(numbers({}), (std::vector<std::string>{k3, k1, k2})) << "every case";
  EXPECT_EQ(numbers({CaseScope::all, jobs::parse_case_filter("court=冀0633"), std::nullopt}),
            (std::vector<std::string>{k3, k1, k2}));
  EXPECT_EQ(numbers({CaseScope::all, jobs::parse_case_filter("year=2023"), std::nullopt}),
            (std::vector<std::string>{k3}));
  EXPECT_EQ(numbers({CaseScope::all, jobs::parse_case_filter("court=冀0633,year=2024,status=open"),
                     std::nullopt}),
            (std::vector<std::string>{k1, k2}));
  EXPECT_EQ(
      numbers({CaseScope::all, jobs::parse_case_filter("category=elderly_support"), std::nullopt}).size(),
      3u);
  EXPECT_TRUE(numbers({CaseScope::all, jobs::parse_case_filter("status=closed"), std::nullopt}).empty());
  EXPECT_TRUE(numbers({CaseScope::all, jobs::parse_case_filter("court=冀0634"), std::nullopt}).empty());
  // A value is a literal, never SQL.
  EXPECT_TRUE(
      numbers({CaseScope::all, {{CaseFilterKey::court, "冀0633' or 'a' = 'a"}}, std::nullopt})
          .empty());
  EXPECT_TRUE(
      numbers({CaseScope::all, {{CaseFilterKey::category, "x') or true or ('"}}, std::nullopt})
          .empty());
}

TEST_F(JobSqlStoreTest, ScopesAndOneCaseNarrowTheSelectionAndStreamingAgrees) {
  testing::LineOptions a, b;
  a.case_number = k1;
  b.case_number = k2;
  import_cases({a, b});
  testing::PanelDecisionSpec spec;
  spec.decision_number = "（2024）冀0633司救执1号";
  spec.case_number = k2;
  spec.amount_fen = 500000;
  testing::record_panel_decision(*sql_, spec);

  CaseSelection with_relief;
  with_relief.scope = CaseScope::with_relief_application;
  EXPECT_EQ(numbers(with_relief), (std::vector<std::string>{k2}));
  CaseSelection candidates;
  candidates.scope = CaseScope::relief_candidates;
  EXPECT_EQ(numbers(candidates), (std::vector<std::string>{k2}))
      << "open cases without an application are not screening candidates";

  const long long id1 = find_case_id(*sql_, k1);
  CaseSelection one;
  one.case_id = id1;
  EXPECT_EQ(numbers(one), (std::vector<std::string>{k1}));
  candidates.case_id = id1;
  EXPECT_TRUE(numbers(candidates).empty()) << "the case id narrows, it does not widen";

  std::vector<long long> streamed;
  for_each_case(*sql_, CaseSelection{}, 1, [&](std::vector<LoadedCase>& cases) {
    EXPECT_EQ(cases.size(), 1u);
    for (const auto& c : cases) streamed.push_back(c.id);
  });
  std::vector<long long> selected = selected_case_ids(*sql_, CaseSelection{});
  std::sort(selected.begin(), selected.end());
  EXPECT_EQ(streamed, selected);
}

TEST_F(JobSqlStoreTest, GrantedDecisionsCarryTheirFieldsAndTheDocumentHashWhenIssued) {
  testing::PanelDecisionSpec first;
  first.decision_number = "（2024）冀0633司救执1号";
  first.amount_fen = 500000;
  first.decided_on = "2024-08-20";
  auto d1 = testing::record_panel_decision(*sql_, first);
  testing::PanelDecisionSpec second = first;
  second.decision_number = "（2024）冀0633司救执2号";
  second.amount_fen = 300000;
  second.decided_on = "2024-09-02";
  auto d2 = testing::record_panel_decision(*sql_, second);
  testing::PanelDecisionSpec refused = first;
  refused.decision_number = "（2024）冀0633司救执3号";
  refused.granted = false;
  testing::record_panel_decision(*sql_, refused);

  auto through_august = granted_decisions_through(*sql_, *Date::parse_iso("2024-08-31"));
  ASSERT_EQ(through_august.size(), 1u) << "dated after the business date: not yet";
  const GrantedDecision& g = through_august[0];
  EXPECT_EQ(g.decision_number, first.decision_number);
  EXPECT_EQ(g.court_code, "冀0633");
  EXPECT_EQ(g.year, 2024);
  EXPECT_EQ(g.case_id, d1.case_id);
  EXPECT_EQ(g.applicant_party_id, d1.applicant_party_id);
  EXPECT_EQ(g.applicant_name, "张秀兰");
  EXPECT_EQ(g.amount.fen(), 500000);
  EXPECT_EQ(g.decided_on.iso(), "2024-08-20");
  EXPECT_EQ(g.decision_document_sha256, d1.document_sha256);

  // The runtime role may not delete documents: the owner takes the second one back.
  *ScratchDatabase::owner() << "delete from documents where case_id = :c", soci::use(d2.case_id);
  auto all = granted_decisions_through(*sql_, *Date::parse_iso("2024-12-31"));
  ASSERT_EQ(all.size(), 2u) << "the refused decision is never handed over";
  EXPECT_EQ(all[0].decision_number, first.decision_number) << "decision-number order";
  EXPECT_EQ(all[1].decision_number, second.decision_number);
  EXPECT_FALSE(all[1].decision_document_sha256) << "no decision document issued yet";
}

TEST_F(JobSqlStoreTest, TheJobStoreAnswersWorkersAndTheScheduler) {
  jobs::JobRepository repo(*sql_);
  auto batch = repo.launch({"batch", "request=r1",
                            "{\"out\": \"/tmp/docs-r1\", \"user\": \"李书记员\", \"reissue\": "
                            "\"true\"}"},
                           {});
  auto bare = repo.launch({"batch", "request=r2", ""}, {});
  BatchParameters p = repo.batch_parameters(batch.instance_id);
  EXPECT_EQ(p.out_dir, "/tmp/docs-r1");
  EXPECT_EQ(p.user, "李书记员");
  EXPECT_TRUE(p.reissue);
  BatchParameters d = repo.batch_parameters(bare.instance_id);
  EXPECT_EQ(d.out_dir, "");
  EXPECT_EQ(d.user, "clerk");
  EXPECT_FALSE(d.reissue);

  EXPECT_FALSE(repo.has_step(batch.execution_id, "write-summary"));
  repo.begin_step(batch.execution_id, 1, "write-summary");
  EXPECT_TRUE(repo.has_step(batch.execution_id, "write-summary"));
  EXPECT_FALSE(repo.has_step(bare.execution_id, "write-summary"));

  auto done = repo.launch({"nightly", "business_date=2024-12-30", ""}, {});
  repo.finish(done.execution_id, "completed", 0, "");
  auto failed = repo.launch({"nightly", "business_date=2024-12-31", ""}, {});
  repo.finish(failed.execution_id, "failed", 1, "x");
  repo.finish(batch.execution_id, "completed", 0, "");
  EXPECT_EQ(repo.completed_keys("nightly"), (std::vector<std::string>{"business_date=2024-12-30"}));
  // A failed night completed by a rerun counts; one whose latest execution failed does not.
  auto rerun = repo.launch({"nightly", "business_date=2024-12-31", ""}, {});
  repo.finish(rerun.execution_id, "completed", 0, "");
  auto keys = repo.completed_keys("nightly");
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"business_date=2024-12-30", "business_date=2024-12-31"}));
}

}  // namespace
}  // namespace zhixing
