// Line breaking for Chinese court text: ICU line-break opportunities (Locale "zh"), narrowed by
// our own kinsoku rules and unbreakable runs, then greedy first-fit on measured widths.
//
// Kinsoku without hanging punctuation: a line never starts with a closing or middle mark
// (，。、；：？！）》”’」』】〕…— and half-width , . ; : ? ! ) ] }) and never ends with an
// opening mark (（《“‘「『【〔 and ( [ {). Breaks next to them are simply not opportunities, so
// when such a mark would overflow the line, the break falls at the previous opportunity: the
// last character of the line moves down together with the mark (the standard 追い出し /
// "push-out" approach; no squeezing, no punctuation hanging past the type area). Justification
// then spreads the line's slack; for justified text the breaks are chosen over the whole
// paragraph (LineBreakRequest::justify).
//
// Unbreakable runs (never split across lines):
//  - a maximal run of [0-9A-Za-z%¥￥-] with '.' and ',' inside it (50000, 3,000.50,
//    6228480000000000000, 13063319800101123X, 2024-08-22, ¥50,000.00);
//  - such a run with a directly following unit: 元, 万元, 亿元, 号, 年, 月, 日, 条, 款, 项, %
//    (50000元, 1234号, 2024年);
//  - a whole case number: （2024）冀0633执1234号 (full- or half-width parentheses); justified
//    text may still break it after the year or before the serial when no other break keeps
//    the spacing within bounds (（2024）|冀0633执|1234号).
// A unit wider than the whole line is cut at the last character that fits (the only case in
// which a line may start with a forbidden mark).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "documents/layout/metrics.h"

namespace zhixing::inline documents::layout {

bool forbidden_at_line_start(char32_t cp);
bool forbidden_at_line_end(char32_t cp);

// result[i] is true when a line may start at code point i (0 < i < size); result[0] and
// result[size] are false. '\n' is not handled here (break_lines splits on it first).
std::vector<bool> break_opportunities(std::u32string_view text);

struct LineBreakRequest {
  FaceRole role = FaceRole::body;
  double size_pt = 16;
  // PDF Tc between glyphs at natural pitch (PageProfile::body_char_spacing_pt for body text).
  double char_spacing_pt = 0;
  double first_line_width_pt = 0;  // after the first-line indent
  double line_width_pt = 0;
  // Justified text (paragraphs, items): breaks by total fit instead of first fit, so that no
  // full line needs more than kMaxAddedGapEm between characters (justify.h). Characters move to
  // or from the next line, punctuation is compressed (at most half an em per gap, at a cost),
  // and a case number may break after its year or before its serial (at a higher cost). A
  // paragraph holding a unit wider than a line is broken first-fit as without it.
  bool justify = false;
};

struct BrokenLine {
  size_t begin = 0;       // [begin, end): code point indices into the text given to break_lines
  size_t end = 0;         // trailing ASCII spaces are excluded
  double advance_pt = 0;  // Σ advance × size of [begin, end), without character spacing
  bool ends_paragraph = false;  // the last line of the text or of a '\n'-separated part
  bool cut = false;             // an unbreakable unit wider than the line had to be cut here
  size_t glyphs() const { return end - begin; }
};

// Fit tolerance: a line may be this much wider than the available width (it is then compressed
// by justification). Covers the 0.016 pt difference between the 28-character grid pitch and the
// edge-to-edge pitch, never a visible overflow.
inline constexpr double kFitTolerancePt = 0.05;

// Visible extent of `glyphs` glyphs drawn with character spacing `char_spacing_pt`: the spacing
// after the last glyph adds no ink.
inline double natural_width_pt(double advance_pt, size_t glyphs, double char_spacing_pt) {
  return glyphs == 0 ? 0.0 : advance_pt + static_cast<double>(glyphs - 1) * char_spacing_pt;
}

std::vector<BrokenLine> break_lines(std::u32string_view text, const TextMeasurer& measurer,
                                    const LineBreakRequest& request);

}  // namespace zhixing::inline documents::layout
