// The importer against the real PostgreSQL: round trip, re-import, updates, rejects.
#include "importer/importer.h"

#include <gtest/gtest.h>

#include "core/court_registry.h"
#include "core/sha256.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
using testing::write_temp_file;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
    courts_ = load_courts(ScratchDatabase::settings());
  }

  ImportReport import(const std::string& content, std::vector<RejectedLine>* rejects = nullptr) {
    Importer importer(*sql_, courts_);
    return importer.import_file(write_temp_file("cases.jsonl", content), [&](const RejectedLine& r) {
      if (rejects) rejects->push_back(r);
    });
  }

  long long count(const std::string& table) {
    long long n = 0;
    *sql_ << "select count(*) from " + table, soci::into(n);
    return n;
  }

  std::unique_ptr<soci::session> sql_;
  CourtRegistry courts_;
};

TEST_F(ImporterTest, RoundTripStoresEveryPartOfTheRecord) {
  LineOptions o;
  o.case_number = "(2024)冀0633执7号";  // half-width brackets are normalised
  o.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},{"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"中国邮政储蓄银行易县支行","period":"1y"}])";
  o.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,"household_monthly_income":"300","has_dibao":true,"medical_expenses":"0","prior_compensation":"0","flags":[]})";
  auto report = import(case_line(o) + "\n");
  EXPECT_EQ(report.lines, 1);
  EXPECT_EQ(report.inserted, 1);
  EXPECT_EQ(report.rejected, 0);

  std::string number, cause;
  long long claim = 0, run = 0, line = 0;
  *sql_ << "select case_number, cause, claim_fen, import_run_id, source_line from cases",
      soci::into(number), soci::into(cause), soci::into(claim), soci::into(run), soci::into(line);
  EXPECT_EQ(number, "（2024）冀0633执7号");
  EXPECT_EQ(cause, "赡养费纠纷");
  EXPECT_EQ(claim, 3600000);
  EXPECT_EQ(run, report.run_id);
  EXPECT_EQ(line, 1);
  EXPECT_EQ(count("parties"), 2);
  EXPECT_EQ(count("measures"), 2);
  EXPECT_EQ(count("relief_applications"), 1);
  long long freeze_fen = 0;
  *sql_ << "select amount_fen from measures where kind = 'freeze'", soci::into(freeze_fen);
  EXPECT_EQ(freeze_fen, 3600000);
  std::string id_number;
  *sql_ << "select id_number from parties where party_key = 'a1'", soci::into(id_number);
  EXPECT_EQ(id_number, "11010519491231002X");
}

TEST_F(ImporterTest, ImportingTheSameFileTwiceChangesNothing) {
  std::string content;
  for (int i = 1; i <= 5; ++i) {
    LineOptions o;
    o.case_number = "（2024）冀0633执" + std::to_string(i) + "号";
    content += case_line(o) + "\n";
  }
  content += "{not json}\n";
  auto first = import(content);
  EXPECT_EQ(first.inserted, 5);
  EXPECT_EQ(first.rejected, 1);
  EXPECT_EQ(first.quarantined, 1);
  long long max_party = 0;
  *sql_ << "select max(id) from parties", soci::into(max_party);

  auto second = import(content);
  EXPECT_EQ(second.inserted, 0);
  EXPECT_EQ(second.updated, 0);
  EXPECT_EQ(second.unchanged, 5);
  EXPECT_EQ(second.rejected, 1);
  EXPECT_EQ(second.quarantined, 0) << "an identical bad line is not quarantined again";
  EXPECT_EQ(count("cases"), 5);
  EXPECT_EQ(count("quarantine"), 1);
  long long max_party_after = 0;
  *sql_ << "select max(id) from parties", soci::into(max_party_after);
  EXPECT_EQ(max_party_after, max_party);
}

TEST_F(ImporterTest, UpdateReplacesMutableStateAndAddsNewMeasures) {
  LineOptions o;
  import(case_line(o) + "\n");
  LineOptions u = o;
  u.recovered = "1000.50";
  u.status = "closed";
  u.closure = R"({"kind":"terminated_current","on":"2024-07-15"})";
  u.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},{"kind":"inquiry","on":"2024-04-01","against":"r1","result":"none"}])";
  auto report = import(case_line(u) + "\n");
  EXPECT_EQ(report.updated, 1);
  std::string status, kind;
  long long recovered = 0;
  *sql_ << "select status, closure_kind, recovered_fen from cases", soci::into(status),
      soci::into(kind), soci::into(recovered);
  EXPECT_EQ(status, "closed");
  EXPECT_EQ(kind, "terminated_current");
  EXPECT_EQ(recovered, 100050);
  EXPECT_EQ(count("measures"), 2) << "the known notice stays once, the inquiry is added";
  EXPECT_EQ(count("case_sources"), 2);
}

TEST_F(ImporterTest, UpdateLaterInTheSameFileIsApplied) {
  LineOptions o;
  LineOptions u = o;
  u.recovered = "500";
  auto report = import(case_line(o) + "\n" + case_line(u) + "\n");
  EXPECT_EQ(report.inserted, 1);
  EXPECT_EQ(report.updated, 1);
  long long recovered = 0;
  *sql_ << "select recovered_fen from cases", soci::into(recovered);
  EXPECT_EQ(recovered, 50000);
}

TEST_F(ImporterTest, ContradictingUpdatesAreConflictsAndWriteNothing) {
  LineOptions o;
  o.recovered = "1000";
  import(case_line(o) + "\n");

  LineOptions lower = o;
  lower.recovered = "999";
  LineOptions refiled = o;
  refiled.filed_on = "2024-03-04";
  LineOptions renamed = o;
  renamed.applicant_name = "张秀芬";
  std::vector<RejectedLine> rejects;
  auto report = import(case_line(lower) + "\n" + case_line(refiled) + "\n" + case_line(renamed) + "\n",
                       &rejects);
  EXPECT_EQ(report.rejected, 3);
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(rejects[0].rejection.code, "conflict");
  EXPECT_EQ(rejects[0].rejection.field, "recovered");
  EXPECT_EQ(rejects[1].rejection.field, "filed_on");
  EXPECT_EQ(rejects[2].rejection.field, "parties[0].name");
  EXPECT_EQ(rejects[2].case_number.value_or(""), "（2024）冀0633执1号");
  long long recovered = 0;
  *sql_ << "select recovered_fen from cases", soci::into(recovered);
  EXPECT_EQ(recovered, 100000);
  EXPECT_EQ(count("case_sources"), 1);
  EXPECT_EQ(count("quarantine"), 3);
}

TEST_F(ImporterTest, RecordedPanelDecisionCannotBeRewritten) {
  LineOptions o;
  o.status = "closed";
  o.closure = R"({"kind":"terminated_current","on":"2024-07-15"})";
  o.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,"household_monthly_income":"300","has_dibao":true,"flags":[],"panel":{"decided_on":"2024-09-01","granted":true,"amount":"30000","members":["赵志远","王立新","李红"]}})";
  import(case_line(o) + "\n");
  LineOptions changed = o;
  changed.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,"household_monthly_income":"300","has_dibao":true,"flags":[],"panel":{"decided_on":"2024-09-01","granted":true,"amount":"40000","members":["赵志远","王立新","李红"]}})";
  std::vector<RejectedLine> rejects;
  import(case_line(changed) + "\n", &rejects);
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].rejection.code, "conflict");
  EXPECT_EQ(rejects[0].rejection.field, "relief.panel");
  long long amount = 0;
  *sql_ << "select panel_amount_fen from relief_applications", soci::into(amount);
  EXPECT_EQ(amount, 3000000);
}

TEST_F(ImporterTest, ValidLinesAreImportedWhileBadOnesAreQuarantined) {
  LineOptions good;
  LineOptions bad_court = good;
  bad_court.case_number = "（2024）冀9999执2号";
  std::string content = case_line(good) + "\n" + case_line(bad_court) + "\n" + "\xff\xfe\x00garbage\n";
  std::vector<RejectedLine> rejects;
  auto report = import(content, &rejects);
  EXPECT_EQ(report.inserted, 1);
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].line, 2);
  EXPECT_EQ(rejects[0].rejection.code, "unknown_court");
  EXPECT_EQ(rejects[0].case_number.value_or(""), "（2024）冀9999执2号");
  EXPECT_EQ(rejects[1].line, 3);
  EXPECT_EQ(rejects[1].rejection.code, "bad_encoding");
  EXPECT_EQ(count("cases"), 1);
  EXPECT_EQ(count("parties"), 2) << "a rejected line writes nothing of itself";
  std::string code, field;
  soci::indicator field_ind;
  *sql_ << "select code, field from quarantine where line_no = 2", soci::into(code),
      soci::into(field, field_ind);
  EXPECT_EQ(code, "unknown_court");
}

TEST_F(ImporterTest, OverlongLineAndBomAreRejectedWithoutCrashing) {
  std::string huge = "{\"schema\":\"" + std::string(10 * 1024 * 1024, 'x') + "\"}";
  std::vector<RejectedLine> rejects;
  auto report = import("\xEF\xBB\xBF" + case_line() + "\n" + huge + "\n", &rejects);
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].rejection.code, "bad_encoding");
  EXPECT_EQ(rejects[0].line, 1);
  EXPECT_EQ(rejects[1].rejection.code, "line_too_long");
  EXPECT_EQ(rejects[1].rejection.field, "");
  EXPECT_EQ(report.inserted, 0);
}

TEST_F(ImporterTest, EmptyFileImportsNothing) {
  auto report = import("");
  EXPECT_EQ(report.lines, 0);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(count("cases"), 0);
}

TEST_F(ImporterTest, UnreadableFileIsAnErrorBeforeAnyWrite) {
  Importer importer(*sql_, courts_);
  EXPECT_THROW(importer.import_file("/nonexistent/cases.jsonl", [](const RejectedLine&) {}),
               std::runtime_error);
  EXPECT_EQ(count("import_runs"), 0);
}

}  // namespace
}  // namespace zhixing

namespace zhixing {
namespace {

// A batch of 2,000 lines of 1 MiB would hold ~2 GB in memory at once, so a batch ends at
// import.batch_max_bytes as well as at import.batch_size lines.
TEST_F(ImporterTest, ABatchHoldsAtMostBatchMaxBytesOfLines) {
  // 24 lines of ~600 KB (rejected: a cause far over its length bound) and 3 valid ones.
  const std::string big =
      R"({"schema":"zhixing.case/1","cause":")" + std::string(600 * 1024, 'x') + "\"}";
  std::string content;
  for (int i = 0; i < 24; ++i) content += big + "\n";
  for (int i = 1; i <= 3; ++i) {
    LineOptions o;
    o.case_number = "（2024）冀0633执" + std::to_string(i) + "号";
    content += case_line(o) + "\n";
  }
  ImportOptions options;
  options.batch_size = 2000;
  options.batch_max_bytes = 2 << 20;
  Importer importer(*sql_, courts_, options);
  long long rejected = 0;
  ImportReport report = importer.import_file(write_temp_file("big.jsonl", content),
                                             [&](const RejectedLine&) { ++rejected; });
  EXPECT_EQ(report.lines, 27);
  EXPECT_EQ(report.inserted, 3);
  EXPECT_EQ(rejected, 24);
  EXPECT_LE(report.largest_batch_bytes, (2 << 20) + 600 * 1024 + 100)
      << "the line that crosses the bound is the batch's last";
  EXPECT_GE(report.batches, 7);

  // Without the byte bound the same file is one batch of ~14 MiB.
  ScratchDatabase::truncate_all();
  Importer unbounded(*sql_, courts_, ImportOptions{2000, size_t{1} << 40, false, 1, ""});
  ImportReport one =
      unbounded.import_file(write_temp_file("big2.jsonl", content), [](const RejectedLine&) {});
  EXPECT_EQ(one.batches, 1);
  EXPECT_GT(one.largest_batch_bytes, 14 << 20);
}

TEST(ImportOptions, ReadFromSettingsWithDefaults) {
  ImportOptions o = import_options(ScratchDatabase::settings());
  EXPECT_EQ(o.batch_size, 2000u);
  EXPECT_EQ(o.batch_max_bytes, size_t{64} << 20);
}

// Set-based updates: a line that changes nothing leaves its case untouched;
// cases.updated_run_id / updated_line name the run and line that last changed anything of the
// case; every part of a case is compared and only what changed is written; a batch of many
// updates with a conflict among them writes the others and nothing of it.
std::string replaced(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string numbered(int i) { return "（2024）冀0633执" + std::to_string(i) + "号"; }

// Reads one value, -1 or "(null)" for null.
class ImportUpdateTest : public ImporterTest {
 protected:
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
