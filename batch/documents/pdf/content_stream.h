// A page content stream (ISO 32000-1 §9.4 text objects, §8.5 path painting), written as bytes.
//
// The PDF writer draws glyph ids through Identity-H Type0 fonts, so text is shown as hex strings
// of 2-byte glyph ids; libharu's ShowText would re-encode UTF-8 through its own encoder. Numbers
// are written with fixed precision, independent of the locale (positions in 1/100 pt, character
// spacing in 1/10000 pt), so the same layout always gives the same bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace zhixing::inline documents::pdf {

class ContentStream {
 public:
  void begin_text();  // BT; the text line matrix starts at the origin
  void end_text();    // ET
  // Tf, written only when it changes inside the text object.
  void set_font(std::string_view resource_name, double size_pt);
  // Tc, written only when it changes inside the text object.
  void set_char_spacing(double spacing_pt);
  // Starts a text line at (x, y) from the page origin (Td relative to the previous line start).
  void start_line(double x_pt, double y_pt);
  // <gggg…> Tj: the text position then advances by Σ (w/1000 × size + Tc).
  void show_glyphs(std::span<const std::uint16_t> glyphs);
  // A number in a TJ array: before glyph `before` (0: before the first), the position moves
  // by `pt` points (positive: right, i.e. more space).
  struct Shift {
    std::size_t before = 0;
    double pt = 0;
  };
  // [<gg…> n <gg…>] TJ with the shifts at their places (ISO 32000-1 §9.4.3: the number is in
  // thousandths of text space, subtracted, so +pt is written as −pt × 1000 / size); Tj when
  // `shifts` is empty. Needs the font size set by set_font.
  void show_glyphs(std::span<const std::uint16_t> glyphs, std::span<const Shift> shifts);
  // A stroked straight line (table rules), outside text objects.
  void rule(double x0_pt, double y0_pt, double x1_pt, double y1_pt, double width_pt);
  // q / Q: saves and restores the graphics state (the fill colour below), outside text objects.
  void save_state();
  void restore_state();
  // rg, written only when it changes (components 0–1, three decimals).
  void set_fill_rgb(double r, double g, double b);
  // A filled rectangle (chart bars): lower-left corner and size, outside text objects.
  void fill_rect(double x_pt, double y_pt, double width_pt, double height_pt);

  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
  bool in_text_ = false;
  std::string font_;
  std::int64_t font_size_ = -1;           // 1/100 pt
  std::int64_t char_spacing_ = 0;         // 1/10000 pt
  std::int64_t line_x_ = 0, line_y_ = 0;  // 1/100 pt
  std::int64_t line_width_ = -1;          // 1/100 pt
  std::int64_t fill_[3] = {0, 0, 0};      // 1/1000; black is the initial fill colour
};

// `value` / 10^decimals as a PDF number with trailing zeros trimmed ("12.5", "-0.2143", "0").
void append_fixed(std::string& out, std::int64_t value, int decimals);
std::int64_t to_fixed(double value, int decimals);

}  // namespace zhixing::inline documents::pdf
