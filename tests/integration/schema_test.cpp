// The schema and its roles: migrations are recorded, the runtime role owns nothing and is
// refused what it does not need.
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

TEST(Schema, MigrationsAreRecordedWithTheirChecksums) {
  auto sql = ScratchDatabase::owner();
  auto migrations = load_migrations(ScratchDatabase::settings().root() / "batch" / "store" / "sql");
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
  auto migrations = load_migrations(ScratchDatabase::settings().root() / "batch" / "store" / "sql");
  EXPECT_TRUE(migrate(*sql, migrations).empty());
}

TEST(Schema, AnEditedAppliedMigrationIsRefused) {
  auto sql = ScratchDatabase::owner();
  auto migrations = load_migrations(ScratchDatabase::settings().root() / "batch" / "store" / "sql");
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

}  // namespace
}  // namespace zhixing
