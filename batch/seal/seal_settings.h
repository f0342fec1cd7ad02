// The seal.* settings (config/zhixing.properties; each overridable as ZHIXING_SEAL_…).
#pragma once

#include <filesystem>
#include <string>

#include "config/settings.h"

namespace zhixing::seal {

struct SealSettings {
  bool enabled = true;  // seal.enabled: seal the sealed kinds when the token is there
  // seal.pkcs11_module: the PKCS#11 library (default: SoftHSM2's)
  std::string pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so";
  std::string token_label = "zhixing";        // seal.token_label
  std::string key_label = "court-seal";       // seal.key_label: the seal's key pair
  std::string root_key_label = "court-root";  // seal.root_key_label: the demo root's key pair
  // seal.pin_file: a file readable only by the account that runs zhixing (mode 0600 or 0400);
  // the PIN may instead come from $ZHIXING_SEAL_PIN. Never from a flag.
  std::filesystem::path pin_file;
  // seal.dir: every certificate the court has used (certs/<fingerprint>.pem), the root
  // (root.pem) and, for SoftHSM2, its token folder and configuration (softhsm2.conf).
  std::filesystem::path dir;
  bool settlement = false;           // seal.settlement: seal the 执行和解协议 too
  std::string purpose = "电子印章";  // seal.purpose: along the seal's bottom arc
  double diameter_mm = 42;           // seal.diameter_mm
  // seal.validity_years: how long a seal certificate made by `zhixing seal init|rotate` is valid;
  // seal.root_validity_years: the court root's (longer, so that it outlives a rotation)
  int validity_years = 5;
  int root_validity_years = 10;

  static SealSettings from(const Settings& settings);

  // The PIN: $ZHIXING_SEAL_PIN, else the pin file (refused when group or others can read it).
  // Throws SealError(token_unavailable) naming the file when neither gives one.
  std::string pin() const;
};

}  // namespace zhixing::seal
