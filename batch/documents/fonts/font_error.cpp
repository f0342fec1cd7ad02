#include "documents/fonts/font_error.h"

namespace zhixing::inline documents::fonts {

std::string_view error_code_name(FontErrorCode code) {
  switch (code) {
    case FontErrorCode::manifest_unreadable:
      return "manifest_unreadable";
    case FontErrorCode::manifest_invalid:
      return "manifest_invalid";
    case FontErrorCode::face_missing:
      return "face_missing";
    case FontErrorCode::face_unreadable:
      return "face_unreadable";
    case FontErrorCode::subset_failed:
      return "subset_failed";
    case FontErrorCode::memfd_failed:
      return "memfd_failed";
  }
  return "?";
}

}  // namespace zhixing::inline documents::fonts
