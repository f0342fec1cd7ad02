// A per-document font subset as a PDF composite font, built with libharu's object API
// (hpdf_objects.h) instead of HPDF_LoadTTFontFromFile + HPDF_GetFont.
//
// Why: libharu's UTF-8 font path walks all 65,536 code points per document (CIDFontType2_New:
// a 128 KB CIDToGIDMap and a W-array scan, ~9 ms; over half of its instructions under callgrind),
// deflates the font at a fixed level and reads only glyf outlines. Here the objects cover only
// the glyphs used, and CFF faces stay CFF:
//
//   Type0  /Encoding /Identity-H  /ToUnicode (bfchar, CID → UTF-16)             ISO 32000-1 §9.7.6,
//    └ glyf: CIDFontType2  /CIDToGIDMap /Identity  /DW 1000  /W (CIDs ≠ DW)      §9.7.4, §9.10.3
//         └ FontDescriptor  /FontFile2 (the hb-subset, deflated here: flate.h)             §9.8,
//         §9.9
//    └ CFF:  CIDFontType0  /DW 1000  /W
//         └ FontDescriptor  /FontFile3 /Subtype /CIDFontType0C (the subset's bare CID-keyed CFF
//                           table; PDF 1.3) or /OpenType (the whole subset font; PDF 1.6)
//
// Text is shown as 2-byte CIDs: the subset's glyph ids for TrueType, the CFF charset's CIDs for
// CFF (fonts/pdf_subset.h). The document's PDF version is raised to what the font program needs.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <vector>

#include "documents/fonts/pdf_subset.h"
#include "documents/pdf/hpdf_document.h"

namespace zhixing::inline documents::pdf {

struct CidFontOptions {
  int font_deflate_level = 6;  // libdeflate level for the font program (flate.h: 1 fast … 12 small)
  int cmap_deflate_level = 6;  // the same for the ToUnicode CMap
};

// Adds the objects to `doc` and returns the Type0 font dictionary (an indirect object) to put
// into page resources. `subset.glyphs` must list every code point the document shows with it.
HPDF_Dict embed_cid_font(HpdfDocument& doc, const fonts::PdfSubset& subset,
                         const fonts::FaceMetrics& metrics, const CidFontOptions& options);

// "ABCDEF": the subset tag of ISO 32000-1 §9.6.4, derived from the font name and its code
// points, so the same subset always gets the same tag (no counters, no randomness).
std::string subset_tag(const std::string& postscript_name, const fonts::PdfSubset& subset);

// The ToUnicode CMap text for `subset` (bfchar blocks of at most 100 entries).
std::string to_unicode_cmap(const fonts::PdfSubset& subset);

}  // namespace zhixing::inline documents::pdf
