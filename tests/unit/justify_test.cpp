// Fitting one line into its space: alignment also for a single glyph (a table cell "6").
#include "documents/layout/justify.h"

#include <gtest/gtest.h>

namespace zhixing::layout {
namespace {

TEST(FitLine, SingleGlyphIsCentredAndRightAligned) {
  // "6" at 16 pt, 8 pt wide, in a cell from x = 100 with 60 pt available.
  EXPECT_DOUBLE_EQ(fit_line(8, 1, 100, 60, 0, 16, Align::centre).x_pt, 126);
  EXPECT_DOUBLE_EQ(fit_line(8, 1, 100, 60, 0, 16, Align::right).x_pt, 152);
  EXPECT_DOUBLE_EQ(fit_line(8, 1, 100, 60, 0, 16, Align::left).x_pt, 100);
  EXPECT_DOUBLE_EQ(fit_line(8, 1, 100, 60, 0, 16, Align::justify).x_pt, 100);
  // Two glyphs, 16 pt wide: centred the same way.
  EXPECT_DOUBLE_EQ(fit_line(16, 2, 100, 60, 0, 16, Align::centre).x_pt, 122);
}

}  // namespace
}  // namespace zhixing::layout
