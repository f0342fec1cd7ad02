// Sealing in a run: opened once per process from the seal.* settings, it says which kinds are
// sealed, refuses dates outside the certificate's validity, asks the document engine for a
// signature field and fills it (pdf_seal.h). A process without the token has no Sealer and
// renders only unsealed kinds.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "documents/document_engine.h"
#include "documents/kinds/document_kind.h"
#include "documents/pdf/signature_field.h"
#include "seal/certificates.h"
#include "seal/seal_settings.h"

namespace zhixing::seal {

class Signer;

// The kinds that are sealed when issued: every 裁定书, 通知书, 令, 决定书 and the voucher; the
// 执行和解协议 only with seal.settlement = true. Empty when seal.enabled = false.
std::vector<documents::DocumentKind> sealed_kinds(const SealSettings& settings);
bool is_sealed(documents::DocumentKind kind, const SealSettings& settings);

class Sealer {
 public:
  // Opens the token and its current seal certificate (the newest in seal.dir/certs whose key
  // is the token's). Throws SealError(token_unavailable | no_certificate).
  static std::unique_ptr<Sealer> open(const SealSettings& settings);
  // For tests and benchmarks: a given signer and its certificate.
  Sealer(SealSettings settings, std::shared_ptr<const Signer> signer, CertificateInfo certificate);
  ~Sealer();

  const SealSettings& settings() const { return settings_; }
  const CertificateInfo& certificate() const { return certificate_; }
  bool seals(documents::DocumentKind kind) const { return is_sealed(kind, settings_); }

  // Throws SealError(seal_expired) when the certificate is not valid on the business date.
  void check_run(Date business_date) const;
  // Throws SealError(seal_not_valid) when a document dated `date` cannot be sealed.
  void check_document(Date date) const;

  // The signature field for a document of `kind` dated `date` of the court `court_full_name`.
  documents::pdf::SignatureRequest request(documents::DocumentKind kind, Date date,
                                           const std::string& court_full_name) const;
  // Fills the placeholder of a document rendered with request(): doc.pdf and doc.sha256 change.
  // Thread-safe.
  void seal(documents::RenderedDocument& doc) const;

 private:
  SealSettings settings_;
  std::shared_ptr<const Signer> signer_;
  CertificateInfo certificate_;
};

}  // namespace zhixing::seal
