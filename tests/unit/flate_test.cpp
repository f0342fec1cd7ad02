// Streams deflated by the PDF writer itself (documents/pdf/flate.h): the zlib format at every
// level, the same bytes on every thread, and in a rendered document every stream /FlateDecode
// exactly once, decoding to what the page draws.
#include "documents/pdf/flate.h"

#include <gtest/gtest.h>
#include <libdeflate.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "documents/pdf/content_stream.h"
#include "documents/pdf/pdf_writer.h"
#include "pdf_test_support.h"

namespace {

using namespace zhixing;

std::string inflate(std::string_view z, std::size_t size_hint) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  std::string out(size_hint, '\0');
  std::size_t n = 0;
  const libdeflate_result r =
      libdeflate_zlib_decompress(d, z.data(), z.size(), out.data(), out.size(), &n);
  libdeflate_free_decompressor(d);
  if (r != LIBDEFLATE_SUCCESS) return "<inflate failed: " + std::to_string(r) + ">";
  out.resize(n);
  return out;
}

std::string sample_bytes() {
  std::string s;
  for (int i = 0; i < 2000; ++i) s += "BT /F1 16 Tf <00120004> Tj ET " + std::to_string(i * 7919);
  return s;
}

TEST(Flate, EveryLevelGivesTheZlibFormatThatInflatesBack) {
  const std::string data = sample_bytes();
  for (int level = pdf::kMinFlateLevel; level <= pdf::kMaxFlateLevel; ++level) {
    const std::string z = pdf::flate(data, level);
    ASSERT_GE(z.size(), 6u);
    EXPECT_EQ(static_cast<unsigned char>(z[0]) & 0x0F, 8) << "CM = deflate, level " << level;
    EXPECT_EQ(inflate(z, data.size() + 1), data) << "level " << level;
    if (level >= 1) {
      EXPECT_LT(z.size(), data.size() / 4) << "level " << level;
    }
  }
  EXPECT_EQ(inflate(pdf::flate("", 6), 1), "");
}

TEST(Flate, RefusesALevelOutsideZeroToTwelve) {
  EXPECT_THROW(pdf::flate("x", -1), std::invalid_argument);
  EXPECT_THROW(pdf::flate("x", 13), std::invalid_argument);
}

TEST(Flate, SameBytesOnEveryThread) {
  const std::string data = sample_bytes();
  const std::string here = pdf::flate(data, 9);
  std::vector<std::string> there(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < there.size(); ++t) {
    threads.emplace_back([&, t] { there[t] = pdf::flate(data, 9); });
  }
  for (auto& th : threads) th.join();
  for (const std::string& z : there) EXPECT_EQ(z, here);
}

TEST(ContentStream, FillsRectanglesInsideASavedState) {
  pdf::ContentStream c;
  c.save_state();
  c.set_fill_rgb(0.2, 0.4, 0.6);
  c.fill_rect(10, 20.5, 30, 40);
  c.set_fill_rgb(0.2, 0.4, 0.6);  // unchanged: not repeated
  c.fill_rect(50, 20.5, 30, 12.25);
  c.restore_state();
  c.set_fill_rgb(0.2, 0.4, 0.6);  // after Q the colour is written again
  EXPECT_EQ(c.bytes(),
            "q\n0.2 0.4 0.6 rg\n10 20.5 30 40 re f\n50 20.5 30 12.25 re f\nQ\n0.2 0.4 0.6 rg\n");
}

// Each stream of `pdf`: its dictionary text and its decoded bytes.
struct Stream {
  std::string dict, decoded;
};
std::vector<Stream> streams(const std::string& pdf) {
  std::vector<Stream> out;
  for (std::size_t at = 0; (at = pdf.find("\nstream\r\n", at)) != std::string::npos;) {
    const std::size_t open = pdf.rfind("obj", at);
    const std::size_t begin = at + 9;
    const std::size_t end = pdf.find("\nendstream", begin);
    if (open == std::string::npos || end == std::string::npos) break;
    out.push_back({pdf.substr(open, at - open), inflate(pdf.substr(begin, end - begin), 1 << 20)});
    at = end;
  }
  return out;
}

class FlateInPdfTest : public pdf_test::SampleLayoutTest {};

TEST_F(FlateInPdfTest, EveryStreamIsDeflatedOnceAndPagesCarryNoProcSet) {
  laid_.pages[0].rects.push_back({100, 200, 50, 25, {0.8, 0.1, 0.1}});
  const std::string pdf = pdf::render_pdf(laid_, *fonts_);
  const std::vector<Stream> all = streams(pdf);
  // Three font programs, three ToUnicode CMaps, two pages.
  ASSERT_EQ(all.size(), 8u);
  int pages_with_text = 0;
  for (const Stream& s : all) {
    EXPECT_NE(s.dict.find("/Filter /FlateDecode"), std::string::npos) << s.dict;
    EXPECT_EQ(s.dict.find("/Filter ["), std::string::npos) << "deflated twice? " << s.dict;
    EXPECT_EQ(s.decoded.find("<inflate failed"), std::string::npos) << s.dict;
    if (s.decoded.starts_with("q\n") || s.decoded.starts_with("BT\n")) ++pages_with_text;
  }
  EXPECT_EQ(pages_with_text, 2);
  bool bar = false;
  for (const Stream& s : all) {
    if (s.decoded.starts_with("q\n0.8 0.1 0.1 rg\n100 200 50 25 re f\nQ\nBT\n")) bar = true;
  }
  EXPECT_TRUE(bar) << "the rectangle is drawn first, under the text";
  EXPECT_EQ(pdf.find("/ProcSet"), std::string::npos);
  EXPECT_EQ(pdf::render_pdf(laid_, *fonts_), pdf);
}

TEST_F(FlateInPdfTest, TheLevelsChangeOnlyTheCompressedBytes) {
  pdf::RenderOptions fast, small;
  fast.font_deflate_level = fast.stream_deflate_level = 1;
  small.font_deflate_level = small.stream_deflate_level = 12;
  const std::vector<Stream> a = streams(pdf::render_pdf(laid_, *fonts_, fast));
  const std::vector<Stream> b = streams(pdf::render_pdf(laid_, *fonts_, small));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].decoded, b[i].decoded) << i;
  EXPECT_GT(pdf::render_pdf(laid_, *fonts_, fast).size(),
            pdf::render_pdf(laid_, *fonts_, small).size());
}

}  // namespace
