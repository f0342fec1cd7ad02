// Places a BarChart block (blocks.h) on a page: labels as PlacedLines (LineKind::chart_label,
// body face), axes as PlacedRules, bars, legend keys and gridlines as PlacedRects. The PDF writer
// draws the rectangles with libharu's path operators (re, f) under the text.
//
//   ┌ legend: ■ 新收  ■ 结案 (centred)                         ┐
//   │ 件                                                        │
//   │ 200 ┤- - - - - - - - - - - - - - - - - - - - - - - - - -  │  gridline per tick
//   │ 100 ┤   ▇▆   ▇▅   …                                       │  one bar per series per group
//   │   0 ┼───────────────────────────────────────────────────  │
//   └      1月  2月  …                                   12月   ┘
#pragma once

#include "documents/layout/blocks.h"
#include "documents/layout/metrics.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"

namespace zhixing::inline documents::layout {

// The value-axis step: the smallest 1, 2 or 5 × 10^k with `ticks` × step ≥ max_value (≥ 1).
long long nice_step(long long max_value, int ticks);

// Draws `chart` in the band of grid lines [top_line, top_line + chart.lines) on `page`.
void place_bar_chart(const BarChart& chart, const PageProfile& profile, int top_line, int block,
                     const TextMeasurer& measurer, Page& page);

}  // namespace zhixing::inline documents::layout
