// One place that turns (case, event) into PDF bytes: templates → blocks → layout → PDF.
// Loaded once per process (fonts, templates, law articles); thread-safe afterwards, so the
// batch renders on every core. No database here.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/court_registry.h"
#include "documents/fonts/font_set.h"
#include "documents/kinds/document_renderer.h"
#include "documents/layout/page_profile.h"
#include "documents/pdf/signature_field.h"

namespace zhixing::inline documents {

struct RenderedDocument {
  std::string pdf;     // the bytes
  std::string sha256;  // of the bytes; empty when rendered with a signature request (the
                       // sealer sets it once the placeholders are filled)
  std::string template_name;
  std::string template_version;  // SHA-256 of the template file
  int pages = 0;
  // Rendered with a signature request: where its placeholders are (seal/pdf_seal.h fills them).
  std::optional<pdf::SignaturePlaceholder> signature;
};

class DocumentEngine {
 public:
  // `root`: the project folder (templates/, config/, fonts/). `profile`: "gbt9704" or "court".
  // `font_manifest`: relative to root; empty = fonts/manifest.json.
  DocumentEngine(const std::string& root, const std::string& profile,
                 const std::string& font_manifest = "");
  ~DocumentEngine();

  // Throws DocumentError with a code from the closed list (missing_glyph names the character,
  // its code point, the field and the case).
  // With `signature`: a signature field over the date line, placeholders unfilled.
  RenderedDocument render(const RenderInput& input,
                          const pdf::SignatureRequest* signature = nullptr) const;

  const DocumentRenderer& renderer() const { return renderer_; }

 private:
  DocumentRenderer renderer_;
  std::unique_ptr<fonts::FontSet> fonts_;
  layout::PageProfile profile_;
};

}  // namespace zhixing::inline documents
