// `zhixing report annual|zhongben` as a user runs it on the demo data set: text, CSV and PDF
// (what a reader extracts with pdftotext, fonts embedded), the usage errors with their codes,
// and no ID number or bank account in any output.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;
using CliResult = testing::CommandResult;

CliResult zhixing(const std::string& args) { return testing::run_zhixing(ZHIXING_BINARY, args); }

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out += c;
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The CSV row of `name` in the annual report: its fields.
std::vector<std::string> csv_fields(const std::string& csv, const std::string& name) {
  std::istringstream lines(csv);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, ',')) f.push_back(x);
    if (f.size() > 1 && f[1] == name) return f;
  }
  return {};
}

void expect_no_personal_numbers(const std::string& text, const std::string& what) {
  // 18-character ID numbers and bank accounts (12+ digits) never appear.
  static const std::regex id(R"(\d{17}[\dX])");
  static const std::regex account(R"(\d{12,})");
  EXPECT_FALSE(std::regex_search(text, id)) << what;
  EXPECT_FALSE(std::regex_search(text, account)) << what;
}

class CliReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-report-e2e-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::string file = (dir_ / "demo.jsonl").string();
    ASSERT_EQ(zhixing("demo-data --out " + file).exit_code, 0);
    ASSERT_EQ(zhixing("import " + file).exit_code, 0);
    CliResult a = zhixing("relief assess --date 2024-12-31");  // opens the relief decisions
    ASSERT_EQ(a.exit_code, 0) << a.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
};
fs::path CliReport::dir_;

TEST_F(CliReport, AnnualTextCsvAndPdfAgree) {
  CliResult text = zhixing("report annual --court 冀0633 --year 2024");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("受理：2083件（旧存0件，新收2083件）"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("司法救助：5人（决定5件），金额¥305,000.00（30.50万元）"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("统计范围：案件类型 执、执恢"), std::string::npos);
  // The figures of the court's published 2024 work report, to the last digit.
  for (const char* figure :
       {"法定期限内结案率：99.95%", "执行到位率：57.08%", "执行完毕率：43.63%", "终本率：9.35%",
        "平均结案用时：69.76天", "执行到位金额：26325.94万元"})
    EXPECT_NE(text.out.find(figure), std::string::npos) << figure << "\n" << text.out;

  const fs::path csv_path = dir_ / "annual.csv";
  CliResult csv =
      zhixing("report annual --court 冀0633 --year 2024 --format csv --out " + csv_path.string());
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  const std::string body = read(csv_path);
  EXPECT_EQ(body.rfind("分类,指标,数值,分子,分母,单位,范围\n", 0), 0u);
  EXPECT_EQ(csv_fields(body, "新收").at(2), "2083");
  // Each rate's value is its numerator over its denominator, and the text shows the same.
  for (const char* rate : {"执行完毕率", "终本率", "法定期限内结案率", "执行到位率"}) {
    auto f = csv_fields(body, rate);
    ASSERT_GE(f.size(), 7u) << rate;
    const double num = std::stod(f[3]), den = std::stod(f[4]);
    ASSERT_GT(den, 0) << rate;
    char want[32];
    std::snprintf(want, sizeof want, "%.2f", num * 100 / den);
    EXPECT_EQ(f[2], want) << rate;
    EXPECT_EQ(f[6], "2024年结案的执、执恢案件") << rate;
    EXPECT_NE(text.out.find(std::string(rate) + "：" + f[2] + "%"), std::string::npos) << rate;
  }
  const auto mean = csv_fields(body, "平均结案用时");
  ASSERT_GE(mean.size(), 5u);
  EXPECT_NEAR(std::stod(mean[2]), 69.76, 0.5);

  const fs::path pdf = dir_ / "annual.pdf";
  CliResult p =
      zhixing("report annual --court 冀0633 --year 2024 --format pdf --out " + pdf.string());
  ASSERT_EQ(p.exit_code, 0) << p.out;
  CliResult extracted = testing::run_shell("pdftotext -layout " + pdf.string() + " -");
  ASSERT_EQ(extracted.exit_code, 0);
  const std::string t = squeeze(extracted.out);
  EXPECT_NE(t.find("执行工作统计"), std::string::npos);
  EXPECT_NE(t.find("2083件"), std::string::npos);
  for (const char* rate : {"执行完毕率", "终本率", "执行到位率"})
    EXPECT_NE(t.find(std::string(rate) + csv_fields(body, rate)[2] + "%"), std::string::npos)
        << rate << "\n"
        << t;
  EXPECT_NE(t.find("¥305,000.00"), std::string::npos);
  EXPECT_NE(t.find("12月"), std::string::npos);  // the chart's axis
  EXPECT_NE(t.find("新收"), std::string::npos);  // the legend
  CliResult fonts = testing::run_shell("pdffonts " + pdf.string());
  EXPECT_NE(fonts.out.find("yes yes"), std::string::npos) << fonts.out;  // embedded, subset
  expect_no_personal_numbers(text.out + body + extracted.out, "annual");
}

TEST_F(CliReport, ScopeIsAnOption) {
  CliResult narrow = zhixing("report annual --year 2024 --scope 执 --format csv");
  ASSERT_EQ(narrow.exit_code, 0) << narrow.out;
  const int first = std::stoi(csv_fields(narrow.out, "新收").at(2));
  EXPECT_LT(first, 2083);  // the demo set has some 执恢 cases
  EXPECT_GT(first, 1900);
  EXPECT_EQ(csv_fields(narrow.out, "终本率").at(6), "2024年结案的执案件");
}

TEST_F(CliReport, ZhongbenRegisterInThreeFormats) {
  CliResult text = zhixing("report zhongben --court 冀0633 --as-of 2024-12-31");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("终本案件台账"), std::string::npos);
  EXPECT_NE(text.out.find("按未履行金额从高到低"), std::string::npos);

  CliResult csv = zhixing("report zhongben --as-of 2024-12-31 --format csv --sort outstanding");
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  std::istringstream lines(csv.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line,
            "序号,案号,被执行人,立案日期,终本日期,申请标的,已到位,未履行金额,执行措施,"
            "终本后月数,已复查次数,最近复查,下次复查,复查逾期,可申请恢复执行");
  double previous = 1e18;
  int rows = 0;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, ',')) f.push_back(x);
    ASSERT_GE(f.size(), 15u) << line;
    const double outstanding = std::stod(f[7]);
    EXPECT_LE(outstanding, previous) << line;
    previous = outstanding;
    ++rows;
  }
  EXPECT_GT(rows, 100);
  EXPECT_NE(text.out.find("终结本次执行程序的案件" + std::to_string(rows) + "件"),
            std::string::npos);

  const fs::path pdf = dir_ / "zhongben.pdf";
  CliResult p = zhixing("report zhongben --as-of 2024-12-31 --format pdf --out " + pdf.string());
  ASSERT_EQ(p.exit_code, 0) << p.out;
  CliResult extracted = testing::run_shell("pdftotext " + pdf.string() + " -");
  const std::string t = squeeze(extracted.out);
  EXPECT_NE(t.find("终本案件台账"), std::string::npos);
  EXPECT_NE(t.find(std::to_string(rows) + "件"), std::string::npos);
  expect_no_personal_numbers(text.out + csv.out + extracted.out, "zhongben");
}

TEST_F(CliReport, UsageErrorsCarryACodeAndExit2) {
  CliResult court = zhixing("report annual --court 冀9999 --year 2024");
  EXPECT_EQ(court.exit_code, 2);
  EXPECT_NE(court.out.find("unknown_court --court: 未知法院代码 冀9999"), std::string::npos)
      << court.out;
  CliResult scope = zhixing("report annual --year 2024 --scope 执,执x");
  EXPECT_EQ(scope.exit_code, 2);
  EXPECT_NE(scope.out.find("bad_scope --scope"), std::string::npos) << scope.out;
  CliResult date = zhixing("report zhongben --as-of 2024-02-30");
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.out.find("bad_date --as-of"), std::string::npos) << date.out;
  EXPECT_EQ(zhixing("report annual --year 2024 --format docx").exit_code, 2);
  EXPECT_EQ(zhixing("report annual").exit_code, 2);  // --year is required
  EXPECT_EQ(zhixing("report").exit_code, 2);
}

}  // namespace
}  // namespace zhixing
