// Who can reach the private PostgreSQL. It used to be `initdb -A trust` with socket folders 0755
// and the socket 0777: `runuser -u nobody -- psql -h <socket dir> -p <port> -U postgres` got
// rolsuper = t. Now the socket folder is closed to other accounts, the superuser is admitted by
// peer authentication for the administrator only, the application roles by SCRAM passwords kept
// 0600 in the cluster's secrets/ folder, and the runtime credential cannot act as the owner. The
// `nobody` checks need root (CI runs as root).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "store/database.h"
#include "store/pg_server.h"
#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::CommandResult;
using testing::run_shell;
using testing::run_zhixing;
using testing::ScratchDatabase;
namespace fs = std::filesystem;

const char* const kRoles[] = {"postgres", "zhixing_owner", "zhixing_app"};

class DbAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ScratchDatabase::target().external) GTEST_SKIP() << "an external server is its admin's";
  }
  PgServer server() const { return PgServer(ScratchDatabase::settings()); }

  // psql as the OS account `nobody`, given even the runtime role's password.
  CommandResult psql_as_nobody(const std::string& role) const {
    PgServer s = server();
    const std::string conninfo = "host=" + s.socket_dir().string() +
                                 " port=" + std::to_string(s.port()) +
                                 " dbname=" + ScratchDatabase::target().name + " user=" + role;
    return run_shell("cd / && runuser -u nobody -- env PGPASSWORD=" +
                     s.read_password("zhixing_app").value_or("") + " PGCONNECT_TIMEOUT=5 psql '" +
                     conninfo +
                     "' -Atc 'select rolsuper from pg_roles where rolname = current_user'");
  }

  void expect_nobody_is_refused_everywhere() const {
    for (const char* role : kRoles) {
      CommandResult r = psql_as_nobody(role);
      EXPECT_NE(r.exit_code, 0) << role << ": " << r.out;
      EXPECT_EQ(r.out.find("\nt"), std::string::npos) << role << ": " << r.out;
      EXPECT_NE(r.out.find("Permission denied"), std::string::npos)
          << role << ": the socket folder itself is closed: " << r.out;
    }
    PgServer s = server();
    for (const char* role : {"zhixing_owner", "zhixing_app"}) {
      CommandResult cat =
          run_shell("cd / && runuser -u nobody -- cat " + s.password_file(role).string());
      EXPECT_NE(cat.exit_code, 0) << role << ": " << cat.out;
    }
    CommandResult ls = run_shell("cd / && runuser -u nobody -- ls " + s.socket_dir().string());
    EXPECT_NE(ls.exit_code, 0) << ls.out;
  }

  static mode_t mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 07777;
  }
};

TEST_F(DbAccess, AnotherOsAccountCannotConnectUnderAnyRole) {
  if (geteuid() != 0) GTEST_SKIP() << "acting as nobody needs root (CI runs as root)";
  expect_nobody_is_refused_everywhere();
  PgServer s = server();
  EXPECT_EQ(mode_of(s.socket_dir()), 0700u);
  EXPECT_EQ(mode_of(s.secrets_dir()), 0700u);
  EXPECT_EQ(mode_of(s.password_file("zhixing_owner")), 0600u);
  EXPECT_EQ(mode_of(s.password_file("zhixing_app")), 0600u);
}

TEST_F(DbAccess, TheRuntimeCredentialCannotActAsTheOwner) {
  const DatabaseTarget& t = ScratchDatabase::target();
  auto app = connect(t.runtime_url);
  int superuser = 1;
  *app << "select rolsuper::int from pg_roles where rolname = current_user", soci::into(superuser);
  EXPECT_EQ(superuser, 0);
  for (const char* sql :
       {"alter table ledger_entries disable trigger user",
        "alter table ledger_entries disable trigger all", "alter table cases disable trigger all",
        "set role zhixing_owner", "set session authorization zhixing_owner", "create role intruder",
        "alter role zhixing_app superuser"}) {
    try {
      *app << sql;
      ADD_FAILURE() << "the runtime role could: " << sql;
    } catch (const soci::soci_error& e) {
      SUCCEED() << e.what();
    }
  }
  // The owner's role is refused with the runtime password, and without a password.
  PgServer s = server();
  const std::string owner = s.url(t.name, "zhixing_owner");
  const std::string runtime_password = *s.read_password("zhixing_app");
  EXPECT_THROW(connect(owner + " password=" + runtime_password), std::runtime_error);
  EXPECT_THROW(connect(owner), std::runtime_error);
  EXPECT_THROW(connect(s.url(t.name, "zhixing_app")), std::runtime_error) << "no password";
  EXPECT_THROW(connect(s.url(t.name, "intruder") + " password=x"), std::runtime_error)
      << "any other role name";
  // The owner's own password does work (the administrator runs migrations with it).
  EXPECT_NO_THROW(connect(t.owner_url));
}

// A cluster made by an earlier version (trust, 0755 folders, roles without passwords) is
// upgraded in place by `zhixing db start`, without losing anything.
TEST_F(DbAccess, DbStartUpgradesAnEarlierVersionsClusterInPlace) {
  PgServer s = server();
  const fs::path hba = s.data_dir() / "pg_hba.conf";
  std::string original;
  {
    std::ifstream in(hba);
    original.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_NE(original.find("scram-sha-256"), std::string::npos);
  // What an earlier version made.
  {
    std::ofstream out(hba, std::ios::trunc);
    out << "local all all trust\n";
  }
  ASSERT_EQ(run_shell(std::string(PgServer::running_as_root() ? "runuser -u postgres -- " : "") +
                      "/usr/lib/postgresql/15/bin/pg_ctl reload -D " + s.data_dir().string())
                .exit_code,
            0);
  {
    auto su = connect(ScratchDatabase::target().superuser_url);
    *su << "alter role zhixing_app password null";
  }
  fs::permissions(s.socket_dir(), fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);

  CommandResult start = run_zhixing(ZHIXING_BINARY, "db start");
  ASSERT_EQ(start.exit_code, 0) << start.out;
  {
    std::ifstream in(hba);
    std::string now(std::istreambuf_iterator<char>(in), {});
    EXPECT_EQ(now, original);
  }
  EXPECT_EQ(mode_of(s.socket_dir()), 0700u);
  // The runtime role has its password again, and the reloaded rules are in force.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the reload is a signal
  EXPECT_NO_THROW(connect(ScratchDatabase::target().runtime_url));
  EXPECT_THROW(connect(s.url(ScratchDatabase::target().name, "zhixing_app")), std::runtime_error);
  if (geteuid() == 0) expect_nobody_is_refused_everywhere();
  // The data is still there.
  CommandResult users = run_zhixing(ZHIXING_BINARY, "users list");
  EXPECT_EQ(users.exit_code, 0) << users.out;
}

}  // namespace
}  // namespace zhixing
