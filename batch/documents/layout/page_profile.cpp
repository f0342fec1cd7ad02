#include "documents/layout/page_profile.h"

namespace zhixing::inline documents::layout {

PageProfile PageProfile::gbt9704() {
  PageProfile p;
  p.name = "gbt9704";
  // GB/T 9704-2012 §5.1 (幅面尺寸: A4 per GB/T 148): 210 mm × 297 mm.
  p.page_width_pt = mm_to_pt(210);
  p.page_height_pt = mm_to_pt(297);
  // GB/T 9704-2012 §5.2.1 (页边与版心尺寸): 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
  p.margin_top_pt = mm_to_pt(37);
  p.margin_left_pt = mm_to_pt(28);
  p.type_area_width_pt = mm_to_pt(156);
  p.type_area_height_pt = mm_to_pt(225);
  // Derived from §5.2.1: right 210 − 28 − 156 = 26 mm, bottom 297 − 37 − 225 = 35 mm.
  p.margin_right_pt = mm_to_pt(26);
  p.margin_bottom_pt = mm_to_pt(35);
  // GB/T 9704-2012 §5.2.3 (行数和字数): 22 lines × 28 characters filling the type area.
  p.lines_per_page = 22;
  p.chars_per_line = 28;
  p.line_pitch_pt = p.type_area_height_pt / p.lines_per_page;  // 225 mm / 22 ≈ 28.99 pt
  p.body_size_pt = 16;   // GB/T 9704-2012 §5.2.2: 3号仿宋 (16 pt)
  p.title_size_pt = 22;  // GB/T 9704-2012 §7.3.1: 2号小标宋 title
  p.court_name_size_pt = 22;  // 人民法院民事裁判文书制作规范 (2016): court name 2号 on its own line
  p.page_number_size_pt = 14;  // GB/T 9704-2012 §7.5: 4号半角宋体 page numbers
  p.page_numbers = PageNumberPlacement::outer;  // GB/T 9704-2012 §7.5
  // GB/T 9704-2012 §7.5: the number line 7 mm below the type area (baseline ≈ 35 − 7 = 28 mm
  // above the paper edge).
  p.page_number_drop_pt = mm_to_pt(7);
  p.signature_right_indent_chars = 2;  // GB/T 9704-2012 §7.3.5.2: 右空二字
  p.paragraph_indent_chars = 2;        // GB/T 9704-2012 §7.3.3 body: 左空二字, 回行顶格
  return p;
}

PageProfile PageProfile::court() {
  PageProfile p = gbt9704();
  p.name = "court";
  // The Word set-up courts use: top 35 mm, bottom 32 mm, left 28 mm, right 26 mm; the
  // type area stays 156 × 225 mm (SPC 裁判文书排版印刷标准), anchored at the top margin.
  p.margin_top_pt = mm_to_pt(35);
  p.margin_bottom_pt = mm_to_pt(32);
  // Same set-up: 22 lines × 28 chars, line spacing fixed 29 pt. 22 × 29 pt = 638 pt
  // (225.07 mm) fits the 297 − 35 − 32 = 230 mm that Word leaves.
  p.line_pitch_pt = 29;
  // The grid is the type area: its height is 22 × 29 pt so that no line hangs below it.
  p.type_area_height_pt = p.lines_per_page * p.line_pitch_pt;
  return p;
}

}  // namespace zhixing::inline documents::layout
