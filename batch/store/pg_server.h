// The private PostgreSQL 15 server: Unix socket only, own port, data under the project
// (normal user) or under db.root_dir (root: the server runs as the postgres user, which cannot
// enter a 0700 home). Managed by `zhixing db start|stop|status`.
//
// Who may connect (README "Database"): the socket directory is closed to every other OS account
// (0700, the server's account); pg_hba.conf admits the superuser `postgres` by peer
// authentication only for the administrator (root or the user who owns the cluster, mapped in
// pg_ident.conf) and the two application roles only with their SCRAM passwords, kept in
// <cluster>/secrets/<role>.pass (0600, the administrator's). `start` re-writes both files and
// the permissions on every run, so a cluster made by an earlier version (trust, 0755, 0777) is
// upgraded in place.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/settings.h"

namespace zhixing::inline store {

class PgServer {
 public:
  explicit PgServer(const Settings& settings);

  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& socket_dir() const { return socket_dir_; }
  int port() const { return port_; }
  // "host=<socket dir> port=<port> dbname=<db> user=<user>"
  std::string url(const std::string& db, const std::string& user) const;
  std::filesystem::path secrets_dir() const { return base_dir_ / "secrets"; }

  bool initialized() const;
  bool running() const;
  // Initialises the cluster when needed and starts it; no-op when it runs. Throws on failure
  // with the server log's tail in the message.
  void start();
  void stop();
  std::string status_text() const;

  static bool running_as_root();

  // <cluster>/secrets/<role>.pass: the role's password, readable by the administrator only.
  std::filesystem::path password_file(const std::string& role) const;
  // Creates the file with a random password when missing (atomically: concurrent starts agree).
  std::string ensure_password(const std::string& role) const;
  // The password, or nullopt when the file is missing or this account cannot read it.
  std::optional<std::string> read_password(const std::string& role) const;

 private:
  int run(const std::vector<std::string>& args, bool as_server_user, std::string* output) const;
  // Closes the folders to other accounts and writes pg_hba.conf / pg_ident.conf; true when
  // either file changed (a running server must reload them).
  bool secure_cluster() const;
  // The server's OS account (uid, gid): db.system_user under root, else this account.
  std::pair<uid_t, gid_t> server_account() const;

  std::filesystem::path pg_bin_;
  std::filesystem::path base_dir_;
  std::filesystem::path data_dir_;
  std::filesystem::path socket_dir_;
  std::filesystem::path log_file_;
  std::string system_user_;
  std::string server_options_;
  int port_ = 55433;
};

}  // namespace zhixing::inline store
