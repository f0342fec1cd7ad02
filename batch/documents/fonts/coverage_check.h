// Before a document is laid out, every field is checked against the fallback chain of the role
// that will draw it: a character no face has (in any plane: 𠮷 U+20BB7 is drawn by the faces
// that cover CJK Extension B and beyond) must fail that one document with `missing_glyph`
// naming it — never a blank, a box or a wrong glyph.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "documents/fonts/font_set.h"

namespace zhixing::inline documents::fonts {

struct UndrawableChar {
  char32_t code_point = 0;  // U+FFFD for a malformed UTF-8 sequence
  Coverage coverage = Coverage::missing;
  std::size_t byte_offset = 0;  // into the UTF-8 text
  bool malformed_utf8 = false;
  // "U+20BB7 𠮷" (just "U+FFFD" for malformed input).
  std::string label() const;
  // "U+E000  is in no face of the body font chain" / "malformed UTF-8 at byte 3".
  std::string reason(Role role) const;
};

// "U+20BB7 𠮷": the code point in at least four upper-case hex digits, a space, the character.
std::string code_point_label(char32_t cp);

// The first character of `utf8` that no face of `chain` can draw, or nullopt when all can.
// '\n' (a forced line break in paragraphs) is not drawn and is accepted.
std::optional<UndrawableChar> first_undrawable(const FallbackChain& chain, std::string_view utf8);
inline std::optional<UndrawableChar> first_undrawable(const FontSet& fonts, Role role,
                                                      std::string_view utf8) {
  return first_undrawable(fonts.chain(role), utf8);
}

}  // namespace zhixing::inline documents::fonts
