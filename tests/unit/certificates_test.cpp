// seal/certificates: certificates built as DER and signed by a Signer, read back by OpenSSL.
#include "seal/certificates.h"

#include <gtest/gtest.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <stdexcept>

#include "core/sha256.h"
#include "seal/openssl_support.h"
#include "seal/seal_error.h"
#include "support/cms_check.h"
#include "support/test_signer.h"

namespace zhixing::seal {
namespace {

using testing::shared_test_seal;
using testing::TestKey;
using testing::TestSigner;
using testing::utc_time;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// X509_verify_cert of `leaf` against a store holding only `root`, at `when`.
int verify_chain(const std::string& leaf, const std::string& root, std::time_t when) {
  X509Ptr leaf_cert = x509_from_der(leaf);
  X509Ptr root_cert = x509_from_der(root);
  X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), root_cert.get());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf_cert.get(), nullptr);
  X509_STORE_CTX_set_time(ctx.get(), 0, when);
  const int ok = X509_verify_cert(ctx.get());
  return ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
}

TEST(Certificates, ChainOfRootAndSealVerifiesInsideValidity) {
  const auto& chain = shared_test_seal()->chain_der();
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(verify_chain(chain[0], chain[1], utc_time(2024, 1, 1, 0)), X509_V_OK);
  EXPECT_EQ(verify_chain(chain[0], chain[1], utc_time(2026, 6, 30)), X509_V_OK);
  EXPECT_EQ(verify_chain(chain[0], chain[1], utc_time(2028, 12, 31, 23)), X509_V_OK);
  EXPECT_EQ(verify_chain(chain[0], chain[1], utc_time(2023, 12, 31, 23)),
            X509_V_ERR_CERT_NOT_YET_VALID);
  EXPECT_EQ(verify_chain(chain[0], chain[1], utc_time(2029, 1, 1, 0)), X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST(Certificates, SignaturesVerifyWithTheIssuersKey) {
  const auto& chain = shared_test_seal()->chain_der();
  X509Ptr seal_cert = x509_from_der(chain[0]);
  X509Ptr root_cert = x509_from_der(chain[1]);
  EXPECT_EQ(X509_verify(seal_cert.get(), X509_get0_pubkey(root_cert.get())), 1);
  EXPECT_EQ(X509_verify(root_cert.get(), X509_get0_pubkey(root_cert.get())), 1);
  EXPECT_NE(X509_verify(seal_cert.get(), X509_get0_pubkey(seal_cert.get())), 1);
}

TEST(Certificates, ExtensionsOfRootAndSeal) {
  const auto& chain = shared_test_seal()->chain_der();
  X509Ptr seal_cert = x509_from_der(chain[0]);
  X509Ptr root_cert = x509_from_der(chain[1]);
  EXPECT_EQ(X509_get_version(seal_cert.get()), 2);  // v3
  EXPECT_EQ(X509_check_ca(root_cert.get()), 1);
  EXPECT_EQ(X509_check_ca(seal_cert.get()), 0);
  EXPECT_EQ(X509_get_key_usage(root_cert.get()), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  EXPECT_EQ(X509_get_key_usage(seal_cert.get()),
            uint32_t(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
  for (const X509* c : {seal_cert.get(), root_cert.get()}) {
    int critical = -1;
    auto* bc = static_cast<BASIC_CONSTRAINTS*>(
        X509_get_ext_d2i(c, NID_basic_constraints, &critical, nullptr));
    ASSERT_NE(bc, nullptr);
    EXPECT_EQ(critical, 1);
    BASIC_CONSTRAINTS_free(bc);
    auto* ku =
        static_cast<ASN1_BIT_STRING*>(X509_get_ext_d2i(c, NID_key_usage, &critical, nullptr));
    ASSERT_NE(ku, nullptr);
    EXPECT_EQ(critical, 1);
    ASN1_BIT_STRING_free(ku);
  }
  // The seal's authority key identifier is the root's subject key identifier.
  const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(seal_cert.get());
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(root_cert.get());
  ASSERT_NE(aki, nullptr);
  ASSERT_NE(ski, nullptr);
  EXPECT_EQ(ASN1_OCTET_STRING_cmp(aki, ski), 0);
  EXPECT_EQ(ski->length, 20);
}

TEST(Certificates, ParseGivesReadableNamesDatesAndFingerprint) {
  const auto& chain = shared_test_seal()->chain_der();
  const CertificateInfo seal_info = parse_certificate(chain[0]);
  EXPECT_EQ(seal_info.subject, "CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN");
  EXPECT_EQ(seal_info.issuer, "CN=河北省易县人民法院电子印章根证书, O=河北省易县人民法院, C=CN");
  EXPECT_EQ(seal_info.not_before, ymd(2024, 1, 1));
  EXPECT_EQ(seal_info.not_after, ymd(2028, 12, 31));
  EXPECT_EQ(seal_info.fingerprint, sha256_hex(chain[0]));
  EXPECT_EQ(seal_info.der, chain[0]);
  EXPECT_EQ(seal_info.serial_hex.size(), 32u);  // 16 bytes, positive, no padding byte
  EXPECT_TRUE(seal_info.valid_on(ymd(2028, 12, 31)));
  EXPECT_FALSE(seal_info.valid_on(ymd(2029, 1, 1)));
  // PEM round trip.
  const std::string pem = to_pem(chain[0]);
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  EXPECT_EQ(parse_certificate(pem).der, chain[0]);
  EXPECT_THROW(parse_certificate("not a certificate"), std::runtime_error);
  EXPECT_THROW(parse_certificate(chain[0] + "x"), std::runtime_error);
}

TEST(Certificates, IssuingIsDeterministicAndSerialsDiffer) {
  const auto& chain = shared_test_seal()->chain_der();
  const auto key = std::make_shared<const TestKey>(2048);
  const TestSigner self(key, {});
  CertificateRequest request;
  request.common_name = "测试根证书";
  request.organization = "测试法院";
  request.valid_from = ymd(2030, 1, 1);
  request.valid_to = ymd(2055, 12, 31);  // past 2049: GeneralizedTime
  request.ca = true;
  const std::string a = issue_certificate(request, key->public_key(), self, "");
  EXPECT_EQ(a, issue_certificate(request, key->public_key(), self, ""));
  const CertificateInfo info = parse_certificate(a);
  EXPECT_EQ(info.not_after, ymd(2055, 12, 31));
  EXPECT_EQ(info.subject, info.issuer);
  request.valid_to = ymd(2040, 12, 31);
  EXPECT_NE(parse_certificate(issue_certificate(request, key->public_key(), self, "")).serial_hex,
            info.serial_hex);
  EXPECT_NE(info.serial_hex, parse_certificate(chain[0]).serial_hex);
}

TEST(Certificates, RefusesASignerWhoseKeyIsNotTheIssuers) {
  const auto& chain = shared_test_seal()->chain_der();
  const auto other = std::make_shared<const TestKey>(2048);
  const TestSigner wrong(other, {});
  CertificateRequest request;
  request.common_name = "伪造印章";
  request.valid_from = ymd(2024, 1, 1);
  request.valid_to = ymd(2024, 12, 31);
  try {
    issue_certificate(request, other->public_key(), wrong, chain[1]);
    FAIL() << "issued with a key that is not the root's";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::signing_failed);
  }
  request.valid_to = ymd(2023, 12, 31);
  EXPECT_THROW(issue_certificate(request, other->public_key(), wrong, ""), std::invalid_argument);
}

}  // namespace
}  // namespace zhixing::seal
