// Horizontal placement of one line: grid justification for full lines, natural pitch for the
// last line of a paragraph, right/centre alignment for case numbers, titles and dates.
#pragma once

#include <cstddef>

namespace zhixing::layout {

enum class Align {
  justify,  // full line: spread the slack over the gaps (up to kMaxJustifyGapEm per gap)
  left,
  right,
  centre,
  distribute,  // 分散对齐: always spread edge to edge (letter-spaced signature titles)
};

struct LineFit {
  double x_pt = 0;             // left end of the first glyph
  double char_spacing_pt = 0;  // PDF Tc (HPDF_Page_SetCharSpace)
  double width_pt = 0;         // visible extent: advance + (glyphs − 1) × Tc
};

// Slack larger than this many em per gap is not spread (a line left short by a long
// unbreakable account number would otherwise look like a letter-spaced title): such a line is
// set at natural pitch, left-aligned.
inline constexpr double kMaxJustifyGapEm = 1.0;

// Is the gap between `before` and `after` inside one digit or Latin run (2024, 3,000.50,
// 13063319800101123X, 2024-08-22)? Justification never widens such a gap.
bool inside_run(char32_t before, char32_t after);

// `advance_pt`: Σ glyph advances at the line's size; `left_pt`/`avail_pt`: the line box.
// `natural_spacing_pt`: Tc at natural pitch. A line wider than the box (within the fit
// tolerance) is compressed to the box whatever `align` says, so nothing ever passes the edge.
LineFit fit_line(double advance_pt, size_t glyphs, double left_pt, double avail_pt,
                 double natural_spacing_pt, double size_pt, Align align);

}  // namespace zhixing::layout
