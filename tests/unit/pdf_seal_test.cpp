// seal/pdf_seal: filling a PDF's signature placeholder; the result verified with OpenSSL over
// the byte ranges and, for a real PDF made with qpdf, by poppler's pdfsig.
#include "seal/pdf_seal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "documents/fonts/font_measurer.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"
#include "pdf_test_support.h"
#include "seal/certificates.h"
#include "seal/seal_error.h"
#include "support/cms_check.h"
#include "support/placeholder_pdf.h"
#include "support/shell.h"
#include "support/test_signer.h"

namespace zhixing::seal {
namespace {

using documents::pdf::SignaturePlaceholder;
using testing::shared_test_seal;
using testing::TestSigner;
using testing::utc_time;
using testing::verify_detached_cms;

// A synthetic "PDF": only the placeholders matter to seal_pdf.
struct Synthetic {
  std::string pdf;
  SignaturePlaceholder place;
};

Synthetic synthetic(std::size_t contents_bytes, std::size_t byte_range_width = 40) {
  Synthetic s;
  s.pdf = "%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange ";
  s.place.byte_range_begin = s.pdf.size();
  s.pdf += "[" + std::string(byte_range_width - 2, ' ') + "]";
  s.place.byte_range_end = s.pdf.size();
  s.pdf += " /Contents ";
  s.place.contents_begin = s.pdf.size();
  s.pdf += "<" + std::string(contents_bytes * 2, '0') + ">";
  s.place.contents_end = s.pdf.size();
  s.pdf += " >> endobj\ntrailer << >>\n%%EOF\n";
  return s;
}

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

// What the signature covers: everything but /Contents' value.
std::string signed_bytes(const std::string& pdf, const SignaturePlaceholder& p) {
  return pdf.substr(0, p.contents_begin) + pdf.substr(p.contents_end);
}

TEST(PdfSeal, FillsByteRangeAndContentsWithoutMovingAByte) {
  Synthetic s = synthetic(8192);
  const std::string before = s.pdf;
  const auto signer = shared_test_seal();
  seal_pdf(s.pdf, s.place, *signer);
  ASSERT_EQ(s.pdf.size(), before.size());
  // Outside the two placeholders nothing changed.
  EXPECT_EQ(s.pdf.substr(0, s.place.byte_range_begin), before.substr(0, s.place.byte_range_begin));
  EXPECT_EQ(s.pdf.substr(s.place.contents_end), before.substr(s.place.contents_end));
  // The ByteRange names the ranges around /Contents, padded with spaces to the same width.
  const std::string byte_range = s.pdf.substr(s.place.byte_range_begin, 40);
  std::ostringstream expected;
  expected << "[0 " << s.place.contents_begin << " " << s.place.contents_end << " "
           << s.pdf.size() - s.place.contents_end;
  EXPECT_EQ(byte_range.substr(0, expected.str().size()), expected.str());
  EXPECT_EQ(byte_range.back(), ']');
  EXPECT_EQ(byte_range.find_first_not_of(' ', expected.str().size()), 39u);
  // /Contents holds the CMS in hex, then '0' padding; it verifies over the signed ranges.
  const std::string hex =
      s.pdf.substr(s.place.contents_begin + 1, s.place.contents_end - s.place.contents_begin - 2);
  const std::string der = unhex(hex);
  ASSERT_EQ(static_cast<unsigned char>(der[1]), 0x82);  // a SEQUENCE of 256..65535 bytes
  const std::size_t length =
      4 + (static_cast<unsigned char>(der[2]) << 8 | static_cast<unsigned char>(der[3]));
  EXPECT_EQ(der.find_first_not_of('\0', length), std::string::npos);  // then zero padding
  const auto check = verify_detached_cms(der.substr(0, length), signed_bytes(s.pdf, s.place),
                                         signer->chain_der()[1], utc_time(2026, 6, 30));
  EXPECT_TRUE(check.verified) << check.error;
  EXPECT_EQ(hex.find_first_not_of("0123456789ABCDEF"), std::string::npos);
}

TEST(PdfSeal, SameInputGivesTheSameBytes) {
  Synthetic a = synthetic(8192);
  Synthetic b = synthetic(8192);
  seal_pdf(a.pdf, a.place, *shared_test_seal());
  seal_pdf(b.pdf, b.place, *shared_test_seal());
  EXPECT_EQ(a.pdf, b.pdf);
}

TEST(PdfSeal, RefusesAPlaceholderTooSmallForTheCms) {
  Synthetic s = synthetic(1024);  // two certificates alone are larger
  try {
    seal_pdf(s.pdf, s.place, *shared_test_seal());
    FAIL() << "sealed into a 1024-byte placeholder";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::placeholder_too_small);
    EXPECT_NE(std::string(e.what()).find("1024"), std::string::npos) << e.what();
  }
}

TEST(PdfSeal, RefusesAByteRangeTooNarrowOrMisplaced) {
  Synthetic narrow = synthetic(8192, 12);
  try {
    seal_pdf(narrow.pdf, narrow.place, *shared_test_seal());
    FAIL() << "wrote a ByteRange wider than its placeholder";
  } catch (const SealError& e) {
    EXPECT_EQ(e.code(), SealErrorCode::signing_failed);
  }
  Synthetic shifted = synthetic(8192);
  shifted.place.contents_begin += 1;  // not at '<'
  EXPECT_THROW(seal_pdf(shifted.pdf, shifted.place, *shared_test_seal()), SealError);
  Synthetic outside = synthetic(8192);
  outside.place.contents_end = outside.pdf.size() + 1;
  EXPECT_THROW(seal_pdf(outside.pdf, outside.place, *shared_test_seal()), SealError);
}

// Real PDFs sealed here and checked by poppler's pdfsig (ETSI.CAdES.detached).
class PdfSealPdfsig : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(std::system("command -v pdfsig >/dev/null && command -v certutil >/dev/null"), 0)
        << "pdfsig (poppler-utils) and certutil (libnss3-tools) are needed";
    dir_ =
        std::filesystem::temp_directory_path() / ("zhixing-pdfseal-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "nss");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  // pdfsig on `sealed`: valid, the whole document signed, the seal's name, the certificate
  // trusted with the root in an NSS database; with the byte at `tamper_at` changed: a digest
  // mismatch.
  void expect_pdfsig_valid(const std::string& sealed, const TestSigner& signer,
                           std::size_t tamper_at) {
    const std::string file = write("sealed.pdf", sealed);
    const auto untrusted = testing::run_shell("pdfsig '" + file + "'");
    EXPECT_NE(untrusted.out.find("Signature is Valid."), std::string::npos) << untrusted.out;
    EXPECT_NE(untrusted.out.find("Total document signed"), std::string::npos) << untrusted.out;
    EXPECT_NE(untrusted.out.find("河北省易县人民法院电子印章"), std::string::npos) << untrusted.out;

    const std::string nss = "sql:" + (dir_ / "nss").string();
    const std::string root = write("root.pem", to_pem(signer.chain_der()[1]));
    ASSERT_EQ(testing::run_shell("certutil -N -d " + nss + " --empty-password").exit_code, 0);
    ASSERT_EQ(testing::run_shell("certutil -A -d " + nss + " -n court-root -t CT,C,C -i " + root)
                  .exit_code,
              0);
    const auto trusted = testing::run_shell("pdfsig -nssdir " + nss + " '" + file + "'");
    EXPECT_NE(trusted.out.find("Signature is Valid."), std::string::npos) << trusted.out;
    EXPECT_NE(trusted.out.find("Certificate is Trusted."), std::string::npos) << trusted.out;

    std::string tampered = sealed;
    tampered[tamper_at] = static_cast<char>(tampered[tamper_at] ^ 1);
    const auto bad = testing::run_shell("pdfsig '" + write("tampered.pdf", tampered) + "'");
    EXPECT_EQ(bad.out.find("Signature is Valid."), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("Digest Mismatch"), std::string::npos) << bad.out;
  }

  std::filesystem::path dir_;
};

TEST_F(PdfSealPdfsig, QpdfMadeDocumentIsValidAndTrusted) {
  const auto signer = shared_test_seal();
  testing::PlaceholderPdf doc = testing::make_placeholder_pdf();
  seal_pdf(doc.pdf, doc.placeholder, *signer);
  const std::size_t text = doc.pdf.find("Sealed test document");
  ASSERT_NE(text, std::string::npos);
  expect_pdfsig_valid(doc.pdf, *signer, text);
}

// The document renderer's own signature field (documents/pdf/signature_field.h) with the
// court's seal drawn over the date line, filled here.
TEST_F(PdfSealPdfsig, RenderedRulingIsValidAndTrusted) {
  REQUIRE_FONTS(fonts);
  const fonts::FontMeasurer measurer(*fonts);
  const layout::LaidOutDocument laid =
      layout::paginate(pdf_test::sample_document(), layout::PageProfile::gbt9704(), measurer);
  documents::pdf::SignatureRequest request;
  request.seal.court_name = "河北省易县人民法院";
  request.seal.purpose = "电子印章";
  request.signing_time = "D:20240822000000+08'00'";
  request.reason = "执行裁定书";
  request.location = "河北省易县人民法院";
  documents::pdf::RenderOptions options;
  options.signature = &request;
  SignaturePlaceholder place;
  std::string pdf = documents::pdf::render_pdf(laid, *fonts, options, nullptr, &place);
  const std::string before = pdf;
  const auto signer = shared_test_seal();
  seal_pdf(pdf, place, *signer);
  ASSERT_EQ(pdf.size(), before.size());
  // The header's binary comment: a byte no reader needs, inside the first signed range.
  ASSERT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
  const std::size_t comment = pdf.find('%', 1);
  ASSERT_LT(comment, place.contents_begin);
  expect_pdfsig_valid(pdf, *signer, comment + 1);
}

}  // namespace
}  // namespace zhixing::seal
