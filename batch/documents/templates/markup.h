// The block markup that document templates produce and the layout engine reads: one directive
// per line, so a clerk can edit a template in any text editor.
//
//   @court 河北省易县人民法院          → layout::CourtName
//   @title 执行裁定书                  → layout::Title
//   @case-number （2024）冀0633执1234号 → layout::CaseNumber
//   @addressee 刘建国：                → layout::Addressee
//   @para 申请执行人……                 → layout::Paragraph (first line indented two characters)
//   @line 甲方（签章）：               → layout::Paragraph with no indent (signature lines, forms)
//   @item 一、冻结……                   → layout::Item
//       (para, line and item continue on the following lines until a blank line or the next
//        directive; continuation lines are joined without a separator, or with one space when
//        both sides are Latin letters or digits)
//   @table 期数 | 履行期限 | 金额       → layout::Table; the header after @table, then one row
//   | 1 | 2024年4月30日 | 12000元         per line beginning with '|' (a trailing '|' is allowed)
//   @signature 审判长 | 赵志远          → one layout::SignatureRow; consecutive @signature lines
//                                         form one layout::Signature block
//   @date 二〇二四年三月二十日          → layout::DateLine
//   @blank 2                           → layout::Blank (1 when the number is omitted; 1..10)
//   @page-break                        → layout::Blank with page_break: the rest starts a new page
//   @note 本件与原本核对无异            → layout::Note
//   @# anything                        → a comment, ignored (also inside a paragraph)
//   @@…                                → a continuation line that starts with a literal '@'
//
// Blank lines end a paragraph, table or signature block and are otherwise ignored: vertical
// space is always explicit (@blank). Leading and trailing ASCII spaces and tabs are trimmed;
// the ideographic space U+3000 is content.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "documents/layout/blocks.h"

namespace zhixing::inline documents {

// Error code `bad_markup`: names the source (template file) and the 1-based line.
class BadMarkup : public std::runtime_error {
 public:
  BadMarkup(std::string source, int line, std::string reason);
  const std::string& source() const { return source_; }
  int line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string source_;
  int line_;
  std::string reason_;
};

// One line of markup with the line number to report for it (template check keeps the line
// numbers of the template source while dropping lines that mustache removes).
struct MarkupLine {
  int number = 0;
  std::string text;
};

std::vector<MarkupLine> split_markup_lines(std::string_view text);

// Parses markup into blocks; throws BadMarkup for an unknown directive, a directive without its
// argument, text outside a paragraph, a table row with the wrong number of cells, a signature
// without '|', or a bad @blank count. Metadata is left empty (the caller knows the case).
layout::Document parse_markup(std::string_view text, std::string_view source);
std::vector<layout::Block> parse_markup_lines(const std::vector<MarkupLine>& lines,
                                              std::string_view source);

// The directive that produces a block ("court", "para", "signature" …), for diagnostics.
std::string block_kind_name(const layout::Block& block);

}  // namespace zhixing::inline documents
