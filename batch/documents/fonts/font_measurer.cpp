#include "documents/fonts/font_measurer.h"

namespace zhixing::inline documents::fonts {

Role to_font_role(layout::FaceRole role) {
  switch (role) {
    case layout::FaceRole::title:
      return Role::title;
    case layout::FaceRole::body:
      return Role::body;
    case layout::FaceRole::heading:
      return Role::heading;
    case layout::FaceRole::heading2:
      return Role::heading2;
    case layout::FaceRole::page_number:
      return Role::page_number;
  }
  return Role::body;
}

double FontMeasurer::advance_em(layout::FaceRole role, char32_t cp) const {
  const FallbackChain& chain = fonts_.chain(to_font_role(role));
  const Pick pick = chain.pick(cp);
  if (pick) return *pick.face->advance_em(cp);
  return chain.primary().advance_em(U'\u4E00').value_or(1.0);
}

}  // namespace zhixing::inline documents::fonts
