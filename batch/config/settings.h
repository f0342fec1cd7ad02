// Every setting lives in zhixing.properties (Poco PropertyFileConfiguration); each can be
// overridden by an environment variable: key "db.port" <- ZHIXING_DB_PORT.
//
// Two folders anchor every relative path (README "Folders"):
// - the data root, read-only: fonts, web assets, SQL migrations, and — through config/ and
//   templates/ — the configuration files and the clerk-editable templates;
// - the state root, writable: output, inbox, seal token, the private cluster.
// A source checkout uses its own folder for both. The installed package (/usr/bin/zhixing) uses
// /usr/share/zhixing and /var/lib/zhixing, and reads /etc/zhixing/zhixing.properties
// (/usr/share/zhixing/config and templates are links into /etc/zhixing).
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <filesystem>
#include <string>

namespace zhixing::inline config {

class Settings {
 public:
  // Loads $ZHIXING_CONFIG, else <home>/config/zhixing.properties, where home is $ZHIXING_HOME
  // or the source tree the binary was built from — or /etc/zhixing/zhixing.properties for the
  // installed binary. paths.data and paths.state (settings or ZHIXING_PATHS_DATA/_STATE) then
  // override the two roots.
  static Settings load();

  std::string get(const std::string& key, const std::string& fallback = "") const;
  int get_int(const std::string& key, int fallback) const;
  bool get_bool(const std::string& key, bool fallback) const;
  // A path to writable state; relative values resolve against the state root.
  std::filesystem::path path(const std::string& key, const std::string& fallback = "") const;
  // A path to read-only data; relative values resolve against the data root.
  std::filesystem::path data_path(const std::string& key, const std::string& fallback = "") const;

  const std::filesystem::path& data_root() const { return data_root_; }
  const std::filesystem::path& state_root() const { return state_root_; }
  // The file the settings came from (it may not exist: then every key has its default).
  const std::filesystem::path& file() const { return file_path_; }
  // The schema's migration files (db.migrations, default batch/store/sql under the data root).
  std::filesystem::path migrations_dir() const {
    return data_path("db.migrations", "batch/store/sql");
  }

  // True for the binary installed by the package (it runs as /usr/bin/zhixing).
  static bool installed_binary();

  static std::string env_name(const std::string& key);  // "db.port" -> "ZHIXING_DB_PORT"

 private:
  std::filesystem::path data_root_;
  std::filesystem::path state_root_;
  std::filesystem::path file_path_;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file_;
};

}  // namespace zhixing::inline config
