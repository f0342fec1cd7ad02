// Page geometry in PDF points (1 pt = 25.4/72 mm), origin at the bottom-left of the page.
// Two profiles: GB/T 9704-2012 (the baseline) and the Word set-up courts use.
#pragma once

#include <string>

namespace zhixing::inline documents::layout {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm_to_pt(double mm) { return mm * kPointsPerMm; }

enum class PageNumberPlacement {
  outer,    // GB/T 9704-2012 §7.5: odd pages right, even pages left, one character in
  centred,  // some courts centre them (no confirmed rule)
  none,
};

struct PageProfile {
  std::string name;

  double page_width_pt = 0;
  double page_height_pt = 0;
  double margin_top_pt = 0;
  double margin_bottom_pt = 0;  // informational: the grid is anchored at the top margin
  double margin_left_pt = 0;
  double margin_right_pt = 0;
  double type_area_width_pt = 0;
  double type_area_height_pt = 0;

  int lines_per_page = 0;  // the line grid
  int chars_per_line = 0;  // the character grid
  double line_pitch_pt = 0;

  double body_size_pt = 0;
  double title_size_pt = 0;
  double court_name_size_pt = 0;
  double page_number_size_pt = 0;

  PageNumberPlacement page_numbers = PageNumberPlacement::outer;
  // Distance from the lower edge of the type area down to the page-number baseline.
  double page_number_drop_pt = 0;
  // Signature block and date line: right indent in characters (GB/T 9704-2012 §7.3.5.2).
  int signature_right_indent_chars = 2;
  // Paragraph first-line indent in characters (GB/T 9704-2012 §7.3.3: 左空二字).
  int paragraph_indent_chars = 2;

  // Derived geometry.
  double type_left_pt() const { return margin_left_pt; }
  double type_right_pt() const { return margin_left_pt + type_area_width_pt; }
  double type_top_pt() const { return page_height_pt - margin_top_pt; }
  double type_bottom_pt() const { return type_top_pt() - type_area_height_pt; }
  // The character grid pitch: type-area width / characters per line (156 mm / 28 ≈ 15.79 pt).
  double char_pitch_pt() const { return type_area_width_pt / chars_per_line; }
  // Character spacing (PDF Tc) that makes exactly `chars_per_line` body characters span the
  // type-area width edge to edge: (W − N·size)/(N − 1) ≈ −0.21 pt for 16 pt on 156 mm.
  double body_char_spacing_pt() const {
    return (type_area_width_pt - chars_per_line * body_size_pt) / (chars_per_line - 1);
  }
  double page_number_baseline_pt() const { return type_bottom_pt() - page_number_drop_pt; }

  // GB/T 9704-2012 defaults.
  static PageProfile gbt9704();
  // Court Word set-up: top 35 mm, bottom 32 mm, same type area, fixed 29 pt lines.
  static PageProfile court();
};

}  // namespace zhixing::inline documents::layout
