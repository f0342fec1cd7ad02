// fonts/manifest.json: which face (file + TTC index) serves each role, and in which fallback order.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "documents/fonts/role.h"

namespace zhixing::inline documents::fonts {

// How a face's subsets are embedded in PDFs ("pdf_program" in the manifest).
enum class FontProgram {
  automatic,  // by the face's outlines: glyf → truetype, CFF → cff (the default)
  truetype,   // CIDFontType2 + /FontFile2 (glyf outlines only)
  cff,        // CIDFontType0 + /FontFile3 /CIDFontType0C: the bare CID-keyed CFF table (PDF 1.3)
  opentype,   // CIDFontType0 + /FontFile3 /OpenType: the whole subset OpenType font (PDF 1.6)
};
std::string_view font_program_name(FontProgram program);

struct FaceSpec {
  std::string id;                  // manifest key, e.g. "fandol-fang"
  std::filesystem::path file;      // absolute after loading
  unsigned index = 0;              // face number inside a .ttc
  std::vector<char32_t> excluded;  // code points the face maps but draws wrongly (sorted)
  std::string family;
  std::string licence;
  FontProgram program = FontProgram::automatic;
};

class FontManifest {
 public:
  // Parses manifest JSON. Relative "file" paths are resolved against `root`. `origin` names the
  // source in error messages. Throws FontError(manifest_invalid).
  static FontManifest parse(std::string_view json, const std::filesystem::path& root,
                            std::string_view origin);
  // Reads and parses `manifest_file`. Throws FontError(manifest_unreadable / manifest_invalid).
  static FontManifest load(const std::filesystem::path& manifest_file,
                           const std::filesystem::path& root);
  // <root>/fonts/manifest.json where root is, in order: `root_override`, the environment variable
  // ZHIXING_FONT_ROOT, the source tree the binary was built from (ZHIXING_SOURCE_DIR).
  static FontManifest load_default(
      const std::optional<std::filesystem::path>& root_override = std::nullopt);
  static std::filesystem::path default_root(
      const std::optional<std::filesystem::path>& root_override = std::nullopt);

  const std::vector<FaceSpec>& faces() const { return faces_; }
  const FaceSpec& face(std::string_view id) const;  // throws FontError(manifest_invalid)
  // Face ids for `role`, primary first; never empty.
  const std::vector<std::string>& chain(Role role) const;

 private:
  std::vector<FaceSpec> faces_;
  std::map<Role, std::vector<std::string>> chains_;
};

}  // namespace zhixing::inline documents::fonts
