// Where the database is and how to reach it: the private server of a checkout (started on
// demand), a cluster of the system's PostgreSQL managed the Debian way (db.cluster, e.g.
// 15/zhixing: the package's), or an existing server named by ZHIXING_DATABASE_URL.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>

#include "config/settings.h"
#include "core/court_registry.h"

namespace zhixing::inline store {

struct DatabaseTarget {
  bool external = false;      // ZHIXING_DATABASE_URL was given
  bool system_cluster = false;  // db.cluster: peer authentication, no passwords
  std::string runtime_url;    // the runtime role: owns nothing
  std::string owner_url;      // runs migrations; empty in a runtime process
  std::string superuser_url;  // private server or system cluster: creates roles and databases
  std::string name;           // database name
  // Private server, administrator only: the passwords `create_database_if_missing` gives the
  // two roles (from the cluster's secrets/ folder).
  std::string owner_password, runtime_password;
};

// Resolves connection strings from settings (and, for the private server, its socket and the
// password files this account can read). The administrator's view: tests, benches, `db start`.
DatabaseTarget database_target(const Settings& settings);
// The same target pointed at another database on the same server (tests use a scratch one).
DatabaseTarget with_database_name(const DatabaseTarget& target, const std::string& name);

// Opens a SOCI session; throws std::runtime_error with a Chinese message on failure.
std::unique_ptr<soci::session> connect(const std::string& url);

// The administrator's set-up (`zhixing db start|migrate`): makes sure the server is running
// (private server: authentication and permissions re-written, passwords set), the roles and the
// database exist, the schema is migrated and the court list synchronised. Returns the target.
DatabaseTarget ensure_database_as_admin(const Settings& settings);

// What every other command (nightly, the console, import, …) calls: the runtime role's target
// only (owner_url empty; the owner's password file is never read). When the private server is
// down, the schema or the court list is behind, it runs the administrator's set-up in a child
// process first (which fails, with a message to run `zhixing db start`, for an account that is
// not the administrator). Cheap when all is in place.
DatabaseTarget ensure_database(const Settings& settings);

// For the administrator of a system server admitting remote workers: a fresh random password
// for zhixing_worker and the ALTER ROLE statement that sets it, with the SCRAM-SHA-256 verifier
// computed here (libpq's PQencryptPasswordConn over `sql`, any role), so that the password
// itself never reaches the server or its logs. Run by a superuser (or CREATEROLE) in psql.
struct RolePassword {
  std::string password;   // 48 hex digits: the worker's connection string's password=
  std::string statement;  // ALTER ROLE zhixing_worker WITH LOGIN PASSWORD 'SCRAM-SHA-256$…';
};
RolePassword new_worker_password(soci::session& sql);

// Creates the roles (if missing), sets their passwords (private server; the system cluster's
// roles have none: peer authentication) and the named database owned by the owner role.
void create_database_if_missing(const DatabaseTarget& target);

}  // namespace zhixing::inline store

namespace zhixing::inline store {
// Makes the courts table match config/courts.csv (insert or update; courts are never deleted).
void sync_courts(soci::session& owner, const CourtRegistry& courts);
// The system cluster db.cluster ("15/zhixing") names: its port (from its postgresql.conf) and
// whether it runs; nullopt when db.cluster is empty.
struct SystemCluster {
  std::string version, name;
  std::string socket_dir;
  int port = 0;
  bool running = false;
};
std::optional<SystemCluster> system_cluster(const Settings& settings);
// The configured court list (court.list).
CourtRegistry load_courts(const Settings& settings);
}  // namespace zhixing::inline store
