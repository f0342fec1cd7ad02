// layout::TextMeasurer over the real faces: the advance of a code point is the advance of the
// face that will draw it, i.e. the first face of the role's fallback chain that covers it
// (FallbackChain::pick). The PDF writer embeds exactly that face's glyph and writes the same
// advance into the CIDFont /W array, so a line lands where the layout engine put it.
#pragma once

#include "documents/fonts/font_set.h"
#include "documents/fonts/role.h"
#include "documents/layout/metrics.h"

namespace zhixing::inline documents::fonts {

// layout::FaceRole and fonts::Role name the same five roles.
Role to_font_role(layout::FaceRole role);

class FontMeasurer final : public layout::TextMeasurer {
 public:
  // `fonts` must outlive the measurer. Thread-safe: faces are immutable.
  explicit FontMeasurer(const FontSet& fonts) : fonts_(fonts) {}

  // Undrawable code points (in no face of the chain) measure as the primary
  // face's advance for U+4E00 (1 em for CJK faces) so layout never fails; the document layer
  // rejects such text beforehand (first_undrawable, coverage_check.h) and render_pdf refuses it.
  double advance_em(layout::FaceRole role, char32_t cp) const override;

 private:
  const FontSet& fonts_;
};

}  // namespace zhixing::inline documents::fonts
