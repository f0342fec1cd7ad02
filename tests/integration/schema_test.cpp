// The schema and its roles: migrations are recorded, the runtime role owns nothing and is
// refused what it does not need.
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>

#include "store/migrations.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

TEST(Schema, MigrationsAreRecordedWithTheirChecksums) {
  auto sql = ScratchDatabase::owner();
  auto migrations = load_migrations(ScratchDatabase::settings().migrations_dir());
  ASSERT_FALSE(migrations.empty());
  long long n = 0;
  *sql << "select count(*) from schema_migrations", soci::into(n);
  EXPECT_EQ(n, static_cast<long long>(migrations.size()));
  std::string sha;
  *sql << "select sha256 from schema_migrations where version = 1", soci::into(sha);
  EXPECT_EQ(sha, migrations[0].sha256);
}

TEST(Schema, MigratingAgainAppliesNothing) {
  auto sql = ScratchDatabase::owner();
  auto migrations = load_migrations(ScratchDatabase::settings().migrations_dir());
  EXPECT_TRUE(migrate(*sql, migrations).empty());
}

TEST(Schema, AnEditedAppliedMigrationIsRefused) {
  auto sql = ScratchDatabase::owner();
  auto migrations = load_migrations(ScratchDatabase::settings().migrations_dir());
  migrations[0].sha256 = "0000";
  EXPECT_THROW(migrate(*sql, migrations), std::runtime_error);
}

TEST(Schema, RuntimeRoleOwnsNothing) {
  auto sql = ScratchDatabase::runtime();
  long long owned = 0;
  *sql << "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
          " where n.nspname = 'public' and pg_get_userbyid(c.relowner) = 'zhixing_app'",
      soci::into(owned);
  EXPECT_EQ(owned, 0);
}

TEST(Schema, RuntimeRoleCannotChangeTheSchemaOrTheCourtList) {
  auto sql = ScratchDatabase::runtime();
  EXPECT_THROW(*sql << "drop table cases", soci::soci_error);
  EXPECT_THROW(*sql << "alter table cases add column x int", soci::soci_error);
  EXPECT_THROW(*sql << "create table intruder (x int)", soci::soci_error);
  EXPECT_THROW(*sql << "truncate cases", soci::soci_error);
  EXPECT_THROW(*sql << "insert into courts (code, name) values ('冀9999', '假法院')", soci::soci_error);
  EXPECT_THROW(*sql << "delete from case_sources", soci::soci_error);
  EXPECT_THROW(*sql << "update quarantine set code = 'x'", soci::soci_error);
}

TEST(Schema, CourtListIsLoadedFromConfig) {
  auto sql = ScratchDatabase::runtime();
  std::string name, president;
  *sql << "select name, president from courts where code = '冀0633'", soci::into(name),
      soci::into(president);
  EXPECT_EQ(name, "河北省易县人民法院");
  EXPECT_FALSE(president.empty());
  long long n = 0;
  *sql << "select count(*) from courts where code in ('冀0623', '冀06', '冀')", soci::into(n);
  EXPECT_EQ(n, 3);
}

TEST(Schema, MoneyCannotBreakTheRecoveredRule) {
  auto sql = ScratchDatabase::owner();
  EXPECT_THROW(*sql << "insert into cases (case_number, court_code, year, type_code, serial, filed_on,"
                       " cause, claim_fen, recovered_fen, status, officers, record_sha256) values"
                       " ('x', '冀0633', 2024, '执', 999, '2024-01-01', 'c', 100, 200, 'open', '{}', 'h')",
               soci::soci_error);
}

// Migration 025: the import's references are checked per statement, as strictly as the foreign
// keys they replace, and what they point at is never deleted or renumbered.
class References : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::owner();
    *sql_ << "insert into cases (id, case_number, court_code, year, type_code, serial, filed_on,"
             " cause, claim_fen, status, officers, record_sha256) values (1, 'n1', '冀0633',"
             " 2024, '执', 1, '2024-01-01', 'c', 100, 'open', '{}', 'h')";
    *sql_ << "insert into parties (id, case_id, party_key, position, role, kind, name, address,"
             " uscc) values (1, 1, 'a1', 0, 'applicant', 'org', '甲公司', '易县', 'x')";
  }
  // The SQLSTATE of the statement's error, or "" when it succeeds.
  std::string state_of(const std::string& statement) {
    try {
      *sql_ << statement;
      return "";
    } catch (const soci::postgresql_soci_error& e) {
      return e.sqlstate();
    }
  }
  std::unique_ptr<soci::session> sql_;
};

TEST_F(References, RowsPointingAtNothingAreRefused) {
  EXPECT_EQ(state_of("insert into parties (id, case_id, party_key, position, role, kind, name,"
                     " address, uscc) values (50, 99, 'r1', 1, 'respondent', 'org', '乙', '易县',"
                     " 'y')"),
            "23503");
  EXPECT_EQ(state_of("insert into measures (case_id, position, kind, taken_on, against_party)"
                     " values (1, 0, 'notice', '2024-01-02', 77)"),
            "23503")
      << "against_party names no party";
  EXPECT_EQ(state_of("insert into measures (case_id, position, kind, taken_on, against_party)"
                     " select 1, g, 'notice', '2024-01-02', case when g = 3 then 77 else 1 end"
                     " from generate_series(0, 5) g"),
            "23503")
      << "one bad row among good ones fails the statement";
  EXPECT_EQ(state_of("update parties set case_id = 5 where id = 1"), "23503");
  EXPECT_EQ(state_of("update cases set court_code = '冀9999' where id = 1"), "23503");
  EXPECT_EQ(state_of("insert into case_sources (case_id, record_sha256) values (2, 'h')"),
            "23503");
  long long measures = -1;
  *sql_ << "select count(*) from measures", soci::into(measures);
  EXPECT_EQ(measures, 0);
  // Rows that point at what exists go in.
  EXPECT_EQ(state_of("insert into measures (case_id, position, kind, taken_on, against_party)"
                     " values (1, 0, 'notice', '2024-01-02', 1)"),
            "");
  EXPECT_EQ(state_of("insert into cases (id, case_number, court_code, year, type_code, serial,"
                     " filed_on, cause, claim_fen, status, officers, record_sha256,"
                     " executing_court) values (2, 'n2', '冀0633', 2024, '执', 2, '2024-01-01',"
                     " 'c', 1, 'open', '{}', 'h', null)"),
            "")
      << "a null reference is no reference";
}

TEST_F(References, WhatIsReferencedIsNeverDeletedOrRenumbered) {
  EXPECT_EQ(state_of("delete from cases where id = 1"), "23001");
  EXPECT_EQ(state_of("delete from parties where id = 1"), "23001");
  EXPECT_EQ(state_of("update cases set id = 5 where id = 1"), "23001");
  EXPECT_EQ(state_of("update parties set id = 5 where id = 1"), "23001");
  EXPECT_EQ(state_of("delete from courts where code = '冀0633'"), "23001");
  EXPECT_EQ(state_of("update cases set cause = 'd' where id = 1"), "") << "other columns change";
}

}  // namespace
}  // namespace zhixing
