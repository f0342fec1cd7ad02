#include "seal/seal_init.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/court_registry.h"
#include "seal/seal_error.h"
#include "seal/seal_store.h"
#include "store/database.h"

namespace zhixing::seal {

namespace {

Date last_day(Date from, int years) { return from.plus_months(12 * years).plus_days(-1); }

std::string bits_text(const RsaPublicKey& key) {
  return "RSA " + std::to_string(key.bits()) + " 位";
}

// A signer over the token's key `label`, for issuing one certificate (the token outlives it).
TokenSigner signer_of(Pkcs11Token& token, const std::string& label) {
  return TokenSigner(std::shared_ptr<Pkcs11Token>(&token, [](Pkcs11Token*) {}), label, {});
}

RsaPublicKey ensure_key(Pkcs11Token& token, const std::string& label, const char* what,
                        SealSetup& setup) {
  if (auto key = token.public_key(label)) {
    setup.steps.push_back(std::string(what) + " “" + label + "” 已在令牌中（" + bits_text(*key) +
                          "）");
    return *key;
  }
  RsaPublicKey key = token.generate_rsa_key(label, kSealKeyBits);
  setup.steps.push_back(std::string("已在令牌中生成") + what + " “" + label + "”（" +
                        bits_text(key) + "，私钥不可导出）");
  setup.changed = true;
  return key;
}

std::vector<CertificateInfo> with_token_copies(std::vector<CertificateInfo> kept,
                                               Pkcs11Token& token, const std::string& label) {
  for (CertificateInfo& c : token_certificates(token, label)) kept.push_back(std::move(c));
  return kept;
}

// Writes `certificate` to seal.dir (roots/ or certs/) and the token, where it is not yet.
void keep_everywhere(Pkcs11Token& token, const SealStore& store, const std::string& label,
                     const CertificateInfo& certificate, bool root, SealSetup& setup) {
  const char* folder = root ? "roots" : "certs";
  if (root ? store.keep_root(certificate) : store.keep_certificate(certificate)) {
    setup.steps.push_back("已写入 " +
                          (store.dir() / folder / (certificate.fingerprint + ".pem")).string());
    setup.changed = true;
  }
  auto in_token = token.certificates(label);
  if (std::find(in_token.begin(), in_token.end(), certificate.der) == in_token.end()) {
    token.store_certificate(label, certificate.der);
    setup.steps.push_back("已将证书存入令牌（标签 “" + label + "”）");
    setup.changed = true;
  }
}

std::string validity_text(const CertificateInfo& c) {
  return c.not_before.iso() + " 至 " + c.not_after.iso();
}

// The newest kept self-signed root (seal.dir/roots or the token) that certifies the root key.
std::optional<CertificateInfo> kept_root(Pkcs11Token& token, const SealSettings& settings,
                                         const RsaPublicKey& root_key) {
  std::vector<CertificateInfo> roots;
  for (CertificateInfo& r :
       with_token_copies(SealStore(settings.dir).roots(), token, settings.root_key_label))
    if (issued_by(r, r)) roots.push_back(std::move(r));
  return newest_for_key(roots, root_key);
}

// The kept root that certifies the token's root key, issuing one when none does.
CertificateInfo ensure_root(Pkcs11Token& token, const SealSettings& settings, const SealPlan& plan,
                            const RsaPublicKey& root_key, SealSetup& setup) {
  SealStore store(settings.dir);
  std::optional<CertificateInfo> root = kept_root(token, settings, root_key);
  if (root) {
    setup.steps.push_back("根证书已存在：" + root->subject + "，有效期 " + validity_text(*root));
  } else {
    TokenSigner signer = signer_of(token, settings.root_key_label);
    root = parse_certificate(
        issue_certificate(root_request(plan, settings), root_key, signer, std::string()));
    setup.steps.push_back("已签发根证书：" + root->subject + "，有效期 " + validity_text(*root));
    setup.changed = true;
  }
  keep_everywhere(token, store, settings.root_key_label, *root, true, setup);
  return *root;
}

CertificateInfo issue_seal_certificate(Pkcs11Token& token, const SealSettings& settings,
                                       const SealPlan& plan, const RsaPublicKey& key,
                                       const CertificateInfo& root, SealSetup& setup) {
  TokenSigner signer = signer_of(token, settings.root_key_label);
  CertificateInfo certificate = parse_certificate(
      issue_certificate(seal_request(plan, settings, root), key, signer, root.der));
  setup.steps.push_back("已签发印章证书：" + certificate.subject + "，有效期 " +
                        validity_text(certificate));
  setup.changed = true;
  return certificate;
}

}  // namespace

SealPlan seal_plan(const Settings& settings, std::optional<Date> valid_from) {
  SealPlan plan;
  const std::string code = settings.get("court.code");
  CourtRegistry courts = load_courts(settings);
  const Court* court = courts.find(code);
  if (court == nullptr)
    throw std::runtime_error("court.code “" + code + "” 不在法院名录（court.list）中");
  plan.court_full_name = court->name;
  if (!valid_from) {
    const std::string first = settings.get("jobs.first_business_date", "");
    valid_from = first.empty() ? Date::from_ymd(settings.get_int("ledger.demo_year", 2024), 1, 1)
                               : Date::parse_iso(first);
    if (!valid_from)
      throw std::runtime_error("jobs.first_business_date 不是有效日期（YYYY-MM-DD）：" + first);
  }
  plan.valid_from = *valid_from;
  return plan;
}

CertificateRequest root_request(const SealPlan& plan, const SealSettings& settings) {
  CertificateRequest r;
  r.common_name = plan.court_full_name + "电子印章根证书";
  r.organization = plan.court_full_name;
  r.valid_from = plan.valid_from;
  r.valid_to = last_day(plan.valid_from, settings.root_validity_years);
  r.ca = true;
  return r;
}

CertificateRequest seal_request(const SealPlan& plan, const SealSettings& settings,
                                const CertificateInfo& root) {
  CertificateRequest r;
  r.common_name = plan.court_full_name + "电子印章";
  r.organization = plan.court_full_name;
  r.valid_from = std::max(plan.valid_from, root.not_before);
  r.valid_to = std::min(last_day(r.valid_from, settings.validity_years), root.not_after);
  if (r.valid_to < r.valid_from)
    throw SealError(SealErrorCode::no_certificate, "根证书在 " + root.not_after.iso() +
                                                       " 已到期，无法签发自 " + r.valid_from.iso() +
                                                       " 起有效的印章证书");
  r.ca = false;
  return r;
}

SealSetup init_seal(Pkcs11Token& token, const SealSettings& settings, const SealPlan& plan) {
  SealSetup setup;
  RsaPublicKey root_key = ensure_key(token, settings.root_key_label, "根密钥", setup);
  setup.root = ensure_root(token, settings, plan, root_key, setup);
  RsaPublicKey seal_key = ensure_key(token, settings.key_label, "印章密钥", setup);
  SealStore store(settings.dir);
  std::optional<CertificateInfo> certificate =
      newest_for_key(with_token_copies(store.certificates(), token, settings.key_label), seal_key);
  if (certificate) {
    setup.steps.push_back("印章证书已存在：" + certificate->subject + "，有效期 " +
                          validity_text(*certificate));
  } else {
    certificate = issue_seal_certificate(token, settings, plan, seal_key, setup.root, setup);
  }
  keep_everywhere(token, store, settings.key_label, *certificate, false, setup);
  setup.certificate = *certificate;
  return setup;
}

SealSetup rotate_seal(Pkcs11Token& token, const SealSettings& settings, const SealPlan& plan) {
  SealSetup setup;
  CertificateInfo previous = current_seal_certificate(token, settings);
  std::optional<RsaPublicKey> root_key = token.public_key(settings.root_key_label);
  if (!root_key)
    throw SealError(
        SealErrorCode::token_unavailable,
        "令牌中没有根密钥 “" + settings.root_key_label + "”：请先运行 zhixing seal init");
  SealStore store(settings.dir);
  std::optional<CertificateInfo> root = kept_root(token, settings, *root_key);
  if (!root)
    throw SealError(SealErrorCode::no_certificate, "没有根证书：请先运行 zhixing seal init");
  setup.root = *root;
  // The previous certificate stays in certs/ and the token; its key pair keeps a label of its own.
  keep_everywhere(token, store, settings.key_label, previous, false, setup);
  std::string old_label = settings.key_label + "@" + previous.fingerprint.substr(0, 16);
  token.relabel_key_pair(settings.key_label, old_label);
  setup.steps.push_back("原印章密钥改标签为 “" + old_label + "”，原证书 " +
                        previous.fingerprint.substr(0, 16) + "… 继续保存");
  setup.changed = true;
  RsaPublicKey key = ensure_key(token, settings.key_label, "印章密钥", setup);
  setup.certificate = issue_seal_certificate(token, settings, plan, key, setup.root, setup);
  keep_everywhere(token, store, settings.key_label, setup.certificate, false, setup);
  return setup;
}

}  // namespace zhixing::seal
