// The faces of every role, with per-character fallback.
//
// A role's chain is tried in manifest order; the first face whose cmap covers a code point draws
// it, in any plane: the PDF writer shows 2-byte glyph ids of its own per-document subsets
// (pdf/cid_font.h), not libharu's UTF-8 encoder, whose 16-bit CIDs leave characters outside the
// BMP blank, so 𠮷 U+20BB7 is drawn by the first face that has it (fonts/README.md).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "documents/fonts/face.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/role.h"

namespace zhixing::inline documents::fonts {

enum class Coverage {
  drawable,  // `face` draws it
  missing,   // no face in the chain has a glyph
};

struct Pick {
  const Face* face = nullptr;  // set only when coverage == drawable
  Coverage coverage = Coverage::missing;
  explicit operator bool() const { return coverage == Coverage::drawable; }
};

// A maximal stretch of text drawn with one face; face == nullptr for undrawable code points.
struct Run {
  const Face* face = nullptr;
  std::size_t begin = 0;  // index into the u32 text
  std::size_t end = 0;
};

class FallbackChain {
 public:
  explicit FallbackChain(std::vector<std::shared_ptr<const Face>> faces);

  Pick pick(char32_t cp) const;
  const std::vector<std::shared_ptr<const Face>>& faces() const { return faces_; }
  const Face& primary() const { return *faces_.front(); }

  // Splits `text` into runs of one face each (undrawable code points get their own null runs).
  std::vector<Run> runs(std::u32string_view text) const;
  // The distinct code points of `text` that cannot be drawn, in order of first appearance.
  std::vector<char32_t> undrawable(std::u32string_view text) const;

 private:
  std::vector<std::shared_ptr<const Face>> faces_;
};

class FontSet {
 public:
  // Opens every face the manifest names (once per process; roles share faces). Throws FontError,
  // e.g. face_missing with "run scripts/build-fonts.sh" when the converted faces are not built.
  static FontSet load(const FontManifest& manifest);

  const FallbackChain& chain(Role role) const;
  // Every distinct face of every chain. A document builds one subset per face it uses, from the
  // union of all text it draws in that face (two subsets of one face in one HPDF_Doc collide:
  // libharu dedups by PostScript name) — e.g. body fallback and page numbers share Noto Serif SC.
  const std::vector<std::shared_ptr<const Face>>& faces() const { return faces_; }

 private:
  std::vector<std::shared_ptr<const Face>> faces_;
  std::vector<FallbackChain> chains_;  // indexed by Role
};

}  // namespace zhixing::inline documents::fonts
