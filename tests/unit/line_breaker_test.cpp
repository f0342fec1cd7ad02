#include "documents/layout/line_breaker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "documents/layout/justify.h"
#include "documents/layout/metrics.h"
#include "documents/layout/utf8.h"

using namespace zhixing::layout;

namespace {

const MonospaceMeasurer kMono;
constexpr double kSize = 16;

// Lines for a box `chars` characters wide at natural pitch 16 pt, no character spacing.
std::vector<std::u32string> lines_of(const std::u32string& text, int chars, int first = -1) {
  LineBreakRequest rq;
  rq.size_pt = kSize;
  rq.first_line_width_pt = (first < 0 ? chars : first) * kSize;
  rq.line_width_pt = chars * kSize;
  std::vector<std::u32string> out;
  for (const BrokenLine& l : break_lines(text, kMono, rq))
    out.push_back(text.substr(l.begin, l.glyphs()));
  return out;
}

std::u32string u32(const char* s) { return utf8_to_u32(s); }
std::string u8(const std::u32string& s) { return u32_to_utf8(s); }

std::u32string joined(const std::vector<std::u32string>& lines) {
  std::u32string all;
  for (const auto& l : lines) all += l;
  return all;
}

const char* kPunctuated =
    "本院认为：申请执行人（张某某）的申请符合《最高人民法院关于人民法院执行工作若干问题的规定"
    "（试行）》第十八条的规定，应予准许。被执行人刘建国、李秀英未按执行通知书指定的期间履行"
    "义务；“生活困难”属实……证据充分！是否另案处理？本院依法冻结其在中国农业银行易县支行的存款"
    "50000元（账号6228480000000000000），身份证号码13063319800101123X，案号（2024）冀0633执1234号。"
    "——以上。「引语」『再引』【注】〔2024〕";

}  // namespace

TEST(LineBreaker, ForbiddenPunctuationSets) {
  for (char32_t c : u32("，。、；：？！）》”’」』】〕…—,.;:?!)")) {
    EXPECT_TRUE(forbidden_at_line_start(c)) << u8(std::u32string(1, c));
  }
  for (char32_t c : u32("（《“‘「『【〔([")) {
    EXPECT_TRUE(forbidden_at_line_end(c)) << u8(std::u32string(1, c));
  }
  EXPECT_FALSE(forbidden_at_line_start(U'本'));
  EXPECT_FALSE(forbidden_at_line_end(U'。'));
}

TEST(LineBreaker, IcuAllowsBreaksBetweenIdeographsButNotBeforeClosingMarks) {
  const std::u32string t = u32("本院认为，应予（准许）。");
  const std::vector<bool> ok = break_opportunities(t);
  ASSERT_EQ(ok.size(), t.size() + 1);
  EXPECT_FALSE(ok[0]);
  EXPECT_TRUE(ok[1]);    // 本|院
  EXPECT_FALSE(ok[4]);   // 为|，
  EXPECT_TRUE(ok[5]);    // ，|应
  EXPECT_FALSE(ok[8]);   // （|准
  EXPECT_FALSE(ok[10]);  // 许|）
  EXPECT_FALSE(ok[11]);  // ）|。
  EXPECT_FALSE(ok[t.size()]);
}

TEST(LineBreaker, NoLineStartsOrEndsWithForbiddenPunctuationAtAnyWidth) {
  const std::u32string text = u32(kPunctuated);
  for (int chars = 12; chars <= 30; ++chars) {
    const auto lines = lines_of(text, chars, chars - 2);
    ASSERT_EQ(joined(lines), text) << chars;
    for (size_t n = 0; n < lines.size(); ++n) {
      ASSERT_FALSE(lines[n].empty());
      if (n > 0) {
        EXPECT_FALSE(forbidden_at_line_start(lines[n].front())) << chars << ": " << u8(lines[n]);
      }
      if (n + 1 < lines.size()) {
        EXPECT_FALSE(forbidden_at_line_end(lines[n].back())) << chars << ": " << u8(lines[n]);
      }
    }
  }
}

TEST(LineBreaker, LinesNeverExceedTheirWidth) {
  const std::u32string text = u32(kPunctuated);
  for (int chars = 12; chars <= 30; ++chars) {
    LineBreakRequest rq;
    rq.size_pt = kSize;
    rq.char_spacing_pt = -0.2;
    rq.first_line_width_pt = (chars - 2) * kSize;
    rq.line_width_pt = chars * kSize;
    const auto lines = break_lines(text, kMono, rq);
    for (size_t n = 0; n < lines.size(); ++n) {
      const double avail = n == 0 ? rq.first_line_width_pt : rq.line_width_pt;
      EXPECT_LE(natural_width_pt(lines[n].advance_pt, lines[n].glyphs(), rq.char_spacing_pt),
                avail + kFitTolerancePt);
      if (chars >= 15) {
        EXPECT_FALSE(lines[n].cut) << chars;  // widest unit: （2024）冀0633执1234号。—— 14 em
      }
    }
  }
}

TEST(LineBreaker, PullsThePreviousCharacterDownInsteadOfStartingALineWithAComma) {
  // 10 characters fit; the 11th is a comma, so 十 moves down with it.
  const auto lines = lines_of(u32("一二三四五六七八九十，甲乙丙"), 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(u8(lines[0]), "一二三四五六七八九");
  EXPECT_EQ(u8(lines[1]), "十，甲乙丙");
}

TEST(LineBreaker, OpeningBracketMovesDownWithTheFollowingCharacter) {
  const auto lines = lines_of(u32("一二三四五六七八九（甲）乙丙"), 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(u8(lines[0]), "一二三四五六七八九");
  EXPECT_EQ(u8(lines[1]), "（甲）乙丙");
}

TEST(LineBreaker, EmDashAndEllipsisNeverStartALine) {
  const auto a = lines_of(u32("一二三四五六七八九十——甲乙"), 10);
  ASSERT_GE(a.size(), 2u);
  EXPECT_NE(a[1].front(), U'—');
  const auto b = lines_of(u32("一二三四五六七八九十……甲乙"), 10);
  ASSERT_GE(b.size(), 2u);
  EXPECT_NE(b[1].front(), U'…');
}

// From 15 characters up, i.e. wider than the widest unbreakable unit of the text (the case
// number glued to its 。—— by kinsoku, 14 em); narrower boxes must split some unit.
TEST(LineBreaker, KeepsTokensWholeAtEveryWidthThatHoldsThem) {
  const std::u32string text = u32(kPunctuated);
  const std::vector<std::u32string> tokens = {u32("6228480000000000000"), u32("13063319800101123X"),
                                              u32("50000元"), u32("（2024）冀0633执1234号")};
  for (int chars = 15; chars <= 30; ++chars) {
    const auto lines = lines_of(text, chars, chars - 2);
    for (const auto& token : tokens) {
      int whole = 0;
      for (const auto& l : lines) whole += l.find(token) != std::u32string::npos ? 1 : 0;
      EXPECT_EQ(whole, 1) << u8(token) << " split at width " << chars;
    }
  }
}

TEST(LineBreaker, KeepsGroupedAmountsAndDatesWhole) {
  const std::u32string text =
      u32("甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛应支付¥1,200,000.50元及2024-08-22起的利息");
  for (int chars = 12; chars <= 30; ++chars) {
    const auto lines = lines_of(text, chars);
    int amount = 0, date = 0;
    for (const auto& l : lines) {
      amount += l.find(u32("¥1,200,000.50元")) != std::u32string::npos ? 1 : 0;
      date += l.find(u32("2024-08-22")) != std::u32string::npos ? 1 : 0;
    }
    EXPECT_EQ(amount, 1) << chars;
    EXPECT_EQ(date, 1) << chars;
  }
}

TEST(LineBreaker, FirstLineUsesItsOwnWidth) {
  const auto lines = lines_of(u32("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"), 10, 8);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 8u);
  EXPECT_EQ(lines[1].size(), 10u);
  EXPECT_EQ(lines[2].size(), 2u);
}

TEST(LineBreaker, NewlineForcesABreakAndEndsThePart) {
  LineBreakRequest rq;
  rq.size_pt = kSize;
  rq.first_line_width_pt = rq.line_width_pt = 28 * kSize;
  const std::u32string t = u32("特此通知。\n附：财产申报表");
  const auto lines = break_lines(t, kMono, rq);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(u8(t.substr(lines[0].begin, lines[0].glyphs())), "特此通知。");
  EXPECT_TRUE(lines[0].ends_paragraph);
  EXPECT_EQ(u8(t.substr(lines[1].begin, lines[1].glyphs())), "附：财产申报表");
  EXPECT_TRUE(lines[1].ends_paragraph);
}

TEST(LineBreaker, UnitWiderThanTheLineIsCutAndFlagged) {
  const auto t = u32("账号62284800000000000001234567890123456789");
  LineBreakRequest rq;
  rq.size_pt = kSize;
  rq.first_line_width_pt = rq.line_width_pt = 10 * kSize;
  const auto lines = break_lines(t, kMono, rq);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(u8(t.substr(lines[0].begin, lines[0].glyphs())), "账号");
  EXPECT_TRUE(lines[1].cut);
  EXPECT_EQ(lines[1].glyphs(), 20u);  // 20 half-width digits = 10 em
}

TEST(LineBreaker, SpacesAreTrimmedAtLineEdges) {
  const auto lines = lines_of(u32("abcd efgh ijkl"), 3);  // 6 half-width characters
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(u8(lines[0]), "abcd");
  EXPECT_EQ(u8(lines[1]), "efgh");
  EXPECT_EQ(u8(lines[2]), "ijkl");
}

TEST(LineBreaker, SameResultOnEveryThread) {
  const std::u32string text = u32(kPunctuated);
  const auto expected = lines_of(text, 17);
  std::vector<std::vector<std::u32string>> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 50; ++n) results[i] = lines_of(text, 17);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(Utf8, RoundTripsAndReplacesMalformedBytes) {
  const std::string s = "（2024）冀0633执1234号 ¥ 𠀀";
  EXPECT_EQ(u32_to_utf8(utf8_to_u32(s)), s);
  EXPECT_EQ(utf8_to_u32("a\xFF"
                        "b"),
            U"a\uFFFDb");
  EXPECT_EQ(utf8_to_u32("a\xE4\xB8"), U"a\uFFFD\uFFFD");
}

namespace {

// Justified lines (total fit) for a box `chars` characters wide, 16 pt, no character spacing.
std::vector<BrokenLine> justified(const std::u32string& text, int chars, int first) {
  LineBreakRequest rq;
  rq.size_pt = kSize;
  rq.first_line_width_pt = first * kSize;
  rq.line_width_pt = chars * kSize;
  rq.justify = true;
  return break_lines(text, kMono, rq);
}

// The space justification adds per open gap (outside digit/Latin runs) to fill the line; < 0
// when the line must be compressed.
double added_per_gap(const std::u32string& text, const BrokenLine& l, double avail) {
  size_t open = 0;
  for (size_t i = l.begin; i + 1 < l.end; ++i) open += inside_run(text[i], text[i + 1]) ? 0 : 1;
  return (avail - l.advance_pt) / static_cast<double>(open);
}

// A paragraph where first fit leaves "…司民间借贷纠纷一案中，" alone before the unbreakable case
// number, 20 characters spread over 28 places.
const char* kSpreadParagraph =
    "申请执行人张某某与被执行人保定市鑫源建材有限公司民间借贷纠纷一案中，（2024）冀0633执209号"
    "执行裁定书已经发生法律效力。被执行人未按执行通知书指定的期间履行义务，申请执行人于2024年7月13"
    "日"
    "向本院申请强制执行，本院于同日立案，案号（2024）冀0633执恢1234号。";

}  // namespace

TEST(LineBreaker, FirstFitSpreadsTheLineBeforeALongCaseNumber) {
  // The reason for total fit: at some widths first fit leaves a line that would need far more than
  // a quarter em per gap.
  const std::u32string t = u32(kSpreadParagraph);
  LineBreakRequest rq;
  rq.size_pt = kSize;
  double worst = 0;
  for (int chars = 16; chars <= 40; ++chars) {
    rq.first_line_width_pt = (chars - 2) * kSize;
    rq.line_width_pt = chars * kSize;
    const auto lines = break_lines(t, kMono, rq);
    for (size_t n = 0; n + 1 < lines.size(); ++n) {
      worst = std::max(worst, added_per_gap(t, lines[n], (n == 0 ? chars - 2 : chars) * kSize));
    }
  }
  EXPECT_GT(worst, 0.25 * kSize);
}

TEST(LineBreaker, JustifiedLinesNeverNeedMoreThanAQuarterEmPerGap) {
  const std::u32string t = u32(kSpreadParagraph);
  for (int chars = 16; chars <= 40; ++chars) {
    const auto lines = justified(t, chars, chars - 2);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(joined([&] {
                std::vector<std::u32string> v;
                for (const auto& l : lines) v.push_back(t.substr(l.begin, l.glyphs()));
                return v;
              }()),
              t);
    for (size_t n = 0; n < lines.size(); ++n) {
      const BrokenLine& l = lines[n];
      const double avail = (n == 0 ? chars - 2 : chars) * kSize;
      const std::u32string s = t.substr(l.begin, l.glyphs());
      EXPECT_FALSE(forbidden_at_line_start(s.front())) << chars << ": " << u8(s);
      if (l.ends_paragraph) continue;  // ragged
      const double added = added_per_gap(t, l, avail);
      EXPECT_LE(added, 0.25 * kSize + 1e-9) << chars << " chars: " << u8(s);
      if (added < 0) {  // compressed: only at punctuation, half an em per gap at most
        double capacity = 0;
        for (size_t i = l.begin; i + 1 < l.end; ++i)
          capacity += compressible_em(t[i], t[i + 1]) * kSize;
        EXPECT_LE(l.advance_pt - avail, capacity + 1e-9) << u8(s);
      }
    }
  }
}

TEST(LineBreaker, ALongCaseNumberBreaksOnlyAfterItsYearOrBeforeItsSerial) {
  const std::u32string t = u32(kSpreadParagraph);
  const std::u32string number = U"（2024）冀0633执209号";
  const size_t at = t.find(number);
  ASSERT_NE(at, std::u32string::npos);
  const std::vector<size_t> permitted = {at + 6, at + number.find(U'2', 7)};  // ）| and 执|
  bool split_seen = false;
  for (int chars = 16; chars <= 40; ++chars) {
    for (const BrokenLine& l : justified(t, chars, chars - 2)) {
      if (l.begin > at && l.begin < at + number.size()) {
        split_seen = true;
        EXPECT_NE(std::find(permitted.begin(), permitted.end(), l.begin), permitted.end())
            << chars << " chars: line starts with " << u8(t.substr(l.begin, 8));
      }
    }
  }
  EXPECT_TRUE(split_seen) << "no width needed to break the case number";
  // First fit (text that is not justified) still never splits it.
  LineBreakRequest rq;
  rq.size_pt = kSize;
  for (int chars = 16; chars <= 40; ++chars) {
    rq.first_line_width_pt = (chars - 2) * kSize;
    rq.line_width_pt = chars * kSize;
    for (const BrokenLine& l : break_lines(t, kMono, rq)) {
      EXPECT_FALSE(l.begin > at && l.begin < at + number.size()) << chars;
    }
  }
}

TEST(LineBreaker, TotalFitKeepsFullLinesThatNeedNoSpreading) {
  // 80 ideographs: first fit already fills every line exactly; total fit gives the same.
  std::u32string t;
  for (int i = 0; i < 80; ++i) t += U"本院依法执行"[i % 6];
  const auto j = justified(t, 28, 26);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0].glyphs(), 26u);
  EXPECT_EQ(j[1].glyphs(), 28u);
  EXPECT_EQ(j[2].glyphs(), 26u);
  EXPECT_TRUE(j[2].ends_paragraph);
}
