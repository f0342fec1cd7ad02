// Checking a sealed PDF by itself (seal/pdf_verify.h): a ruling rendered with a signature field,
// sealed by the in-memory test seal (tests/support/test_signer.h), read back with qpdf and checked
// with OpenSSL — valid; one changed byte, an unknown root, a date outside the certificate's
// validity, an unsigned file and a non-PDF each give their own status. poppler's pdfsig agrees.
#include <gtest/gtest.h>

#include <string>

#include "documents/fonts/font_measurer.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"
#include "pdf_test_support.h"
#include "seal/pdf_seal.h"
#include "seal/pdf_verify.h"
#include "support/test_signer.h"

namespace {

using namespace zhixing;
using namespace zhixing::pdf_test;
using seal::SignatureStatus;

class PdfVerifyTest : public ::testing::Test {
 protected:
  // The sample ruling dated `m`, sealed by `signer`.
  std::string sealed_ruling(const seal::Signer& signer, const std::string& m) {
    std::string why;
    const fonts::FontSet* fonts = font_set(&why);
    EXPECT_NE(fonts, nullptr) << why;
    if (fonts == nullptr) return {};
    fonts::FontMeasurer measurer(*fonts);
    const layout::LaidOutDocument laid =
        layout::paginate(sample_document(), layout::PageProfile::gbt9704(), measurer);
    pdf::SignatureRequest request;
    request.seal.court_name = "河北省易县人民法院";
    request.seal.purpose = "电子印章";
    request.signing_time = m;
    request.reason = "执行裁定书";
    pdf::RenderOptions options;
    options.signature = &request;
    pdf::SignaturePlaceholder placeholder;
    std::string bytes = pdf::render_pdf(laid, *fonts, options, nullptr, &placeholder);
    seal::seal_pdf(bytes, placeholder, signer);
    return bytes;
  }
  std::vector<std::string> roots_of(const seal::Signer& signer) {
    return {signer.chain_der().back()};
  }
};

TEST_F(PdfVerifyTest, ASealedRulingIsValidAndNamesItsSignerAndDate) {
  auto seal = zhixing::testing::shared_test_seal();
  const std::string pdf = sealed_ruling(*seal, "D:20240822000000+08'00'");
  const seal::SignatureCheck c = seal::verify_pdf_signature(pdf, roots_of(*seal));
  EXPECT_EQ(c.status, SignatureStatus::valid) << c.detail;
  ASSERT_TRUE(c.signing_date.has_value());
  EXPECT_EQ(c.signing_date->iso(), "2024-08-22");
  EXPECT_EQ(c.signer_fingerprint.size(), 64u);
  EXPECT_NE(c.signer_subject.find("易县人民法院"), std::string::npos) << c.signer_subject;
  EXPECT_EQ(c.file_sha256.size(), 64u);
}

TEST_F(PdfVerifyTest, OneChangedByteAnywhereInTheSignedRangesIsCaught) {
  auto seal = zhixing::testing::shared_test_seal();
  const std::string pdf = sealed_ruling(*seal, "D:20240822000000+08'00'");
  for (std::size_t at : {std::size_t{20}, pdf.size() / 3, pdf.size() - 30}) {
    std::string changed = pdf;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    const seal::SignatureCheck c = seal::verify_pdf_signature(changed, roots_of(*seal));
    EXPECT_NE(c.status, SignatureStatus::valid) << "byte " << at;
  }
  // appended bytes (an incremental update after sealing) leave part of the file unsigned
  const seal::SignatureCheck appended =
      seal::verify_pdf_signature(pdf + "\n% appended\n", roots_of(*seal));
  EXPECT_EQ(appended.status, SignatureStatus::modified) << appended.detail;
}

TEST_F(PdfVerifyTest, AnotherCourtsRootIsUntrusted) {
  auto seal = zhixing::testing::shared_test_seal();
  zhixing::testing::TestSealOptions other;
  other.court = "河北省涞水县人民法院";
  other.seal_bits = 2048;
  auto stranger = zhixing::testing::make_test_seal(other);
  const std::string pdf = sealed_ruling(*seal, "D:20240822000000+08'00'");
  EXPECT_EQ(seal::verify_pdf_signature(pdf, roots_of(*stranger)).status,
            SignatureStatus::untrusted);
  EXPECT_EQ(seal::verify_pdf_signature(pdf, {}).status, SignatureStatus::untrusted);
  // a document sealed by a stranger's key is not the court's either
  const std::string foreign = sealed_ruling(*stranger, "D:20240822000000+08'00'");
  EXPECT_EQ(seal::verify_pdf_signature(foreign, roots_of(*seal)).status,
            SignatureStatus::untrusted);
}

TEST_F(PdfVerifyTest, ADateOutsideTheCertificatesValidityIsRefused) {
  auto seal = zhixing::testing::shared_test_seal();  // valid 2024-01-01 … 2028-12-31
  const std::string early = sealed_ruling(*seal, "D:20231231000000+08'00'");
  EXPECT_EQ(seal::verify_pdf_signature(early, roots_of(*seal)).status,
            SignatureStatus::not_valid_on_date);
  const std::string late = sealed_ruling(*seal, "D:20290101000000+08'00'");
  EXPECT_EQ(seal::verify_pdf_signature(late, roots_of(*seal)).status,
            SignatureStatus::not_valid_on_date);
  // the first and the last day are inside
  EXPECT_EQ(seal::verify_pdf_signature(sealed_ruling(*seal, "D:20240101000000+08'00'"),
                                       roots_of(*seal))
                .status,
            SignatureStatus::valid);
  EXPECT_EQ(seal::verify_pdf_signature(sealed_ruling(*seal, "D:20281231000000+08'00'"),
                                       roots_of(*seal))
                .status,
            SignatureStatus::valid);
}

TEST_F(PdfVerifyTest, AnUnsignedPdfAndANonPdfAreNamedAsSuch) {
  auto seal = zhixing::testing::shared_test_seal();
  std::string why;
  const fonts::FontSet* fonts = font_set(&why);
  ASSERT_NE(fonts, nullptr) << why;
  fonts::FontMeasurer measurer(*fonts);
  const std::string plain = pdf::render_pdf(
      layout::paginate(sample_document(), layout::PageProfile::gbt9704(), measurer), *fonts);
  EXPECT_EQ(seal::verify_pdf_signature(plain, roots_of(*seal)).status,
            SignatureStatus::unsigned_document);
  EXPECT_EQ(seal::verify_pdf_signature("not a pdf at all", roots_of(*seal)).status,
            SignatureStatus::not_pdf);
  EXPECT_EQ(seal::verify_pdf_signature("", roots_of(*seal)).status, SignatureStatus::not_pdf);
}

TEST_F(PdfVerifyTest, PdfsigAgreesThatTheSignatureIsValidAndThatATamperedCopyIsNot) {
  REQUIRE_TOOL("pdfsig");
  auto seal = zhixing::testing::shared_test_seal();
  const std::string pdf = sealed_ruling(*seal, "D:20240822000000+08'00'");
  TempDir dir;
  const std::string out = run("pdfsig '" + dir.write("sealed.pdf", pdf).string() + "'");
  EXPECT_NE(out.find("Signature is Valid"), std::string::npos) << out;
  EXPECT_NE(out.find("Total document signed"), std::string::npos) << out;
  std::string changed = pdf;
  changed[pdf.size() / 3] = static_cast<char>(changed[pdf.size() / 3] ^ 0x01);
  const std::string bad = run("pdfsig '" + dir.write("tampered.pdf", changed).string() + "'");
  EXPECT_EQ(bad.find("Signature is Valid"), std::string::npos) << bad;
}

}  // namespace
