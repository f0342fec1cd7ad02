#include "importer/line_reader.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace zhixing::inline importer {

LineReader::LineReader(const std::string& path) : buffer_(1 << 20) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw std::runtime_error("无法读取文件 " + path);
  std::setvbuf(file_, nullptr, _IONBF, 0);  // read straight into buffer_
}

LineReader::~LineReader() {
  if (file_) std::fclose(file_);
}

bool LineReader::fill() {
  pos_ = 0;
  end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  return end_ > 0;
}

bool LineReader::next(InputLine& line) {
  for (;;) {
    line.bytes.clear();
    line.length = 0;
    line.too_long = false;
    line.has_bom = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_ && !fill()) break;
      any = true;
      const char* start = buffer_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const size_t n = newline ? static_cast<size_t>(newline - start) : end_ - pos_;
      const int64_t room = kMaxLineBytes - line.length;
      if (room > 0) line.bytes.append(start, std::min<size_t>(n, static_cast<size_t>(room)));
      line.length += static_cast<int64_t>(n);
      pos_ += n;
      if (newline) {
        ++pos_;
        break;
      }
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
