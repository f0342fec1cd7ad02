#include "core/input_text.h"

namespace zhixing::inline core {

namespace {

// Length of the valid UTF-8 sequence at `p`, or 0 when it is not one.
std::size_t sequence_length(const unsigned char* p, const unsigned char* end) {
  auto cont = [&](const unsigned char* q) { return q < end && (*q & 0xC0) == 0x80; };
  unsigned char c = *p;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(p + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (end - p < 3 || !cont(p + 1) || !cont(p + 2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogates U+D800–U+DFFF
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (end - p < 4 || !cont(p + 1) || !cont(p + 2) || !cont(p + 3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;  // continuation byte first, C0/C1 overlong leads, F5–FF
}

bool is_control(const unsigned char* p, std::size_t length) {
  if (length == 1) return *p < 0x20 || *p == 0x7F;
  return length == 2 && p[0] == 0xC2 && p[1] <= 0x9F;
}

}  // namespace

bool is_valid_utf8(std::string_view text, bool& has_raw_control) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    std::size_t n = sequence_length(p, end);
    if (n == 0) return false;
    if (*p < 0x20) has_raw_control = true;
    p += n;
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  bool ignored = false;
  return is_valid_utf8(text, ignored);
}

bool has_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

std::optional<InputTextFault> check_input_text(std::string_view text, std::size_t max_bytes,
                                               bool allow_line_breaks) {
  if (!is_valid_utf8(text)) return InputTextFault{"bad_encoding", "不是有效的 UTF-8 编码"};
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool line_break = c == '\t' || c == '\n' || c == '\r';
    bool control =
        c < 0x20 || c == 0x7F ||
        (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F);
    if (control && !(allow_line_breaks && line_break))
      return InputTextFault{"control_character", "含有控制字符（如 NUL）"};
  }
  if (text.size() > max_bytes)
    return InputTextFault{"too_long", "长度超过上限 " + std::to_string(max_bytes) + " 字节"};
  return std::nullopt;
}

std::string sanitize_for_log(std::string_view text, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    std::size_t n = sequence_length(p, end);
    std::string piece;
    if (n == 0) {
      piece = "\xEF\xBF\xBD";  // U+FFFD for the one bad byte
      n = 1;
    } else if (is_control(p, n)) {
      unsigned value = n == 1 ? p[0] : p[1];
      piece = {'\\', 'x', kHex[value >> 4], kHex[value & 0xF]};
    } else {
      piece.assign(reinterpret_cast<const char*>(p), n);
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "…";
      break;
    }
    out += piece;
    p += n;
  }
  return out;
}

}  // namespace zhixing::inline core
