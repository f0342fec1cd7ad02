// Set-based updates against the real PostgreSQL: a line that changes nothing leaves its case
// untouched; cases.updated_run_id / updated_line name the run and line that last changed
// anything of the case; every part of a case is compared and only what changed is written;
// a batch of many updates with a conflict among them writes the others and nothing of it.
#include <gtest/gtest.h>

#include <string>

#include "core/court_registry.h"
#include "core/sha256.h"
#include "importer/importer.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string numbered(int i) { return "（2024）冀0633执" + std::to_string(i) + "号"; }

class ImportUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
    courts_ = load_courts(ScratchDatabase::settings());
  }

  ImportReport import(const std::string& content, std::vector<RejectedLine>* rejects = nullptr) {
    Importer importer(*sql_, courts_);
    return importer.import_file(write_temp_file("cases.jsonl", content),
                                [&](const RejectedLine& r) {
                                  if (rejects) rejects->push_back(r);
                                });
  }

  long long scalar(const std::string& query) {
    long long n = -1;
    soci::indicator ind;
    *sql_ << query, soci::into(n, ind);
    return ind == soci::i_null ? -1 : n;
  }
  std::string text(const std::string& query) {
    std::string s;
    soci::indicator ind;
    *sql_ << query, soci::into(s, ind);
    return ind == soci::i_null ? "(null)" : s;
  }

  std::unique_ptr<soci::session> sql_;
  CourtRegistry courts_;
};

TEST_F(ImportUpdateTest, ALineThatChangesNothingLeavesTheCaseUntouched) {
  LineOptions o;
  const std::string line = case_line(o);
  auto first = import(line + "\n");
  ASSERT_EQ(first.inserted, 1);
  const std::string row_hash = text("select row_sha256 from cases");
  EXPECT_EQ(row_hash.size(), 64u) << "the content hash is written with the case";

  // The same record in other bytes: compared part by part, nothing differs.
  const std::string reformatted = replaced(line, "\"status\":", "\"status\" : ");
  ASSERT_NE(reformatted, line);
  auto second = import(reformatted + "\n");
  EXPECT_EQ(second.updated, 0);
  EXPECT_EQ(second.unchanged, 1);
  EXPECT_EQ(scalar("select updated_run_id from cases"), -1) << "no run changed the case";
  EXPECT_EQ(text("select record_sha256 from cases"), sha256_hex(line));
  EXPECT_EQ(text("select row_sha256 from cases"), row_hash);
  EXPECT_EQ(scalar("select count(*) from case_sources"), 2) << "the new line is known from now on";
  EXPECT_EQ(scalar("select count(*) from measures"), 1);

  auto third = import(reformatted + "\n");
  EXPECT_EQ(third.unchanged, 1);
  EXPECT_EQ(scalar("select count(*) from case_sources"), 2);
}

TEST_F(ImportUpdateTest, UpdatedRunIdNamesTheRunAndLineThatLastChangedTheCase) {
  LineOptions o;
  auto created = import(case_line(o) + "\n");
  LineOptions later = o;
  later.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},)"
                   R"({"kind":"consumption_ban","on":"2024-04-02","against":"r1"}])";
  LineOptions other = o;
  other.case_number = numbered(2);
  auto changed = import(case_line(other) + "\n" + case_line(later) + "\n");
  EXPECT_EQ(changed.inserted, 1);
  EXPECT_EQ(changed.updated, 1);
  const std::string where = " from cases where serial = 1";
  EXPECT_EQ(scalar("select import_run_id" + where), created.run_id);
  EXPECT_EQ(scalar("select updated_run_id" + where), changed.run_id);
  EXPECT_EQ(scalar("select updated_line" + where), 2);
  EXPECT_EQ(scalar("select updated_run_id from cases where serial = 2"), -1)
      << "a case only created by a run has no updating run";
  EXPECT_EQ(scalar("select count(*) from measures m join cases c on c.id = m.case_id"
                   " where c.serial = 1 and m.import_run_id = " +
                   std::to_string(changed.run_id) + " and m.position = 1"),
            1);

  // A later run whose line changes nothing of the case leaves the contract's columns alone.
  auto idle = import(replaced(case_line(later), "\"status\":", "\"status\": ") + "\n");
  EXPECT_EQ(idle.unchanged, 1);
  EXPECT_EQ(scalar("select updated_run_id" + where), changed.run_id);
  EXPECT_EQ(scalar("select updated_line" + where), 2);
}

TEST_F(ImportUpdateTest, EveryPartIsComparedAndOnlyWhatChangedIsWritten) {
  LineOptions o;
  o.status = "closed";
  o.closure = R"({"kind":"terminated_current","on":"2024-07-15"})";
  o.settlement = R"({"signed_on":"2024-04-01","total":"34500","installments":)"
                 R"([{"due_on":"2024-09-30","amount":"34500"}]})";
  o.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support",)"
             R"("household_size":1,"household_monthly_income":"300","has_dibao":true,"flags":[]})";
  auto created = import(case_line(o) + "\n");
  ASSERT_EQ(created.inserted, 1);
  const long long settlement_id = scalar("select id from settlements");
  const long long party_r1 = scalar("select id from parties where party_key = 'r1'");

  // Each part changes in turn, in its own run: each run records itself on the case.
  struct Step {
    const char* what;
    LineOptions line;
    std::string raw_from, raw_to;
  };
  LineOptions settled = o;
  settled.settlement = R"({"signed_on":"2024-04-01","total":"34500","installments":)"
                       R"([{"due_on":"2024-09-30","amount":"20000"},)"
                       R"({"due_on":"2024-10-31","amount":"14500"}]})";
  LineOptions decided = settled;
  decided.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support",)"
                   R"("household_size":1,"household_monthly_income":"300","has_dibao":true,)"
                   R"("flags":[],"panel":{"decided_on":"2024-09-01","granted":true,)"
                   R"("amount":"30000","members":["赵志远","王立新","李红"]}})";
  std::vector<Step> steps = {
      {"address", o, "河北省易县梁格庄镇某村\"", "河北省易县梁格庄镇新村\""},
      {"agents", o, "河北省易县梁格庄镇某村\"",
       "河北省易县梁格庄镇新村\",\"agents\":[{\"name\":\"孙立\",\"kind\":\"lawyer\","
       "\"firm\":\"河北某律师事务所\"}]"},
      {"settlement", settled, "河北省易县梁格庄镇某村\"",
       "河北省易县梁格庄镇新村\",\"agents\":[{\"name\":\"孙立\",\"kind\":\"lawyer\","
       "\"firm\":\"河北某律师事务所\"}]"},
      {"panel", decided, "河北省易县梁格庄镇某村\"",
       "河北省易县梁格庄镇新村\",\"agents\":[{\"name\":\"孙立\",\"kind\":\"lawyer\","
       "\"firm\":\"河北某律师事务所\"}]"},
  };
  for (const auto& step : steps) {
    std::string line = replaced(case_line(step.line), step.raw_from, step.raw_to);
    auto run = import(line + "\n");
    EXPECT_EQ(run.updated, 1) << step.what;
    EXPECT_EQ(scalar("select updated_run_id from cases"), run.run_id) << step.what;
    auto again = import(replaced(line, "\"status\":", "\"status\" :") + "\n");
    EXPECT_EQ(again.unchanged, 1) << step.what << ": the same facts again change nothing";
    EXPECT_EQ(scalar("select updated_run_id from cases"), run.run_id) << step.what;
  }
  EXPECT_EQ(text("select address from parties where party_key = 'r1'"), "河北省易县梁格庄镇新村");
  EXPECT_EQ(scalar("select id from parties where party_key = 'r1'"), party_r1);
  EXPECT_EQ(text("select string_agg(name || '/' || firm, ',') from agents"),
            "孙立/河北某律师事务所");
  EXPECT_EQ(scalar("select id from settlements"), settlement_id) << "updated in place";
  EXPECT_EQ(text("select string_agg(amount_fen::text, ',' order by position) from installments"),
            "2000000,1450000");
  EXPECT_EQ(scalar("select panel_amount_fen from relief_applications"), 3000000);
  EXPECT_EQ(text("select panel_source from relief_applications"), "import");
  EXPECT_EQ(scalar("select count(*) from measures"), 1);
  EXPECT_EQ(scalar("select count(*) from parties"), 2);
}

TEST_F(ImportUpdateTest, ABatchOfUpdatesWritesAllButTheConflictingLine) {
  std::string first, second;
  for (int i = 1; i <= 40; ++i) {
    LineOptions o;
    o.case_number = numbered(i);
    o.recovered = "100";
    first += case_line(o) + "\n";
    LineOptions u = o;
    u.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},)"
                 R"({"kind":"property_report_order","on":"2025-01-02","against":"r1"}])";
    if (i == 17) u.recovered = "50";  // the recovered amount never falls: a conflict
    second += case_line(u) + "\n";
  }
  ASSERT_EQ(import(first).inserted, 40);
  std::vector<RejectedLine> rejects;
  auto report = import(second, &rejects);
  EXPECT_EQ(report.updated, 39);
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].line, 17);
  EXPECT_EQ(rejects[0].rejection.field, "recovered");
  EXPECT_EQ(scalar("select count(*) from measures"), 40 + 39);
  EXPECT_EQ(
      scalar("select count(*) from cases where updated_run_id = " + std::to_string(report.run_id)),
      39);
  EXPECT_EQ(scalar("select count(*) from measures m join cases c on c.id = m.case_id"
                   " where c.serial = 17"),
            1)
      << "the rejected line writes nothing of itself";
  EXPECT_EQ(scalar("select updated_run_id from cases where serial = 17"), -1);
  EXPECT_EQ(scalar("select count(*) from case_sources"), 40 + 39);
}

}  // namespace
}  // namespace zhixing
