#include "documents/layout/justify.h"

#include "documents/layout/line_breaker.h"

namespace zhixing::layout {
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
  const bool spread_ok = spread_spacing - natural_spacing_pt <= kMaxJustifyGapEm * size_pt;
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

}  // namespace zhixing::layout
