// The private PostgreSQL 15 server: Unix socket only, own port, data under the project
// (normal user) or under db.root_dir (root: the server runs as the postgres user, which cannot
// enter a 0700 home). Managed by `zhixing db start|stop|status`.
#pragma once

#include <filesystem>
#include <string>

#include "app/settings.h"

namespace zhixing {

class PgServer {
 public:
  explicit PgServer(const Settings& settings);

  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& socket_dir() const { return socket_dir_; }
  int port() const { return port_; }
  // "host=<socket dir> port=<port> dbname=<db> user=<user>"
  std::string url(const std::string& db, const std::string& user) const;

  bool initialized() const;
  bool running() const;
  // Initialises the cluster when needed and starts it; no-op when it runs. Throws on failure
  // with the server log's tail in the message.
  void start();
  void stop();
  std::string status_text() const;

  static bool running_as_root();

 private:
  int run(const std::vector<std::string>& args, bool as_server_user, std::string* output) const;

  std::filesystem::path pg_bin_;
  std::filesystem::path base_dir_;
  std::filesystem::path data_dir_;
  std::filesystem::path socket_dir_;
  std::filesystem::path log_file_;
  std::string system_user_;
  std::string server_options_;
  int port_ = 55433;
};

}  // namespace zhixing
