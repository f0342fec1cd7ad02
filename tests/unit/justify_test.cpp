// Fitting one line into its space: alignment also for a single glyph (a table cell "6").
#include "documents/layout/justify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

namespace zhixing::layout {
namespace {

// Monospace: ideographs and full-width marks 16 pt, ASCII 8 pt (MonospaceMeasurer at 16 pt).
double advance16(char32_t c) { return c < 0x100 ? 8.0 : 16.0; }

double advance_of(std::u32string_view t) {
  double a = 0;
  for (char32_t c : t) a += advance16(c);
  return a;
}

// Added space in each gap beyond the natural Tc: Tc − natural + the gap's adjustment.
std::vector<double> added_gaps(std::u32string_view t, const LineFit& fit, double natural) {
  std::vector<double> out(t.size() - 1, fit.char_spacing_pt - natural);
  for (const GapAdjust& a : fit.adjustments) out.at(a.after) += a.pt;
  return out;
}

double extent(std::u32string_view t, const LineFit& fit) {
  double w = advance_of(t) + static_cast<double>(t.size() - 1) * fit.char_spacing_pt;
  for (const GapAdjust& a : fit.adjustments) w += a.pt;
  return w;
}

TEST(FitJustified, DigitAndLatinRunsKeepTheirNaturalPitch) {
  const std::u32string t = U"于2024年7月13日向本院申请强制执行账号62284800ABC";
  const double avail = advance_of(t) + 20;  // 20 pt of slack
  const LineFit fit = fit_justified(t, advance_of(t), 100, avail, 0, 16, false);
  const std::vector<double> gaps = added_gaps(t, fit, 0);
  double open_gap = -1;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (inside_run(t[i], t[i + 1])) {
      EXPECT_NEAR(gaps[i], 0.0, 1e-9) << "gap " << i << " inside a run was spread";
    } else {
      if (open_gap < 0) open_gap = gaps[i];
      EXPECT_NEAR(gaps[i], open_gap, 1e-9) << "gap " << i;
    }
  }
  EXPECT_GT(open_gap, 0.0);
  EXPECT_NEAR(extent(t, fit), avail, 1e-9);
  EXPECT_NEAR(fit.width_pt, avail, 1e-9);
  EXPECT_TRUE(inside_run(U'2', U'0'));
  EXPECT_TRUE(inside_run(U'A', U'B'));
  EXPECT_TRUE(inside_run(U'0', U'.'));
  EXPECT_FALSE(inside_run(U'4', U'年'));
  EXPECT_FALSE(inside_run(U'于', U'2'));
}

TEST(FitJustified, NeverAddsMoreThanAQuarterOfTheBodySize) {
  const std::u32string t = U"司民间借贷纠纷一案中，";  // 11 glyphs, 10 gaps
  // 10 gaps × 4 pt = 40 pt is the most justification may add.
  const LineFit ok = fit_justified(t, advance_of(t), 0, advance_of(t) + 40, 0, 16, false);
  EXPECT_NEAR(ok.char_spacing_pt, 4.0, 1e-9);
  EXPECT_NEAR(ok.width_pt, advance_of(t) + 40, 1e-9);
  // More slack than that (a long code follows that no break avoids): spread to the limit,
  // flush left, the rest left at the end of the line — never spread further.
  const LineFit loose = fit_justified(t, advance_of(t), 0, advance_of(t) + 60, 0, 16, false);
  EXPECT_NEAR(loose.char_spacing_pt, 4.0, 1e-9);
  EXPECT_TRUE(loose.adjustments.empty());
  EXPECT_NEAR(loose.x_pt, 0.0, 1e-9);
  EXPECT_NEAR(loose.width_pt, advance_of(t) + 40, 1e-9);
  for (double g : added_gaps(t, loose, 0)) EXPECT_LE(g, 4.0 + 1e-9);
}

TEST(FitJustified, LastLineOfAParagraphStaysRagged) {
  const std::u32string t = U"本裁定立即执行。";
  const LineFit fit = fit_justified(t, advance_of(t), 50, 400, -0.2, 16, true);
  EXPECT_NEAR(fit.char_spacing_pt, -0.2, 1e-9);
  EXPECT_TRUE(fit.adjustments.empty());
  EXPECT_NEAR(fit.x_pt, 50, 1e-9);
  EXPECT_LT(fit.width_pt, 400);
}

TEST(FitJustified, ALineTooLongIsFittedByCompressingItsPunctuation) {
  // Two compressible gaps (after ，and before （), 8 pt each at most; 10 pt too long.
  const std::u32string t = U"纠纷一案中，（2024）冀";
  const double avail = advance_of(t) - 10;
  const LineFit fit = fit_justified(t, advance_of(t), 0, avail, 0, 16, false);
  const std::vector<double> gaps = added_gaps(t, fit, 0);
  double total = 0;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    const double cap = compressible_em(t[i], t[i + 1]) * 16;
    EXPECT_LE(gaps[i], 1e-9);
    EXPECT_GE(gaps[i], -cap - 1e-9) << "gap " << i << " compressed beyond its blank half";
    total += gaps[i];
  }
  EXPECT_NEAR(total, -10, 1e-9);
  EXPECT_NEAR(extent(t, fit), avail, 1e-9);
  EXPECT_EQ(compressible_em(U'，', U'（'), 0.5);
  EXPECT_EQ(compressible_em(U'中', U'（'), 0.5);
  EXPECT_EQ(compressible_em(U'中', U'国'), 0.0);
}

}  // namespace
}  // namespace zhixing::layout
