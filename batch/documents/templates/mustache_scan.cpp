#include "documents/templates/mustache_scan.h"

#include <algorithm>

namespace zhixing::inline documents {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

bool is_block_tag(MustacheTag::Type t) {
  using T = MustacheTag::Type;
  return t == T::section || t == T::inverted || t == T::end || t == T::comment;
}

}  // namespace

MustacheScan scan_mustache(std::string_view text) {
  MustacheScan scan;
  std::vector<std::size_t> open_index;
  std::size_t pos = 0;
  while (true) {
    const std::size_t begin = text.find("{{", pos);
    if (begin == std::string_view::npos) break;
    const int line = line_of(text, begin);
    const bool triple = text.substr(begin).starts_with("{{{");
    const std::string_view closer = triple ? "}}}" : "}}";
    const std::size_t content_begin = begin + (triple ? 3 : 2);
    const std::size_t close = text.find(closer, content_begin);
    if (close == std::string_view::npos) {
      scan.problems.push_back({line, "unclosed tag"});
      break;
    }
    std::string_view content = text.substr(content_begin, close - content_begin);
    pos = close + closer.size();
    if (content.find('\n') != std::string_view::npos) {
      scan.problems.push_back({line, "a tag must not span lines"});
      continue;
    }
    MustacheTag tag;
    tag.begin = begin;
    tag.end = pos;
    tag.line = line;
    content = trim(content);
    using T = MustacheTag::Type;
    if (triple) {
      tag.type = T::unescaped;
    } else if (!content.empty()) {
      switch (content.front()) {
        case '#':
          tag.type = T::section;
          break;
        case '^':
          tag.type = T::inverted;
          break;
        case '/':
          tag.type = T::end;
          break;
        case '!':
          tag.type = T::comment;
          break;
        case '>':
          tag.type = T::partial;
          break;
        case '&':
          tag.type = T::unescaped;
          break;
        case '=':
          tag.type = T::delimiter;
          break;
        default:
          tag.type = T::variable;
          break;
      }
      if (tag.type != T::variable && tag.type != T::comment) content = trim(content.substr(1));
    }
    if (tag.type != T::comment) tag.name = std::string(content);
    if (tag.type == T::partial) {
      scan.problems.push_back({line, "partials ({{>" + tag.name + "}}) are not supported"});
    } else if (tag.type == T::delimiter) {
      scan.problems.push_back({line, "changing delimiters ({{=…=}}) is not supported"});
    } else if (tag.type != T::comment && tag.name.empty()) {
      scan.problems.push_back({line, "empty tag"});
    } else if (tag.type == T::section || tag.type == T::inverted) {
      open_index.push_back(scan.tags.size());
    } else if (tag.type == T::end) {
      if (open_index.empty()) {
        scan.problems.push_back({line, "{{/" + tag.name + "}} closes no open section"});
      } else {
        const MustacheTag& opener = scan.tags[open_index.back()];
        if (opener.name != tag.name) {
          scan.problems.push_back({line, "{{/" + tag.name + "}} closes {{#" + opener.name +
                                             "}} opened on line " + std::to_string(opener.line)});
        }
        open_index.pop_back();
      }
    }
    scan.tags.push_back(std::move(tag));
  }
  for (const std::size_t i : open_index)
    scan.problems.push_back(
        {scan.tags[i].line, "section {{#" + scan.tags[i].name + "}} is never closed"});
  std::stable_sort(scan.problems.begin(), scan.problems.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return scan;
}

bool is_standalone_line(std::string_view text, std::size_t line_begin, std::size_t line_end,
                        const std::vector<MustacheTag>& tags) {
  bool any = false;
  std::size_t pos = line_begin;
  for (const auto& tag : tags) {
    if (tag.end <= line_begin) continue;
    if (tag.begin >= line_end) break;
    if (!is_block_tag(tag.type)) return false;
    if (!trim(text.substr(pos, tag.begin - pos)).empty()) return false;
    pos = tag.end;
    any = true;
  }
  return any && trim(text.substr(pos, line_end - pos)).empty();
}

std::string strip_standalone_lines(std::string_view text, const std::vector<MustacheTag>& tags) {
  std::string out;
  out.reserve(text.size());
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    const std::size_t nl = text.find('\n', line_begin);
    const std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    if (is_standalone_line(text, line_begin, line_end, tags)) {
      for (const auto& tag : tags)
        if (tag.begin >= line_begin && tag.end <= line_end)
          out.append(text.substr(tag.begin, tag.end - tag.begin));
    } else {
      out.append(text.substr(line_begin, next - line_begin));
    }
    line_begin = next;
  }
  return out;
}

}  // namespace zhixing::inline documents
