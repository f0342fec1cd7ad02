#include "documents/pdf/seal_drawing.h"

#include <hb.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "documents/fonts/coverage_check.h"
#include "documents/fonts/hb_handles.h"
#include "documents/layout/utf8.h"
#include "documents/pdf/content_stream.h"
#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPi = std::numbers::pi;

// Proportions of the seal's radius R (measured on court seals of 42–45 mm and checked by eye on
// the rendered page): the ring 1.2 mm at 42 mm; the court name's em 0.33 R, its top 0.05 R inside
// the ring, its glyphs narrowed to 0.74 of their width; the star's outer radius 0.32 R; the
// purpose's em 0.21 R, centred 0.56 R below the centre.
constexpr double kRingWidth = 1.2 / 21.0;
constexpr double kNameEm = 0.33;
constexpr double kNameGap = 0.05;
constexpr double kNameNarrow = 0.74;
constexpr double kNameMaxSpanDeg = 240;  // between the first and the last glyph's centres
constexpr double kNameMaxStepDeg = 34;
constexpr double kStarRadius = 0.32;
constexpr double kPurposeEm = 0.21;
constexpr double kPurposeCentre = -0.56;
constexpr double kPurposeNarrow = 0.86;
// The ideographic em box of CJK faces: 12 % of the em below the baseline.
constexpr double kEmDescent = 0.12;

// Seal red (印泥/印油 red, close to the CMYK 0/100/100/10 seals are printed in).
constexpr double kRed[3] = {0.86, 0.08, 0.10};

struct Point {
  double x = 0, y = 0;
};

// An affine map from glyph space (font units) to form space (pt).
struct Affine {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;  // x' = a x + c y + e, y' = b x + d y + f
  Point apply(double x, double y) const { return {a * x + c * y + e, b * x + d * y + f}; }
};

// Path operators with coordinates in 1/100 pt.
class PathWriter {
 public:
  explicit PathWriter(std::string& out) : out_(out) {}
  void move(Point p) { op(p, "m"); }
  void line(Point p) { op(p, "l"); }
  void curve(Point p1, Point p2, Point p3) {
    num(p1.x);
    num(p1.y);
    num(p2.x);
    num(p2.y);
    op(p3, "c");
  }
  void close() { out_ += "h\n"; }

 private:
  void num(double v) {
    append_fixed(out_, to_fixed(v, 2), 2);
    out_ += ' ';
  }
  void op(Point p, const char* name) {
    num(p.x);
    num(p.y);
    out_ += name;
    out_ += '\n';
  }
  std::string& out_;
};

struct DrawContext {
  PathWriter* path;
  Affine map;
};

void on_move(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
  auto* dc = static_cast<DrawContext*>(data);
  dc->path->move(dc->map.apply(x, y));
}
void on_line(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
  auto* dc = static_cast<DrawContext*>(data);
  dc->path->line(dc->map.apply(x, y));
}
void on_cubic(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x1, float y1, float x2,
              float y2, float x3, float y3, void*) {
  auto* dc = static_cast<DrawContext*>(data);
  dc->path->curve(dc->map.apply(x1, y1), dc->map.apply(x2, y2), dc->map.apply(x3, y3));
}
void on_close(hb_draw_funcs_t*, void* data, hb_draw_state_t*, void*) {
  static_cast<DrawContext*>(data)->path->close();
}

// One immutable set of callbacks for the process (HarfBuzz turns quadratic curves into cubic
// ones when no quadratic callback is set).
hb_draw_funcs_t* draw_funcs() {
  static hb_draw_funcs_t* funcs = [] {
    hb_draw_funcs_t* f = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(f, on_move, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(f, on_line, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(f, on_cubic, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(f, on_close, nullptr, nullptr);
    hb_draw_funcs_make_immutable(f);
    return f;
  }();
  return funcs;
}

// A glyph of the title chain ready to draw: its face's font at units-per-em scale.
struct SealGlyph {
  fonts::HbFont font;
  hb_codepoint_t gid = 0;
  double units_per_em = 1000;
  double advance = 1000;  // font units
};

SealGlyph glyph_for(const fonts::FallbackChain& chain, char32_t cp, std::string_view what) {
  const fonts::Pick pick = chain.pick(cp);
  if (!pick) {
    throw PdfError(PdfErrorCode::missing_glyph, "the seal's " + std::string(what) + " holds " +
                                                    fonts::code_point_label(cp) +
                                                    ", which no title face can draw");
  }
  SealGlyph g;
  g.font.reset(hb_font_create(pick.face->hb_face()));
  g.units_per_em = pick.face->units_per_em();
  hb_font_set_scale(g.font.get(), static_cast<int>(g.units_per_em),
                    static_cast<int>(g.units_per_em));
  hb_font_get_nominal_glyph(g.font.get(), cp, &g.gid);
  g.advance = hb_font_get_glyph_h_advance(g.font.get(), g.gid);
  return g;
}

// Draws `g` with its em box's bottom-centre at `origin`, the glyph's x axis along `right` and its
// y axis along `up` (unit vectors), `em_pt` high and `narrow` × its width wide.
void draw_glyph(PathWriter& path, const SealGlyph& g, Point origin, Point right, Point up,
                double em_pt, double narrow) {
  const double s = em_pt / g.units_per_em;
  const double sx = s * narrow;
  const double descent = kEmDescent * g.units_per_em;
  DrawContext dc{&path, {}};
  dc.map.a = right.x * sx;
  dc.map.b = right.y * sx;
  dc.map.c = up.x * s;
  dc.map.d = up.y * s;
  // Glyph point (advance / 2, −descent) lands on `origin`.
  dc.map.e = origin.x - dc.map.a * g.advance / 2 - dc.map.c * (-descent);
  dc.map.f = origin.y - dc.map.b * g.advance / 2 - dc.map.d * (-descent);
  hb_font_get_glyph_shape(g.font.get(), g.gid, draw_funcs(), &dc);  // hb_font_draw_glyph from 7.0
}

// The court's name along the upper arc, left to right (clockwise), centred on the top.
void draw_name_arc(PathWriter& path, const std::u32string& name, const fonts::FallbackChain& chain,
                   Point centre, double r) {
  if (name.empty()) return;
  const double n = static_cast<double>(name.size());
  const double top = r * (1 - kRingWidth - kNameGap);  // radius of the em boxes' tops
  double em = r * kNameEm;
  double step_deg = name.size() > 1 ? std::min(kNameMaxSpanDeg / (n - 1), kNameMaxStepDeg) : 0;
  // Shrink the glyphs when the arc holds more of them than fit side by side.
  const double chord = (top - em / 2) * step_deg * kPi / 180;
  if (name.size() > 1 && em * kNameNarrow * 1.05 > chord) em = chord / (kNameNarrow * 1.05);
  const double bottom = top - em;  // radius of the em boxes' bottoms
  const double first_deg = 90 + step_deg * (n - 1) / 2;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const double theta = (first_deg - step_deg * static_cast<double>(i)) * kPi / 180;
    const Point up{std::cos(theta), std::sin(theta)};
    const Point right{std::sin(theta), -std::cos(theta)};
    const SealGlyph g = glyph_for(chain, name[i], "court name");
    draw_glyph(path, g, {centre.x + bottom * up.x, centre.y + bottom * up.y}, right, up, em,
               kNameNarrow);
  }
}

// The purpose in a straight line below the star, centred.
void draw_purpose(PathWriter& path, const std::u32string& purpose,
                  const fonts::FallbackChain& chain, Point centre, double r) {
  if (purpose.empty()) return;
  double em = r * kPurposeEm;
  const double max_width = r * 1.2;  // inside the ring at that height
  const double n = static_cast<double>(purpose.size());
  if (n * em * kPurposeNarrow > max_width) em = max_width / (n * kPurposeNarrow);
  const double pitch = em * kPurposeNarrow;
  const double y = centre.y + kPurposeCentre * r - em / 2;
  for (std::size_t i = 0; i < purpose.size(); ++i) {
    const double x = centre.x - pitch * n / 2 + pitch * (static_cast<double>(i) + 0.5);
    const SealGlyph g = glyph_for(chain, purpose[i], "purpose");
    draw_glyph(path, g, {x, y}, {1, 0}, {0, 1}, em, kPurposeNarrow);
  }
}

// A regular five-pointed star, one point up.
void draw_star(PathWriter& path, Point centre, double outer) {
  const double inner = outer * std::sin(18 * kPi / 180) / std::sin(54 * kPi / 180);
  for (int k = 0; k < 10; ++k) {
    const double rad = (k % 2 == 0) ? outer : inner;
    const double theta = (90 + 36.0 * k) * kPi / 180;
    const Point p{centre.x + rad * std::cos(theta), centre.y + rad * std::sin(theta)};
    if (k == 0) {
      path.move(p);
    } else {
      path.line(p);
    }
  }
  path.close();
}

// A circle as four Bézier quarter arcs (kappa = 4/3 (√2 − 1)).
void draw_circle(PathWriter& path, Point c, double r) {
  const double k = r * 4.0 / 3.0 * (std::numbers::sqrt2 - 1);
  path.move({c.x + r, c.y});
  path.curve({c.x + r, c.y + k}, {c.x + k, c.y + r}, {c.x, c.y + r});
  path.curve({c.x - k, c.y + r}, {c.x - r, c.y + k}, {c.x - r, c.y});
  path.curve({c.x - r, c.y - k}, {c.x - k, c.y - r}, {c.x, c.y - r});
  path.curve({c.x + k, c.y - r}, {c.x + r, c.y - k}, {c.x + r, c.y});
  path.close();
}

void append_colour(std::string& out, const char* op) {
  for (double v : kRed) {
    append_fixed(out, to_fixed(v, 3), 3);
    out += ' ';
  }
  out += op;
  out += '\n';
}

}  // namespace

SealDrawing draw_seal(const SealAppearance& seal, const fonts::FontSet& fonts,
                      std::string_view ext_gstate_name) {
  if (!(seal.diameter_mm >= 20 && seal.diameter_mm <= 60)) {
    throw std::invalid_argument("seal diameter outside 20–60 mm");
  }
  SealDrawing d;
  d.size_pt = std::round(seal.diameter_mm * kPtPerMm * 100) / 100;
  const double r = d.size_pt / 2;
  const Point c{r, r};
  const fonts::FallbackChain& chain = fonts.chain(fonts::Role::title);

  std::string& out = d.content;
  out += "q\n/";
  out += ext_gstate_name;
  out += " gs\n";
  append_colour(out, "RG");
  append_colour(out, "rg");
  // The ring, stroked on its centre line so that it ends at the BBox.
  const double ring = r * kRingWidth;
  append_fixed(out, to_fixed(ring, 2), 2);
  out += " w\n";
  PathWriter path(out);
  draw_circle(path, c, r - ring / 2);
  out += "S\n";
  // Star, name and purpose as one filled path (nonzero winding: glyph contours keep their holes).
  draw_star(path, c, r * kStarRadius);
  draw_name_arc(path, layout::utf8_to_u32(seal.court_name), chain, c, r);
  draw_purpose(path, layout::utf8_to_u32(seal.purpose), chain, c, r);
  out += "f\nQ\n";
  return d;
}

}  // namespace zhixing::inline documents::pdf
