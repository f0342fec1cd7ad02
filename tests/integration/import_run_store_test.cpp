// store/import_run_store against the real PostgreSQL: a run's life and the quarantine's once-only
// rule.
#include "store/import_run_store.h"

#include <gtest/gtest.h>

#include "core/sha256.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

class ImportRunStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
  }
  std::unique_ptr<soci::session> sql_;
};

TEST_F(ImportRunStoreTest, ACompletedRunMarksItsFileAsImported) {
  const std::string sha = sha256_hex("file bytes");
  EXPECT_FALSE(import_file_completed(*sql_, sha));
  long long failed = start_import_run(*sql_, "a.jsonl", sha);
  fail_import_run(*sql_, failed);
  EXPECT_FALSE(import_file_completed(*sql_, sha)) << "a failed run does not count";
  long long run = start_import_run(*sql_, "a.jsonl", sha);
  EXPECT_GT(run, failed);
  complete_import_run(*sql_, run, {5, 3, 1, 0, 1});
  EXPECT_TRUE(import_file_completed(*sql_, sha));
  std::string status;
  long long lines = 0, inserted = 0, rejected = 0;
  *sql_ << "select status, lines, inserted, rejected from import_runs where id = :id",
      soci::use(run), soci::into(status), soci::into(lines), soci::into(inserted),
      soci::into(rejected);
  EXPECT_EQ(status, "completed");
  EXPECT_EQ(lines, 5);
  EXPECT_EQ(inserted, 3);
  EXPECT_EQ(rejected, 1);
}

TEST_F(ImportRunStoreTest, ALineIsQuarantinedOnceWithNullsForWhatItLacks) {
  long long run = start_import_run(*sql_, "b.jsonl", sha256_hex("b"));
  QuarantinedLine line;
  line.import_run_id = run;
  line.file_name = "b.jsonl";
  line.line_no = 4;
  line.code = "bad_json";
  line.message = "无法解析";
  line.line_sha256 = sha256_hex("{bad");
  line.line_bytes = 4;
  line.line_head_hex = "7b626164";
  EXPECT_TRUE(quarantine_line(*sql_, line));
  EXPECT_FALSE(quarantine_line(*sql_, line)) << "the same line again";
  long long nulls = 0;
  std::string head;
  *sql_ << "select count(*) filter (where field is null and case_number is null),"
           " max(encode(line_head, 'hex')) from quarantine",
      soci::into(nulls), soci::into(head);
  EXPECT_EQ(nulls, 1);
  EXPECT_EQ(head, "7b626164");
}

}  // namespace
}  // namespace zhixing
