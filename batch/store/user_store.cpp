#include "store/user_store.h"

namespace zhixing::inline store {

std::optional<ConsoleUser> find_console_user(soci::session& sql, const std::string& name) {
  std::string n = name;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, name, role, coalesce(password_hash, ''),"
                      " case when disabled then 1::bigint else 0::bigint end,"
                      " credential_version::bigint from users where name = :n",
       soci::use(n));
  for (const auto& r : rows)
    return ConsoleUser{r.get<long long>(0),      r.get<std::string>(1),
                       r.get<std::string>(2),    r.get<std::string>(3),
                       r.get<long long>(4) != 0, static_cast<int>(r.get<long long>(5))};
  return std::nullopt;
}

bool user_exists(soci::session& sql, const std::string& name) {
  int n = 0;
  std::string bound = name;
  sql << "select count(*) from users where name = :n", soci::use(bound), soci::into(n);
  return n > 0;
}

bool set_password_hash(soci::session& sql, const std::string& name, const std::string& hash) {
  std::string n = name, h = hash;
  soci::statement st =
      (sql.prepare << "update users set password_hash = :h,"
                      " credential_version = credential_version + 1 where name = :n",
       soci::use(h), soci::use(n));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool set_user_disabled(soci::session& sql, const std::string& name, bool disabled) {
  std::string n = name;
  int d = disabled ? 1 : 0;
  soci::statement st =
      (sql.prepare << "update users set disabled = (:d = 1),"
                      " credential_version = credential_version + 1 where name = :n",
       soci::use(d), soci::use(n));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void set_user_role(soci::session& sql, const std::string& name, const std::string& role) {
  std::string n = name, r = role;
  sql << "insert into users (name, role) values (:n, :r) on conflict (name) do update"
         " set role = excluded.role, credential_version = users.credential_version"
         " + case when users.role = excluded.role then 0 else 1 end",
      soci::use(n), soci::use(r);
}

void add_user_if_missing(soci::session& sql, const std::string& name, const std::string& role) {
  std::string n = name, r = role;
  sql << "insert into users (name, role) values (:n, :r) on conflict (name) do nothing",
      soci::use(n), soci::use(r);
}

std::vector<UserListRow> list_users(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "select name, role, case when password_hash is null then 0::bigint else"
                      " 1::bigint end, case when disabled then 1::bigint else 0::bigint end"
                      " from users order by name");
  std::vector<UserListRow> out;
  for (const auto& r : rows)
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<long long>(2) != 0,
                   r.get<long long>(3) != 0});
  return out;
}

}  // namespace zhixing::inline store
