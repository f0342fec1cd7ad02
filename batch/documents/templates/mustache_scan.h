// A scanner for the mustache subset our templates use (default {{ }} delimiters; variables,
// sections, inverted sections, comments). kainjow parses for rendering but reports errors by
// byte offset and keeps its tree private; `templates check` needs tags with line numbers, and
// rendering needs standalone tag lines removed as the mustache spec says (kainjow keeps the line
// of a false section as an empty line, which would end a markup paragraph).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhixing::inline documents {

struct MustacheTag {
  enum class Type { variable, unescaped, section, inverted, end, comment, partial, delimiter };
  Type type = Type::variable;
  std::string name;
  std::size_t begin = 0;  // byte offset of "{{"
  std::size_t end = 0;    // one past the closing "}}"
  int line = 0;           // 1-based
};

struct MustacheProblem {
  int line = 0;
  std::string message;
};

struct MustacheScan {
  std::vector<MustacheTag> tags;
  std::vector<MustacheProblem> problems;  // syntax: unclosed tag or section, stray end tag,
                                          // tag spanning lines, partials, delimiter changes
};

MustacheScan scan_mustache(std::string_view text);

// True when line `line_text` holds only section, inverted, end or comment tags and whitespace.
bool is_standalone_line(std::string_view text, std::size_t line_begin, std::size_t line_end,
                        const std::vector<MustacheTag>& tags);

// The template with standalone tag lines collapsed (their indentation and newline removed, the
// tags kept), ready for kainjow. Precondition: the scan found no problems.
std::string strip_standalone_lines(std::string_view text, const std::vector<MustacheTag>& tags);

}  // namespace zhixing::inline documents
