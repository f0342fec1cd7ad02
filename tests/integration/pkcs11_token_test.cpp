// The seal token through PKCS#11 (SoftHSM2, the run's token from support/seal_token.h): signatures
// that OpenSSL verifies against the certificate, determinism, threads, and the refusals.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <thread>

#include "config/settings.h"
#include "seal/openssl_support.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_error.h"
#include "seal/seal_settings.h"
#include "seal/seal_store.h"
#include "support/seal_token.h"

namespace zhixing::seal {
namespace {

SealSettings run_settings() { return SealSettings::from(Settings::load()); }

std::string sample(std::size_t bytes) {
  std::string data(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i) data[i] = static_cast<char>(i * 131 % 251);
  return data;
}

// RSASSA-PKCS1-v1_5 with SHA-256 against the certificate's public key, by OpenSSL.
bool verifies(const CertificateInfo& certificate, const std::string& data,
              const std::string& signature) {
  X509Ptr x509 = x509_from_der(certificate.der);
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!x509 || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                                    X509_get0_pubkey(x509.get())) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

TEST(Pkcs11Token, SignatureVerifiesAgainstTheCertificateAndIsDeterministic) {
  SealSettings settings = run_settings();
  auto token = Pkcs11Token::open(settings);
  CertificateInfo certificate = current_seal_certificate(*token, settings);
  std::string data = sample(50 * 1024);
  std::string signature = token->sign_sha256_rsa(settings.key_label, data);
  EXPECT_EQ(signature.size(), 384u);  // RSA 3072
  EXPECT_TRUE(verifies(certificate, data, signature));
  EXPECT_EQ(token->sign_sha256_rsa(settings.key_label, data), signature);
  std::string changed = data;
  changed[1000] ^= 1;
  EXPECT_FALSE(verifies(certificate, changed, signature));
}

TEST(Pkcs11Token, SignsFromSeveralThreadsAlike) {
  SealSettings settings = run_settings();
  auto token = Pkcs11Token::open(settings);
  std::string data = sample(4096);
  std::string expected = token->sign_sha256_rsa(settings.key_label, data);
  std::vector<std::string> got(4 * 3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) got[t * 3 + i] = token->sign_sha256_rsa(settings.key_label, data);
    });
  for (auto& th : threads) th.join();
  for (const std::string& s : got) EXPECT_EQ(s, expected);
}

TEST(Pkcs11Token, KeyIsRsa3072AndChainEndsAtTheKeptRoot) {
  SealSettings settings = run_settings();
  auto token = Pkcs11Token::open(settings);
  auto key = token->public_key(settings.key_label);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->bits(), 3072);
  EXPECT_EQ(key->exponent, std::string("\x01\x00\x01", 3));
  CertificateInfo certificate = current_seal_certificate(*token, settings);
  EXPECT_TRUE(certifies_key(certificate, *key));
  EXPECT_EQ(certificate.subject, "CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN");
  EXPECT_EQ(certificate.not_before.iso(), "2024-01-01");
  std::vector<std::string> chain = seal_chain(*token, certificate, settings);
  ASSERT_EQ(chain.size(), 2u);
  CertificateInfo root = parse_certificate(chain[1]);
  EXPECT_TRUE(issued_by(certificate, root));
  EXPECT_TRUE(issued_by(root, root));
  EXPECT_TRUE(std::filesystem::exists(settings.dir / "roots" / (root.fingerprint + ".pem")));
  EXPECT_TRUE(std::filesystem::exists(settings.dir / "certs" / (certificate.fingerprint + ".pem")));
  // Both are in the token too; storing one again adds nothing.
  EXPECT_EQ(token->certificates(settings.key_label).size(), 1u);
  token->store_certificate(settings.key_label, certificate.der);
  EXPECT_EQ(token->certificates(settings.key_label).size(), 1u);
  EXPECT_EQ(token->certificates(settings.root_key_label), std::vector<std::string>{root.der});
}

void expect_unavailable(const SealSettings& settings, const std::string& mentions) {
  try {
    Pkcs11Token::open(settings);
    ADD_FAILURE() << "opened";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::token_unavailable);
    EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos) << e.what();
  }
}

TEST(Pkcs11Token, RefusesUnknownModuleTokenAndWrongPin) {
  SealSettings settings = run_settings();
  SealSettings no_module = settings;
  no_module.pkcs11_module = "/nonexistent/libpkcs11.so";
  expect_unavailable(no_module, "/nonexistent/libpkcs11.so");
  SealSettings no_token = settings;
  no_token.token_label = "no-such-token";
  expect_unavailable(no_token, "no-such-token");
  ::setenv("ZHIXING_SEAL_PIN", "000000", 1);
  expect_unavailable(settings, "CKR_PIN_INCORRECT");
  ::unsetenv("ZHIXING_SEAL_PIN");
  EXPECT_NO_THROW(Pkcs11Token::open(settings));
}

TEST(Pkcs11Token, MissingKeyIsTokenUnavailable) {
  SealSettings settings = run_settings();
  auto token = Pkcs11Token::open(settings);
  EXPECT_FALSE(token->public_key("no-such-key"));
  try {
    token->sign_sha256_rsa("no-such-key", "data");
    ADD_FAILURE() << "signed";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::token_unavailable);
    EXPECT_NE(std::string(e.what()).find("no-such-key"), std::string::npos);
  }
}

}  // namespace
}  // namespace zhixing::seal
