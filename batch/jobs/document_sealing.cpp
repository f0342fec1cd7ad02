#include "jobs/document_sealing.h"

namespace zhixing::jobs {

using documents::DocumentKind;

std::shared_ptr<const DocumentSealing> DocumentSealing::open(const Settings& settings) {
  seal::SealSettings s = seal::SealSettings::from(settings);
  if (!s.enabled) return std::make_shared<DocumentSealing>(std::move(s), nullptr);
  try {
    std::unique_ptr<seal::Sealer> sealer = seal::Sealer::open(s);
    return std::make_shared<DocumentSealing>(std::move(s), std::move(sealer));
  } catch (const seal::SealError& e) {
    return std::make_shared<DocumentSealing>(std::move(s), nullptr, e);
  }
}

DocumentSealing::DocumentSealing(seal::SealSettings settings, std::unique_ptr<seal::Sealer> sealer,
                                 std::optional<seal::SealError> unavailable)
    : settings_(std::move(settings)),
      sealer_(std::move(sealer)),
      unavailable_(std::move(unavailable)) {
  if (settings_.enabled && !sealer_ && !unavailable_)
    unavailable_ = seal::SealError(seal::SealErrorCode::token_unavailable, "本进程没有印章令牌");
}

std::optional<std::vector<std::string>> DocumentSealing::claimable_kinds() const {
  if (sealer_ || !settings_.enabled) return std::nullopt;
  std::vector<std::string> kinds;
  for (DocumentKind k : documents::all_kinds())
    if (!must_seal(k)) kinds.emplace_back(documents::kind_name(k));
  return kinds;
}

void DocumentSealing::check_run(Date business_date, const std::vector<DocumentKind>& kinds) const {
  bool any = false;
  for (DocumentKind k : kinds) any = any || must_seal(k);
  if (!any) return;
  if (!sealer_)
    throw seal::SealError(unavailable_->code(),
                          std::string(unavailable_->what()) +
                              "；本进程不能加盖电子印章，本次运行不生成任何文书（须加盖印章的"
                              "文书绝不以未盖章的形式签发）");
  sealer_->check_run(business_date);
}

std::optional<documents::pdf::SignatureRequest> DocumentSealing::request(
    DocumentKind kind, Date date, const std::string& court_full_name) const {
  if (!must_seal(kind)) return std::nullopt;
  if (!sealer_) throw *unavailable_;
  sealer_->check_document(date);
  return sealer_->request(kind, date, court_full_name);
}

std::string DocumentSealing::seal(DocumentKind kind, documents::RenderedDocument& doc) const {
  if (!must_seal(kind)) return "";
  if (!sealer_) throw *unavailable_;
  sealer_->seal(doc);
  return sealer_->certificate().fingerprint;
}

DocumentSealing::Rendered DocumentSealing::render(const documents::DocumentEngine& engine,
                                                  const documents::RenderInput& input,
                                                  const std::string& court_full_name) const {
  const DocumentKind kind = input.event.kind;
  const auto signature = request(kind, input.event.date, court_full_name);
  Rendered out{engine.render(input, signature ? &*signature : nullptr), ""};
  out.signer = seal(kind, out.document);
  return out;
}

std::string seal_error_text(const seal::SealError& e) {
  return std::string(e.name()) + ": " + e.what();
}

}  // namespace zhixing::jobs
