#include "importer/json_tree.h"

namespace zhixing::inline importer {

std::string escape_raw_controls(std::string_view line) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(line.size() + 16);
  bool in_string = false;
  bool escaped = false;
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    }
    out += ch;
  }
  return out;
}

}  // namespace zhixing::inline importer
