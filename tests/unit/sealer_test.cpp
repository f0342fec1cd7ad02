// The Sealer (seal/sealer.h) and the jobs' DocumentSealing (jobs/document_sealing.h): which kinds
// are sealed, the refusals by date (seal_expired for a run, seal_not_valid for a document), the
// signature request, and a process without the token.
#include "seal/sealer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/sha256.h"
#include "documents/fonts/font_measurer.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"
#include "jobs/document_sealing.h"
#include "pdf_test_support.h"
#include "seal/seal_error.h"
#include "seal/signer.h"
#include "support/test_signer.h"

namespace zhixing::seal {
namespace {

using documents::DocumentKind;

Date day(const char* iso) { return *Date::parse_iso(iso); }

// Signs nothing: these tests never reach the signature.
class UnusedSigner : public Signer {
 public:
  std::string sign_sha256_rsa(std::string_view) const override {
    throw std::logic_error("not used");
  }
  const std::vector<std::string>& chain_der() const override { return chain_; }

 private:
  std::vector<std::string> chain_;
};

CertificateInfo certificate_2024_to_2026() {
  CertificateInfo c;
  c.subject = "CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN";
  c.not_before = day("2024-01-01");
  c.not_after = day("2026-12-31");
  c.fingerprint = std::string(64, 'f');
  return c;
}

std::unique_ptr<Sealer> sealer(SealSettings settings = {}) {
  return std::make_unique<Sealer>(settings, std::make_shared<UnusedSigner>(),
                                  certificate_2024_to_2026());
}

template <typename F>
SealError seal_error_of(F&& f) {
  try {
    f();
  } catch (const SealError& e) {
    return e;
  }
  ADD_FAILURE() << "no SealError";
  return SealError(SealErrorCode::signing_failed, "");
}

TEST(SealedKinds, EveryKindButTheSettlementUnlessConfiguredAndNoneWhenDisabled) {
  SealSettings s;
  const auto kinds = sealed_kinds(s);
  EXPECT_EQ(kinds.size(), documents::all_kinds().size() - 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), DocumentKind::settlement), 0);
  for (DocumentKind k : documents::all_kinds())
    EXPECT_EQ(is_sealed(k, s), k != DocumentKind::settlement) << documents::kind_name(k);
  EXPECT_TRUE(is_sealed(DocumentKind::relief_voucher, s));
  s.settlement = true;
  EXPECT_EQ(sealed_kinds(s).size(), documents::all_kinds().size());
  EXPECT_TRUE(is_sealed(DocumentKind::settlement, s));
  s.enabled = false;
  EXPECT_TRUE(sealed_kinds(s).empty());
  for (DocumentKind k : documents::all_kinds()) EXPECT_FALSE(is_sealed(k, s));
}

TEST(Sealer, ARunWhoseBusinessDateIsOutsideTheCertificateIsRefusedAsSealExpired) {
  auto s = sealer();
  EXPECT_NO_THROW(s->check_run(day("2024-01-01")));
  EXPECT_NO_THROW(s->check_run(day("2026-12-31")));
  SealError e = seal_error_of([&] { s->check_run(day("2027-01-01")); });
  EXPECT_EQ(e.code(), SealErrorCode::seal_expired);
  const std::string m = e.what();
  EXPECT_NE(m.find("2024-01-01 至 2026-12-31"), std::string::npos) << m;
  EXPECT_NE(m.find("2027-01-01"), std::string::npos) << m;
  EXPECT_NE(m.find("已经过期"), std::string::npos) << m;
  EXPECT_EQ(seal_error_of([&] { s->check_run(day("2023-12-31")); }).code(),
            SealErrorCode::seal_expired);
}

TEST(Sealer, ADocumentDatedOutsideTheCertificateIsRefusedAsSealNotValid) {
  auto s = sealer();
  EXPECT_NO_THROW(s->check_document(day("2025-06-30")));
  SealError e = seal_error_of([&] { s->check_document(day("2023-05-01")); });
  EXPECT_EQ(e.code(), SealErrorCode::seal_not_valid);
  EXPECT_NE(std::string(e.what()).find("2023-05-01"), std::string::npos);
  EXPECT_EQ(seal_error_of([&] { s->check_document(day("2027-02-01")); }).code(),
            SealErrorCode::seal_not_valid);
}

TEST(Sealer, TheRequestCarriesTheDocumentsDateTitleCourtAndPurpose) {
  SealSettings settings;
  settings.purpose = "执行专用章";
  settings.diameter_mm = 40;
  auto s = sealer(settings);
  const auto r = s->request(DocumentKind::ruling_freeze, day("2024-12-31"), "河北省易县人民法院");
  EXPECT_EQ(r.signing_time, "D:20241231000000+08'00'");
  EXPECT_EQ(r.reason, "执行裁定书");
  EXPECT_EQ(r.location, "河北省易县人民法院");
  EXPECT_EQ(r.seal.court_name, "河北省易县人民法院");
  EXPECT_EQ(r.seal.purpose, "执行专用章");
  EXPECT_DOUBLE_EQ(r.seal.diameter_mm, 40);
  EXPECT_EQ(s->request(DocumentKind::relief_voucher, day("2024-03-05"), "x").reason,
            "司法救助金发放凭证");
  EXPECT_EQ(s->request(DocumentKind::notice, day("2024-03-05"), "x").signing_time,
            "D:20240305000000+08'00'");
}

TEST(Sealer, ADocumentRenderedWithoutASignatureFieldIsNeverIssuedUnsealed) {
  auto s = sealer();
  documents::RenderedDocument doc;
  doc.pdf = "%PDF-1.7";
  EXPECT_EQ(seal_error_of([&] { s->seal(doc); }).code(), SealErrorCode::signing_failed);
}

// A document rendered with the request and sealed with the in-memory test signer: the bytes
// change only inside /Contents and /ByteRange, the SHA-256 is the sealed bytes', pdfsig accepts
// the signature, and sealing the same rendering twice gives the same bytes (a rerun's).
TEST(Sealer, SealsARenderedDocumentDeterministicallyAndPdfsigAcceptsIt) {
  REQUIRE_FONTS(fonts);
  REQUIRE_TOOL("pdfsig");
  const auto signer = testing::shared_test_seal();
  const Sealer s(SealSettings{}, signer, parse_certificate(signer->chain_der().at(0)));
  const auto request =
      s.request(DocumentKind::ruling_freeze, day("2024-08-22"), "河北省易县人民法院");
  EXPECT_LT(request.contents_bytes, 8192u) << "sized to the chain, not the 8 KB default";
  const fonts::FontMeasurer measurer(*fonts);
  const auto laid =
      layout::paginate(pdf_test::sample_document(), layout::PageProfile::gbt9704(), measurer);
  pdf::RenderOptions options;
  options.signature = &request;
  documents::RenderedDocument doc;
  pdf::SignaturePlaceholder placeholder;
  doc.pdf = pdf::render_pdf(laid, *fonts, options, nullptr, &placeholder);
  doc.sha256 = sha256_hex(doc.pdf);
  doc.signature = placeholder;
  const std::string unsealed = doc.pdf;
  documents::RenderedDocument again = doc;
  s.seal(doc);
  s.seal(again);
  EXPECT_EQ(doc.pdf, again.pdf) << "RSA PKCS#1 v1.5: the same input, the same bytes";
  EXPECT_EQ(doc.sha256, sha256_hex(doc.pdf));
  EXPECT_NE(doc.sha256, sha256_hex(unsealed));
  ASSERT_EQ(doc.pdf.size(), unsealed.size());
  EXPECT_EQ(doc.pdf.substr(0, placeholder.byte_range_begin),
            unsealed.substr(0, placeholder.byte_range_begin));
  EXPECT_EQ(doc.pdf.substr(placeholder.contents_end), unsealed.substr(placeholder.contents_end));
  pdf_test::TempDir dir;
  const std::string out = pdf_test::run("pdfsig " + dir.write("sealed.pdf", doc.pdf).string());
  EXPECT_NE(out.find("Signature is Valid"), std::string::npos) << out;
  EXPECT_NE(out.find("Total document signed"), std::string::npos) << out;
  EXPECT_NE(out.find("Signature Field Name: CourtSeal"), std::string::npos) << out;
}

TEST(DocumentSealing, WithoutTheTokenOnlyUnsealedKindsAreClaimedAndSealedOnesRefused) {
  const jobs::DocumentSealing none(
      SealSettings{}, nullptr, SealError(SealErrorCode::token_unavailable, "找不到令牌 zhixing"));
  ASSERT_TRUE(none.claimable_kinds());
  EXPECT_EQ(*none.claimable_kinds(), std::vector<std::string>{"settlement"});
  // A run of sealed kinds is refused before rendering; a run of the settlement alone is not.
  const SealError e = seal_error_of([&] {
    none.check_run(day("2024-12-31"), {DocumentKind::settlement, DocumentKind::notice});
  });
  EXPECT_EQ(e.code(), SealErrorCode::token_unavailable);
  EXPECT_NE(std::string(e.what()).find("找不到令牌 zhixing"), std::string::npos);
  EXPECT_NO_THROW(none.check_run(day("2024-12-31"), {DocumentKind::settlement}));
  EXPECT_FALSE(none.request(DocumentKind::settlement, day("2024-12-31"), "x"));
  EXPECT_EQ(
      seal_error_of([&] { none.request(DocumentKind::notice, day("2024-12-31"), "x"); }).code(),
      SealErrorCode::token_unavailable);
  documents::RenderedDocument doc;
  EXPECT_EQ(seal_error_of([&] { none.seal(DocumentKind::consumption_ban, doc); }).code(),
            SealErrorCode::token_unavailable);
  EXPECT_EQ(none.seal(DocumentKind::settlement, doc), "");
}

TEST(DocumentSealing, DisabledSealsNothingAndClaimsEverything) {
  SealSettings off;
  off.enabled = false;
  const jobs::DocumentSealing sealing(off, nullptr);
  EXPECT_FALSE(sealing.claimable_kinds());
  EXPECT_FALSE(sealing.unavailable());
  EXPECT_NO_THROW(sealing.check_run(day("2099-01-01"), documents::all_kinds()));
  for (DocumentKind k : documents::all_kinds())
    EXPECT_FALSE(sealing.request(k, day("2024-12-31"), "x"));
}

TEST(DocumentSealing, WithTheTokenTheRunAndEachDocumentAreCheckedAgainstTheCertificate) {
  const jobs::DocumentSealing sealing(SealSettings{}, sealer());
  EXPECT_FALSE(sealing.claimable_kinds());
  EXPECT_NO_THROW(sealing.check_run(day("2026-12-31"), {DocumentKind::notice}));
  EXPECT_EQ(
      seal_error_of([&] { sealing.check_run(day("2027-01-01"), {DocumentKind::notice}); }).code(),
      SealErrorCode::seal_expired);
  EXPECT_EQ(jobs::seal_error_text(SealError(SealErrorCode::seal_expired, "过期")),
            "seal_expired: 过期");
  const auto r = sealing.request(DocumentKind::ruling_zhongben, day("2025-01-02"), "某法院");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, "执行裁定书");
  EXPECT_EQ(seal_error_of([&] {
              sealing.request(DocumentKind::ruling_zhongben, day("2023-01-02"), "某法院");
            }).code(),
            SealErrorCode::seal_not_valid);
}

}  // namespace
}  // namespace zhixing::seal
