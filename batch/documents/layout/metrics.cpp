#include "documents/layout/metrics.h"

namespace zhixing::layout {

TextMeasurer::~TextMeasurer() = default;

double MonospaceMeasurer::advance_em(FaceRole /*role*/, char32_t cp) const {
  return cp < 0x100 ? 0.5 : 1.0;
}

}  // namespace zhixing::layout
