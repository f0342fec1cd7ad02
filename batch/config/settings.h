// Every setting lives in config/zhixing.properties (Poco PropertyFileConfiguration); each can
// be overridden by an environment variable: key "db.port" <- ZHIXING_DB_PORT.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <filesystem>
#include <string>

namespace zhixing::inline config {

class Settings {
 public:
  // Loads $ZHIXING_CONFIG, else <root>/config/zhixing.properties, where root is $ZHIXING_HOME
  // or the source tree the binary was built from.
  static Settings load();

  std::string get(const std::string& key, const std::string& fallback = "") const;
  int get_int(const std::string& key, int fallback) const;
  bool get_bool(const std::string& key, bool fallback) const;
  // A path setting; relative values resolve against the project root.
  std::filesystem::path path(const std::string& key, const std::string& fallback = "") const;

  const std::filesystem::path& root() const { return root_; }

  static std::string env_name(const std::string& key);  // "db.port" -> "ZHIXING_DB_PORT"

 private:
  std::filesystem::path root_;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file_;
};

}  // namespace zhixing::inline config
