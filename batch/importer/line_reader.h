// Reads a JSON Lines file line by line with a hard limit on line length, so that a 10 MB line
// or a binary file never takes the process down: an over-long line is reported and skipped
// to the next newline.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace zhixing::inline importer {

struct InputLine {
  int64_t number = 0;     // 1-based
  std::string bytes;      // without the newline (and without a trailing \r); truncated if too long
  int64_t length = 0;     // the full length in bytes
  bool too_long = false;  // longer than the limit: bytes holds only the head
  bool has_bom = false;   // line 1 starts with EF BB BF
};

class LineReader {
 public:
  static constexpr int64_t kMaxLineBytes = 1 << 20;  // spec: longer than 1 MiB -> line_too_long

  explicit LineReader(const std::string& path);  // throws std::runtime_error if unreadable
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // False at end of file. Blank lines (only spaces, tabs or \r) are skipped.
  bool next(InputLine& line);

 private:
  bool fill();  // false at end of file

  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  size_t pos_ = 0, end_ = 0;
  int64_t number_ = 0;
};

}  // namespace zhixing::inline importer
