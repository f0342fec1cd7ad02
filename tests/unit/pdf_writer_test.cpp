// The PDF writer checked by what a reader sees: extracted text, embedded and subset fonts with
// ToUnicode, A4 pages, byte-identical re-rendering, qpdf's structural check, and glyph positions
// equal to the layout engine's. Needs the converted faces and poppler-utils/qpdf: without them
// these tests FAIL (never skip) and say why.
#include "documents/pdf/pdf_writer.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "documents/fonts/coverage_check.h"
#include "documents/fonts/font_error.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/fonts/pdf_subset.h"
#include "documents/layout/blocks.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/cid_font.h"
#include "documents/pdf/content_stream.h"
#include "documents/pdf/pdf_error.h"
#include "pdf_test_support.h"

namespace {

using namespace zhixing;
using namespace zhixing::pdf_test;

class PdfWriterTest : public SampleLayoutTest {
 protected:
  void SetUp() override {
    SampleLayoutTest::SetUp();
    if (HasFatalFailure()) return;
    pdf_ = pdf::render_pdf(laid_, *fonts_);
    file_ = dir_.write("sample.pdf", pdf_);
  }

  std::string pdf_;
  fs::path file_;
};

TEST_F(PdfWriterTest, ExtractedTextEqualsSourceTextIncludingFallbackCharacters) {
  REQUIRE_TOOL("pdftotext");
  const std::string plain = strip_spaces(run("pdftotext '" + file_.string() + "' -"));
  const std::string layout = strip_spaces(run("pdftotext -layout '" + file_.string() + "' -"));
  std::string expected;
  for (const layout::Page& page : laid_.pages) {
    for (const layout::PlacedLine& line : page.lines) expected += line.text;
  }
  // -layout keeps the page's reading order: the whole text, in order, exactly.
  EXPECT_TRUE(layout == strip_spaces(expected)) << "pdftotext -layout:\n"
                                                << layout << "\nexpected:\n"
                                                << strip_spaces(expected);
  // Plain mode may order columns differently (the page number beside the last signature line):
  // every line, exactly, and nothing else.
  std::size_t total = 0;
  for (const layout::Page& page : laid_.pages) {
    for (const layout::PlacedLine& line : page.lines) {
      const std::string t = strip_spaces(line.text);
      total += t.size();
      EXPECT_NE(plain.find(t), std::string::npos) << "missing from pdftotext output: " << t;
    }
  }
  EXPECT_EQ(plain.size(), total);
  for (const char* s :
       {"河北省易县人民法院", "执行裁定书", "（2024）冀0633执1234号",
        "申请执行人：刘䶮，男，1975年3月12日出生", "125000元（大写：人民币壹拾贰万伍仟元整）",
        "二〇二四年八月二十二日", "—1—", "—2—"}) {
    EXPECT_NE(plain.find(s), std::string::npos) << s;
  }
}

TEST_F(PdfWriterTest, RareCharacterIsDrawnByTheFallbackFaceWhereTheLayoutPutIt) {
  REQUIRE_TOOL("pdftotext");
  const fonts::FallbackChain& body = fonts_->chain(fonts::Role::body);
  ASSERT_FALSE(body.primary().has(U'䶮')) << "the test needs 䶮 outside the primary body face";
  const fonts::Pick pick = body.pick(U'䶮');
  ASSERT_TRUE(pick);
  EXPECT_NE(pick.face, &body.primary());
  EXPECT_DOUBLE_EQ(measurer_->advance_em(layout::FaceRole::body, U'䶮'),
                   *pick.face->advance_em(U'䶮'));

  // Every full (justified) line holding 䶮 must end exactly at the layout's right edge: the
  // viewer advances glyphs by the embedded /W widths, which equal the measurer's advances.
  const std::string bbox = run("pdftotext -bbox '" + file_.string() + "' -");
  const std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  struct Word {
    double x0, y1, x1;
    std::string text;
  };
  std::vector<std::vector<Word>> pages;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t next_page = bbox.find("<page ", pos);
    if (next_page == std::string::npos) break;
    const std::size_t end = bbox.find("</page>", next_page);
    const std::string body_text = bbox.substr(next_page, end - next_page);
    pages.emplace_back();
    for (std::sregex_iterator it(body_text.begin(), body_text.end(), word), e; it != e; ++it) {
      pages.back().push_back(
          {std::stod((*it)[1]), std::stod((*it)[4]), std::stod((*it)[3]), (*it)[5]});
    }
    pos = end;
  }
  ASSERT_EQ(pages.size(), laid_.pages.size());
  int checked = 0;
  for (std::size_t p = 0; p < laid_.pages.size(); ++p) {
    for (const layout::PlacedLine& line : laid_.pages[p].lines) {
      if (line.text.find("䶮") == std::string::npos || line.last_line) continue;
      // Words on this line: poppler's yMax is the baseline minus the descent (page from the top).
      double x0 = 1e9, x1 = -1e9;
      bool has_rare = false;
      for (const Word& w : pages[p]) {
        const double baseline_from_top = laid_.page_height_pt - line.baseline_y_pt;
        if (std::abs(w.y1 - baseline_from_top) > line.size_pt * 0.5) continue;
        x0 = std::min(x0, w.x0);
        x1 = std::max(x1, w.x1);
        has_rare = has_rare || w.text.find("䶮") != std::string::npos;
      }
      EXPECT_TRUE(has_rare) << line.text;
      EXPECT_NEAR(x0, line.x_pt, 0.02) << line.text;
      EXPECT_NEAR(x1, line.right_pt(), 0.02) << line.text;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0) << "no justified line with 䶮 in the sample";
}

TEST_F(PdfWriterTest, EveryFontIsEmbeddedSubsetIdentityHWithToUnicode) {
  REQUIRE_TOOL("pdffonts");
  int status = -1;
  const std::string out = run("pdffonts '" + file_.string() + "'", &status);
  ASSERT_EQ(status, 0) << out;
  std::vector<std::string> rows;
  std::size_t start = out.find("---");
  ASSERT_NE(start, std::string::npos) << out;
  start = out.find('\n', start) + 1;
  for (std::size_t e; start < out.size() && (e = out.find('\n', start)) != std::string::npos;
       start = e + 1) {
    if (e > start) rows.push_back(out.substr(start, e - start));
  }
  // Title (Noto Serif SC Bold), body (FandolFang), and Noto Serif SC Regular for 䶮 and the page
  // numbers: one subset per face, never two of one face.
  ASSERT_EQ(rows.size(), 3u) << out;
  // CFF faces (Noto Serif CJK, FandolFang) are embedded as CFF (CID Type 0C, or "CID Type 0C
  // (OT)" with "pdf_program": "opentype"), glyf faces as CID TrueType.
  const std::regex row(
      R"(^([A-Z]{6})\+(\S+)\s+(CID TrueType|CID Type 0C|CID Type 0C \(OT\))\s+Identity-H\s+yes\s+yes\s+yes\s+\d+\s+0\s*$)");
  std::vector<std::string> names;
  for (const std::string& r : rows) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(r, m, row)) << "not embedded+subset+Identity-H+ToUnicode: " << r;
    if (m.empty()) continue;
    names.push_back(m[2]);
    // The type follows the face's outlines and the manifest's "pdf_program".
    for (const auto& face : fonts_->faces()) {
      if (r.find(fonts::face_metrics(*face).postscript_name) == std::string::npos) continue;
      const char* expected = face->program() == fonts::FontProgram::truetype ? "CID TrueType"
                             : face->program() == fonts::FontProgram::cff    ? "CID Type 0C"
                                                                             : "CID Type 0C (OT)";
      EXPECT_EQ(m[3], expected) << r;
    }
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << out;
  EXPECT_NE(out.find("FandolFang"), std::string::npos) << out;
  EXPECT_NE(out.find("NotoSerifCJKsc-Bold"), std::string::npos) << out;
}

TEST_F(PdfWriterTest, PagesAreA4AndMetadataNamesTheDocument) {
  REQUIRE_TOOL("pdfinfo");
  const std::string info = run("pdfinfo '" + file_.string() + "'");
  EXPECT_NE(info.find("Pages:           2"), std::string::npos) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+595\.2[78]\d* x 841\.89)")))
      << info;
  EXPECT_NE(info.find("Title:           执行裁定书"), std::string::npos) << info;
  EXPECT_NE(info.find("Author:          河北省易县人民法院"), std::string::npos) << info;
  EXPECT_NE(info.find("Subject:         （2024）冀0633执1234号"), std::string::npos) << info;
  EXPECT_EQ(info.find("CreationDate"), std::string::npos) << "no clock in the output: " << info;
  EXPECT_EQ(info.find("ModDate"), std::string::npos) << info;
}

TEST_F(PdfWriterTest, RenderingTwiceGivesIdenticalBytes) {
  EXPECT_EQ(pdf::render_pdf(laid_, *fonts_), pdf_);
  EXPECT_EQ(pdf_.find("/ID"), std::string::npos) << "a file ID would come from the clock";
}

TEST_F(PdfWriterTest, ConcurrentRendersOfSeparateDocumentsAreCorrect) {
  layout::Document other = sample_document();
  std::get<layout::CourtName>(other.blocks[0]).text = "河北省保定市中级人民法院";
  const auto other_laid = layout::paginate(other, layout::PageProfile::gbt9704(), *measurer_);
  const std::string other_pdf = pdf::render_pdf(other_laid, *fonts_);
  ASSERT_NE(other_pdf, pdf_);
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 5; ++k) {
        results[t] = pdf::render_pdf(t % 2 == 0 ? laid_ : other_laid, *fonts_);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < results.size(); ++t) {
    EXPECT_EQ(results[t], t % 2 == 0 ? pdf_ : other_pdf) << "thread " << t;
  }
}

TEST_F(PdfWriterTest, QpdfFindsNoStructuralErrors) {
  REQUIRE_TOOL("qpdf");
  int status = -1;
  const std::string out = run("qpdf --check '" + file_.string() + "'", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("No syntax or stream encoding errors"), std::string::npos) << out;
}

TEST_F(PdfWriterTest, PopplerRendersWithoutComplaint) {
  REQUIRE_TOOL("pdftoppm");
  // stderr carries poppler's syntax warnings (e.g. a malformed ToUnicode CMap).
  const std::string err = run("pdftoppm -r 30 -png '" + file_.string() + "' '" +
                              (dir_.path / "page").string() + "' 2>&1 1>/dev/null");
  EXPECT_EQ(err, "");
  EXPECT_TRUE(fs::exists(dir_.path / "page-1.png"));
  EXPECT_TRUE(fs::exists(dir_.path / "page-2.png"));
}

TEST(PdfWriter, RefusesAPrivateUseCharacterNamingIt) {
  REQUIRE_FONTS(set);
  const fonts::FontMeasurer measurer(*set);
  layout::Document d;
  d.blocks.push_back(layout::Paragraph{"申请执行人：吉\uE000。"});
  const auto laid = layout::paginate(d, layout::PageProfile::gbt9704(), measurer);
  try {
    (void)pdf::render_pdf(laid, *set);
    FAIL() << "rendered a character no face has";
  } catch (const pdf::PdfError& e) {
    EXPECT_EQ(e.code(), pdf::PdfErrorCode::missing_glyph);
    EXPECT_NE(std::string(e.what()).find("U+E000"), std::string::npos) << e.what();
  }
}

TEST(PdfWriter, DrawsCharactersOutsideTheBmpAndPdftotextGivesThemBack) {
  REQUIRE_FONTS(set);
  REQUIRE_TOOL("pdftotext");
  const fonts::FontMeasurer measurer(*set);
  layout::Document d;
  d.blocks.push_back(layout::Paragraph{"申请执行人：吉𠮷、𡒄、𨭆。"});
  const auto laid = layout::paginate(d, layout::PageProfile::gbt9704(), measurer);
  const std::string pdf = pdf::render_pdf(laid, *set);
  TempDir dir;
  const fs::path file = dir.path / "astral.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text = run("pdftotext '" + file.string() + "' -");
  EXPECT_NE(text.find("吉𠮷、𡒄、𨭆"), std::string::npos) << text;
  // The ToUnicode CMap maps the glyphs to UTF-16 surrogate pairs (𠮷 = D842 DFB7).
  const fonts::Face& face = *set->chain(fonts::Role::body).pick(U'\U00020BB7').face;
  const fonts::PdfSubset subset = fonts::subset_for_pdf(face, U"𠮷");
  EXPECT_NE(pdf::to_unicode_cmap(subset).find("<D842DFB7>"), std::string::npos);
}

TEST(CoverageCheck, NamesTheFirstUndrawableCharacter) {
  REQUIRE_FONTS(set);
  const auto bad = fonts::first_undrawable(*set, fonts::Role::body, "申请人：张𠮷与刘\uE000");
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->code_point, U'\uE000');
  EXPECT_EQ(bad->coverage, fonts::Coverage::missing);
  EXPECT_EQ(bad->label(), "U+E000 \uE000");
  EXPECT_EQ(bad->byte_offset, std::string("申请人：张𠮷与刘").size());

  EXPECT_FALSE(
      fonts::first_undrawable(*set, fonts::Role::body, "刘䶮、赵玥、张珺\n喆堃𠮷").has_value());

  const auto missing = fonts::first_undrawable(*set, fonts::Role::body, "甲\u0378乙");
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->coverage, fonts::Coverage::missing);
  EXPECT_EQ(missing->label(), "U+0378 \u0378");

  const auto malformed = fonts::first_undrawable(*set, fonts::Role::body, "甲\xE4\xB8");
  ASSERT_TRUE(malformed.has_value());
  EXPECT_TRUE(malformed->malformed_utf8);
  EXPECT_EQ(malformed->byte_offset, 3u);
}

TEST(CoverageCheck, LabelsCodePoints) {
  EXPECT_EQ(fonts::code_point_label(U'䶮'), "U+4DAE 䶮");
  EXPECT_EQ(fonts::code_point_label(U'A'), "U+0041 A");
  EXPECT_EQ(fonts::code_point_label(U'\n'), "U+000A");
}

TEST(FontMeasurer, UsesTheFaceThatDrawsTheCharacter) {
  REQUIRE_FONTS(set);
  const fonts::FontMeasurer m(*set);
  const fonts::FallbackChain& body = set->chain(fonts::Role::body);
  EXPECT_DOUBLE_EQ(m.advance_em(layout::FaceRole::body, U'1'), *body.primary().advance_em(U'1'));
  EXPECT_DOUBLE_EQ(m.advance_em(layout::FaceRole::body, U'国'), 1.0);
  const fonts::FallbackChain& title = set->chain(fonts::Role::title);
  EXPECT_DOUBLE_EQ(m.advance_em(layout::FaceRole::title, U'院'),
                   *title.primary().advance_em(U'院'));
  EXPECT_GT(m.advance_em(layout::FaceRole::body, U'\U00020BB7'), 0.0);  // never 0, never throws
}

TEST(ContentStream, FormatsNumbersWithoutLocaleOrTrailingZeros) {
  std::string s;
  pdf::append_fixed(s, -2143, 4);
  s += ' ';
  pdf::append_fixed(s, 1250, 2);
  s += ' ';
  pdf::append_fixed(s, 0, 2);
  s += ' ';
  pdf::append_fixed(s, 7, 2);
  s += ' ';
  pdf::append_fixed(s, -100, 2);
  EXPECT_EQ(s, "-0.2143 12.5 0 0.07 -1");
}

TEST(ContentStream, PositionsLinesRelativelyAndShowsGlyphIds) {
  pdf::ContentStream c;
  c.begin_text();
  c.set_font("F1", 16);
  c.set_char_spacing(-0.2143);
  c.start_line(79.37, 700.5);
  const std::uint16_t glyphs[] = {1, 0x2A, 0xFFFF};
  c.show_glyphs(glyphs);
  c.set_font("F1", 16);  // unchanged: not repeated
  c.start_line(79.37, 671.5);
  c.end_text();
  c.rule(10, 20, 30, 20, 0.75);
  EXPECT_EQ(c.bytes(),
            "BT\n/F1 16 Tf\n-0.2143 Tc\n79.37 700.5 Td\n<0001002AFFFF> Tj\n0 -29 Td\nET\n"
            "0.75 w\n10 20 m 30 20 l S\n");
}

TEST(ContentStream, ShiftsBetweenGlyphsGoIntoATjArray) {
  pdf::ContentStream c;
  c.begin_text();
  c.set_font("F1", 16);
  const std::uint16_t glyphs[] = {1, 2, 3, 4};
  // +4 pt before glyph 1 (more space), −2 pt before glyph 3, one shift at the very start.
  const pdf::ContentStream::Shift shifts[] = {{0, 0.8}, {1, 4}, {3, -2}};
  c.show_glyphs(glyphs, shifts);
  c.show_glyphs(std::span<const std::uint16_t>(glyphs, 1), {});  // no shifts: plain Tj
  c.end_text();
  EXPECT_EQ(c.bytes(),
            "BT\n/F1 16 Tf\n[-50 <0001> -250 <00020003> 125 <0004>] TJ\n<0001> Tj\nET\n");
}

}  // namespace
