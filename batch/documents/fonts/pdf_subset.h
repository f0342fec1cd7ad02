// A per-document font program for the PDF writer: an hb-subset of one face holding the glyphs
// of exactly the code points the document draws with that face, plus what a PDF CIDFontType2
// needs to use it without a cmap (Identity-H, CIDToGIDMap /Identity: CID = subset glyph id).
//
// Same recipe as subset.h (stack-findings §2: NO_HINTING, glyph ids renumbered — never
// retain-gids, §1 bug 1), except that no ASCII range is added and the tables a PDF consumer does
// not read are dropped as well: cmap (the PDF maps codes to glyphs itself), name, post, and the
// layout tables. ISO 32000-1 §9.9 requires only glyf, head, hhea, hmtx, loca and maxp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/fonts/face.h"
#include "documents/fonts/subset.h"

namespace zhixing::fonts {

// Font-wide values for the PDF FontDescriptor, in 1000-unit glyph space (ISO 32000-1 §9.8).
struct FaceMetrics {
  std::string postscript_name;       // from the name table, limited to [A-Za-z0-9-_]; never empty
  int bbox[4] = {0, 0, 1000, 1000};  // xMin yMin xMax yMax
  int ascent = 880;
  int descent = -120;
  int cap_height = 700;
};

// The face's metrics, computed once per face and process (thread-safe).
const FaceMetrics& face_metrics(const Face& face);

struct PdfSubset {
  FontBytes program;         // TrueType (glyf) font program for /FontFile2
  unsigned glyph_count = 0;  // glyph 0 is .notdef
  // code point → glyph id in `program`, sorted by code point; only code points the face has.
  std::vector<std::pair<char32_t, std::uint16_t>> glyphs;
  // Advance of each glyph id in 1000-unit glyph space (the face's hmtx, exactly what
  // Face::advance_em gives the layout engine × 1000); index = glyph id; −1 for glyphs no code
  // point maps to (.notdef, composite components), which are never shown.
  std::vector<double> widths;

  // Glyph id of `cp`, 0 (.notdef) when absent.
  std::uint16_t glyph(char32_t cp) const;
};

// Subsets `face` to `code_points` (any order, duplicates allowed; code points the face lacks are
// ignored). Deterministic. Thread-safe. Throws FontError(subset_failed).
PdfSubset subset_for_pdf(const Face& face, std::u32string_view code_points);

}  // namespace zhixing::fonts
