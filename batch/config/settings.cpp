#include "config/settings.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace zhixing::inline config {

std::string Settings::env_name(const std::string& key) {
  std::string out = "ZHIXING_";
  for (char c : key) out += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(c));
  return out;
}

Settings Settings::load() {
  Settings s;
  const char* home = std::getenv("ZHIXING_HOME");
  s.root_ = home && *home ? std::filesystem::path(home) : std::filesystem::path(ZHIXING_SOURCE_DIR);
  const char* cfg = std::getenv("ZHIXING_CONFIG");
  std::filesystem::path file =
      cfg && *cfg ? std::filesystem::path(cfg) : s.root_ / "config" / "zhixing.properties";
  s.file_ = new Poco::Util::PropertyFileConfiguration();
  if (std::filesystem::exists(file)) s.file_->load(file.string());
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

std::filesystem::path Settings::path(const std::string& key, const std::string& fallback) const {
  std::filesystem::path p = get(key, fallback);
  if (p.empty()) return p;
  return p.is_absolute() ? p : root_ / p;
}

}  // namespace zhixing::inline config
