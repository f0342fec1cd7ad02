// The one repository of the users table against the real PostgreSQL: lookups, role changes and
// the credential version that ends web sessions, the demo's add-if-missing, the users list.
#include <gtest/gtest.h>

#include "store/user_store.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

class UserStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    sql_ = ScratchDatabase::runtime();
  }
  std::unique_ptr<soci::session> sql_;
};

TEST_F(UserStore, AnUnknownNameIsNotFoundAndDoesNotExist) {
  EXPECT_FALSE(find_console_user(*sql_, "无此人").has_value());
  EXPECT_FALSE(user_exists(*sql_, "无此人"));
  EXPECT_FALSE(set_password_hash(*sql_, "无此人", "x"));
  EXPECT_FALSE(set_user_disabled(*sql_, "无此人", true));
}

TEST_F(UserStore, ARoleChangeRaisesTheCredentialVersionAndTheSameRoleDoesNot) {
  set_user_role(*sql_, "陈静", "clerk");
  auto first = find_console_user(*sql_, "陈静");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->role, "clerk");
  EXPECT_TRUE(first->password_hash.empty());
  EXPECT_FALSE(first->disabled);
  EXPECT_TRUE(user_exists(*sql_, "陈静"));

  set_user_role(*sql_, "陈静", "clerk");
  EXPECT_EQ(find_console_user(*sql_, "陈静")->credential_version, first->credential_version);
  set_user_role(*sql_, "陈静", "auditor");
  auto changed = find_console_user(*sql_, "陈静");
  EXPECT_EQ(changed->role, "auditor");
  EXPECT_EQ(changed->credential_version, first->credential_version + 1);
}

TEST_F(UserStore, APasswordOrTheDisabledFlagRaisesTheCredentialVersion) {
  set_user_role(*sql_, "王会计", "finance");
  const int before = find_console_user(*sql_, "王会计")->credential_version;
  ASSERT_TRUE(set_password_hash(*sql_, "王会计", "pbkdf2$hash"));
  ASSERT_TRUE(set_user_disabled(*sql_, "王会计", true));
  auto u = find_console_user(*sql_, "王会计");
  EXPECT_EQ(u->password_hash, "pbkdf2$hash");
  EXPECT_TRUE(u->disabled);
  EXPECT_EQ(u->credential_version, before + 2);
}

TEST_F(UserStore, AddIfMissingNeverChangesAnExistingUsersRole) {
  set_user_role(*sql_, "管理员", "admin");
  add_user_if_missing(*sql_, "管理员", "finance");
  EXPECT_EQ(find_console_user(*sql_, "管理员")->role, "admin");
  add_user_if_missing(*sql_, "finance", "finance");
  EXPECT_EQ(find_console_user(*sql_, "finance")->role, "finance");
}

TEST_F(UserStore, TheListIsByNameWithPasswordAndDisabledFlags) {
  set_user_role(*sql_, "b-clerk", "clerk");
  set_user_role(*sql_, "a-finance", "finance");
  ASSERT_TRUE(set_password_hash(*sql_, "a-finance", "h"));
  ASSERT_TRUE(set_user_disabled(*sql_, "b-clerk", true));
  auto users = list_users(*sql_);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "a-finance");
  EXPECT_EQ(users[0].role, "finance");
  EXPECT_TRUE(users[0].has_password);
  EXPECT_FALSE(users[0].disabled);
  EXPECT_EQ(users[1].name, "b-clerk");
  EXPECT_FALSE(users[1].has_password);
  EXPECT_TRUE(users[1].disabled);
}

}  // namespace
}  // namespace zhixing
