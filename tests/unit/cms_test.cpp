// seal/cms: the PAdES B-B SignedData, parsed back and verified with OpenSSL.
#include "seal/cms.h"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/ess.h>
#include <openssl/objects.h>

#include <string>

#include "seal/openssl_support.h"
#include "support/cms_check.h"
#include "support/test_signer.h"

namespace zhixing::seal {
namespace {

using testing::shared_test_seal;
using testing::utc_time;
using testing::verify_detached_cms;

const std::string kContent = "%PDF-1.7 the signed byte ranges of a document";

CmsPtr parse(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return CmsPtr(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
}

CMS_SignerInfo* only_signer(CMS_ContentInfo* cms) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  return infos != nullptr && sk_CMS_SignerInfo_num(infos) == 1 ? sk_CMS_SignerInfo_value(infos, 0)
                                                               : nullptr;
}

TEST(Cms, VerifiesDetachedOverTheContentWithTheRoot) {
  const auto signer = shared_test_seal();
  const std::string der = build_signed_data(sha256_bytes(kContent), *signer);
  const auto inside = utc_time(2026, 6, 30);
  const auto check = verify_detached_cms(der, kContent, signer->chain_der()[1], inside);
  EXPECT_TRUE(check.parsed);
  EXPECT_TRUE(check.verified) << check.error;
  const auto without_chain = verify_detached_cms(der, kContent, "", inside);
  EXPECT_TRUE(without_chain.verified) << without_chain.error;
  // One changed byte of content, or a time outside the certificate, fails.
  std::string changed = kContent;
  changed[3] ^= 1;
  EXPECT_FALSE(verify_detached_cms(der, changed, signer->chain_der()[1], inside).verified);
  EXPECT_FALSE(verify_detached_cms(der, changed, "", inside).verified);
  EXPECT_FALSE(
      verify_detached_cms(der, kContent, signer->chain_der()[1], utc_time(2029, 6, 1)).verified);
}

TEST(Cms, TwoBuildsAreByteIdentical) {
  const auto signer = shared_test_seal();
  const std::string digest = sha256_bytes(kContent);
  EXPECT_EQ(build_signed_data(digest, *signer), build_signed_data(digest, *signer));
  EXPECT_NE(build_signed_data(digest, *signer), build_signed_data(sha256_bytes("x"), *signer));
}

TEST(Cms, AnotherSignerOnTheSameThreadIsNamedRightly) {
  const auto first = shared_test_seal();
  testing::TestSealOptions options;
  options.court = "北京市东城区人民法院";
  options.seal_bits = 2048;
  const std::shared_ptr<const testing::TestSigner> second = testing::make_test_seal(options);
  const std::string digest = sha256_bytes(kContent);
  const auto inside = utc_time(2026, 6, 30);
  for (const auto* signer : {first.get(), second.get(), first.get()}) {
    const std::string der = build_signed_data(digest, *signer);
    const auto check = verify_detached_cms(der, kContent, signer->chain_der()[1], inside);
    EXPECT_TRUE(check.verified) << check.error;
  }
  const std::string by_second = build_signed_data(digest, *second);
  EXPECT_FALSE(verify_detached_cms(by_second, kContent, first->chain_der()[1], inside).verified);
}

TEST(Cms, StructureIsDetachedSha256RsaWithBothCertificates) {
  const auto signer = shared_test_seal();
  const CmsPtr cms = parse(build_signed_data(sha256_bytes(kContent), *signer));
  ASSERT_TRUE(cms);
  EXPECT_EQ(OBJ_obj2nid(CMS_get0_type(cms.get())), NID_pkcs7_signed);
  EXPECT_EQ(OBJ_obj2nid(CMS_get0_eContentType(cms.get())), NID_pkcs7_data);
  EXPECT_EQ(CMS_is_detached(cms.get()), 1);
  STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
  ASSERT_NE(certs, nullptr);
  EXPECT_EQ(sk_X509_num(certs), 2);
  sk_X509_pop_free(certs, X509_free);

  CMS_SignerInfo* si = only_signer(cms.get());
  ASSERT_NE(si, nullptr);
  X509_ALGOR* digest_alg = nullptr;
  X509_ALGOR* signature_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &signature_alg);
  EXPECT_EQ(OBJ_obj2nid(digest_alg->algorithm), NID_sha256);
  EXPECT_EQ(OBJ_obj2nid(signature_alg->algorithm), NID_rsaEncryption);
  // The signer is the seal certificate, named by issuer and serial.
  X509Ptr seal_cert = x509_from_der(signer->chain_der()[0]);
  EXPECT_EQ(CMS_SignerInfo_cert_cmp(si, seal_cert.get()), 0);
  EXPECT_EQ(ASN1_STRING_length(CMS_SignerInfo_get0_signature(si)), 384);  // RSA-3072
}

TEST(Cms, SignedAttributesAreContentTypeDigestAndSigningCertificateV2Only) {
  const auto signer = shared_test_seal();
  const std::string digest = sha256_bytes(kContent);
  const CmsPtr cms = parse(build_signed_data(digest, *signer));
  ASSERT_TRUE(cms);
  CMS_SignerInfo* si = only_signer(cms.get());
  ASSERT_NE(si, nullptr);
  EXPECT_EQ(CMS_signed_get_attr_count(si), 3);
  EXPECT_EQ(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), -1);
  EXPECT_EQ(CMS_unsigned_get_attr_count(si), -1);
  auto* md = static_cast<ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  ASSERT_NE(md, nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(md->data), md->length), digest);
  auto* type = static_cast<ASN1_OBJECT*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(OBJ_obj2nid(type), NID_pkcs7_data);

  // ESS signing-certificate-v2 names the seal certificate by its SHA-256 and issuer/serial.
  auto* ssv2_der = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  ASSERT_NE(ssv2_der, nullptr);
  const unsigned char* p = ssv2_der->data;
  ESS_SIGNING_CERT_V2* ssv2 = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ssv2_der->length);
  ASSERT_NE(ssv2, nullptr);
  const std::string cert_hash = sha256_bytes(signer->chain_der()[0]);
  const std::string raw(reinterpret_cast<const char*>(ssv2_der->data), ssv2_der->length);
  EXPECT_NE(raw.find(cert_hash), std::string::npos);
  X509Ptr seal_cert = x509_from_der(signer->chain_der()[0]);
  X509Ptr root_cert = x509_from_der(signer->chain_der()[1]);
  STACK_OF(X509)* chain = sk_X509_new_null();
  sk_X509_push(chain, seal_cert.get());
  EXPECT_EQ(OSSL_ESS_check_signing_certs(nullptr, ssv2, chain, 1), 1);
  sk_X509_set(chain, 0, root_cert.get());  // another certificate does not match
  EXPECT_NE(OSSL_ESS_check_signing_certs(nullptr, ssv2, chain, 1), 1);
  sk_X509_free(chain);
  ESS_SIGNING_CERT_V2_free(ssv2);
}

}  // namespace
}  // namespace zhixing::seal
