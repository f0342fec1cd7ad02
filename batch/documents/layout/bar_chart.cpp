#include "documents/layout/bar_chart.h"

#include <algorithm>
#include <string>

#include "documents/layout/utf8.h"

namespace zhixing::inline documents::layout {

namespace {

constexpr double kLabelSizePt = 9;
constexpr double kValueSizePt = 7;
constexpr double kLegendKeyPt = 8;
constexpr double kAxisWidthPt = 0.75;
constexpr double kGridlinePt = 0.4;
constexpr int kTicks = 5;
const Rgb kGridGrey{0.82, 0.82, 0.82};

double text_width(const std::string& text, const TextMeasurer& m, double size) {
  return m.advance_pt(FaceRole::body, utf8_to_u32(text), size);
}

void label(Page& page, const std::string& text, double x, double baseline, double size,
           const TextMeasurer& m, int top_line, int block) {
  PlacedLine l;
  l.kind = LineKind::chart_label;
  l.role = FaceRole::body;
  l.size_pt = size;
  l.x_pt = x;
  l.baseline_y_pt = baseline;
  l.width_pt = text_width(text, m, size);
  l.text = text;
  l.grid_line = top_line;
  l.block_index = block;
  l.first_line = l.last_line = true;
  page.lines.push_back(std::move(l));
}

}  // namespace

long long nice_step(long long max_value, int ticks) {
  if (max_value < 1) max_value = 1;
  for (long long magnitude = 1;; magnitude *= 10) {
    for (long long f : {1LL, 2LL, 5LL}) {
      if (f * magnitude * ticks >= max_value) return f * magnitude;
    }
  }
}

void place_bar_chart(const BarChart& chart, const PageProfile& p, int top_line, int block,
                     const TextMeasurer& m, Page& page) {
  const double top = p.type_top_pt() - top_line * p.line_pitch_pt;
  const double bottom = top - chart.lines * p.line_pitch_pt;
  const double left = p.type_left_pt();
  const double right = p.type_right_pt();

  // Legend, centred on the first line of the band.
  const double legend_baseline = top - p.line_pitch_pt * 0.5 - kLabelSizePt * 0.35;
  double legend_width = 0;
  for (const ChartSeries& s : chart.series)
    legend_width += kLegendKeyPt + 4 + text_width(s.name, m, kLabelSizePt) + 18;
  double x = (left + right - legend_width + 18) / 2;
  for (const ChartSeries& s : chart.series) {
    page.rects.push_back({x, legend_baseline - 0.5, kLegendKeyPt, kLegendKeyPt, s.colour});
    x += kLegendKeyPt + 4;
    label(page, s.name, x, legend_baseline, kLabelSizePt, m, top_line, block);
    x += text_width(s.name, m, kLabelSizePt) + 18;
  }

  // Value axis.
  long long max_value = 0;
  for (const ChartSeries& s : chart.series)
    for (long long v : s.values) max_value = std::max(max_value, v);
  const long long step = nice_step(max_value, kTicks);
  double axis_label_width = 0;
  for (int t = 0; t <= kTicks; ++t)
    axis_label_width =
        std::max(axis_label_width, text_width(std::to_string(step * t), m, kLabelSizePt));
  const double plot_left = left + axis_label_width + 8;
  const double plot_right = right - 4;
  const double plot_bottom = bottom + kLabelSizePt + 10;
  const double plot_top = top - p.line_pitch_pt * 1.6;
  const double plot_height = plot_top - plot_bottom;
  const double scale = plot_height / static_cast<double>(step * kTicks);
  if (!chart.value_unit.empty())
    label(page, chart.value_unit, plot_left - text_width(chart.value_unit, m, kLabelSizePt) - 8,
          plot_top + 8, kLabelSizePt, m, top_line, block);
  for (int t = 0; t <= kTicks; ++t) {
    const double y = plot_bottom + static_cast<double>(step * t) * scale;
    const std::string v = std::to_string(step * t);
    label(page, v, plot_left - 5 - text_width(v, m, kLabelSizePt), y - kLabelSizePt * 0.35,
          kLabelSizePt, m, top_line, block);
    if (t > 0)
      page.rects.push_back(
          {plot_left, y - kGridlinePt / 2, plot_right - plot_left, kGridlinePt, kGridGrey});
    page.rules.push_back({plot_left - 3, y, plot_left, y, kAxisWidthPt});  // tick
  }
  page.rules.push_back({plot_left, plot_bottom, plot_left, plot_top, kAxisWidthPt});
  page.rules.push_back({plot_left, plot_bottom, plot_right, plot_bottom, kAxisWidthPt});

  // Groups of bars with their category labels and values.
  const size_t groups = chart.categories.size();
  if (groups == 0 || chart.series.empty()) return;
  const double group_width = (plot_right - plot_left) / static_cast<double>(groups);
  const double bar_width = group_width * 0.72 / static_cast<double>(chart.series.size());
  for (size_t g = 0; g < groups; ++g) {
    const double group_left = plot_left + group_width * static_cast<double>(g);
    const double centre = group_left + group_width / 2;
    const std::string& cat = chart.categories[g];
    label(page, cat, centre - text_width(cat, m, kLabelSizePt) / 2, plot_bottom - kLabelSizePt - 4,
          kLabelSizePt, m, top_line, block);
    double bx = centre - bar_width * static_cast<double>(chart.series.size()) / 2;
    for (const ChartSeries& s : chart.series) {
      const long long v = g < s.values.size() ? s.values[g] : 0;
      const double h = static_cast<double>(v) * scale;
      if (h > 0) page.rects.push_back({bx + 0.5, plot_bottom, bar_width - 1, h, s.colour});
      const std::string text = std::to_string(v);
      label(page, text, bx + (bar_width - text_width(text, m, kValueSizePt)) / 2,
            plot_bottom + h + 2, kValueSizePt, m, top_line, block);
      bx += bar_width;
    }
  }
}

}  // namespace zhixing::inline documents::layout
