#include "seal/seal_settings.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "seal/seal_error.h"

namespace zhixing::seal {

SealSettings SealSettings::from(const Settings& settings) {
  SealSettings s;
  s.enabled = settings.get_bool("seal.enabled", s.enabled);
  s.pkcs11_module = settings.get("seal.pkcs11_module", s.pkcs11_module);
  s.token_label = settings.get("seal.token_label", s.token_label);
  s.key_label = settings.get("seal.key_label", s.key_label);
  s.root_key_label = settings.get("seal.root_key_label", s.root_key_label);
  s.dir = settings.path("seal.dir", "var/seal");
  s.pin_file = settings.path("seal.pin_file", (s.dir / "pin").string());
  s.settlement = settings.get_bool("seal.settlement", s.settlement);
  s.purpose = settings.get("seal.purpose", s.purpose);
  const std::string diameter = settings.get("seal.diameter_mm", "");
  if (!diameter.empty()) s.diameter_mm = std::stod(diameter);
  s.validity_years = settings.get_int("seal.validity_years", s.validity_years);
  s.root_validity_years = settings.get_int("seal.root_validity_years", s.root_validity_years);
  if (s.validity_years < 1 || s.validity_years > 30 || s.root_validity_years < s.validity_years ||
      s.root_validity_years > 50)
    throw std::runtime_error(
        "配置项 seal.validity_years 应在 1–30 年之间，seal.root_validity_years 应不短于它且不超过 "
        "50 年");
  return s;
}

std::string SealSettings::pin() const {
  if (const char* env = std::getenv("ZHIXING_SEAL_PIN"); env != nullptr && *env != '\0') return env;
  struct stat st {};
  if (pin_file.empty() || ::stat(pin_file.c_str(), &st) != 0)
    throw SealError(SealErrorCode::token_unavailable,
                    "没有印章口令：请设置 ZHIXING_SEAL_PIN 或口令文件 " + pin_file.string());
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw SealError(SealErrorCode::token_unavailable,
                    "口令文件 " + pin_file.string() + " 可被其他用户读取：请 chmod 600");
  std::ifstream in(pin_file);
  std::string pin;
  std::getline(in, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  if (pin.empty())
    throw SealError(SealErrorCode::token_unavailable, "口令文件为空：" + pin_file.string());
  return pin;
}

}  // namespace zhixing::seal
