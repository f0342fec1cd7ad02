// The seal's token through the PKCS#11 C API (the module is dlopen'ed: SoftHSM2 by default, a
// court's USB key or HSM by configuration). The private keys never leave the token.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seal/signer.h"

namespace zhixing::seal {

struct SealSettings;

// An RSA public key as the token reports it (big-endian magnitudes).
struct RsaPublicKey {
  std::string modulus;
  std::string exponent;
  // The modulus's size in bits (3072 for the seal's key).
  int bits() const {
    std::size_t i = 0;
    while (i < modulus.size() && modulus[i] == '\0') ++i;
    if (i == modulus.size()) return 0;
    int n = static_cast<int>(modulus.size() - i) * 8;
    for (auto top = static_cast<unsigned char>(modulus[i]); top < 0x80; top = top << 1) --n;
    return n;
  }
};

class Pkcs11Token {
 public:
  // Loads settings.pkcs11_module, finds the token labelled settings.token_label and logs in
  // with settings.pin(). Throws SealError(token_unavailable) saying which of these failed.
  static std::unique_ptr<Pkcs11Token> open(const SealSettings& settings);
  virtual ~Pkcs11Token() = default;

  // The public key of the key pair labelled `label`, if the token has one.
  virtual std::optional<RsaPublicKey> public_key(const std::string& label) = 0;
  // Generates an RSA key pair of `bits` inside the token (private key sensitive and not
  // extractable), labelled `label`; returns its public key.
  virtual RsaPublicKey generate_rsa_key(const std::string& label, int bits) = 0;
  // RSASSA-PKCS1-v1_5 SHA-256 (CKM_SHA256_RSA_PKCS) with the private key labelled `label`.
  // Thread-safe (one session per call, or serialised).
  virtual std::string sign_sha256_rsa(const std::string& label, std::string_view data) = 0;
  // Certificates stored in the token as CKO_CERTIFICATE objects labelled `label` (DER).
  virtual std::vector<std::string> certificates(const std::string& label) = 0;
  // Stores a certificate unless the token has it (same DER) already; it carries the CKA_ID of
  // the key pair whose public key it certifies, when the token has that pair.
  virtual void store_certificate(const std::string& label, const std::string& der) = 0;
  // Relabels the key pair labelled `label` (private and public key objects) `new_label`: how
  // `zhixing seal rotate` keeps the previous seal key (seal/seal_store.h).
  virtual void relabel_key_pair(const std::string& label, const std::string& new_label) = 0;

  // For `seal status`: the module's and the token's description.
  virtual std::string description() const = 0;
};

// A Signer over a token's key and the chain that certifies it.
class TokenSigner : public Signer {
 public:
  TokenSigner(std::shared_ptr<Pkcs11Token> token, std::string key_label,
              std::vector<std::string> chain_der)
      : token_(std::move(token)), key_label_(std::move(key_label)), chain_(std::move(chain_der)) {}
  std::string sign_sha256_rsa(std::string_view data) const override {
    return token_->sign_sha256_rsa(key_label_, data);
  }
  const std::vector<std::string>& chain_der() const override { return chain_; }

 private:
  std::shared_ptr<Pkcs11Token> token_;
  std::string key_label_;
  std::vector<std::string> chain_;
};

}  // namespace zhixing::seal
