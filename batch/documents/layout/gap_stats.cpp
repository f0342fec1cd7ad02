#include "documents/layout/gap_stats.h"

#include <algorithm>

#include "documents/layout/justify.h"
#include "documents/layout/utf8.h"

namespace zhixing::inline documents::layout {

bool is_justifiable(LineKind kind) {
  return kind == LineKind::paragraph || kind == LineKind::item || kind == LineKind::addressee;
}

LineGaps measure_gaps(const PlacedLine& line, double natural_spacing_pt, double right_edge_pt) {
  LineGaps out;
  const std::u32string text = utf8_to_u32(line.text);
  std::size_t a = 0;  // next adjustment
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    double added = line.char_spacing_pt - natural_spacing_pt;
    while (a < line.adjustments.size() && line.adjustments[a].after < i) ++a;
    if (a < line.adjustments.size() && line.adjustments[a].after == i)
      added += line.adjustments[a].pt;
    out.max_added_pt = std::max(out.max_added_pt, added);
    out.min_added_pt = std::min(out.min_added_pt, added);
    if (added > 0.01 && inside_run(text[i], text[i + 1])) ++out.spread_runs;
  }
  out.ragged_inside_paragraph = !line.last_line && line.right_pt() < right_edge_pt - 0.5;
  if (out.ragged_inside_paragraph) out.short_of_edge_pt = right_edge_pt - line.right_pt();
  return out;
}

}  // namespace zhixing::inline documents::layout
