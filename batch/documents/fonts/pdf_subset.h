// A per-document font program for the PDF writer: an hb-subset of one face holding the glyphs
// of exactly the code points the document draws with that face, plus what a PDF CIDFont needs to
// use it without a cmap under Identity-H (character code = CID).
//
// Same recipe as subset.h (NO_HINTING, glyph ids renumbered — never retain-gids: libharu loses
// composite components with gid >= 32768), except that no ASCII range is added and the tables a PDF
// consumer does not read are dropped as well. By the face's FontProgram:
//   truetype  glyf faces: an sfnt with glyf, head, hhea, hmtx, loca, maxp (ISO 32000-1 §9.9) for
//             /FontFile2; CID = glyph id (CIDToGIDMap /Identity).
//   cff       CFF faces: the bare 'CFF ' table of the subset for /FontFile3 /CIDFontType0C.
//   opentype  CFF faces: the whole subset OpenType font (CFF, head, hhea, hmtx, maxp) for
//             /FontFile3 /OpenType (PDF 1.6).
// hb-subset keeps a CID-keyed CFF CID-keyed and keeps each glyph's original CID in the charset
// (FandolFang: Adobe-GB1 CIDs; Noto CJK: Adobe-Identity CIDs), and a CIDFontType0 selects glyphs
// by CID through that charset, so for CFF the codes shown are the charset's CIDs, not glyph ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/fonts/face.h"
#include "documents/fonts/subset.h"

namespace zhixing::inline documents::fonts {

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
  FontProgram format = FontProgram::truetype;  // never automatic
  FontBytes program;                           // see the file comment
  unsigned glyph_count = 0;                    // glyph 0 is .notdef
  // code point → CID (the 2-byte code shown under Identity-H), sorted by code point; only code
  // points the face has.
  std::vector<std::pair<char32_t, std::uint16_t>> glyphs;

  struct Shown {
    std::uint16_t cid = 0;
    char32_t code_point = 0;  // for ToUnicode: the lowest code point drawn with this glyph
    double width = 0;         // advance in 1000-unit glyph space: the face's hmtx, exactly what
                              // Face::advance_em gives the layout engine × 1000
  };
  // One entry per distinct glyph shown, sorted by CID (for /W and ToUnicode).
  std::vector<Shown> shown;

  // CID of `cp`, 0 (.notdef) when absent.
  std::uint16_t cid(char32_t cp) const;
};

// Subsets `face` to `code_points` (any order, duplicates allowed; code points the face lacks are
// ignored). Deterministic. Thread-safe. Throws FontError(subset_failed).
PdfSubset subset_for_pdf(const Face& face, std::u32string_view code_points);

}  // namespace zhixing::inline documents::fonts
