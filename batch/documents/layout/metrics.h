// How wide a code point is in the face that will draw it. The layout engine only needs
// advances; the font module (HarfBuzz, hb-subset) implements this for the real faces.
#pragma once

#include <string_view>

namespace zhixing::inline documents::layout {

// The faces a document uses, by role (fonts/README.md).
enum class FaceRole {
  title,        // 小标宋 22 pt: court name and document title
  body,         // 仿宋 16 pt: everything else in the type area
  heading,      // 黑体 16 pt: 一、 headings (GB/T 9704-2012 §7.3.3, not used by court items)
  heading2,     // 楷体 16 pt: （一） headings
  page_number,  // 宋体 14 pt: "— n —"
};

class TextMeasurer {
 public:
  virtual ~TextMeasurer();
  // Advance of `cp` in em (1 em = the font size) in the face for `role`, after any fallback the
  // font module applies. Must be deterministic and > 0 for every printable code point.
  virtual double advance_em(FaceRole role, char32_t cp) const = 0;
  // Sum of the advances of `text` at `size_pt`, in points (no character spacing).
  double advance_pt(FaceRole role, std::u32string_view text, double size_pt) const;
};

// For tests: CJK and other wide characters 1.0 em, ASCII and Latin-1 0.5 em.
class MonospaceMeasurer final : public TextMeasurer {
 public:
  double advance_em(FaceRole role, char32_t cp) const override;
};

}  // namespace zhixing::inline documents::layout
