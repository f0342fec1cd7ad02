// Horizontal placement of one line: grid justification for full lines, natural pitch for the
// last line of a paragraph, right/centre alignment for case numbers, titles and dates.
//
// Justified text (CLREQ §3.8, W3C "Requirements for Chinese Text Layout"): the slack of a full
// line goes into the gaps between characters, never inside a digit or Latin run (2024, 209号,
// 3,000.50 keep their natural pitch), and never more than kMaxAddedGapEm per gap. A line that is
// too long is fitted by compressing full-width punctuation (the blank half of a closing or pause
// mark after it, of an opening mark before it), at most half an em per gap. The line breaker
// (line_breaker.h) chooses breaks so that both limits hold; fit_justified only places.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace zhixing::inline documents::layout {

enum class Align {
  justify,  // full line: spread the slack over the gaps between runs (≤ kMaxAddedGapEm each)
  left,
  right,
  centre,
  distribute,  // 分散对齐: always spread edge to edge (letter-spaced signature titles)
};

// Space added after glyph `after` (before glyph after + 1), on top of the line's Tc; negative
// tightens. Drawn as a TJ adjustment (ISO 32000-1 §9.4.3).
struct GapAdjust {
  std::uint32_t after = 0;
  double pt = 0;
};

struct LineFit {
  double x_pt = 0;             // left end of the first glyph
  double char_spacing_pt = 0;  // PDF Tc (HPDF_Page_SetCharSpace)
  double width_pt = 0;         // visible extent: advance + (glyphs − 1) × Tc + Σ adjustments
  std::vector<GapAdjust> adjustments;  // sorted by `after`; empty for most lines
};

// The largest space justification may add between two adjacent characters beyond the natural
// pitch: a quarter of the font size. A full line that would need more is avoided by
// the line breaker; where none can be avoided (a long unbreakable code follows: 0.05 % of the
// demo's lines) it is spread to the limit, flush left, a little short of the right edge.
inline constexpr double kMaxAddedGapEm = 0.25;
// How far one gap may be tightened by compressing full-width punctuation (CLREQ: a 点号 or
// 标号 set in half its em box).
inline constexpr double kMaxPunctuationCompressionEm = 0.5;

// Is the gap between `before` and `after` inside one digit or Latin run (2024, 3,000.50,
// 13063319800101123X, 2024-08-22)? Justification never widens such a gap.
bool inside_run(char32_t before, char32_t after);

// How much the gap between `before` and `after` may be tightened, in em: half an em when
// `before` is a full-width closing or pause mark whose glyph sits in the left half of its box
// (，。、；：）》」』】〕”’) or `after` an opening mark in the right half (（《「『【〔“‘); 0
// otherwise.
double compressible_em(char32_t before, char32_t after);

// `advance_pt`: Σ glyph advances at the line's size; `left_pt`/`avail_pt`: the line box.
// `natural_spacing_pt`: Tc at natural pitch. A line wider than the box (within the fit
// tolerance) is compressed to the box whatever `align` says, so nothing ever passes the edge.
LineFit fit_line(double advance_pt, size_t glyphs, double left_pt, double avail_pt,
                 double natural_spacing_pt, double size_pt, Align align);

// A line of justified text (paragraphs, items): `last` is the last line of its paragraph (kept
// at natural pitch, flush left: ragged). Full lines are spread over the gaps outside digit and
// Latin runs, up to kMaxAddedGapEm each (flush left when that does not reach the edge); a line
// wider than the box is compressed at its punctuation (else uniformly, as fit_line does).
LineFit fit_justified(std::u32string_view text, double advance_pt, double left_pt, double avail_pt,
                      double natural_spacing_pt, double size_pt, bool last);

}  // namespace zhixing::inline documents::layout
