#include "support/test_signer.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "seal/certificates.h"
#include "seal/openssl_support.h"

namespace zhixing::testing {

struct TestKey::Impl {
  seal::EvpPkeyPtr pkey;
};

TestKey::TestKey(int bits) : impl_(std::make_unique<Impl>()) {
  impl_->pkey.reset(EVP_RSA_gen(static_cast<unsigned>(bits)));
  if (!impl_->pkey) throw std::runtime_error("EVP_RSA_gen failed: " + seal::openssl_errors());
}

TestKey::~TestKey() = default;

namespace {

std::string big_endian(const EVP_PKEY* pkey, const char* param) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, param, &bn) != 1)
    throw std::runtime_error("EVP_PKEY_get_bn_param failed: " + seal::openssl_errors());
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

}  // namespace

seal::RsaPublicKey TestKey::public_key() const {
  return {big_endian(impl_->pkey.get(), OSSL_PKEY_PARAM_RSA_N),
          big_endian(impl_->pkey.get(), OSSL_PKEY_PARAM_RSA_E)};
}

std::string TestKey::sign_sha256_rsa(std::string_view data) const {
  seal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, impl_->pkey.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, nullptr, 0) != 1)
    throw std::runtime_error("EVP_DigestSignInit failed: " + seal::openssl_errors());
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
    throw std::runtime_error("EVP_DigestSign failed: " + seal::openssl_errors());
  signature.resize(length);
  return signature;
}

std::shared_ptr<TestSigner> make_test_seal(const TestSealOptions& options) {
  auto root_key = std::make_shared<const TestKey>(options.root_bits);
  auto seal_key = std::make_shared<const TestKey>(options.seal_bits);
  const TestSigner root_signer(root_key, {});

  seal::CertificateRequest root;
  root.common_name = options.court + "电子印章根证书";
  root.organization = options.court;
  root.valid_from = options.valid_from;
  root.valid_to = options.valid_to;
  root.ca = true;
  const std::string root_der =
      seal::issue_certificate(root, root_key->public_key(), root_signer, "");

  seal::CertificateRequest seal_request = root;
  seal_request.common_name = options.court + "电子印章";
  seal_request.ca = false;
  const std::string seal_der =
      seal::issue_certificate(seal_request, seal_key->public_key(), root_signer, root_der);
  return std::make_shared<TestSigner>(seal_key, std::vector<std::string>{seal_der, root_der});
}

std::shared_ptr<const TestSigner> shared_test_seal() {
  static const std::shared_ptr<const TestSigner> chain = make_test_seal();
  return chain;
}

}  // namespace zhixing::testing
