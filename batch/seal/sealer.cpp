#include "seal/sealer.h"

#include <cstdio>

#include "core/labels.h"
#include "core/sha256.h"
#include "seal/pdf_seal.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_error.h"
#include "seal/seal_store.h"
#include "seal/signer.h"

namespace zhixing::seal {

using documents::DocumentKind;

std::vector<DocumentKind> sealed_kinds(const SealSettings& settings) {
  std::vector<DocumentKind> kinds;
  if (!settings.enabled) return kinds;
  for (DocumentKind k : documents::all_kinds())
    if (k != DocumentKind::settlement || settings.settlement) kinds.push_back(k);
  return kinds;
}

bool is_sealed(DocumentKind kind, const SealSettings& settings) {
  if (!settings.enabled) return false;
  return kind != DocumentKind::settlement || settings.settlement;
}

namespace {

// "（CN=…，有效期 2024-01-01 至 2028-12-31）"
std::string validity_text(const CertificateInfo& c) {
  return "印章证书 " + c.subject + "（有效期 " + c.not_before.iso() + " 至 " + c.not_after.iso() +
         "）";
}

// The /Contents capacity for this signer's CMS: its certificates, an RSA signature of up to 4096
// bits and the SignedData's own structure (signed attributes, issuer and serial: under 1 KB),
// rounded up. Fixed per certificate chain, so that a rerun gives the same bytes; about 3.5 KB
// instead of a fixed 8 KB, which the hex of /Contents would double in every document.
std::size_t contents_capacity(const Signer& signer) {
  std::size_t bytes = 512 + 1536;
  for (const auto& der : signer.chain_der()) bytes += der.size();
  return (bytes + 511) / 512 * 512;
}

}  // namespace

Sealer::Sealer(SealSettings settings, std::shared_ptr<const Signer> signer,
               CertificateInfo certificate)
    : settings_(std::move(settings)),
      signer_(std::move(signer)),
      certificate_(std::move(certificate)) {}

Sealer::~Sealer() = default;

std::unique_ptr<Sealer> Sealer::open(const SealSettings& settings) {
  std::shared_ptr<Pkcs11Token> token = Pkcs11Token::open(settings);
  CertificateInfo current = current_seal_certificate(*token, settings);
  auto signer = std::make_shared<TokenSigner>(token, settings.key_label,
                                              seal_chain(*token, current, settings));
  return std::make_unique<Sealer>(settings, std::move(signer), std::move(current));
}

void Sealer::check_run(Date business_date) const {
  if (certificate_.valid_on(business_date)) return;
  const bool not_yet = business_date < certificate_.not_before;
  throw SealError(SealErrorCode::seal_expired,
                  validity_text(certificate_) + (not_yet ? "在业务日期 " : "到业务日期 ") +
                      business_date.iso() + (not_yet ? " 尚未生效" : " 已经过期") +
                      "：本次运行不生成任何文书；请更换印章证书（zhixing seal rotate）后重新运行");
}

void Sealer::check_document(Date date) const {
  if (certificate_.valid_on(date)) return;
  throw SealError(
      SealErrorCode::seal_not_valid,
      "文书日期 " + date.iso() + " 不在" + validity_text(certificate_) + "之内，不能加盖电子印章");
}

documents::pdf::SignatureRequest Sealer::request(DocumentKind kind, Date date,
                                                 const std::string& court_full_name) const {
  documents::pdf::SignatureRequest r;
  r.seal.court_name = court_full_name;
  r.seal.purpose = settings_.purpose;
  r.seal.diameter_mm = settings_.diameter_mm;
  char when[32];
  std::snprintf(when, sizeof when, "D:%04d%02d%02d000000+08'00'", date.year(), date.month(),
                date.day());
  r.signing_time = when;
  r.reason = std::string(document_title(documents::kind_name(kind)));
  r.location = court_full_name;
  r.contents_bytes = contents_capacity(*signer_);
  return r;
}

void Sealer::seal(documents::RenderedDocument& doc) const {
  if (!doc.signature)
    throw SealError(SealErrorCode::signing_failed, "文书渲染时没有签名域，无法加盖电子印章");
  seal_pdf(doc.pdf, *doc.signature, *signer_);
  doc.sha256 = sha256_hex(doc.pdf);
}

}  // namespace zhixing::seal
