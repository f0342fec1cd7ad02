// A per-document font subset as a PDF composite font, built with libharu's object API
// (hpdf_objects.h) instead of HPDF_LoadTTFontFromFile + HPDF_GetFont.
//
// Why: libharu's UTF-8 font path walks all 65,536 code points per document (CIDFontType2_New:
// a 128 KB CIDToGIDMap and a W-array scan, ~9 ms) and deflates the font at a fixed level
// (libharu-profile.md §2). Here the objects cover only the glyphs used:
//
//   Type0  /Encoding /Identity-H  /ToUnicode (bfchar, glyph id → UTF-16)     ISO 32000-1 §9.7.6,
//    └ CIDFontType2  /CIDToGIDMap /Identity  /DW 1000  /W (glyphs ≠ DW)      §9.7.4, §9.10.3
//       └ FontDescriptor  /FontFile2 (the hb-subset, deflated here)          §9.8, §9.9
//
// Text is then shown as 2-byte glyph ids (CID = glyph id of the subset).
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <vector>

#include "documents/fonts/pdf_subset.h"
#include "documents/pdf/hpdf_document.h"

namespace zhixing::pdf {

struct CidFontOptions {
  int deflate_level = 6;  // zlib level for the font program (1 fast … 9 small)
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

}  // namespace zhixing::pdf
