// The seal folder (seal.dir) and the rule for the current seal certificate. Every certificate the
// court has used is kept for ever, so that documents sealed before a key rotation stay verifiable:
//   seal.dir/roots/<fingerprint>.pem   the court's roots (self-signed)
//   seal.dir/certs/<fingerprint>.pem   the seal certificates, current and earlier
// The token keeps a copy of each as a CKO_CERTIFICATE object (labelled seal.root_key_label or
// seal.key_label).
//
// The current seal certificate: only the token's current seal key carries the label
// seal.key_label (`zhixing seal rotate` relabels the previous key pair
// "<seal.key_label>@<first 16 hex digits of its certificate's fingerprint>" before it generates
// the new one). The current certificate is the one, from seal.dir/certs or the token, whose public
// key is that key's; when several are, the newest by notBefore (then notAfter, then fingerprint).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seal/certificates.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_settings.h"

namespace zhixing::seal {

class SealStore {
 public:
  explicit SealStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The certificates kept in roots/ and certs/, oldest first (notBefore, then fingerprint).
  // A file that does not parse is skipped with a warning on stderr.
  std::vector<CertificateInfo> roots() const;
  std::vector<CertificateInfo> certificates() const;
  // Writes roots/<fingerprint>.pem or certs/<fingerprint>.pem (mode 0644) unless it is there;
  // true when it wrote the file. Never deletes or overwrites one.
  bool keep_root(const CertificateInfo& root) const;
  bool keep_certificate(const CertificateInfo& certificate) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// The certificates the token keeps as CKO_CERTIFICATE objects labelled `label`, parsed (one that
// does not parse is skipped).
std::vector<CertificateInfo> token_certificates(Pkcs11Token& token, const std::string& label);

// Whether `certificate` certifies `key` (its subject public key is this RSA key).
bool certifies_key(const CertificateInfo& certificate, const RsaPublicKey& key);
// Whether `issuer` issued `certificate` (names match and issuer's key verifies its signature).
bool issued_by(const CertificateInfo& certificate, const CertificateInfo& issuer);
// The newest of `candidates` (notBefore, then notAfter, then fingerprint) that certifies `key`.
std::optional<CertificateInfo> newest_for_key(const std::vector<CertificateInfo>& candidates,
                                              const RsaPublicKey& key);

// The token's current seal certificate (the rule above). Throws SealError(token_unavailable)
// when the token has no key labelled settings.key_label, SealError(no_certificate) when no
// certificate in seal.dir/certs or in the token certifies it ("run zhixing seal init").
CertificateInfo current_seal_certificate(Pkcs11Token& token, const SealSettings& settings);

// The chain a signer presents: `certificate`, then the root that issued it (from seal.dir/roots
// or the token's certificates labelled settings.root_key_label). Throws SealError(no_certificate)
// when no kept root issued it.
std::vector<std::string> seal_chain(Pkcs11Token& token, const CertificateInfo& certificate,
                                    const SealSettings& settings);

}  // namespace zhixing::seal
