#include "config/settings.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace zhixing::inline config {

namespace fs = std::filesystem;

std::string Settings::env_name(const std::string& key) {
  std::string out = "ZHIXING_";
  for (char c : key) out += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(c));
  return out;
}

bool Settings::installed_binary() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return !ec && self == fs::path(ZHIXING_INSTALL_BINARY);
}

Settings Settings::load() {
  Settings s;
  const char* home = std::getenv("ZHIXING_HOME");
  const bool installed = !(home && *home) && installed_binary();
  fs::path data = ZHIXING_SOURCE_DIR, state = ZHIXING_SOURCE_DIR;
  if (home && *home) {
    data = state = home;
  } else if (installed) {
    data = ZHIXING_INSTALL_DATADIR;
    state = ZHIXING_INSTALL_STATEDIR;
  }
  const char* cfg = std::getenv("ZHIXING_CONFIG");
  s.file_path_ = cfg && *cfg  ? fs::path(cfg)
                 : installed ? fs::path(ZHIXING_INSTALL_CONFIG)
                             : data / "config" / "zhixing.properties";
  s.file_ = new Poco::Util::PropertyFileConfiguration();
  if (fs::exists(s.file_path_)) s.file_->load(s.file_path_.string());
  // Relative values of the two roots resolve against the folder they replace.
  s.data_root_ = data / s.get("paths.data", "");
  s.state_root_ = state / s.get("paths.state", "");
  if (s.data_root_.filename().empty()) s.data_root_ = s.data_root_.parent_path();
  if (s.state_root_.filename().empty()) s.state_root_ = s.state_root_.parent_path();
  return s;
}

std::string Settings::get(const std::string& key, const std::string& fallback) const {
  if (const char* v = std::getenv(env_name(key).c_str())) return v;
  return file_->getString(key, fallback);
}

int Settings::get_int(const std::string& key, int fallback) const {
  std::string v = get(key, "");
  if (v.empty()) return fallback;
  try {
    return std::stoi(v);
  } catch (const std::exception&) {
    throw std::runtime_error("配置项 " + key + " 应为整数：" + v);
  }
}

bool Settings::get_bool(const std::string& key, bool fallback) const {
  std::string v = get(key, "");
  if (v.empty()) return fallback;
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

fs::path Settings::path(const std::string& key, const std::string& fallback) const {
  fs::path p = get(key, fallback);
  if (p.empty()) return p;
  return p.is_absolute() ? p : state_root_ / p;
}

fs::path Settings::data_path(const std::string& key, const std::string& fallback) const {
  fs::path p = get(key, fallback);
  if (p.empty()) return p;
  return p.is_absolute() ? p : data_root_ / p;
}

}  // namespace zhixing::inline config
