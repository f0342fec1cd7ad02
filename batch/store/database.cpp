#include "store/database.h"

#include <soci/postgresql/soci-postgresql.h>

#include <cstdlib>
#include <regex>
#include <stdexcept>

#include "core/court_registry.h"
#include "store/migrations.h"
#include "store/pg_server.h"

namespace zhixing {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string replace_dbname(const std::string& url, const std::string& name) {
  static const std::regex dbname(R"(dbname=\S+)");
  if (std::regex_search(url, dbname)) return std::regex_replace(url, dbname, "dbname=" + name);
  return url + " dbname=" + name;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

DatabaseTarget database_target(const Settings& settings) {
  DatabaseTarget t;
  t.name = settings.get("db.name", "zhixing");
  std::string url = env("ZHIXING_DATABASE_URL");
  if (!url.empty()) {
    t.external = true;
    t.runtime_url = url;
    std::string owner = env("ZHIXING_DATABASE_OWNER_URL");
    t.owner_url = owner.empty() ? url : owner;
    return t;
  }
  PgServer server(settings);
  t.runtime_url = server.url(t.name, "zhixing_app");
  t.owner_url = server.url(t.name, "zhixing_owner");
  t.superuser_url = server.url("postgres", "postgres");
  return t;
}

DatabaseTarget with_database_name(const DatabaseTarget& t, const std::string& name) {
  DatabaseTarget out = t;
  out.name = name;
  out.runtime_url = replace_dbname(t.runtime_url, name);
  out.owner_url = replace_dbname(t.owner_url, name);
  return out;
}

std::unique_ptr<soci::session> connect(const std::string& url) {
  try {
    auto s = std::make_unique<soci::session>(soci::postgresql, url);
    return s;
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("无法连接数据库：") + e.what());
  }
}

void create_database_if_missing(const DatabaseTarget& t) {
  if (t.superuser_url.empty()) return;  // an existing server: its administrator made them
  if (!is_identifier(t.name)) throw std::runtime_error("数据库名不合法：" + t.name);
  auto su = connect(t.superuser_url);
  // Roles are cluster-wide; take a lock so that parallel first starts do not race.
  *su << "select pg_advisory_lock(7320000)";
  *su << "do $$ begin"
         " if not exists (select from pg_roles where rolname = 'zhixing_owner') then"
         "   create role zhixing_owner login; end if;"
         " if not exists (select from pg_roles where rolname = 'zhixing_app') then"
         "   create role zhixing_app login nosuperuser nocreatedb nocreaterole noinherit; end if;"
         " end $$";
  int n = 0;
  *su << "select count(*) from pg_database where datname = :n", soci::use(t.name), soci::into(n);
  if (n == 0) *su << "create database " + t.name + " owner zhixing_owner";
  *su << "select pg_advisory_unlock(7320000)";
}

DatabaseTarget ensure_database(const Settings& settings) {
  DatabaseTarget t = database_target(settings);
  if (!t.external) {
    PgServer server(settings);
    server.start();
    create_database_if_missing(t);
  }
  auto owner = connect(t.owner_url);
  migrate(*owner, load_migrations(settings.root() / "batch" / "store" / "sql"));
  sync_courts(*owner, load_courts(settings));
  return t;
}

CourtRegistry load_courts(const Settings& settings) {
  return CourtRegistry::load_csv(settings.path("court.list", "config/courts.csv").string());
}

void sync_courts(soci::session& sql, const CourtRegistry& courts) {
  soci::transaction tx(sql);
  for (const auto& [code, court] : courts.all()) {
    std::string c = court.code, n = court.name, p = court.president;
    sql << "insert into courts (code, name, president) values (:c, :n, :p)"
           " on conflict (code) do update set name = excluded.name, president = excluded.president"
           " where courts.name is distinct from excluded.name"
           " or courts.president is distinct from excluded.president",
        soci::use(c), soci::use(n), soci::use(p);
  }
  tx.commit();
}

}  // namespace zhixing
