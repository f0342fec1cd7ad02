// `zhixing seal init` and `zhixing seal rotate`: the court's keys in the token and the demo's
// certificates (a self-signed court root and the seal certificate it issues), kept in seal.dir
// and in the token (seal/seal_store.h).
//
// The names follow the 法定名称章 (the seal bearing the court's legal name): an electronic seal
// carries the seal's name, its owner and its certificate (国务院办公厅《电子印章管理办法》,
// 国办发〔2025〕33号, 第二条、第三条; its data structure: GB/T 38540-2020 信息安全技术 安全电子签章
// 密码技术规范). The court's legal name is its full name with the province, as on its paper seal:
//   seal: CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN
//   root: CN=河北省易县人民法院电子印章根证书, O=河北省易县人民法院, C=CN
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "seal/certificates.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_settings.h"

namespace zhixing::seal {

inline constexpr int kSealKeyBits = 3072;

struct SealPlan {
  std::string court_full_name;  // 河北省易县人民法院 (config/courts.csv, court.code)
  Date valid_from;              // first day of the certificates made now
};

// The plan from the settings: the court of court.code (config/courts.csv); `valid_from`, else
// jobs.first_business_date, else 1 January of ledger.demo_year (so that documents dated in the
// demo year fall inside the validity). Throws std::runtime_error when court.code is unknown.
SealPlan seal_plan(const Settings& settings, std::optional<Date> valid_from);

// What init or rotate did (or found), for the command's report.
struct SealSetup {
  std::vector<std::string> steps;  // one Chinese line per thing made or found
  bool changed = false;            // whether anything was generated or written
  CertificateInfo root;
  CertificateInfo certificate;  // the current seal certificate
};

// The certificate requests of the plan: the root for settings.root_validity_years, the seal
// for settings.validity_years (and not beyond the root's last day).
CertificateRequest root_request(const SealPlan& plan, const SealSettings& settings);
CertificateRequest seal_request(const SealPlan& plan, const SealSettings& settings,
                                const CertificateInfo& root);

// Idempotent: generates the root key (seal.root_key_label) and the seal key (seal.key_label),
// RSA 3072 in the token, unless there; issues the root and the seal certificate unless a kept
// one certifies the key; writes each to seal.dir and the token unless there. A second run
// changes nothing (changed = false). An existing certificate is kept whatever plan.valid_from.
SealSetup init_seal(Pkcs11Token& token, const SealSettings& settings, const SealPlan& plan);

// A new seal key and certificate: the current key pair is relabelled
// "<seal.key_label>@<first 16 hex digits of its certificate's fingerprint>" (kept, with its
// certificate), a new pair is generated under seal.key_label and certified by the root.
// Throws SealError(token_unavailable | no_certificate) when init has not run.
SealSetup rotate_seal(Pkcs11Token& token, const SealSettings& settings, const SealPlan& plan);

}  // namespace zhixing::seal
