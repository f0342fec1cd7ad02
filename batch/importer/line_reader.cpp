#include "importer/line_reader.h"

#include <stdexcept>

namespace zhixing::inline importer {

LineReader::LineReader(const std::string& path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw std::runtime_error("无法读取文件 " + path);
  static char buffer[1 << 16];
  std::setvbuf(file_, buffer, _IOFBF, sizeof buffer);
}

LineReader::~LineReader() {
  if (file_) std::fclose(file_);
}

bool LineReader::next(InputLine& line) {
  for (;;) {
    line.bytes.clear();
    line.length = 0;
    line.too_long = false;
    line.has_bom = false;
    int c;
    bool any = false;
    while ((c = getc_unlocked(file_)) != EOF) {
      any = true;
      if (c == '\n') break;
      ++line.length;
      if (line.length <= kMaxLineBytes) line.bytes.push_back(static_cast<char>(c));
    }
    if (!any) return false;
    ++number_;
    line.number = number_;
    if (line.length > kMaxLineBytes) {
      line.too_long = true;
      return true;
    }
    if (!line.bytes.empty() && line.bytes.back() == '\r') {
      line.bytes.pop_back();
      --line.length;
    }
    if (number_ == 1 && line.bytes.size() >= 3 && line.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.has_bom = true;
    bool blank = true;
    for (char ch : line.bytes)
      if (ch != ' ' && ch != '\t') {
        blank = false;
        break;
      }
    if (blank && !line.has_bom) continue;
    return true;
  }
}

}  // namespace zhixing::inline importer
