// The pure parts of the PKCS#11 layer: return-code names in messages, blank-padded labels, key
// sizes.
#include <gtest/gtest.h>

#include "seal/pkcs11_module.h"
#include "seal/pkcs11_token.h"

namespace zhixing::seal {
namespace {

TEST(Pkcs11Module, NamesReturnCodes) {
  EXPECT_EQ(pkcs11::rv_name(CKR_PIN_INCORRECT), "CKR_PIN_INCORRECT");
  EXPECT_EQ(pkcs11::rv_name(CKR_TOKEN_NOT_PRESENT), "CKR_TOKEN_NOT_PRESENT");
  EXPECT_EQ(pkcs11::rv_name(0x8000abcdUL), "CKR_0x8000abcd");
}

TEST(Pkcs11Module, CheckThrowsTheCodeWithTheReturnCodeName) {
  EXPECT_NO_THROW(pkcs11::check(CKR_OK, SealErrorCode::signing_failed, "签名"));
  try {
    pkcs11::check(CKR_KEY_FUNCTION_NOT_PERMITTED, SealErrorCode::signing_failed, "令牌签名失败");
    ADD_FAILURE() << "no exception";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::signing_failed);
    EXPECT_STREQ(e.what(), "令牌签名失败：CKR_KEY_FUNCTION_NOT_PERMITTED");
  }
}

TEST(Pkcs11Module, TrimsBlankPaddedText) {
  const unsigned char label[32] = {'z', 'h', 'i', 'x', 'i', 'n', 'g', ' ', ' ', ' ', ' ',
                                   ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
                                   ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
  EXPECT_EQ(pkcs11::trimmed(label, sizeof label), "zhixing");
}

TEST(RsaPublicKey, BitsCountTheModulusFromItsTopBit) {
  EXPECT_EQ((RsaPublicKey{std::string(384, '\xff'), std::string("\x01\x00\x01", 3)}).bits(), 3072);
  EXPECT_EQ((RsaPublicKey{std::string("\x00\x01", 2) + std::string(383, '\xff'), ""}).bits(), 3065);
  EXPECT_EQ((RsaPublicKey{"", ""}).bits(), 0);
}

}  // namespace
}  // namespace zhixing::seal
