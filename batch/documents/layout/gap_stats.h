// How far justification spread one placed line: the space added between adjacent characters
// beyond the natural (grid) pitch. Used by bench/justify_bench (every demo document) and the
// layout tests (the limits: at most a quarter of the body size; digit and Latin runs never
// letter-spaced; no justified line left ragged).
#pragma once

#include <cstddef>

#include "documents/layout/paginate.h"

namespace zhixing::inline documents::layout {

// The kinds whose full lines are justified edge to edge (paragraphs, items, addressees).
bool is_justifiable(LineKind kind);

struct LineGaps {
  double max_added_pt = 0;      // largest added space between two adjacent glyphs (≥ 0)
  std::size_t spread_runs = 0;  // gaps inside a digit/Latin run that were widened (> 0.01 pt)
  double min_added_pt = 0;      // most negative: punctuation compressed to fit (≤ 0)
  // A line that is neither the last of its paragraph nor reaches the right edge of the type
  // area (spread to the limit and still short: a long unbreakable code follows).
  bool ragged_inside_paragraph = false;
  double short_of_edge_pt = 0;  // for such a line, how far its end is from the edge
};

// `natural_spacing_pt`: Tc at the grid pitch (PageProfile::body_char_spacing_pt for body text);
// `right_edge_pt`: the right edge of the line box (the type area's).
LineGaps measure_gaps(const PlacedLine& line, double natural_spacing_pt, double right_edge_pt);

}  // namespace zhixing::inline documents::layout
