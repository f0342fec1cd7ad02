// For tests only: an RSA key held in memory by OpenSSL that implements seal::Signer, and a
// court root + seal certificate chain made with seal::issue_certificate. Production keys live
// only in the PKCS#11 token (seal/pkcs11_token.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "seal/pkcs11_token.h"
#include "seal/signer.h"

namespace zhixing::testing {

// An RSA key pair generated in memory (EVP_RSA_gen), exponent 65537.
class TestKey {
 public:
  explicit TestKey(int bits);
  ~TestKey();
  TestKey(const TestKey&) = delete;
  TestKey& operator=(const TestKey&) = delete;

  seal::RsaPublicKey public_key() const;
  // RSASSA-PKCS1-v1_5 with SHA-256, as the token's CKM_SHA256_RSA_PKCS. Thread-safe.
  std::string sign_sha256_rsa(std::string_view data) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class TestSigner : public seal::Signer {
 public:
  TestSigner(std::shared_ptr<const TestKey> key, std::vector<std::string> chain_der)
      : key_(std::move(key)), chain_(std::move(chain_der)) {}
  std::string sign_sha256_rsa(std::string_view data) const override {
    return key_->sign_sha256_rsa(data);
  }
  const std::vector<std::string>& chain_der() const override { return chain_; }
  const TestKey& key() const { return *key_; }

 private:
  std::shared_ptr<const TestKey> key_;
  std::vector<std::string> chain_;
};

struct TestSealOptions {
  std::string court = "河北省易县人民法院";
  Date valid_from = *Date::from_ymd(2024, 1, 1);
  Date valid_to = *Date::from_ymd(2028, 12, 31);
  int seal_bits = 3072;  // as `zhixing seal init` makes it
  int root_bits = 2048;  // the root only signs the seal certificate here: faster to make
};

// A self-signed court root (CN "<court>电子印章根证书", CA) and the seal's certificate
// (CN "<court>电子印章", O the court) issued by it, both valid over the options' dates. The
// signer holds the seal key; its chain_der() is [seal certificate, root].
std::shared_ptr<TestSigner> make_test_seal(const TestSealOptions& options = {});

// One chain made once per process with the default options (3072-bit keys take a second to
// generate): for tests that need any valid seal.
std::shared_ptr<const TestSigner> shared_test_seal();

}  // namespace zhixing::testing
