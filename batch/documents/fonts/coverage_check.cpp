#include "documents/fonts/coverage_check.h"

#include "core/utf8.h"

#include <array>
#include <cstdint>

namespace zhixing::inline documents::fonts {
namespace {

using zhixing::append_utf8;

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
// Returns the sequence length, 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t v = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    n = 2, v = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, v = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, v = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

}  // namespace

std::string code_point_label(char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string digits;
  for (char32_t v = cp; v != 0; v >>= 4) digits.insert(digits.begin(), kHex[v & 0xF]);
  while (digits.size() < 4) digits.insert(digits.begin(), '0');
  std::string out = "U+" + digits;
  // Control characters and unpaired surrogates are not printable: the code point alone.
  if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && !(cp >= 0xD800 && cp <= 0xDFFF) &&
      cp <= 0x10FFFF) {
    out += ' ';
    append_utf8(out, cp);
  }
  return out;
}

std::string UndrawableChar::label() const {
  return malformed_utf8 ? std::string("malformed UTF-8") : code_point_label(code_point);
}

std::string UndrawableChar::reason(Role role) const {
  if (malformed_utf8) {
    return "malformed UTF-8 at byte " + std::to_string(byte_offset);
  }
  return label() + " is in no face of the " + std::string(role_name(role)) + " font chain";
}

std::optional<UndrawableChar> first_undrawable(const FallbackChain& chain, std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    const std::size_t n = decode(utf8, i, &cp);
    if (n == 0) {
      return UndrawableChar{U'\uFFFD', Coverage::missing, i, true};
    }
    if (cp != U'\n') {
      const Pick pick = chain.pick(cp);
      if (!pick) return UndrawableChar{cp, pick.coverage, i, false};
    }
    i += n;
  }
  return std::nullopt;
}

}  // namespace zhixing::inline documents::fonts
