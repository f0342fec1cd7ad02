// The one repository of the `users` table: console logins (password hashes, the disabled flag,
// the credential version that ends web sessions), the roles the CLI and the relief decisions
// check, and the list `zhixing users list` prints.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace zhixing::inline store {

struct ConsoleUser {
  long long id = 0;
  std::string name;
  std::string role;            // clerk, finance, auditor, admin
  std::string password_hash;   // empty: no password set, cannot log in
  bool disabled = false;       // cannot log in, refused as --user on the CLI
  int credential_version = 1;  // goes up with every change of password, role or disabled flag
};

std::optional<ConsoleUser> find_console_user(soci::session& sql, const std::string& name);
bool user_exists(soci::session& sql, const std::string& name);

// Each of these ends the user's web sessions (the credential version goes up) and returns false
// when the user does not exist.
bool set_password_hash(soci::session& sql, const std::string& name, const std::string& hash);
bool set_user_disabled(soci::session& sql, const std::string& name, bool disabled);
// Adds the user, or changes an existing user's role (a change ends their sessions).
void set_user_role(soci::session& sql, const std::string& name, const std::string& role);
// Adds the user with `role` when the name is free; an existing user keeps their role.
void add_user_if_missing(soci::session& sql, const std::string& name, const std::string& role);

struct UserListRow {
  std::string name;
  std::string role;
  bool has_password = false;
  bool disabled = false;
};
// Every user, by name.
std::vector<UserListRow> list_users(soci::session& sql);

}  // namespace zhixing::inline store
