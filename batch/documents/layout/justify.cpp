#include "documents/layout/justify.h"

#include "documents/layout/line_breaker.h"

#include <algorithm>

namespace zhixing::inline documents::layout {
namespace {

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}
// Marks that stay inside a number or code when written between two alphanumerics.
bool is_run_joiner(char32_t c) {
  return c == U'.' || c == U',' || c == U':' || c == U'-' || c == U'/' || c == U'%';
}

}  // namespace

bool inside_run(char32_t before, char32_t after) {
  if (is_ascii_alnum(before) && is_ascii_alnum(after)) return true;
  return (is_ascii_alnum(before) && is_run_joiner(after)) ||
         (is_run_joiner(before) && is_ascii_alnum(after));
}

double compressible_em(char32_t before, char32_t after) {
  bool blank_after = false;  // `before` has its ink in the left half of the em box
  switch (before) {
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'）':
    case U'》':
    case U'」':
    case U'』':
    case U'】':
    case U'〕':
    case U'”':
    case U'’':
      blank_after = true;
      break;
    default:
      break;
  }
  bool blank_before = false;  // `after` has its ink in the right half
  switch (after) {
    case U'（':
    case U'《':
    case U'「':
    case U'『':
    case U'【':
    case U'〔':
    case U'“':
    case U'‘':
      blank_before = true;
      break;
    default:
      break;
  }
  return blank_after || blank_before ? kMaxPunctuationCompressionEm : 0.0;
}

LineFit fit_line(double advance_pt, size_t glyphs, double left_pt, double avail_pt,
                 double natural_spacing_pt, double size_pt, Align align) {
  LineFit fit;
  fit.x_pt = left_pt;
  fit.char_spacing_pt = natural_spacing_pt;
  fit.width_pt = natural_width_pt(advance_pt, glyphs, natural_spacing_pt);
  if (glyphs < 2) {
    // Nothing to spread: a single glyph still honours right and centre alignment (a table
    // cell holding "6" is centred like "15").
    if (align == Align::right) fit.x_pt = left_pt + avail_pt - fit.width_pt;
    if (align == Align::centre) fit.x_pt = left_pt + (avail_pt - fit.width_pt) / 2;
    return fit;
  }

  const double gaps = static_cast<double>(glyphs - 1);
  const double spread_spacing = (avail_pt - advance_pt) / gaps;
  const bool overfull = fit.width_pt > avail_pt;
  const bool spread_ok = spread_spacing - natural_spacing_pt <= kMaxAddedGapEm * size_pt + 1e-9;
  if (overfull || align == Align::distribute || (align == Align::justify && spread_ok)) {
    // GB/T 9704-2012 §5.2.3: lines fill the type area (撑满版心); the slack goes into Tc.
    fit.char_spacing_pt = spread_spacing;
    fit.width_pt = avail_pt;
    return fit;
  }
  switch (align) {
    case Align::justify:
    case Align::distribute:
    case Align::left:
      break;
    case Align::right:
      fit.x_pt = left_pt + avail_pt - fit.width_pt;
      break;
    case Align::centre:
      fit.x_pt = left_pt + (avail_pt - fit.width_pt) / 2;
      break;
  }
  return fit;
}

}  // namespace zhixing::inline documents::layout

namespace zhixing::inline documents::layout {

LineFit fit_justified(std::u32string_view text, double advance_pt, double left_pt, double avail_pt,
                      double natural_spacing_pt, double size_pt, bool last) {
  const size_t n = text.size();
  LineFit fit;
  fit.x_pt = left_pt;
  fit.char_spacing_pt = natural_spacing_pt;
  fit.width_pt = natural_width_pt(advance_pt, n, natural_spacing_pt);
  if (n < 2) return fit;
  const double slack = avail_pt - fit.width_pt;
  if (slack < -kFitTolerancePt) {
    // Too long: tighten the gaps next to full-width punctuation, in proportion to what each
    // may give; when that is not enough, fit_line compresses every gap.
    double capacity = 0;
    for (size_t i = 0; i + 1 < n; ++i) capacity += compressible_em(text[i], text[i + 1]) * size_pt;
    if (capacity < -slack) {
      return fit_line(advance_pt, n, left_pt, avail_pt, natural_spacing_pt, size_pt, Align::left);
    }
    for (size_t i = 0; i + 1 < n; ++i) {
      const double cap = compressible_em(text[i], text[i + 1]) * size_pt;
      if (cap > 0)
        fit.adjustments.push_back({static_cast<std::uint32_t>(i), slack * cap / capacity});
    }
    fit.width_pt = avail_pt;
    return fit;
  }
  if (last) return fit;  // the last line of a paragraph stays ragged
  if (slack <= kFitTolerancePt) {
    // Full to within the tolerance (the grid pitch against the edge-to-edge pitch): exact.
    return fit_line(advance_pt, n, left_pt, avail_pt, natural_spacing_pt, size_pt,
                    Align::distribute);
  }
  size_t in_runs = 0;
  for (size_t i = 0; i + 1 < n; ++i) in_runs += inside_run(text[i], text[i + 1]) ? 1 : 0;
  const size_t open = n - 1 - in_runs;
  if (open == 0) return fit;
  // More slack than the limit allows (a long unbreakable unit follows and no break avoids it):
  // spread to the limit, flush left, and leave the rest at the end of the line.
  const double extra = std::min(slack / static_cast<double>(open), kMaxAddedGapEm * size_pt);
  // Whichever needs fewer TJ adjustments: Tc carries the extra and the runs take it back, or Tc
  // stays natural and each open gap gets it.
  const bool spread_by_tc = in_runs <= open;
  if (spread_by_tc) fit.char_spacing_pt = natural_spacing_pt + extra;
  for (size_t i = 0; i + 1 < n; ++i) {
    const bool run = inside_run(text[i], text[i + 1]);
    if (spread_by_tc && run) fit.adjustments.push_back({static_cast<std::uint32_t>(i), -extra});
    if (!spread_by_tc && !run) fit.adjustments.push_back({static_cast<std::uint32_t>(i), extra});
  }
  fit.width_pt += extra * static_cast<double>(open);
  return fit;
}

}  // namespace zhixing::inline documents::layout
