// Sealing in the document jobs (the nightly's render steps, clerk batches, `zhixing docs`,
// `zhixing worker`): one per process, from the seal.* settings. With the token, every document
// of a sealed kind is rendered with the seal's signature field and sealed before it is issued.
// Without it (seal.enabled but Sealer::open failed) the process renders the unsealed kinds only:
// a launcher refuses to start rendering a sealed kind (check_run), a worker does not claim one
// (claimable_kinds), and an item of a sealed kind that reaches this process anyway is refused —
// no document of a sealed kind is ever issued unsealed. seal.enabled = false: nothing changes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"
#include "documents/document_engine.h"
#include "documents/kinds/document_kind.h"
#include "documents/pdf/signature_field.h"
#include "seal/seal_error.h"
#include "seal/seal_settings.h"
#include "seal/sealer.h"

namespace zhixing::jobs {

class DocumentSealing {
 public:
  // Reads seal.*; when enabled, opens the token (Sealer::open). A SealError of the opening
  // (token_unavailable, no_certificate) is kept: this process then seals nothing.
  static std::shared_ptr<const DocumentSealing> open(const Settings& settings);
  // For tests and benchmarks: a given sealer (nullptr: no token, `unavailable` says why).
  DocumentSealing(seal::SealSettings settings, std::unique_ptr<seal::Sealer> sealer,
                  std::optional<seal::SealError> unavailable = std::nullopt);

  const seal::SealSettings& settings() const { return settings_; }
  // nullptr: this process cannot seal (or seal.enabled = false).
  const seal::Sealer* sealer() const { return sealer_.get(); }
  // Why this process cannot seal, when seal.enabled and it cannot.
  const std::optional<seal::SealError>& unavailable() const { return unavailable_; }
  bool must_seal(documents::DocumentKind kind) const { return seal::is_sealed(kind, settings_); }

  // The kinds this process may claim from a work queue: nullopt = every kind; without the
  // token, the unsealed ones (kind_name).
  std::optional<std::vector<std::string>> claimable_kinds() const;

  // Before a run renders items of `kinds`: throws SealError — the opening's error when this
  // process cannot seal one of them, seal_expired when the certificate is not valid on the
  // business date. Nothing when none of the kinds is sealed.
  void check_run(Date business_date, const std::vector<documents::DocumentKind>& kinds) const;

  // The signature field for a document of `kind` dated `date` (nullopt when the kind is not
  // sealed). Throws SealError: seal_not_valid when the date lies outside the certificate's
  // validity; the opening's error when this process cannot seal.
  std::optional<documents::pdf::SignatureRequest> request(documents::DocumentKind kind, Date date,
                                                          const std::string& court_full_name) const;
  // Seals a document of `kind` rendered with request(): its bytes and SHA-256 change. Returns the
  // signer certificate's fingerprint for its documents row; "" when the kind is not sealed.
  // Throws SealError (signing_failed when the document has no signature field).
  std::string seal(documents::DocumentKind kind, documents::RenderedDocument& doc) const;

  // What every render step does with an item: request() for its kind and date, the engine's
  // render with that signature field, then seal(). `signer` is "" for an unsealed kind.
  struct Rendered {
    documents::RenderedDocument document;
    std::string signer;
  };
  Rendered render(const documents::DocumentEngine& engine, const documents::RenderInput& input,
                  const std::string& court_full_name) const;

 private:
  seal::SealSettings settings_;
  std::unique_ptr<seal::Sealer> sealer_;
  std::optional<seal::SealError> unavailable_;
};

// "seal_expired: 印章证书 …": the stable code, then the Chinese message.
std::string seal_error_text(const seal::SealError& e);

}  // namespace zhixing::jobs
