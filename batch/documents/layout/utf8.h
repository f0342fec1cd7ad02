// UTF-8 ⇄ UTF-32 for the layout engine (text arrives as UTF-8 from templates; libharu takes
// UTF-8; line breaking works on code points).
#pragma once

#include <string>
#include <string_view>

namespace zhixing::inline documents::layout {

// Malformed sequences decode to U+FFFD (templates are validated upstream; this never throws).
std::u32string utf8_to_u32(std::string_view text);
std::string u32_to_utf8(std::u32string_view text);

}  // namespace zhixing::inline documents::layout
