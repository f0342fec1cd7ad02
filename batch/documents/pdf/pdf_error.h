// The one exception type of the PDF writer: a stable code plus a message naming what failed.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace zhixing::inline documents::pdf {

enum class PdfErrorCode {
  libharu_failed,  // a libharu call reported an error (message: the call, error and detail no.)
  missing_glyph,   // the laid-out text holds a character no face of its role can draw
  font_failed,     // subsetting a face failed (the FontError's message)
};

std::string_view error_code_name(PdfErrorCode code);

class PdfError : public std::runtime_error {
 public:
  PdfError(PdfErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  PdfErrorCode code() const { return code_; }

 private:
  PdfErrorCode code_;
};

}  // namespace zhixing::inline documents::pdf
