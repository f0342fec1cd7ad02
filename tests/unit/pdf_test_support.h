// Helpers shared by the PDF unit tests (pdf_writer_test.cpp, signature_field_test.cpp): the
// default font set, running poppler/qpdf tools, a scratch folder, and a two-page sample ruling.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "documents/fonts/font_error.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/layout/blocks.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"

namespace zhixing::pdf_test {

namespace fs = std::filesystem;

inline const fonts::FontSet* font_set(std::string* why) {
  static std::string error;
  static const std::optional<fonts::FontSet> set = []() -> std::optional<fonts::FontSet> {
    try {
      return fonts::FontSet::load(fonts::FontManifest::load_default());
    } catch (const fonts::FontError& e) {
      error = std::string(fonts::error_code_name(e.code())) + ": " + e.what();
      return std::nullopt;
    }
  }();
  *why = error;
  return set ? &*set : nullptr;
}

#define REQUIRE_FONTS(fs_)                                                \
  std::string why_;                                                       \
  const fonts::FontSet* fs_ = zhixing::pdf_test::font_set(&why_);         \
  ASSERT_NE(fs_, nullptr) << "document fonts are not available: " << why_ \
                          << "\nRun scripts/build-fonts.sh (about 1 minute, once) and re-run."

// Runs a shell command, returns its stdout; *status gets the exit status.
inline std::string run(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  if (status != nullptr) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

#define REQUIRE_TOOL(name)                                         \
  ASSERT_EQ(std::system("command -v " name " >/dev/null 2>&1"), 0) \
      << name " is not installed (apt-get install poppler-utils qpdf); this test needs it"

inline std::string strip_spaces(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += static_cast<char>(c);
  }
  // U+3000 IDEOGRAPHIC SPACE (E3 80 80) is whitespace too.
  std::string r;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    r += out[i];
  }
  return r;
}

struct TempDir {
  fs::path path;
  TempDir() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("zhixing-pdf-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

// A small ruling with a rare name character (䶮 U+4DAE: not in FandolFang, drawn by the body
// chain's fallback), long enough for two pages.
inline layout::Document sample_document() {
  layout::Document d;
  d.metadata = {"执行裁定书", "河北省易县人民法院", "（2024）冀0633执1234号"};
  auto& b = d.blocks;
  b.push_back(layout::CourtName{"河北省易县人民法院"});
  b.push_back(layout::Title{"执行裁定书"});
  b.push_back(layout::CaseNumber{"（2024）冀0633执1234号"});
  b.push_back(layout::Paragraph{
      "申请执行人：刘䶮，男，1975年3月12日出生，汉族，住河北省易县易州镇朝阳街88号。"});
  b.push_back(layout::Paragraph{
      "被执行人：保定市鑫源建材有限公司，住所地河北省保定市易县经济开发区工业路8号。"});
  b.push_back(
      layout::Paragraph{"本院在执行申请执行人刘䶮与被执行人保定市鑫源建材有限公司买卖合同纠纷一案中"
                        "，因被执行人未按执行通知履行"
                        "法律文书确定的义务，申请执行人刘䶮请求冻结被执行人的银行存款。本院经审查认"
                        "为，申请执行人刘䶮的申请符合"
                        "法律规定，应予准许。"});
  for (int i = 0; i < 5; ++i) {
    b.push_back(layout::Paragraph{
        "经本院通过网络执行查控系统查询，被执行人在中国工商银行股份有限公司易县支行开立的账户内有存"
        "款可供执行。"
        "为保障申请执行人的合法权益，本院依法对上述存款采取冻结措施，冻结期限为一年。"});
  }
  b.push_back(
      layout::Item{"一、冻结被执行人保定市鑫源建材有限公司的银行存款125000元（大写：人民币壹拾贰万"
                   "伍仟元整）。"});
  b.push_back(layout::Paragraph{"本裁定送达后立即生效。"});
  b.push_back(layout::Blank{1});
  b.push_back(layout::Signature{{{"审判长", "王志强"}, {"审判员", "赵玥"}}});
  b.push_back(layout::DateLine{"二〇二四年八月二十二日"});
  b.push_back(layout::Signature{{{"书记员", "张珺"}}});
  return d;
}

// A fixture's start: the default fonts and the sample laid out on two GB/T 9704 pages.
class SampleLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    fonts_ = font_set(&why);
    ASSERT_NE(fonts_, nullptr) << "document fonts are not available: " << why
                               << "\nRun scripts/build-fonts.sh (about 1 minute, once) and re-run.";
    measurer_.emplace(*fonts_);
    laid_ = layout::paginate(sample_document(), layout::PageProfile::gbt9704(), *measurer_);
    ASSERT_EQ(laid_.pages.size(), 2u) << "the sample must take two pages";
  }

  const fonts::FontSet* fonts_ = nullptr;
  std::optional<fonts::FontMeasurer> measurer_;
  layout::LaidOutDocument laid_;
  TempDir dir_;
};

}  // namespace zhixing::pdf_test
