#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {

std::string_view error_code_name(PdfErrorCode code) {
  switch (code) {
    case PdfErrorCode::libharu_failed:
      return "libharu_failed";
    case PdfErrorCode::missing_glyph:
      return "missing_glyph";
    case PdfErrorCode::font_failed:
      return "font_failed";
  }
  return "?";
}

}  // namespace zhixing::inline documents::pdf
