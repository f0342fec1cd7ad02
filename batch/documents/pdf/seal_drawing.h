// The court's red round seal as vector paths: the content stream of a form XObject (the
// signature widget's appearance, signature_field.h).
//
// Layout, after the rules for court seals (最高人民法院关于地方各级人民法院和专门人民法院印章管理的
// 规定, 2002, 一 and 二: round; the court's legal name "自左而右环行" around the centre; the seals
// of a court's divisions carry a five-pointed star in the centre and their own name "自左而右横行";
// basic courts 4.5 cm, the steel seal 4 cm; text at yylawyer.net/shlaws_con.asp?id=3704) and the
// State Council's seal rules (国务院关于国家行政机关和企业事业单位社会团体印章管理的规定,
// 国发〔1999〕25号: round, "中央刊国徽或五角星", the name "自左而右环行"; law318.infoeach.com;
// commentaries on it give a 0.1 cm rim at 4.2 cm and "印章使用简化的宋体字",
// uianet.net/dictionary/b1506860.html):
//   - an outer ring, 1.2 mm wide at 42 mm diameter (scaled with the diameter);
//   - a filled five-pointed star in the centre (the court's own seal carries the national emblem,
//     which an electronic appearance does not reproduce; the star is the 钢印's and the divisions'
//     centre figure);
//   - the court's name along the upper arc, left to right, each glyph upright to the arc (its up
//     direction pointing away from the centre), glyphs narrowed as seal engravers cut them;
//   - the purpose (电子印章) in a straight line below the star, as the divisions' names are.
// The text is drawn as glyph outlines (HarfBuzz 6.0 hb_font_get_glyph_shape, renamed
// hb_font_draw_glyph in 7.0), never as PDF text, so the page's extracted text stays the document's.
// The face: the title role's chain (Noto Serif SC Bold first): a 宋体 as the rules ask, in the bold
// weight that reads like an engraved seal at 6 mm; characters it lacks come from the chain's
// fallbacks.
//
// Colour: seal red filled through an ExtGState (multiply blend) named by the caller, so the black
// date beneath stays readable. Deterministic: numbers are written with fixed precision.
#pragma once

#include <string>
#include <string_view>

#include "documents/fonts/font_set.h"
#include "documents/pdf/signature_field.h"

namespace zhixing::inline documents::pdf {

struct SealDrawing {
  double size_pt = 0;   // the form's BBox is [0 0 size_pt size_pt]; the seal's centre in the middle
  std::string content;  // content-stream operators (paths, colour, the ExtGState by name)
};

// Throws PdfError(missing_glyph) when a character of the court name or purpose has no glyph in
// the title chain, std::invalid_argument for a diameter outside 20–60 mm.
SealDrawing draw_seal(const SealAppearance& seal, const fonts::FontSet& fonts,
                      std::string_view ext_gstate_name);

}  // namespace zhixing::inline documents::pdf
