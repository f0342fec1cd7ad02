// Where the database is and how to reach it: the private server (started on demand) or an
// existing one named by ZHIXING_DATABASE_URL.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>

#include "app/settings.h"

namespace zhixing {

struct DatabaseTarget {
  bool external = false;       // ZHIXING_DATABASE_URL was given
  std::string runtime_url;     // the runtime role: owns nothing
  std::string owner_url;       // runs migrations
  std::string superuser_url;   // private server only: creates roles and databases
  std::string name;            // database name
};

// Resolves connection strings from settings (and, for the private server, its socket).
DatabaseTarget database_target(const Settings& settings);
// The same target pointed at another database on the same server (tests use a scratch one).
DatabaseTarget with_database_name(const DatabaseTarget& target, const std::string& name);

// Opens a SOCI session; throws std::runtime_error with a Chinese message on failure.
std::unique_ptr<soci::session> connect(const std::string& url);

// Makes sure the server is running (private server), the roles and the database exist, and
// the schema is migrated. Returns the target. Idempotent and cheap when all is in place.
DatabaseTarget ensure_database(const Settings& settings);

// Creates the roles (if missing) and the named database owned by the owner role.
void create_database_if_missing(const DatabaseTarget& target);

}  // namespace zhixing

namespace zhixing {
class CourtRegistry;
// Makes the courts table match config/courts.csv (insert or update; courts are never deleted).
void sync_courts(soci::session& owner, const CourtRegistry& courts);
// The configured court list (court.list).
CourtRegistry load_courts(const Settings& settings);
}  // namespace zhixing
