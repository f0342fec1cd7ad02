#include "documents/layout/page_profile.h"

#include <gtest/gtest.h>

using zhixing::layout::mm_to_pt;
using zhixing::layout::PageNumberPlacement;
using zhixing::layout::PageProfile;

TEST(PageProfile, Gbt9704IsA4WithTheStandardMargins) {
  const PageProfile p = PageProfile::gbt9704();
  EXPECT_NEAR(p.page_width_pt, 595.276, 0.001);
  EXPECT_NEAR(p.page_height_pt, 841.890, 0.001);
  EXPECT_NEAR(p.margin_top_pt, mm_to_pt(37), 1e-9);
  EXPECT_NEAR(p.margin_left_pt, mm_to_pt(28), 1e-9);
  EXPECT_NEAR(p.margin_right_pt, mm_to_pt(26), 1e-9);
  EXPECT_NEAR(p.margin_bottom_pt, mm_to_pt(35), 1e-9);
  EXPECT_NEAR(p.type_area_width_pt, mm_to_pt(156), 1e-9);
  EXPECT_NEAR(p.type_area_height_pt, mm_to_pt(225), 1e-9);
}

TEST(PageProfile, Gbt9704TypeAreaAndMarginsAddUpToThePaper) {
  const PageProfile p = PageProfile::gbt9704();
  EXPECT_NEAR(p.margin_left_pt + p.type_area_width_pt + p.margin_right_pt, p.page_width_pt, 1e-9);
  EXPECT_NEAR(p.margin_top_pt + p.type_area_height_pt + p.margin_bottom_pt, p.page_height_pt, 1e-9);
  EXPECT_NEAR(p.type_right_pt(), p.page_width_pt - mm_to_pt(26), 1e-9);
  EXPECT_NEAR(p.type_bottom_pt(), mm_to_pt(35), 1e-9);
}

TEST(PageProfile, Gbt9704GridIs22By28) {
  const PageProfile p = PageProfile::gbt9704();
  EXPECT_EQ(p.lines_per_page, 22);
  EXPECT_EQ(p.chars_per_line, 28);
  EXPECT_NEAR(p.char_pitch_pt(), mm_to_pt(156) / 28, 1e-9);  // ≈ 15.79 pt
  EXPECT_NEAR(p.line_pitch_pt, mm_to_pt(225) / 22, 1e-9);    // ≈ 28.99 pt
  EXPECT_NEAR(p.line_pitch_pt * p.lines_per_page, p.type_area_height_pt, 1e-9);
}

TEST(PageProfile, TwentyEightBodyCharactersFillTheTypeAreaExactly) {
  const PageProfile p = PageProfile::gbt9704();
  EXPECT_DOUBLE_EQ(p.body_size_pt, 16);
  EXPECT_NEAR(28 * p.body_size_pt + 27 * p.body_char_spacing_pt(), p.type_area_width_pt, 1e-9);
  EXPECT_LT(p.body_char_spacing_pt(), 0);
  EXPECT_GT(p.body_char_spacing_pt(), -0.3);
}

TEST(PageProfile, Gbt9704FontSizesAndPageNumber) {
  const PageProfile p = PageProfile::gbt9704();
  EXPECT_DOUBLE_EQ(p.title_size_pt, 22);
  EXPECT_DOUBLE_EQ(p.court_name_size_pt, 22);
  EXPECT_DOUBLE_EQ(p.page_number_size_pt, 14);
  EXPECT_EQ(p.page_numbers, PageNumberPlacement::outer);
  // 7 mm below the type area: 35 − 7 = 28 mm above the paper edge.
  EXPECT_NEAR(p.page_number_baseline_pt(), mm_to_pt(28), 1e-9);
}

TEST(PageProfile, CourtProfileHasCourtMarginsAndTheSameTypeAreaWidth) {
  const PageProfile g = PageProfile::gbt9704();
  const PageProfile c = PageProfile::court();
  EXPECT_EQ(c.name, "court");
  EXPECT_NEAR(c.margin_top_pt, mm_to_pt(35), 1e-9);
  EXPECT_NEAR(c.margin_bottom_pt, mm_to_pt(32), 1e-9);
  EXPECT_NEAR(c.margin_left_pt, mm_to_pt(28), 1e-9);
  EXPECT_NEAR(c.margin_right_pt, mm_to_pt(26), 1e-9);
  EXPECT_DOUBLE_EQ(c.type_area_width_pt, g.type_area_width_pt);
  EXPECT_EQ(c.lines_per_page, 22);
  EXPECT_EQ(c.chars_per_line, 28);
  EXPECT_DOUBLE_EQ(c.line_pitch_pt, 29);
}

TEST(PageProfile, CourtGridFitsBetweenItsMargins) {
  const PageProfile c = PageProfile::court();
  EXPECT_NEAR(c.type_area_height_pt, mm_to_pt(225), 0.3);  // 638 pt vs 637.8 pt
  EXPECT_GE(c.type_bottom_pt(), c.margin_bottom_pt);
  EXPECT_GT(c.page_number_baseline_pt(), 0);
  EXPECT_NEAR(c.type_top_pt(), c.page_height_pt - mm_to_pt(35), 1e-9);
}
