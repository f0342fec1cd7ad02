#include "documents/layout/metrics.h"

namespace zhixing::inline documents::layout {

TextMeasurer::~TextMeasurer() = default;

double TextMeasurer::advance_pt(FaceRole role, std::u32string_view text, double size_pt) const {
  double a = 0;
  for (char32_t c : text) a += advance_em(role, c) * size_pt;
  return a;
}

double MonospaceMeasurer::advance_em(FaceRole /*role*/, char32_t cp) const {
  return cp < 0x100 ? 0.5 : 1.0;
}

}  // namespace zhixing::inline documents::layout
