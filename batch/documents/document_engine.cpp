#include "documents/document_engine.h"

#include "core/sha256.h"
#include "documents/fonts/coverage_check.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_error.h"
#include "documents/pdf/pdf_writer.h"

namespace zhixing::inline documents {

DocumentEngine::DocumentEngine(const std::string& root, const std::string& profile,
                               const std::string& font_manifest)
    : renderer_(root),
      fonts_(std::make_unique<fonts::FontSet>(fonts::FontSet::load(
          font_manifest.empty()
              ? fonts::FontManifest::load_default(std::filesystem::path(root))
              : fonts::FontManifest::load(std::filesystem::path(root) / font_manifest, root)))),
      profile_(profile == "court" ? layout::PageProfile::court() : layout::PageProfile::gbt9704()) {
  if (profile != "court" && profile != "gbt9704")
    throw std::runtime_error("documents.profile 应为 gbt9704 或 court：" + profile);
}

DocumentEngine::~DocumentEngine() = default;

RenderedDocument DocumentEngine::render(const RenderInput& input,
                                        const pdf::SignatureRequest* signature) const {
  PreparedDocument prepared = renderer_.prepare(input);
  // Every value a template can print is checked against the body chain before anything is
  // drawn: a character no face has fails this one document, naming field and case.
  DocumentRenderer::check_glyphs(
      prepared, [this](std::string_view text) -> std::optional<char32_t> {
        auto bad = fonts::first_undrawable(*fonts_, fonts::Role::body, text);
        if (!bad) return std::nullopt;
        return bad->code_point;
      });
  layout::Document blocks = renderer_.render(prepared);
  fonts::FontMeasurer measurer(*fonts_);
  layout::LaidOutDocument laid_out = layout::paginate(blocks, profile_, measurer);
  RenderedDocument out;
  try {
    pdf::RenderOptions options;
    options.signature = signature;
    pdf::SignaturePlaceholder placeholder;
    out.pdf = pdf::render_pdf(laid_out, *fonts_, options, nullptr, &placeholder);
    if (signature != nullptr) out.signature = placeholder;
  } catch (const pdf::PdfError& e) {
    bool glyph = e.code() == pdf::PdfErrorCode::missing_glyph;
    throw DocumentError(glyph ? DocumentErrorCode::missing_glyph : DocumentErrorCode::render_failed,
                        std::string(e.what()) + "（" + prepared.case_number + "）");
  }
  // With a signature request the bytes are not final: the sealer fills the placeholders and
  // hashes them then (seal/sealer.h), so they are not hashed twice.
  if (signature == nullptr) out.sha256 = sha256_hex(out.pdf);
  out.template_name = prepared.template_name;
  out.template_version = prepared.template_version;
  out.pages = static_cast<int>(laid_out.pages.size());
  return out;
}

}  // namespace zhixing::inline documents
