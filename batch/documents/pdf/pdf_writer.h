// The PDF writer: a laid-out document (layout/paginate.h) to PDF bytes. The only code that calls
// libharu (README.md, "Layout").
//
// Per document: a fresh HPDF_Doc; for each face that draws anything, one hb-subset of the union of
// the code points it draws (so body text and page numbers share a subset when they share a face:
// libharu dedups fonts by PostScript name) embedded as an Identity-H composite font (cid_font.h);
// each line drawn as runs split by face at the positions the layout engine measured
// (fonts/font_measurer.h gives the same advances that go into /W); rules; page size per page;
// Info /Title /Author /Subject from DocumentMetadata. Every stream (font programs, content streams,
// ToUnicode CMaps, the seal's appearance) is deflated here by libdeflate (flate.h), none by
// libharu.
//
// Deterministic: libharu 2.3.0 writes no /CreationDate, /ModDate or /ID unless asked (encryption
// or PDF/A would add an /ID from the clock; neither is used), the subset tags are hashes of the
// subset, and numbers are formatted locale-independently: the same input gives the same bytes.
//
// Thread-safe: any number of threads may render separate documents at once with one FontSet.
#pragma once

#include <string>

#include "documents/fonts/font_set.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/cid_font.h"
#include "documents/pdf/signature_field.h"

namespace zhixing::inline documents::pdf {

struct RenderOptions {
  // libdeflate level for embedded font programs, which are ~85 % of a document's bytes: the
  // lowest level that keeps the two-page ruling within issue 17's 60 KB (render_bench 500:
  // level 1 60.4 KB, 3–4 60.5 KB, 5–6 59.6 KB, 9 59.5 KB, 12 57.9 KB; level 5 takes 3 % fewer
  // instructions than 6 for the same bytes, level 12 four times as many). README "Speed".
  int font_deflate_level = 5;
  // libdeflate level for the other streams (content streams, ToUnicode CMaps, the seal's
  // appearance): ~4 KB per document, where the level hardly changes the time.
  int stream_deflate_level = 6;
  // When set: a signature field with the seal's appearance over the date line, and placeholders
  // for /ByteRange and /Contents (signature_field.h).
  const SignatureRequest* signature = nullptr;
};

// Where the time went in one render_pdf call (CPU time of the calling thread, milliseconds).
struct RenderStats {
  double subset_ms = 0;   // hb-subset of every face used
  double objects_ms = 0;  // libharu objects and every stream's deflate: fonts, pages, content
  double save_ms = 0;     // HPDF_SaveToStream (serialisation) + copy
  int faces = 0;          // faces embedded
  std::size_t font_program_bytes = 0;  // Σ uncompressed subset sizes
};

// Throws PdfError: missing_glyph when a line holds a character no face of its role can draw
// (the document layer is expected to have rejected it already, naming the field: see
// fonts/coverage_check.h), font_failed when subsetting fails, libharu_failed otherwise.
// With options.signature, `placeholder` receives where the placeholders are in the bytes.
std::string render_pdf(const layout::LaidOutDocument& document, const fonts::FontSet& fonts,
                       const RenderOptions& options = {}, RenderStats* stats = nullptr,
                       SignaturePlaceholder* placeholder = nullptr);

}  // namespace zhixing::inline documents::pdf
