// Lays a block list out on pages: every text line on the profile's line grid, in PDF points
// from the bottom-left, ready to draw with libharu:
//
//   for each page:  HPDF_Page_SetWidth/SetHeight(page_width_pt / page_height_pt)
//     for each PlacedLine l:
//       HPDF_Page_BeginText; HPDF_Page_SetFontAndSize(font_for(l.role), l.size_pt);
//       HPDF_Page_SetCharSpace(l.char_spacing_pt); HPDF_Page_TextOut(l.x_pt, l.baseline_y_pt,
//       l.text.c_str()); HPDF_Page_EndText   (l.adjustments: TJ numbers between glyphs)
//     for each PlacedRule r:
//       HPDF_Page_SetLineWidth(r.line_width_pt); MoveTo(x0, y0); LineTo(x1, y1); Stroke
//
// The widths assume the TextMeasurer's advances equal the embedded font's (hmtx) advances.
#pragma once

#include <string>
#include <vector>

#include "documents/layout/blocks.h"
#include "documents/layout/justify.h"
#include "documents/layout/metrics.h"
#include "documents/layout/page_profile.h"

namespace zhixing::inline documents::layout {

enum class LineKind {
  court_name,
  title,
  case_number,
  addressee,
  paragraph,
  item,
  table_cell,
  signature_title,
  signature_name,
  date,
  note,
  page_number,
  chart_label,  // legend, axis and value labels of a BarChart
};

struct PlacedLine {
  LineKind kind = LineKind::paragraph;
  FaceRole role = FaceRole::body;
  double size_pt = 0;
  double x_pt = 0;             // left end of the first glyph
  double baseline_y_pt = 0;    // from the bottom of the page
  double char_spacing_pt = 0;  // PDF Tc, applied after every glyph
  double width_pt = 0;  // visible extent: Σ advance × size + (glyphs − 1) × Tc + Σ adj.
  // Per-gap corrections to Tc (justify.h): a justified line's digit runs keep their natural
  // pitch, compressed punctuation gives up part of its blank half. Usually empty.
  std::vector<GapAdjust> adjustments;
  std::string text;         // UTF-8
  int grid_line = -1;       // 0-based line on the page grid; −1 for the page number
  int block_index = -1;     // index into Document::blocks; −1 for the page number
  bool first_line = false;  // first line of its block (paragraph, item, cell …)
  bool last_line = false;   // last line of its block or of a '\n'-separated part
  double right_pt() const { return x_pt + width_pt; }
};

struct PlacedRule {
  double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
  double line_width_pt = 0;
};

// A filled rectangle (chart bars, legend keys, gridlines), drawn beneath the text.
struct PlacedRect {
  double x_pt = 0, y_pt = 0, width_pt = 0, height_pt = 0;  // lower-left corner and size
  Rgb fill;
};

struct Page {
  int number = 0;                 // 1-based
  std::vector<PlacedLine> lines;  // in reading order; the page number (if any) last
  std::vector<PlacedRule> rules;  // table rules, chart axes
  std::vector<PlacedRect> rects;  // chart bars
};

struct LaidOutDocument {
  DocumentMetadata metadata;
  double page_width_pt = 0;
  double page_height_pt = 0;
  std::vector<Page> pages;
};

// "— 3 —": em dashes with half-width spaces around Arabic digits (GB/T 9704-2012 §7.5).
std::string page_number_text(int number);

// Letter spacing of a document title, in em of the title size: 0.5 em up to 6 characters
// (执 行 裁 定 书), 0.25 em up to 10 (国家司法救助决定书), none beyond.
double title_letter_spacing_em(size_t glyphs);

// Pagination rules:
//  - the grid has profile.lines_per_page lines; every block line takes one grid line; Blank
//    lines at the top of a page are dropped;
//  - court name, title and case number keep with the following line; the lines of one table
//    row stay together, the header repeats on continuation pages;
//  - the tail (from the first Signature through the following DateLine/Note/Signature/Blank
//    blocks) is kept on one page together with at least the last two non-blank lines before
//    it, so a final page never holds only the signature block;
//  - a keep group taller than a page is split where the page ends;
//  - a BarChart takes its `lines` grid lines as one keep group (never split);
//  - a page break (Blank::page_break, markup @page-break) ends the page; at the top of a page
//    it is dropped like any blank line.
// Throws std::invalid_argument for an unusable profile (no grid).
LaidOutDocument paginate(const Document& document, const PageProfile& profile,
                         const TextMeasurer& measurer);

}  // namespace zhixing::inline documents::layout
