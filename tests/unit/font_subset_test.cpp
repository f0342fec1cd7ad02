// The font module end to end: manifest → faces → fallback → hb-subset → memfd → libharu.
// Needs the converted faces: if fonts/build/ is missing these tests FAIL (never skip) and say so.
#include <hpdf.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "documents/fonts/face.h"
#include "documents/fonts/font_error.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_set.h"
#include "documents/fonts/memfd_font.h"
#include "documents/fonts/pdf_subset.h"
#include "documents/fonts/subset.h"

namespace {

using namespace zhixing::fonts;

// The project's FontSet, loaded once; nullptr (with the reason) when the faces are not built.
const FontSet* font_set(std::string* why) {
  static std::string error;
  static const std::optional<FontSet> set = []() -> std::optional<FontSet> {
    try {
      return FontSet::load(FontManifest::load_default());
    } catch (const FontError& e) {
      error = std::string(error_code_name(e.code())) + ": " + e.what();
      return std::nullopt;
    }
  }();
  *why = error;
  return set ? &*set : nullptr;
}

#define REQUIRE_FONTS(fs)                                                \
  std::string why_;                                                      \
  const FontSet* fs = font_set(&why_);                                   \
  ASSERT_NE(fs, nullptr) << "document fonts are not available: " << why_ \
                         << "\nRun scripts/build-fonts.sh (about 1 minute, once) and re-run."

std::string utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

std::string utf8(std::u32string_view text) {
  std::string s;
  for (char32_t cp : text) s += utf8(cp);
  return s;
}

TEST(FontManifest, ProjectManifestNamesAFaceForEveryRole) {
  FontManifest m = FontManifest::load_default();
  for (Role role : kAllRoles) {
    ASSERT_FALSE(m.chain(role).empty()) << role_name(role);
    EXPECT_TRUE(m.face(m.chain(role).front()).file.is_absolute());
  }
  EXPECT_EQ(m.chain(Role::body).front(), "fandol-fang");
  EXPECT_EQ(m.chain(Role::title).front(), "noto-serif-sc-bold-gb2312");
}

TEST(FontManifest, RejectsAChainNamingAnUndefinedFace) {
  const char* json = R"({"faces": {"a": {"file": "x.ttf"}},
    "roles": {"title": ["a"], "body": ["a", "nope"], "heading": ["a"], "heading2": ["a"],
              "page_number": ["a"]}})";
  try {
    FontManifest::parse(json, "/repo", "test.json");
    FAIL() << "accepted an undefined face";
  } catch (const FontError& e) {
    EXPECT_EQ(e.code(), FontErrorCode::manifest_invalid);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
}

TEST(FontManifest, ResolvesRelativePathsAgainstTheRootOverride) {
  const char* json = R"({"faces": {"a": {"file": "fonts/build/a.ttf", "index": 2,
                                         "exclude": ["U+FFE5"]},
                                   "b": {"file": "/usr/share/b.ttc"}},
    "roles": {"title": ["a", "b"], "body": ["a"], "heading": ["b"], "heading2": ["a"],
              "page_number": ["b"]}})";
  FontManifest m = FontManifest::parse(json, "/opt/zhixing", "test.json");
  EXPECT_EQ(m.face("a").file, std::filesystem::path("/opt/zhixing/fonts/build/a.ttf"));
  EXPECT_EQ(m.face("a").index, 2u);
  EXPECT_EQ(m.face("a").excluded, std::vector<char32_t>{0xFFE5});
  EXPECT_EQ(m.face("b").file, std::filesystem::path("/usr/share/b.ttc"));
  EXPECT_EQ(m.chain(Role::title), (std::vector<std::string>{"a", "b"}));
}

TEST(FontManifest, RejectsAMissingRole) {
  const char* json = R"({"faces": {"a": {"file": "a.ttf"}}, "roles": {"title": ["a"]}})";
  EXPECT_THROW(FontManifest::parse(json, "/", "test.json"), FontError);
}

TEST(FontCoverage, RareNameCharactersAreDrawnThroughTheBodyChain) {
  REQUIRE_FONTS(fs);
  const FallbackChain& body = fs->chain(Role::body);
  ASSERT_EQ(body.primary().id(), "fandol-fang");
  // FandolFang is GB 2312 only: none of these rare given-name characters is in it.
  for (char32_t cp : std::u32string_view(U"喆堃珺玥䶮")) {
    Pick p = body.pick(cp);
    ASSERT_TRUE(p) << utf8(cp) << " is not drawable through the body chain";
    EXPECT_FALSE(body.primary().has(cp)) << utf8(cp) << " unexpectedly in FandolFang";
    EXPECT_EQ(p.face->id(), "noto-serif-sc-regular-bmp") << utf8(cp);
  }
  // Ordinary text stays in FandolFang.
  for (char32_t cp : std::u32string_view(U"河北省易县人民法院执行裁定书〇（）：，。、“”《》1")) {
    EXPECT_EQ(body.pick(cp).face->id(), "fandol-fang") << utf8(cp);
  }
}

TEST(FontCoverage, CharactersOutsideTheBmpAreDrawnByTheRareNameFaces) {
  REQUIRE_FONTS(fs);
  // 𠮷 U+20BB7, 𡒄 U+21484, 𨭆 U+28B46 (CJK Extension B): BabelStone Han (mainland forms) has
  // all three; Hanazono Mincho B covers what it lacks of Extension B to F.
  for (char32_t cp : {U'\U00020BB7', U'\U00021484', U'\U00028B46'}) {
    for (Role role : {Role::title, Role::body, Role::heading, Role::heading2}) {
      Pick p = fs->chain(role).pick(cp);
      ASSERT_TRUE(p) << role_name(role) << " " << utf8(cp);
      if (role != Role::heading2) {
        EXPECT_EQ(p.face->id(), "babelstone-han-sip") << utf8(cp);
      }
      EXPECT_GT(*p.face->advance_em(cp), 0.9);
    }
  }
  const Face& hanamin = *Face::open(FontManifest::load_default().face("hanamin-b-sip"));
  EXPECT_TRUE(hanamin.has(U'\U0002A6D6'));  // the last of Extension B
  EXPECT_TRUE(fs->chain(Role::body).undrawable(U"吉𠮷吉𡒄𨭆").empty());
  // The rare-name faces are cut to the supplementary planes: they never take a BMP character
  // from the faces before them, and none of their private-use glyphs is reachable.
  for (const char* id : {"babelstone-han-sip", "hanamin-b-sip"}) {
    const Face& f = *Face::open(FontManifest::load_default().face(id));
    EXPECT_FALSE(f.has(U'中')) << id;
    EXPECT_FALSE(f.has(U'\uE000')) << id;
  }
}

TEST(FontCoverage, APrivateUseCodePointIsInNoConfiguredFace) {
  REQUIRE_FONTS(fs);
  // The tests that need a character no face can draw use U+E000.
  for (const auto& face : fs->faces()) EXPECT_FALSE(face->has(U'\uE000')) << face->id();
  for (Role role : kAllRoles) {
    Pick p = fs->chain(role).pick(U'\uE000');
    EXPECT_EQ(p.coverage, Coverage::missing) << role_name(role);
    EXPECT_EQ(p.face, nullptr);
  }
  EXPECT_EQ(fs->chain(Role::body).undrawable(U"吉\uE000吉\uE000"), std::vector<char32_t>{0xE000});
}

TEST(FontCoverage, FandolYenSignGoesToTheFallbackFace) {
  REQUIRE_FONTS(fs);
  // FandolFang maps U+FFE5 to a "$" glyph; the manifest excludes it.
  Pick p = fs->chain(Role::body).pick(U'￥');
  ASSERT_TRUE(p);
  EXPECT_NE(p.face->id(), "fandol-fang");
}

TEST(FontCoverage, RunsSplitTextByFace) {
  REQUIRE_FONTS(fs);
  std::u32string text = U"申请人张喆𠮷\uE000";
  auto runs = fs->chain(Role::body).runs(text);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].face->id(), "fandol-fang");
  EXPECT_EQ(runs[0].end, 4u);
  EXPECT_EQ(runs[1].face->id(), "noto-serif-sc-regular-bmp");
  EXPECT_EQ(runs[2].face->id(), "babelstone-han-sip");
  EXPECT_EQ(runs[3].face, nullptr);
}

TEST(FontMetrics, CjkAdvanceIsOneEmAndDigitsAreNarrower) {
  REQUIRE_FONTS(fs);
  for (const auto& face : fs->faces()) {
    // The rare-name faces hold only the supplementary planes (and ASCII): 𠮷 stands in for 中.
    const char32_t ideograph = face->has(U'中') ? U'中' : U'\U00020BB7';
    ASSERT_TRUE(face->has(ideograph)) << face->id();
    EXPECT_DOUBLE_EQ(*face->advance_em(ideograph), 1.0) << face->id();
    EXPECT_LT(*face->advance_em(U'1'), 1.0) << face->id();
  }
  EXPECT_FALSE(fs->chain(Role::body).primary().advance_em(U'喆'));
}

TEST(FontSubset, SubsetIsMuchSmallerThanTheSourceFace) {
  REQUIRE_FONTS(fs);
  const Face& body = fs->chain(Role::body).primary();
  FontBytes bytes = subset(body, U"河北省易县人民法院执行裁定书（2024）冀0633执恢123号");
  const auto source_size = std::filesystem::file_size(body.file());
  EXPECT_GT(bytes.size(), 1000u);
  EXPECT_LT(bytes.size() * 100, source_size) << bytes.size() << " vs " << source_size;
}

TEST(FontSubset, ConcurrentSubsetsOfOneFaceAreIdentical) {
  REQUIRE_FONTS(fs);
  const Face& face = fs->chain(Role::heading).primary();  // MicroHei: composites, the hard case
  const std::u32string text = U"一、执行依据及执行标的间隔问题，被执行人应当履行";
  const FontBytes expected = subset(face, text);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        if (subset(face, text) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(MemfdFont, ExposesTheBytesUnderProcSelfFd) {
  std::vector<std::byte> bytes(100000, std::byte{0x5A});
  MemfdFont font(bytes);
  EXPECT_EQ(font.path(), "/proc/self/fd/" + std::to_string(font.fd()));
  EXPECT_EQ(std::filesystem::file_size(font.path()), bytes.size());
  MemfdFont moved(std::move(font));
  EXPECT_EQ(font.fd(), -1);
  EXPECT_TRUE(std::filesystem::exists(moved.path()));
}

TEST(FontManifest, ReadsThePdfProgram) {
  const char* json = R"({"faces": {"a": {"file": "a.otf", "pdf_program": "opentype"},
                                   "b": {"file": "b.ttf"}},
    "roles": {"title": ["a"], "body": ["a"], "heading": ["b"], "heading2": ["a"],
              "page_number": ["b"]}})";
  FontManifest m = FontManifest::parse(json, "/", "test.json");
  EXPECT_EQ(m.face("a").program, FontProgram::opentype);
  EXPECT_EQ(m.face("b").program, FontProgram::automatic);
  const char* bad = R"({"faces": {"a": {"file": "a.otf", "pdf_program": "type1"}},
    "roles": {"title": ["a"], "body": ["a"], "heading": ["a"], "heading2": ["a"],
              "page_number": ["a"]}})";
  EXPECT_THROW(FontManifest::parse(bad, "/", "test.json"), FontError);
}

TEST(PdfSubset, CffFacesGiveABareCidKeyedCffAndShowCharsetCids) {
  REQUIRE_FONTS(fs);
  // Noto Serif CJK SC Bold: CID-keyed CFF (Adobe-Identity, CIDs of the whole Noto CJK family).
  const Face& title = fs->chain(Role::title).primary();
  ASSERT_TRUE(title.cff_outlines());
  ASSERT_EQ(title.program(), FontProgram::cff);
  const std::u32string text = U"河北省易县人民法院（2024）";
  const PdfSubset s = subset_for_pdf(title, text + text);
  ASSERT_GE(s.program.size(), 4u);
  EXPECT_EQ(s.program[0], std::byte{1}) << "CFF major version 1";  // not an sfnt
  EXPECT_EQ(s.format, FontProgram::cff);
  std::vector<std::uint16_t> cids;
  for (char32_t cp : std::u32string_view(U"河北省易县人民院（2024）")) {
    EXPECT_NE(s.cid(cp), 0) << utf8(cp);
    cids.push_back(s.cid(cp));
  }
  // The CIDs are the face's own CIDs, not the subset's glyph ids (1..glyph_count-1).
  EXPECT_GT(*std::max_element(cids.begin(), cids.end()), s.glyph_count);
  std::sort(cids.begin(), cids.end());
  cids.erase(std::unique(cids.begin(), cids.end()), cids.end());
  EXPECT_EQ(cids.size(), 13u) << "distinct characters, distinct CIDs ('2' repeats)";
  EXPECT_EQ(s.shown.size(), 14u) << "with 法";
  EXPECT_TRUE(std::is_sorted(s.shown.begin(), s.shown.end(),
                             [](const auto& a, const auto& b) { return a.cid < b.cid; }));
  for (const auto& g : s.shown) {
    EXPECT_EQ(s.cid(g.code_point), g.cid);
    EXPECT_DOUBLE_EQ(g.width, *title.advance_em(g.code_point) * 1000.0);
  }
  EXPECT_EQ(s.cid(U'喆'), 0) << "not in the GB 2312 subset";
}

TEST(PdfSubset, GlyfFacesGiveTrueTypeWithCidEqualToGlyphId) {
  REQUIRE_FONTS(fs);
  const Face& heading = fs->chain(Role::heading).primary();  // WQY MicroHei
  ASSERT_EQ(heading.program(), FontProgram::truetype);
  const PdfSubset s = subset_for_pdf(heading, U"执行依据");
  EXPECT_EQ(s.format, FontProgram::truetype);
  ASSERT_GE(s.program.size(), 4u);
  EXPECT_EQ(s.program[1], std::byte{1}) << "sfnt version 0x00010000";
  ASSERT_EQ(s.shown.size(), 4u);
  for (const auto& g : s.shown) EXPECT_LT(g.cid, s.glyph_count);
}

TEST(PdfSubset, ACffFaceCannotBeEmbeddedAsTrueType) {
  REQUIRE_FONTS(fs);
  FaceSpec spec = FontManifest::load_default().face("noto-serif-sc-bold-gb2312");
  spec.program = FontProgram::truetype;
  try {
    (void)Face::open(spec);
    FAIL() << "accepted pdf_program truetype for a CFF face";
  } catch (const FontError& e) {
    EXPECT_NE(std::string(e.what()).find("CFF"), std::string::npos) << e.what();
  }
}

// --- libharu proof: the subset loads through the memfd and renders a one-page document ---------

struct HpdfErrors {
  std::vector<std::string> messages;
};
void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  char text[64];
  std::snprintf(text, sizeof text, "HPDF error 0x%04X detail %u", static_cast<unsigned>(error),
                static_cast<unsigned>(detail));
  static_cast<HpdfErrors*>(user_data)->messages.emplace_back(text);
}
struct HpdfFree {
  void operator()(HPDF_Doc pdf) const { HPDF_Free(pdf); }
};

TEST(FontSubset, LibharuLoadsTheSubsetThroughAMemfdAndDrawsIt) {
  REQUIRE_FONTS(fs);
  const std::u32string court = U"河北省易县人民法院";
  const std::u32string title = U"执行裁定书";
  // libharu's own loader reads glyf faces only (the document faces with CFF outlines are embedded
  // by pdf/cid_font.h instead): WQY MicroHei, whose composites need the hb-subset.
  const Face& face = fs->chain(Role::heading).primary();
  ASSERT_FALSE(face.cff_outlines()) << face.id();
  ASSERT_TRUE(fs->chain(Role::heading).undrawable(court + title).empty());

  // Declared before the document: the memfd must stay open until after HPDF_Free.
  MemfdFont font(subset(face, court + title), "title.ttf");
  HpdfErrors errors;
  std::vector<unsigned char> pdf_bytes;
  {
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, HpdfFree> pdf(
        HPDF_New(on_hpdf_error, &errors));
    ASSERT_NE(pdf, nullptr);
    HPDF_UseUTFEncodings(pdf.get());
    HPDF_SetCurrentEncoder(pdf.get(), "UTF-8");
    HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
    const char* name = HPDF_LoadTTFontFromFile(pdf.get(), font.path().c_str(), HPDF_TRUE);
    ASSERT_NE(name, nullptr) << (errors.messages.empty() ? "" : errors.messages.back());
    HPDF_Font hfont = HPDF_GetFont(pdf.get(), name, "UTF-8");
    ASSERT_NE(hfont, nullptr);
    HPDF_Page page = HPDF_AddPage(pdf.get());
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, hfont, 22);
    const std::string court8 = utf8(court), title8 = utf8(title);
    EXPECT_FLOAT_EQ(HPDF_Page_TextWidth(page, court8.c_str()), 9 * 22.0f);
    HPDF_Page_TextOut(page, (595 - 9 * 22) / 2.0f, 842 - 37 / 25.4f * 72 - 22, court8.c_str());
    HPDF_Page_TextOut(page, (595 - 5 * 22) / 2.0f, 842 - 37 / 25.4f * 72 - 60, title8.c_str());
    HPDF_Page_EndText(page);
    ASSERT_EQ(HPDF_SaveToStream(pdf.get()), HPDF_OK);
    const HPDF_UINT32 size = HPDF_GetStreamSize(pdf.get());
    pdf_bytes.resize(size);
    HPDF_UINT32 read = size;
    HPDF_ReadFromStream(pdf.get(), pdf_bytes.data(), &read);
    pdf_bytes.resize(read);
  }
  EXPECT_TRUE(errors.messages.empty()) << errors.messages.front();
  ASSERT_GE(pdf_bytes.size(), 5u);
  EXPECT_EQ(std::memcmp(pdf_bytes.data(), "%PDF-", 5), 0);
  EXPECT_LT(pdf_bytes.size(), 60u * 1024) << pdf_bytes.size() << " bytes";
}

}  // namespace
