#include "seal/seal_store.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <tuple>

#include "seal/openssl_support.h"
#include "seal/seal_error.h"

namespace zhixing::seal {

namespace fs = std::filesystem;

namespace {

std::string strip_leading_zeros(const std::string& bytes) {
  std::size_t zeros = 0;
  while (zeros + 1 < bytes.size() && bytes[zeros] == '\0') ++zeros;
  return bytes.substr(zeros);
}

std::string bn_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) return {};
  std::string out(BN_num_bytes(bn), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

bool newer(const CertificateInfo& a, const CertificateInfo& b) {
  return std::tie(a.not_before, a.not_after, a.fingerprint) >
         std::tie(b.not_before, b.not_after, b.fingerprint);
}

std::vector<CertificateInfo> read_folder(const fs::path& folder) {
  std::vector<CertificateInfo> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".pem") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    try {
      out.push_back(parse_certificate(text.str()));
    } catch (const std::exception& e) {
      std::cerr << "警告：跳过无法解析的证书 " << entry.path().string() << "：" << e.what() << "\n";
    }
  }
  std::sort(out.begin(), out.end(),
            [](const CertificateInfo& a, const CertificateInfo& b) { return newer(b, a); });
  return out;
}

bool keep(const fs::path& folder, const CertificateInfo& certificate) {
  fs::path path = folder / (certificate.fingerprint + ".pem");
  std::error_code ec;
  if (fs::exists(path, ec)) return false;
  fs::create_directories(folder);
  // Written whole under a temporary name, then renamed: a reader never sees half a certificate.
  fs::path part = path;
  part += ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << to_pem(certificate.der);
    if (!out.flush())
      throw SealError(SealErrorCode::signing_failed, "无法写入证书文件 " + part.string());
  }
  ::chmod(part.c_str(), 0644);
  fs::rename(part, path);
  return true;
}

}  // namespace

std::vector<CertificateInfo> SealStore::roots() const { return read_folder(dir_ / "roots"); }
std::vector<CertificateInfo> SealStore::certificates() const { return read_folder(dir_ / "certs"); }
bool SealStore::keep_root(const CertificateInfo& root) const { return keep(dir_ / "roots", root); }
bool SealStore::keep_certificate(const CertificateInfo& certificate) const {
  return keep(dir_ / "certs", certificate);
}

std::vector<CertificateInfo> token_certificates(Pkcs11Token& token, const std::string& label) {
  std::vector<CertificateInfo> out;
  for (const std::string& der : token.certificates(label)) {
    try {
      out.push_back(parse_certificate(der));
    } catch (const std::exception&) {
    }
  }
  return out;
}

bool certifies_key(const CertificateInfo& certificate, const RsaPublicKey& key) {
  X509Ptr x509 = x509_from_der(certificate.der);
  if (!x509) return false;
  const EVP_PKEY* public_key = X509_get0_pubkey(x509.get());
  if (public_key == nullptr || EVP_PKEY_get_base_id(public_key) != EVP_PKEY_RSA) return false;
  return bn_param(public_key, "n") == strip_leading_zeros(key.modulus) &&
         bn_param(public_key, "e") == strip_leading_zeros(key.exponent);
}

bool issued_by(const CertificateInfo& certificate, const CertificateInfo& issuer) {
  X509Ptr child = x509_from_der(certificate.der), parent = x509_from_der(issuer.der);
  if (!child || !parent) return false;
  if (X509_check_issued(parent.get(), child.get()) != X509_V_OK) return false;
  EVP_PKEY* key = X509_get0_pubkey(parent.get());
  return key != nullptr && X509_verify(child.get(), key) == 1;
}

std::optional<CertificateInfo> newest_for_key(const std::vector<CertificateInfo>& candidates,
                                              const RsaPublicKey& key) {
  std::optional<CertificateInfo> best;
  for (const CertificateInfo& c : candidates)
    if ((!best || newer(c, *best)) && certifies_key(c, key)) best = c;
  return best;
}

CertificateInfo current_seal_certificate(Pkcs11Token& token, const SealSettings& settings) {
  std::optional<RsaPublicKey> key = token.public_key(settings.key_label);
  if (!key)
    throw SealError(SealErrorCode::token_unavailable,
                    "令牌中没有印章密钥 “" + settings.key_label +
                        "”（seal.key_label）：请运行 zhixing seal init");
  std::vector<CertificateInfo> candidates = SealStore(settings.dir).certificates();
  for (CertificateInfo& c : token_certificates(token, settings.key_label))
    candidates.push_back(std::move(c));
  std::optional<CertificateInfo> current = newest_for_key(candidates, *key);
  if (!current)
    throw SealError(SealErrorCode::no_certificate, "印章密钥 “" + settings.key_label +
                                                       "” 没有证书（" +
                                                       (settings.dir / "certs").string() +
                                                       " 与令牌中均无）：请运行 zhixing seal init");
  return *current;
}

std::vector<std::string> seal_chain(Pkcs11Token& token, const CertificateInfo& certificate,
                                    const SealSettings& settings) {
  std::vector<CertificateInfo> roots = SealStore(settings.dir).roots();
  for (CertificateInfo& c : token_certificates(token, settings.root_key_label))
    roots.push_back(std::move(c));
  std::optional<CertificateInfo> root;
  for (const CertificateInfo& r : roots)
    if ((!root || newer(r, *root)) && issued_by(certificate, r)) root = r;
  if (!root)
    throw SealError(SealErrorCode::no_certificate, "找不到签发印章证书的根证书（" +
                                                       (settings.dir / "roots").string() +
                                                       " 与令牌中均无）：请运行 zhixing seal init");
  return {certificate.der, root->der};
}

}  // namespace zhixing::seal
