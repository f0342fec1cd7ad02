#include "documents/pdf/content_stream.h"

#include <algorithm>
#include <cmath>

namespace zhixing::inline documents::pdf {

std::int64_t to_fixed(double value, int decimals) {
  double scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  return static_cast<std::int64_t>(std::llround(value * scale));
}

void append_fixed(std::string& out, std::int64_t value, int decimals) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  out += std::to_string(value / scale);
  std::int64_t frac = value % scale;
  if (frac == 0) return;
  int digits = decimals;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  std::string f = std::to_string(frac);
  out += '.';
  out.append(static_cast<std::size_t>(digits) - f.size(), '0');
  out += f;
}

void ContentStream::begin_text() {
  out_ += "BT\n";
  in_text_ = true;
  font_.clear();
  font_size_ = -1;
  // Tc is text state and survives ET/BT (ISO 32000-1 §9.3.1), so char_spacing_ is kept; the
  // text line matrix is reset to the identity by BT (§9.4.1).
  line_x_ = line_y_ = 0;
}

void ContentStream::end_text() {
  out_ += "ET\n";
  in_text_ = false;
}

void ContentStream::set_font(std::string_view resource_name, double size_pt) {
  const std::int64_t size = to_fixed(size_pt, 2);
  if (resource_name == font_ && size == font_size_) return;
  font_ = resource_name;
  font_size_ = size;
  out_ += '/';
  out_ += resource_name;
  out_ += ' ';
  append_fixed(out_, size, 2);
  out_ += " Tf\n";
}

void ContentStream::set_char_spacing(double spacing_pt) {
  const std::int64_t cs = to_fixed(spacing_pt, 4);
  if (cs == char_spacing_) return;
  char_spacing_ = cs;
  append_fixed(out_, cs, 4);
  out_ += " Tc\n";
}

void ContentStream::start_line(double x_pt, double y_pt) {
  const std::int64_t x = to_fixed(x_pt, 2);
  const std::int64_t y = to_fixed(y_pt, 2);
  append_fixed(out_, x - line_x_, 2);
  out_ += ' ';
  append_fixed(out_, y - line_y_, 2);
  out_ += " Td\n";
  line_x_ = x;
  line_y_ = y;
}

namespace {

void append_glyph_string(std::string& out, std::span<const std::uint16_t> glyphs) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '<';
  for (std::uint16_t g : glyphs) {
    out += kHex[(g >> 12) & 0xF];
    out += kHex[(g >> 8) & 0xF];
    out += kHex[(g >> 4) & 0xF];
    out += kHex[g & 0xF];
  }
  out += '>';
}

}  // namespace

void ContentStream::show_glyphs(std::span<const std::uint16_t> glyphs) {
  append_glyph_string(out_, glyphs);
  out_ += " Tj\n";
}

void ContentStream::show_glyphs(std::span<const std::uint16_t> glyphs,
                                std::span<const Shift> shifts) {
  if (shifts.empty()) {
    show_glyphs(glyphs);
    return;
  }
  const double size = static_cast<double>(font_size_) / 100;
  out_ += '[';
  std::size_t from = 0;
  for (const Shift& s : shifts) {
    const std::size_t at = std::min(s.before, glyphs.size());
    if (at > from) append_glyph_string(out_, glyphs.subspan(from, at - from));
    from = std::max(from, at);
    // 1/10 of a thousandth of the font size: 0.0016 pt at 16 pt.
    const std::int64_t v = to_fixed(size > 0 ? -s.pt * 1000 / size : 0.0, 1);
    if (v == 0) continue;
    if (out_.back() != '[') out_ += ' ';
    append_fixed(out_, v, 1);
    out_ += ' ';
  }
  if (from < glyphs.size()) append_glyph_string(out_, glyphs.subspan(from));
  out_ += "] TJ\n";
}

void ContentStream::rule(double x0_pt, double y0_pt, double x1_pt, double y1_pt, double width_pt) {
  const std::int64_t w = to_fixed(width_pt, 2);
  if (w != line_width_) {
    append_fixed(out_, w, 2);
    out_ += " w\n";
    line_width_ = w;
  }
  append_fixed(out_, to_fixed(x0_pt, 2), 2);
  out_ += ' ';
  append_fixed(out_, to_fixed(y0_pt, 2), 2);
  out_ += " m ";
  append_fixed(out_, to_fixed(x1_pt, 2), 2);
  out_ += ' ';
  append_fixed(out_, to_fixed(y1_pt, 2), 2);
  out_ += " l S\n";
}

void ContentStream::save_state() { out_ += "q\n"; }

void ContentStream::restore_state() {
  out_ += "Q\n";
  // Q restores the fill colour and line width of the matching q; the writer does not know
  // which they were, so the next ones are written again.
  fill_[0] = fill_[1] = fill_[2] = -1;
  line_width_ = -1;
}

void ContentStream::set_fill_rgb(double r, double g, double b) {
  const std::int64_t c[3] = {to_fixed(r, 3), to_fixed(g, 3), to_fixed(b, 3)};
  if (c[0] == fill_[0] && c[1] == fill_[1] && c[2] == fill_[2]) return;
  for (int i = 0; i < 3; ++i) {
    fill_[i] = c[i];
    append_fixed(out_, c[i], 3);
    out_ += ' ';
  }
  out_ += "rg\n";
}

void ContentStream::fill_rect(double x_pt, double y_pt, double width_pt, double height_pt) {
  for (double v : {x_pt, y_pt, width_pt, height_pt}) {
    append_fixed(out_, to_fixed(v, 2), 2);
    out_ += ' ';
  }
  out_ += "re f\n";
}

}  // namespace zhixing::inline documents::pdf
