// What seals: a private key that signs (in a PKCS#11 token in production; an in-memory OpenSSL
// key in unit tests only) and the certificate chain that names it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zhixing::seal {

class Signer {
 public:
  virtual ~Signer() = default;
  // RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the token hashes): deterministic. Thread-safe.
  virtual std::string sign_sha256_rsa(std::string_view data) const = 0;
  // DER of the signer's certificate, then of its issuers up to and including the root.
  virtual const std::vector<std::string>& chain_der() const = 0;
};

}  // namespace zhixing::seal
