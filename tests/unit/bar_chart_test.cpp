// The bar chart block: a band of grid lines kept on one page, bars proportional to the values,
// labels for every category, tick and legend entry, everything inside the type area.
#include "documents/layout/bar_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace zhixing::layout {
namespace {

const MonospaceMeasurer kMono;

BarChart monthly(std::vector<long long> filed, std::vector<long long> closed) {
  BarChart c;
  for (int m = 1; m <= 12; ++m) c.categories.push_back(std::to_string(m) + "月");
  c.series = {{"新收", filed, {0.2, 0.4, 0.7}}, {"结案", closed, {0.9, 0.5, 0.2}}};
  c.value_unit = "件";
  c.lines = 10;
  return c;
}

TEST(BarChart, NiceSteps) {
  EXPECT_EQ(nice_step(0, 5), 1);
  EXPECT_EQ(nice_step(5, 5), 1);
  EXPECT_EQ(nice_step(6, 5), 2);
  EXPECT_EQ(nice_step(183, 5), 50);
  EXPECT_EQ(nice_step(250, 5), 50);
  EXPECT_EQ(nice_step(251, 5), 100);
  EXPECT_EQ(nice_step(1000, 5), 200);
}

TEST(BarChart, DrawsBarsLabelsAndLegendInsideItsBand) {
  std::vector<long long> filed = {183, 160, 190, 170, 175, 180, 172, 168, 176, 181, 170, 158};
  std::vector<long long> closed = {20, 90, 150, 160, 170, 175, 165, 170, 160, 170, 180, 0};
  Document doc;
  doc.blocks = {Note{"二、各月新收与结案"}, monthly(filed, closed)};
  const PageProfile p = PageProfile::gbt9704();
  LaidOutDocument out = paginate(doc, p, kMono);
  ASSERT_EQ(out.pages.size(), 1u);
  const Page& page = out.pages[0];
  const double band_top = p.type_top_pt() - p.line_pitch_pt;  // below the note's line
  const double band_bottom = band_top - 10 * p.line_pitch_pt;
  std::set<std::string> labels;
  for (const PlacedLine& l : page.lines) {
    if (l.kind != LineKind::chart_label) continue;
    labels.insert(l.text);
    EXPECT_GE(l.x_pt, p.type_left_pt() - 0.01) << l.text;
    EXPECT_LE(l.right_pt(), p.type_right_pt() + 0.01) << l.text;
    EXPECT_GT(l.baseline_y_pt, band_bottom) << l.text;
    EXPECT_LT(l.baseline_y_pt + l.size_pt, band_top + 0.01) << l.text;
  }
  for (const char* want : {"1月", "12月", "新收", "结案", "件", "0", "50", "200", "183", "158"})
    EXPECT_TRUE(labels.count(want)) << want;
  // 23 bars (one value is 0), 2 legend keys, 5 gridlines (ticks 50 … 250 above 0).
  EXPECT_EQ(page.rects.size(), 23u + 2u + 5u);
  // Bar heights are proportional: 183 and 20 in January.
  std::vector<double> january;
  for (const PlacedRect& r : page.rects)
    if (r.width_pt > 3 && r.height_pt > 1 && r.x_pt < p.type_left_pt() + 60 &&
        r.y_pt < band_top - 20)
      january.push_back(r.height_pt);
  ASSERT_EQ(january.size(), 2u);
  std::sort(january.begin(), january.end());
  EXPECT_NEAR(january[1] / january[0], 183.0 / 20.0, 1e-6);
  for (const PlacedRect& r : page.rects) {
    EXPECT_GE(r.x_pt, p.type_left_pt());
    EXPECT_LE(r.x_pt + r.width_pt, p.type_right_pt() + 0.01);
    EXPECT_GE(r.y_pt, band_bottom);
    EXPECT_LE(r.y_pt + r.height_pt, band_top);
  }
  EXPECT_GE(page.rules.size(), 2u);  // the two axes and the ticks
}

TEST(BarChart, MovesToTheNextPageRatherThanSplitting) {
  Document doc;
  for (int i = 0; i < 18; ++i) doc.blocks.push_back(Note{"占位行"});
  doc.blocks.push_back(monthly(std::vector<long long>(12, 5), std::vector<long long>(12, 3)));
  LaidOutDocument out = paginate(doc, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(out.pages.size(), 2u);
  EXPECT_TRUE(out.pages[0].rects.empty());
  EXPECT_FALSE(out.pages[1].rects.empty());
}

}  // namespace
}  // namespace zhixing::layout
