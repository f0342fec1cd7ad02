#include "documents/layout/paginate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "documents/layout/gap_stats.h"
#include "documents/layout/line_breaker.h"
#include "documents/layout/utf8.h"

using namespace zhixing::layout;

namespace {

const MonospaceMeasurer kMono;
constexpr double kEps = 1e-6;

// n ideographs without punctuation: line counts are easy to predict (28 per line, 26 on an
// indented first line).
std::string han(size_t n) {
  const std::u32string pool =
      U"本院在执行申请人与被执行人借款合同纠纷一案中查明财产情况依法予以处理";
  std::u32string s;
  for (size_t i = 0; i < n; ++i) s += pool[i % pool.size()];
  return u32_to_utf8(s);
}

// A two-page 冻结、划拨存款 ruling (民事诉讼法 art. 253) with every kind of block.
Document sample_ruling() {
  Document d;
  d.metadata = {"执行裁定书", "河北省易县人民法院", "（2024）冀0633执1234号"};
  d.blocks = {
      CourtName{"河北省易县人民法院"},
      Title{"执行裁定书"},
      CaseNumber{"（2024）冀0633执1234号"},
      Paragraph{"申请执行人：张某某，男，1980年1月1日出生，汉族，住河北省易县易州镇城关村，"
                "公民身份号码13063319800101123X。"},
      Paragraph{"委托诉讼代理人：王某，河北某某律师事务所律师。"},
      Paragraph{"被执行人：刘建国，男，1975年5月20日出生，汉族，住河北省易县梁格庄镇某村，"
                "公民身份号码130633197505201234。"},
      Paragraph{"申请执行人张某某与被执行人刘建国民间借贷纠纷一案，本院（2023）冀0633民初567号"
                "民事判决书已经发生法律效力。被执行人刘建国未按执行通知书指定的期间履行生效法律文书"
                "确定的义务，申请执行人张某某于2024年6月3日向本院申请强制执行，本院于同日立案。"},
      Paragraph{"本院在执行过程中，于2024年6月5日向被执行人刘建国送达了执行通知书、报告财产令，"
                "责令其履行生效法律文书确定的给付义务并如实报告财产情况。被执行人至今未履行义务，"
                "亦未报告财产。经网络执行查控系统查询，被执行人在中国农业银行股份有限公司易县支行"
                "开立的账户（账号6228480000000000000）内有存款50000元。"},
      Paragraph{"本院认为，被执行人刘建国未按执行通知书履行法律文书确定的义务，申请执行人的申请"
                "符合法律规定，应予准许。依照《中华人民共和国民事诉讼法》第二百五十三条规定，"
                "裁定如下："},
      Item{"一、冻结被执行人刘建国在中国农业银行股份有限公司易县支行的存款50000元"
           "（账号6228480000000000000），冻结期限一年；"},
      Item{"二、划拨被执行人刘建国在中国农业银行股份有限公司易县支行的存款50000元至本院"
           "执行款专户。"},
      Paragraph{"本裁定立即执行。"},
      Blank{1},
      Signature{{{"审判长", "李明"}, {"审判员", "赵丽华"}, {"审判员", "孙强"}}},
      DateLine{"二〇二四年八月二十二日"},
      Note{"本件与原本核对无异"},
      Signature{{{"书记员", "周晓"}}},
  };
  return d;
}

std::vector<const PlacedLine*> all_lines(const LaidOutDocument& doc, bool with_numbers = false) {
  std::vector<const PlacedLine*> out;
  for (const Page& p : doc.pages) {
    for (const PlacedLine& l : p.lines) {
      if (with_numbers || l.kind != LineKind::page_number) out.push_back(&l);
    }
  }
  return out;
}

bool is_text_kind(LineKind k) {
  return k == LineKind::paragraph || k == LineKind::item || k == LineKind::addressee;
}

}  // namespace

class SampleRuling : public ::testing::Test {
 protected:
  PageProfile profile = PageProfile::gbt9704();
  LaidOutDocument doc = paginate(sample_ruling(), profile, kMono);
};

TEST_F(SampleRuling, TakesTwoA4Pages) {
  EXPECT_EQ(doc.pages.size(), 2u);
  EXPECT_NEAR(doc.page_width_pt, 595.276, 0.001);
  EXPECT_NEAR(doc.page_height_pt, 841.89, 0.001);
  EXPECT_EQ(doc.metadata.title, "执行裁定书");
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[1].number, 2);
}

TEST_F(SampleRuling, NoLineLeavesTheTypeArea) {
  for (const PlacedLine* l : all_lines(doc)) {
    EXPECT_GE(l->x_pt, profile.type_left_pt() - kEps) << l->text;
    EXPECT_LE(l->right_pt(), profile.type_right_pt() + kEps) << l->text;
    EXPECT_LE(l->baseline_y_pt + l->size_pt, profile.type_top_pt() + kEps) << l->text;
    EXPECT_GE(l->baseline_y_pt - 0.2 * l->size_pt, profile.type_bottom_pt() - kEps) << l->text;
  }
}

TEST_F(SampleRuling, WidthsAgreeWithTheMeasurer) {
  for (const PlacedLine* l : all_lines(doc, true)) {
    const std::u32string t = utf8_to_u32(l->text);
    double advance = 0;
    for (char32_t c : t) advance += kMono.advance_em(l->role, c) * l->size_pt;
    double adjusted = 0;  // justification's per-gap corrections (digit runs, punctuation)
    for (const GapAdjust& a : l->adjustments) adjusted += a.pt;
    EXPECT_NEAR(l->width_pt, natural_width_pt(advance, t.size(), l->char_spacing_pt) + adjusted,
                1e-6)
        << l->text;
  }
}

TEST_F(SampleRuling, FullLinesAreJustifiedToTheRightEdge) {
  int full = 0;
  for (const PlacedLine* l : all_lines(doc)) {
    if (!is_text_kind(l->kind) || l->last_line) continue;
    ++full;
    EXPECT_NEAR(l->right_pt(), profile.type_right_pt(), kEps) << l->text;
  }
  EXPECT_GT(full, 10);
}

TEST_F(SampleRuling, JustificationNeitherLetterSpacesDigitsNorSpreadsBeyondAQuarterEm) {
  int lines = 0;
  for (const PlacedLine* l : all_lines(doc)) {
    if (!is_justifiable(l->kind)) continue;
    ++lines;
    const LineGaps g = measure_gaps(*l, profile.body_char_spacing_pt(), profile.type_right_pt());
    EXPECT_EQ(g.spread_runs, 0u) << l->text;
    EXPECT_LE(g.max_added_pt, profile.body_size_pt / 4 + kEps) << l->text;
    EXPECT_FALSE(g.ragged_inside_paragraph) << l->text;
  }
  EXPECT_GT(lines, 10);
}

TEST_F(SampleRuling, LastLinesKeepNaturalPitchFlushLeft) {
  for (const PlacedLine* l : all_lines(doc)) {
    if (!is_text_kind(l->kind) || !l->last_line) continue;
    EXPECT_NEAR(l->char_spacing_pt, profile.body_char_spacing_pt(), kEps) << l->text;
    if (!l->first_line) {
      EXPECT_NEAR(l->x_pt, profile.type_left_pt(), kEps) << l->text;
    }
  }
}

TEST_F(SampleRuling, FirstLinesAreIndentedTwoCharactersAndContinuationLinesAreFlushLeft) {
  int firsts = 0;
  for (const PlacedLine* l : all_lines(doc)) {
    if (!is_text_kind(l->kind)) continue;
    if (l->first_line) {
      ++firsts;
      EXPECT_NEAR(l->x_pt, profile.type_left_pt() + 2 * profile.char_pitch_pt(), kEps) << l->text;
    } else {
      EXPECT_NEAR(l->x_pt, profile.type_left_pt(), kEps) << l->text;
    }
  }
  EXPECT_EQ(firsts, 9);  // 7 paragraphs + 2 items
}

TEST_F(SampleRuling, NoLineStartsWithForbiddenPunctuation) {
  for (const PlacedLine* l : all_lines(doc)) {
    const std::u32string t = utf8_to_u32(l->text);
    ASSERT_FALSE(t.empty());
    EXPECT_FALSE(forbidden_at_line_start(t.front())) << l->text;
    if (!l->last_line) {
      EXPECT_FALSE(forbidden_at_line_end(t.back())) << l->text;
    }
  }
}

TEST_F(SampleRuling, CaseNumbersAmountsAndAccountsAreNeverSplit) {
  const std::vector<std::string> tokens = {
      "（2024）冀0633执1234号", "（2023）冀0633民初567号", "50000元",
      "6228480000000000000",    "13063319800101123X",      "130633197505201234"};
  const std::vector<int> expected = {1, 1, 3, 2, 1, 1};
  for (size_t t = 0; t < tokens.size(); ++t) {
    int whole = 0;
    for (const PlacedLine* l : all_lines(doc)) {
      for (size_t at = l->text.find(tokens[t]); at != std::string::npos;
           at = l->text.find(tokens[t], at + 1)) {
        ++whole;
      }
    }
    EXPECT_EQ(whole, expected[t]) << tokens[t];
  }
}

TEST_F(SampleRuling, LinesSitOnTheGrid) {
  for (const Page& p : doc.pages) {
    for (const PlacedLine& l : p.lines) {
      if (l.kind == LineKind::page_number) continue;
      ASSERT_GE(l.grid_line, 0);
      ASSERT_LT(l.grid_line, profile.lines_per_page);
      const double cell_middle =
          profile.type_top_pt() - (l.grid_line + 0.5) * profile.line_pitch_pt;
      EXPECT_NEAR(l.baseline_y_pt, cell_middle - 0.38 * l.size_pt, kEps);
    }
  }
  // The first page is full: 22 lines.
  int last_grid = -1;
  for (const PlacedLine& l : doc.pages[0].lines) last_grid = std::max(last_grid, l.grid_line);
  EXPECT_EQ(last_grid, profile.lines_per_page - 1);
}

TEST_F(SampleRuling, HeaderLinesAreCentredAndRightAligned) {
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 3u);
  const double centre = (profile.type_left_pt() + profile.type_right_pt()) / 2;
  EXPECT_EQ(lines[0].kind, LineKind::court_name);
  EXPECT_EQ(lines[0].grid_line, 0);
  EXPECT_DOUBLE_EQ(lines[0].size_pt, 22);
  EXPECT_EQ(lines[0].role, FaceRole::title);
  EXPECT_NEAR(lines[0].x_pt + lines[0].width_pt / 2, centre, kEps);
  EXPECT_EQ(lines[1].kind, LineKind::title);
  EXPECT_EQ(lines[1].grid_line, 1);
  EXPECT_DOUBLE_EQ(lines[1].size_pt, 22);
  EXPECT_NEAR(lines[1].x_pt + lines[1].width_pt / 2, centre, kEps);
  EXPECT_NEAR(lines[1].char_spacing_pt, 11, kEps);  // 执 行 裁 定 书: 0.5 em letter spacing
  EXPECT_EQ(lines[2].kind, LineKind::case_number);
  EXPECT_EQ(lines[2].text, "（2024）冀0633执1234号");
  EXPECT_DOUBLE_EQ(lines[2].size_pt, 16);
  EXPECT_NEAR(lines[2].right_pt(), profile.type_right_pt(), kEps);
}

TEST_F(SampleRuling, SignatureTitlesAndNamesFormColumns) {
  std::vector<const PlacedLine*> titles, names;
  const PlacedLine* date = nullptr;
  for (const PlacedLine* l : all_lines(doc)) {
    if (l->kind == LineKind::signature_title) titles.push_back(l);
    if (l->kind == LineKind::signature_name) names.push_back(l);
    if (l->kind == LineKind::date) date = l;
  }
  ASSERT_EQ(titles.size(), 4u);
  ASSERT_EQ(names.size(), 4u);
  for (const PlacedLine* t : titles) {
    EXPECT_NEAR(t->x_pt, titles[0]->x_pt, kEps);
    EXPECT_NEAR(t->width_pt, 4 * profile.char_pitch_pt(), kEps) << t->text;
  }
  for (const PlacedLine* n : names) {
    EXPECT_NEAR(n->x_pt, titles[0]->x_pt + 6 * profile.char_pitch_pt(), kEps);
  }
  const double right = profile.type_right_pt() - 2 * profile.char_pitch_pt();
  EXPECT_NEAR(names[1]->right_pt(), right, kEps);  // 赵丽华, the widest name
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->text, "二〇二四年八月二十二日");
  EXPECT_NEAR(date->right_pt(), right, kEps);
  EXPECT_EQ(date->grid_line, titles[2]->grid_line + 1);
}

TEST_F(SampleRuling, PageNumbersAlternateOutsideBelowTheTypeArea) {
  const double pitch = profile.char_pitch_pt();
  for (const Page& p : doc.pages) {
    ASSERT_FALSE(p.lines.empty());
    const PlacedLine& n = p.lines.back();
    ASSERT_EQ(n.kind, LineKind::page_number);
    EXPECT_EQ(n.text, page_number_text(p.number));
    EXPECT_DOUBLE_EQ(n.size_pt, 14);
    EXPECT_EQ(n.role, FaceRole::page_number);
    EXPECT_NEAR(n.baseline_y_pt, profile.type_bottom_pt() - mm_to_pt(7), kEps);
    if (p.number % 2 == 1) {
      EXPECT_NEAR(n.right_pt(), profile.type_right_pt() - pitch, kEps);
    } else {
      EXPECT_NEAR(n.x_pt, profile.type_left_pt() + pitch, kEps);
    }
  }
  EXPECT_EQ(page_number_text(1), "— 1 —");
}

TEST_F(SampleRuling, LastPageHoldsTextBeforeTheSignature) {
  const Page& last = doc.pages.back();
  int text_before_signature = 0;
  for (const PlacedLine& l : last.lines) {
    if (l.kind == LineKind::signature_title) break;
    if (is_text_kind(l.kind)) ++text_before_signature;
  }
  EXPECT_GE(text_before_signature, 2);
}

TEST_F(SampleRuling, LayoutIsDeterministic) {
  const LaidOutDocument again = paginate(sample_ruling(), profile, kMono);
  ASSERT_EQ(again.pages.size(), doc.pages.size());
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    ASSERT_EQ(again.pages[p].lines.size(), doc.pages[p].lines.size());
    for (size_t i = 0; i < doc.pages[p].lines.size(); ++i) {
      const PlacedLine& a = doc.pages[p].lines[i];
      const PlacedLine& b = again.pages[p].lines[i];
      EXPECT_EQ(a.text, b.text);
      EXPECT_EQ(a.x_pt, b.x_pt);
      EXPECT_EQ(a.baseline_y_pt, b.baseline_y_pt);
      EXPECT_EQ(a.char_spacing_pt, b.char_spacing_pt);
    }
  }
}

// Header 3 lines + 19 body lines fill page 1 exactly; without the rule, page 2 would hold only
// the signature and the date.
TEST(Paginate, MovesTheLastTwoTextLinesToASignatureThatWouldBeAlone) {
  Document d;
  d.blocks = {CourtName{"河北省易县人民法院"},
              Title{"执行通知书"},
              CaseNumber{"（2024）冀0633执1234号"},
              Paragraph{han(26 + 28 * 18)},
              Blank{1},
              Signature{{{"执行员", "李明"}}},
              DateLine{"二〇二四年八月二十二日"}};
  const PageProfile profile = PageProfile::gbt9704();
  const LaidOutDocument doc = paginate(d, profile, kMono);
  ASSERT_EQ(doc.pages.size(), 2u);
  int first_page_text = 0;
  for (const PlacedLine& l : doc.pages[0].lines) first_page_text += is_text_kind(l.kind);
  EXPECT_EQ(first_page_text, 17);
  const auto& last = doc.pages[1].lines;
  ASSERT_GE(last.size(), 5u);
  EXPECT_EQ(last[0].kind, LineKind::paragraph);
  EXPECT_EQ(last[0].grid_line, 0);
  EXPECT_EQ(last[1].kind, LineKind::paragraph);
  EXPECT_TRUE(last[1].last_line);
  EXPECT_EQ(last[2].kind, LineKind::signature_title);
  EXPECT_EQ(last[2].grid_line, 3);  // after the blank line
  EXPECT_EQ(last[4].kind, LineKind::date);
}

TEST(Paginate, SignatureFollowingAOneLineParagraphTakesTheLineBeforeItToo) {
  Document d;
  d.blocks = {Paragraph{han(26 + 28 * 20)}, Paragraph{"特此通知。"},
              Signature{{{"执行员", "李明"}}}, DateLine{"二〇二四年八月二十二日"}};
  const LaidOutDocument doc = paginate(d, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(doc.pages.size(), 2u);
  const auto& last = doc.pages[1].lines;
  ASSERT_GE(last.size(), 2u);
  EXPECT_EQ(last[0].block_index, 0);
  EXPECT_TRUE(last[0].last_line);
  EXPECT_EQ(last[1].text, "特此通知。");
}

TEST(Paginate, DocumentThatFitsHasOnePageAndNoBreak) {
  Document d;
  d.blocks = {Paragraph{han(26 + 28 * 19)}, Signature{{{"执行员", "李明"}}},
              DateLine{"二〇二四年八月二十二日"}};
  const LaidOutDocument doc = paginate(d, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].lines[doc.pages[0].lines.size() - 2].grid_line, 21);  // the date
}

TEST(Paginate, BlankLinesAreDroppedAtThetopOfAPage) {
  Document d;
  d.blocks = {Paragraph{han(26 + 28 * 21)}, Blank{2}, Paragraph{han(10)}};
  const LaidOutDocument doc = paginate(d, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[1].lines[0].grid_line, 0);
  EXPECT_EQ(doc.pages[1].lines[0].block_index, 2);
}

// @page-break: what follows starts the next page (the 协助执行通知书's 回执), and a break at the
// top of a page adds no empty page.
TEST(Paginate, APageBreakStartsTheRestOnTheNextPage) {
  Document d;
  d.blocks = {Paragraph{han(40)},
              Signature{{{"执行员", "李明"}}},
              DateLine{"二〇二四年八月二十二日"},
              Blank{1, true},
              Title{"回执"},
              Paragraph{han(30)}};
  const LaidOutDocument doc = paginate(d, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].lines[doc.pages[0].lines.size() - 2].kind, LineKind::date);
  EXPECT_EQ(doc.pages[1].lines[0].block_index, 4);
  EXPECT_EQ(doc.pages[1].lines[0].grid_line, 0);

  Document at_top;
  at_top.blocks = {Paragraph{han(26 + 28 * 21)}, Blank{1, true}, Paragraph{han(10)}};
  const LaidOutDocument two = paginate(at_top, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(two.pages.size(), 2u);
  EXPECT_EQ(two.pages[1].lines[0].block_index, 2);
}

TEST(Paginate, TableIsRuledAndRepeatsItsHeaderOnTheNextPage) {
  Table schedule{{"期次", "还款日期", "金额（元）", "收款账户"}, {}};
  for (int i = 1; i <= 10; ++i) {
    schedule.rows.push_back(
        {std::to_string(i), "2024年" + std::to_string(i) + "月1日", "5000", "6228480000000000000"});
  }
  Document d;
  d.blocks = {Paragraph{han(26 + 28 * 15)}, schedule};
  const PageProfile profile = PageProfile::gbt9704();
  const LaidOutDocument doc = paginate(d, profile, kMono);
  ASSERT_EQ(doc.pages.size(), 2u);
  // Page 1: 16 text lines, header + 5 rows; page 2: repeated header + 5 rows.
  int headers = 0, cells = 0;
  for (const Page& p : doc.pages) {
    for (const PlacedLine& l : p.lines) {
      if (l.kind != LineKind::table_cell) continue;
      ++cells;
      headers += l.text == "期次";
      EXPECT_GE(l.x_pt, profile.type_left_pt());
      EXPECT_LE(l.right_pt(), profile.type_right_pt() + kEps);
    }
  }
  EXPECT_EQ(headers, 2);
  EXPECT_EQ(cells, 4 * 12);
  EXPECT_EQ(doc.pages[1].lines[0].text, "期次");
  // 5 verticals + 7 horizontals on each page.
  EXPECT_EQ(doc.pages[0].rules.size(), 12u);
  EXPECT_EQ(doc.pages[1].rules.size(), 12u);
  for (const PlacedRule& r : doc.pages[1].rules) {
    EXPECT_GE(r.x0_pt, profile.type_left_pt() - kEps);
    EXPECT_LE(r.x1_pt, profile.type_right_pt() + kEps);
    EXPECT_LE(std::max(r.y0_pt, r.y1_pt), profile.type_top_pt() + kEps);
  }
}

TEST(Paginate, WrappedTableCellsKeepTheirRowTogether) {
  Table t{{"项目", "说明"}, {{"甲", han(60)}, {"乙", han(60)}}};
  Document d;
  d.blocks = {t};
  const LaidOutDocument doc = paginate(d, PageProfile::gbt9704(), kMono);
  ASSERT_EQ(doc.pages.size(), 1u);
  int description_lines = 0;
  for (const PlacedLine& l : doc.pages[0].lines) {
    if (l.kind == LineKind::table_cell && l.text.size() > 12) ++description_lines;
  }
  EXPECT_GE(description_lines, 4);
}

TEST(Paginate, CourtProfileUsesA29PointGrid) {
  const PageProfile court = PageProfile::court();
  const LaidOutDocument doc = paginate(sample_ruling(), court, kMono);
  ASSERT_FALSE(doc.pages.empty());
  const auto& lines = doc.pages[0].lines;
  EXPECT_NEAR(lines[0].baseline_y_pt - lines[1].baseline_y_pt, 29, kEps);
  EXPECT_NEAR(lines[0].baseline_y_pt, court.type_top_pt() - 14.5 - 0.38 * 22, kEps);
}

TEST(Paginate, CentredPageNumbersWhenTheProfileSaysSo) {
  PageProfile p = PageProfile::gbt9704();
  p.page_numbers = PageNumberPlacement::centred;
  const LaidOutDocument doc = paginate(sample_ruling(), p, kMono);
  for (const Page& page : doc.pages) {
    const PlacedLine& n = page.lines.back();
    EXPECT_NEAR(n.x_pt + n.width_pt / 2, (p.type_left_pt() + p.type_right_pt()) / 2, kEps);
  }
  p.page_numbers = PageNumberPlacement::none;
  for (const Page& page : paginate(sample_ruling(), p, kMono).pages) {
    for (const PlacedLine& l : page.lines) EXPECT_NE(l.kind, LineKind::page_number);
  }
}

TEST(Paginate, LongTitlesUseLessLetterSpacing) {
  EXPECT_DOUBLE_EQ(title_letter_spacing_em(5), 0.5);
  EXPECT_DOUBLE_EQ(title_letter_spacing_em(9), 0.25);
  EXPECT_DOUBLE_EQ(title_letter_spacing_em(14), 0.0);
}

TEST(Paginate, RejectsAProfileWithoutAGrid) {
  PageProfile p = PageProfile::gbt9704();
  p.lines_per_page = 0;
  EXPECT_THROW(paginate(sample_ruling(), p, kMono), std::invalid_argument);
}

TEST(Paginate, AParagraphThatFirstFitSpreadKeepsEveryGapWithinAQuarterEm) {
  // First fit set "…司民间借贷纠纷一案中，" over the whole line before the case number
  // and letter-spaced "2 0 2 4 年 7 月 1 3 日" and "2 0 9 号".
  Document d;
  d.blocks = {
      Paragraph{"申请执行人张某某与被执行人保定市鑫源建材有限公司民间借贷纠纷一案中，（2024）冀0633"
                "执209号"
                "执行裁定书已经发生法律效力。被执行人未按执行通知书指定的期间履行义务，申请执行人于"
                "2024年7月13日向本院申请强制执行，本院于同日立案，案号（2024）冀0633执恢1234号。"},
      Paragraph{"被执行人保定华北机械制造有限公司与申请执行人易县恒通物流有限公司买卖合同纠纷一案，"
                "本院作出的（2023）冀0633民初5678号民事判决书已经发生法律效力，冻结其在中国工商银行"
                "股份有限公司易县支行开立的账户（账号6222020400012345678）内存款1200.50元。"},
  };
  for (const PageProfile& profile : {PageProfile::gbt9704(), PageProfile::court()}) {
    const LaidOutDocument doc = paginate(d, profile, kMono);
    int full = 0, last = 0;
    for (const PlacedLine* l : all_lines(doc)) {
      if (!is_text_kind(l->kind)) continue;
      const LineGaps g = measure_gaps(*l, profile.body_char_spacing_pt(), profile.type_right_pt());
      EXPECT_LE(g.max_added_pt, profile.body_size_pt / 4 + kEps) << l->text;
      EXPECT_EQ(g.spread_runs, 0u) << l->text;
      EXPECT_FALSE(g.ragged_inside_paragraph) << l->text;
      if (l->last_line) {
        ++last;  // ragged: natural pitch, no corrections, short of the right edge
        EXPECT_NEAR(l->char_spacing_pt, profile.body_char_spacing_pt(), kEps) << l->text;
        EXPECT_TRUE(l->adjustments.empty()) << l->text;
        EXPECT_LT(l->right_pt(), profile.type_right_pt() - 1) << l->text;
      } else {
        ++full;
        EXPECT_NEAR(l->right_pt(), profile.type_right_pt(), kEps) << l->text;
      }
    }
    EXPECT_EQ(last, 2);
    EXPECT_GE(full, 4);
  }
}
