#include "documents/templates/markup.h"

#include <charconv>
#include <optional>
#include <type_traits>

namespace zhixing::inline documents {
namespace {

using layout::Block;

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Continuation lines of Chinese text join without a separator; two Latin words keep a space.
void append_continuation(std::string& text, std::string_view more) {
  if (!text.empty() && !more.empty() && is_ascii_alnum(text.back()) && is_ascii_alnum(more.front()))
    text += ' ';
  text += more;
}

std::vector<std::string> split_cells(std::string_view row) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = row.find('|', start);
    cells.emplace_back(trim(row.substr(start, bar == std::string_view::npos ? bar : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source) {}

  std::vector<Block> parse(const std::vector<MarkupLine>& lines) {
    for (const auto& line : lines) take(line);
    close();
    return std::move(blocks_);
  }

 private:
  enum class Open { none, text, table, signature };

  [[noreturn]] void fail(int line, std::string reason) const {
    throw BadMarkup(std::string(source_), line, std::move(reason));
  }

  void close() {
    open_ = Open::none;
    open_text_ = nullptr;
  }

  void take(const MarkupLine& line) {
    const std::string_view text = trim(line.text);
    if (text.starts_with("@#")) return;
    const bool signature_before = last_was_signature_;
    last_was_signature_ = false;
    if (text.empty()) {
      close();
      return;
    }
    if (text.starts_with("@signature")) last_was_signature_ = signature_before;
    if (text.starts_with("@@")) {
      continuation(line.number, text.substr(1));
      return;
    }
    if (text.front() == '|') {
      table_row(line.number, text);
      return;
    }
    if (text.front() != '@') {
      continuation(line.number, text);
      return;
    }
    const std::size_t space = text.find_first_of(" \t");
    const std::string_view name =
        text.substr(1, space == std::string_view::npos ? space : space - 1);
    const std::string_view arg =
        space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
    directive(line.number, name, arg);
  }

  void continuation(int line, std::string_view text) {
    if (open_ != Open::text || open_text_ == nullptr)
      fail(line, "text outside a paragraph (start it with @para, @line or @item)");
    append_continuation(*open_text_, text);
  }

  void table_row(int line, std::string_view text) {
    if (open_ != Open::table) fail(line, "table row outside a table (start it with @table)");
    auto& table = std::get<layout::Table>(blocks_.back());
    std::string_view body = text.substr(1);
    if (!body.empty() && trim(body).ends_with('|')) {
      body = trim(body);
      body.remove_suffix(1);
    }
    auto cells = split_cells(body);
    if (cells.size() != table.columns.size())
      fail(line, "table row has " + std::to_string(cells.size()) + " cells, the header has " +
                     std::to_string(table.columns.size()));
    table.rows.push_back(std::move(cells));
  }

  std::string required(int line, std::string_view name, std::string_view arg) const {
    if (arg.empty()) fail(line, "@" + std::string(name) + " needs text");
    return std::string(arg);
  }

  void directive(int line, std::string_view name, std::string_view arg) {
    close();
    if (name == "court") {
      blocks_.emplace_back(layout::CourtName{required(line, name, arg)});
    } else if (name == "title") {
      blocks_.emplace_back(layout::Title{required(line, name, arg)});
    } else if (name == "case-number") {
      blocks_.emplace_back(layout::CaseNumber{required(line, name, arg)});
    } else if (name == "addressee") {
      blocks_.emplace_back(layout::Addressee{required(line, name, arg)});
    } else if (name == "para" || name == "line") {
      layout::Paragraph p;
      p.text = std::string(arg);
      p.indent_chars = name == "para" ? 2 : 0;
      blocks_.emplace_back(std::move(p));
      open_text(std::get<layout::Paragraph>(blocks_.back()).text);
    } else if (name == "item") {
      blocks_.emplace_back(layout::Item{std::string(arg)});
      open_text(std::get<layout::Item>(blocks_.back()).text);
    } else if (name == "table") {
      auto columns = split_cells(required(line, name, arg));
      for (const auto& c : columns)
        if (c.empty()) fail(line, "@table has an empty column name");
      blocks_.emplace_back(layout::Table{std::move(columns), {}});
      open_ = Open::table;
    } else if (name == "signature") {
      signature(line, arg);
      last_was_signature_ = true;
    } else if (name == "date") {
      blocks_.emplace_back(layout::DateLine{required(line, name, arg)});
    } else if (name == "blank") {
      int lines = 1;
      if (!arg.empty()) {
        const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), lines);
        if (ec != std::errc{} || end != arg.data() + arg.size() || lines < 1 || lines > 10)
          fail(line,
               "@blank takes a number of lines from 1 to 10, not \"" + std::string(arg) + "\"");
      }
      blocks_.emplace_back(layout::Blank{lines});
    } else if (name == "page-break") {
      if (!arg.empty()) fail(line, "@page-break takes no text");
      blocks_.emplace_back(layout::Blank{1, true});
    } else if (name == "note") {
      blocks_.emplace_back(layout::Note{required(line, name, arg)});
    } else {
      fail(line, "unknown directive @" + std::string(name));
    }
  }

  void open_text(std::string& text) {
    open_ = Open::text;
    open_text_ = &text;
  }

  void signature(int line, std::string_view arg) {
    const std::size_t bar = arg.find('|');
    if (bar == std::string_view::npos)
      fail(line, "@signature needs \"title | name\", e.g. @signature 审判长 | 赵志远");
    layout::SignatureRow row{std::string(trim(arg.substr(0, bar))),
                             std::string(trim(arg.substr(bar + 1)))};
    if (row.title.empty()) fail(line, "@signature without a title");
    if (row.name.empty()) fail(line, "@signature " + row.title + " without a name");
    // Consecutive @signature lines form one block (the previous line was a signature).
    if (last_was_signature_ && !blocks_.empty() &&
        std::holds_alternative<layout::Signature>(blocks_.back())) {
      std::get<layout::Signature>(blocks_.back()).rows.push_back(std::move(row));
    } else {
      blocks_.emplace_back(layout::Signature{{std::move(row)}});
    }
    open_ = Open::signature;
  }

  std::string_view source_;
  std::vector<Block> blocks_;
  Open open_ = Open::none;
  std::string* open_text_ = nullptr;  // into blocks_.back(); reset before blocks_ grows
  bool last_was_signature_ = false;   // the previous non-comment line was a @signature
};

}  // namespace

BadMarkup::BadMarkup(std::string source, int line, std::string reason)
    : std::runtime_error(source + ":" + std::to_string(line) + ": bad_markup: " + reason),
      source_(std::move(source)),
      line_(line),
      reason_(std::move(reason)) {}

std::vector<MarkupLine> split_markup_lines(std::string_view text) {
  std::vector<MarkupLine> lines;
  int number = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (nl == std::string_view::npos && start == text.size()) break;  // no empty last line
    lines.push_back({number++, std::string(text.substr(start, end - start))});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::vector<layout::Block> parse_markup_lines(const std::vector<MarkupLine>& lines,
                                              std::string_view source) {
  return Parser(source).parse(lines);
}

layout::Document parse_markup(std::string_view text, std::string_view source) {
  layout::Document doc;
  doc.blocks = parse_markup_lines(split_markup_lines(text), source);
  return doc;
}

std::string block_kind_name(const layout::Block& block) {
  return std::visit(
      [](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, layout::CourtName>)
          return "court";
        else if constexpr (std::is_same_v<T, layout::Title>)
          return "title";
        else if constexpr (std::is_same_v<T, layout::CaseNumber>)
          return "case-number";
        else if constexpr (std::is_same_v<T, layout::Addressee>)
          return "addressee";
        else if constexpr (std::is_same_v<T, layout::Paragraph>)
          return b.indent_chars ? "para" : "line";
        else if constexpr (std::is_same_v<T, layout::Item>)
          return "item";
        else if constexpr (std::is_same_v<T, layout::Table>)
          return "table";
        else if constexpr (std::is_same_v<T, layout::Signature>)
          return "signature";
        else if constexpr (std::is_same_v<T, layout::DateLine>)
          return "date";
        else if constexpr (std::is_same_v<T, layout::Blank>)
          return "blank";
        else if constexpr (std::is_same_v<T, layout::BarChart>)
          return "chart";
        else
          return "note";
      },
      block);
}

}  // namespace zhixing::inline documents
