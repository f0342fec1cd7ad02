// `zhixing docs` as a clerk runs it: real PDFs checked by what a reader sees.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
namespace fs = std::filesystem;

using Output = testing::CommandResult;

Output sh(const std::string& cmd) { return testing::run_shell(cmd); }

Output zhixing(const std::string& args) { return testing::run_zhixing(ZHIXING_BINARY, args); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string without_spaces(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\f' && s[i] != '\r') out += s[i];
  return out;
}

class CliDocs : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-docs-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void import_lines(const std::string& lines) {
    std::ofstream(dir_ / "in.jsonl") << lines;
    Output r = zhixing("import " + (dir_ / "in.jsonl").string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  std::vector<fs::path> pdfs(const fs::path& root) {
    std::vector<fs::path> out;
    for (auto& e : fs::recursive_directory_iterator(root))
      if (e.path().extension() == ".pdf") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path freeze_ruling_for(const std::string& applicant);
  fs::path dir_;
};

TEST_F(CliDocs, FreezeRulingsAreWrittenStoredAndReusedByteForByte) {
  LineOptions o;
  o.measures = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},{"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"中国邮政储蓄银行易县支行","period":"1y"}])";
  import_lines(case_line(o) + "\n");
  fs::path out = dir_ / "out";
  Output first = zhixing("docs --kind ruling-freeze --case （2024）冀0633执1号 --out " + out.string());
  ASSERT_EQ(first.exit_code, 0) << first.out;
  fs::path pdf = out / "冀0633" / "2024" / "（2024）冀0633执1号" / "ruling-freeze-2024-03-20-1.pdf";
  ASSERT_TRUE(fs::exists(pdf)) << first.out;

  std::string text = without_spaces(sh("pdftotext " + pdf.string() + " -").out);
  for (const char* want : {"河北省易县人民法院", "执行裁定书", "（2024）冀0633执1号", "申请执行人", "张秀兰",
                           "被执行人", "刘建国", "36000元", "人民币叁万陆仟元整", "二〇二四年三月二十日"})
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;

  std::string fonts = sh("pdffonts " + pdf.string()).out;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font embedded, subset, with ToUnicode:\n" << fonts;
  EXPECT_NE(fonts.find("FandolFang"), std::string::npos) << fonts;
  std::string info = sh("pdfinfo " + pdf.string()).out;
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Subject:         （2024）冀0633执1号"), std::string::npos) << info;

  std::string bytes = slurp(pdf);
  fs::path out2 = dir_ / "out2";
  Output again = zhixing("docs --kind ruling-freeze --case （2024）冀0633执1号 --out " + out2.string());
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("沿用"), std::string::npos) << again.out;
  EXPECT_EQ(slurp(out2 / fs::relative(pdf, out)), bytes) << "same inputs, same bytes";
  auto sql = ScratchDatabase::runtime();
  long long rows = 0;
  *sql << "select count(*) from documents", soci::into(rows);
  EXPECT_EQ(rows, 1) << "the row is reused";
}

TEST_F(CliDocs, ReissueRecordsANewVersionBesideTheOld) {
  LineOptions o;
  import_lines(case_line(o) + "\n");
  fs::path out = dir_ / "out";
  ASSERT_EQ(zhixing("docs --kind notice --case （2024）冀0633执1号 --out " + out.string()).exit_code, 0);
  Output r = zhixing("docs --kind notice --case （2024）冀0633执1号 --reissue --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto files = pdfs(out);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].filename(), "notice-2024-03-06-1-v2.pdf");
  EXPECT_EQ(files[1].filename(), "notice-2024-03-06-1.pdf");
  auto sql = ScratchDatabase::runtime();
  long long versions = 0;
  *sql << "select max(version) from documents", soci::into(versions);
  EXPECT_EQ(versions, 2);
}

// Imports case 1 with `applicant` as the applicant's name, renders its freeze ruling and
// returns the PDF.
fs::path CliDocs::freeze_ruling_for(const std::string& applicant) {
  LineOptions o;
  o.applicant_name = applicant;
  o.measures = R"([{"kind":"freeze","on":"2024-03-20","against":"r1","amount":"100","target":"某银行"}])";
  import_lines(case_line(o) + "\n");
  fs::path out = dir_ / "out";
  Output r = zhixing("docs --kind ruling-freeze --case （2024）冀0633执1号 --out " + out.string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto files = pdfs(out);
  EXPECT_EQ(files.size(), 1u);
  return files.empty() ? fs::path() : files[0];
}

TEST_F(CliDocs, RareNameCharactersRenderThroughTheFallbackChain) {
  const fs::path pdf = freeze_ruling_for("王喆堃珺玥䶮");
  ASSERT_FALSE(pdf.empty());
  EXPECT_NE(without_spaces(sh("pdftotext " + pdf.string() + " -").out).find("王喆堃珺玥䶮"),
            std::string::npos);
}

TEST_F(CliDocs, CharactersOutsideTheBmpRenderAndExtract) {
  // 𠮷 U+20BB7, 𡒄 U+21484, 𨭆 U+28B46 (CJK Extension B): drawn by the rare-name faces,
  // embedded as a subset, and given back by pdftotext through the ToUnicode map (UTF-16
  // surrogate pairs).
  const fs::path pdf = freeze_ruling_for("吉𠮷𡒄𨭆");
  ASSERT_FALSE(pdf.empty());
  EXPECT_NE(without_spaces(sh("pdftotext " + pdf.string() + " -").out).find("吉𠮷𡒄𨭆"),
            std::string::npos);
  const std::string fonts = sh("pdffonts " + pdf.string()).out;
  // "ABCDEF+BabelStoneHan  CID TrueType  Identity-H  yes yes yes": embedded, subset, ToUnicode.
  const std::size_t at = fonts.find("+BabelStoneHan");
  ASSERT_NE(at, std::string::npos) << fonts;
  const std::string row = fonts.substr(at - 6, fonts.find('\n', at) - (at - 6));
  EXPECT_NE(row.find("CID TrueType"), std::string::npos) << row;
  EXPECT_NE(row.find("yes yes yes"), std::string::npos) << row;
}

TEST_F(CliDocs, ACharacterNoFaceCanDrawFailsThatDocumentOnly) {
  LineOptions bad;
  bad.applicant_name = "\uE000祥";  // private use: no configured face has a glyph for it
  bad.measures = R"([{"kind":"freeze","on":"2024-03-20","against":"r1","amount":"100","target":"某银行"}])";
  LineOptions good = bad;
  good.case_number = "（2024）冀0633执2号";
  good.applicant_name = "吉祥";
  import_lines(case_line(bad) + "\n" + case_line(good) + "\n");
  fs::path out = dir_ / "out";
  Output r = zhixing("docs --kind ruling-freeze --filter court=冀0633,year=2024 --out " + out.string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("missing_glyph"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("U+E000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("（2024）冀0633执1号"), std::string::npos) << r.out;
  auto files = pdfs(out);
  ASSERT_EQ(files.size(), 1u) << "the other case is written; no half document for the failing one";
  EXPECT_NE(files[0].string().find("执2号"), std::string::npos);
  for (auto& e : fs::recursive_directory_iterator(out))
    EXPECT_NE(e.path().extension(), ".part") << "no temporary file left behind";
}

TEST_F(CliDocs, AKindTheCaseHasNoEventForIsNotApplicable) {
  import_lines(case_line() + "\n");
  Output r = zhixing("docs --kind ruling-seal --case （2024）冀0633执1号 --out " + (dir_ / "o").string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("not_applicable"), std::string::npos) << r.out;
  Output filtered = zhixing("docs --kind ruling-seal --filter court=冀0633 --out " + (dir_ / "o").string());
  EXPECT_EQ(filtered.exit_code, 0) << "with --filter, cases without the event are skipped silently\n"
                                   << filtered.out;
}

TEST_F(CliDocs, UsageErrorsExit2) {
  EXPECT_EQ(zhixing("docs --kind ruling-freeze --out /tmp/x").exit_code, 2);
  EXPECT_EQ(zhixing("docs --kind no-such-kind --filter court=冀0633").exit_code, 2);
  EXPECT_EQ(zhixing("docs --kind notice --filter colour=red").exit_code, 2);
  EXPECT_EQ(zhixing("docs --kind notice --case x --filter court=冀0633").exit_code, 2);
}

TEST_F(CliDocs, TemplatesCheckPassesOnTheShippedTemplates) {
  Output r = zhixing("templates check");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
}  // namespace zhixing
