// The one exception type of the font module: a stable code plus a message naming the file or face.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace zhixing::inline documents::fonts {

enum class FontErrorCode {
  manifest_unreadable,  // fonts/manifest.json cannot be read
  manifest_invalid,     // not JSON, or a role/face/field is missing or malformed
  face_missing,         // a face file named by the manifest does not exist
  face_unreadable,      // the file exists but HarfBuzz cannot read a face from it
  subset_failed,        // hb-subset returned nothing
  memfd_failed,         // memfd_create or write failed
};

std::string_view error_code_name(FontErrorCode code);

class FontError : public std::runtime_error {
 public:
  FontError(FontErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  FontErrorCode code() const { return code_; }

 private:
  FontErrorCode code_;
};

}  // namespace zhixing::inline documents::fonts
