#include "documents/templates/markup.h"

#include <gtest/gtest.h>

#include <string>

using zhixing::documents::BadMarkup;
using zhixing::documents::parse_markup;
namespace layout = zhixing::layout;

namespace {

// The line of a BadMarkup thrown by parsing `text`, or 0 when it parses.
int bad_line(const std::string& text) {
  try {
    parse_markup(text, "t.mustache");
  } catch (const BadMarkup& e) {
    EXPECT_EQ(e.source(), "t.mustache");
    return e.line();
  }
  return 0;
}

}  // namespace

TEST(Markup, ParsesEveryDirectiveIntoItsBlock) {
  const auto doc = parse_markup(
      "@court 河北省易县人民法院\n"
      "@title 执行裁定书\n"
      "@case-number （2024）冀0633执1234号\n"
      "@addressee 刘建国：\n"
      "@para 正文\n"
      "@line 甲方（签名、捺印）：\n"
      "@item 一、冻结……\n"
      "@table 期数 | 金额\n"
      "| 1 | 12000\n"
      "@signature 审判长 | 赵志远\n"
      "@date 二〇二四年三月二十日\n"
      "@blank 2\n"
      "@note 本件与原本核对无异\n",
      "t");
  ASSERT_EQ(doc.blocks.size(), 12u);
  EXPECT_EQ(std::get<layout::CourtName>(doc.blocks[0]).text, "河北省易县人民法院");
  EXPECT_EQ(std::get<layout::Title>(doc.blocks[1]).text, "执行裁定书");
  EXPECT_EQ(std::get<layout::CaseNumber>(doc.blocks[2]).text, "（2024）冀0633执1234号");
  EXPECT_EQ(std::get<layout::Addressee>(doc.blocks[3]).text, "刘建国：");
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[4]).text, "正文");
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[4]).indent_chars, 2);
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[5]).indent_chars, 0);
  EXPECT_EQ(std::get<layout::Item>(doc.blocks[6]).text, "一、冻结……");
  const auto& table = std::get<layout::Table>(doc.blocks[7]);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"期数", "金额"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"1", "12000"}));
  const auto& sig = std::get<layout::Signature>(doc.blocks[8]);
  ASSERT_EQ(sig.rows.size(), 1u);
  EXPECT_EQ(sig.rows[0].title, "审判长");
  EXPECT_EQ(sig.rows[0].name, "赵志远");
  EXPECT_EQ(std::get<layout::DateLine>(doc.blocks[9]).text, "二〇二四年三月二十日");
  EXPECT_EQ(std::get<layout::Blank>(doc.blocks[10]).lines, 2);
  EXPECT_EQ(std::get<layout::Note>(doc.blocks[11]).text, "本件与原本核对无异");
}

TEST(Markup, JoinsContinuationLinesWithoutSeparatorExceptBetweenLatinWords) {
  const auto doc = parse_markup("@para 本院于2024年3月5日\n立案执行。\n@item 一、see\nnext\n", "t");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[0]).text, "本院于2024年3月5日立案执行。");
  EXPECT_EQ(std::get<layout::Item>(doc.blocks[1]).text, "一、see next");
}

TEST(Markup, ConsecutiveSignatureLinesFormOneBlockAndABlankLineSplitsThem) {
  const auto doc = parse_markup(
      "@signature 审判长 | 赵志远\n@signature 审判员 | 王立新\n@# comment\n@signature 审判员 | "
      "李红\n"
      "@date 二〇二四年七月十五日\n@signature 书记员 | 陈静\n\n@signature 执行员 | 王立新\n",
      "t");
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(std::get<layout::Signature>(doc.blocks[0]).rows.size(), 3u);
  EXPECT_EQ(std::get<layout::Signature>(doc.blocks[2]).rows.size(), 1u);
  EXPECT_EQ(std::get<layout::Signature>(doc.blocks[3]).rows[0].title, "执行员");
}

TEST(Markup, CommentsBlankLinesAndEscapedAt) {
  const auto doc = parse_markup("@# a comment\n\n@para 第一行\n@# inside\n@@符号\n\n@blank\n", "t");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[0]).text, "第一行@符号");
  EXPECT_EQ(std::get<layout::Blank>(doc.blocks[1]).lines, 1);
}

TEST(Markup, KeepsIdeographicSpaceAndTrimsAsciiSpace) {
  const auto doc = parse_markup("  @line 　经办人：　  \n", "t");
  EXPECT_EQ(std::get<layout::Paragraph>(doc.blocks[0]).text, "　经办人：　");
}

TEST(Markup, TableRowsAllowATrailingBar) {
  const auto doc = parse_markup("@table a | b\n| 1 | 2 |\n|3|4\n", "t");
  const auto& table = std::get<layout::Table>(doc.blocks[0]);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][1], "2");
  EXPECT_EQ(table.rows[1][0], "3");
}

TEST(Markup, RejectsUnknownDirectiveWithItsLine) {
  EXPECT_EQ(bad_line("@title 执行裁定书\n\n@paragraph 正文\n"), 3);
}

TEST(Markup, RejectsTextOutsideAParagraph) {
  EXPECT_EQ(bad_line("@para 正文\n\n游离文字\n"), 3);
  EXPECT_EQ(bad_line("@title 执行裁定书\n游离文字\n"), 2);
}

TEST(Markup, RejectsTableRowsWithTheWrongCellCountOrOutsideATable) {
  EXPECT_EQ(bad_line("@table a | b\n| 1 | 2\n| 1 | 2 | 3\n"), 3);
  EXPECT_EQ(bad_line("@para x\n| 1 | 2\n"), 2);
}

TEST(Markup, RejectsMalformedSignatureBlankAndEmptyArguments) {
  EXPECT_EQ(bad_line("@signature 审判长 赵志远\n"), 1);
  EXPECT_EQ(bad_line("@signature 审判长 |\n"), 1);
  EXPECT_EQ(bad_line("@para x\n@blank 0\n"), 2);
  EXPECT_EQ(bad_line("@blank two\n"), 1);
  EXPECT_EQ(bad_line("@title\n"), 1);
  EXPECT_EQ(bad_line("@date   \n"), 1);
}

TEST(Markup, ErrorMessageNamesFileLineAndCode) {
  try {
    parse_markup("@para ok\n@bogus\n", "templates/notice.mustache");
    FAIL() << "no error";
  } catch (const BadMarkup& e) {
    EXPECT_STREQ(e.what(), "templates/notice.mustache:2: bad_markup: unknown directive @bogus");
  }
}
