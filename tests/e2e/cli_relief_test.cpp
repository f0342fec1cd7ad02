// `zhixing relief …` as a user runs it: assess, explain (text and --json), decide, and the
// relief decision documents rendered from the numbered decisions.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

CliResult run(const std::string& command) {
  static int counter = 0;
  fs::path err = fs::temp_directory_path() / ("zhixing-relief-e2e-" + std::to_string(getpid()) +
                                              "-" + std::to_string(counter++));
  CliResult r;
  FILE* p = popen((command + " 2>" + err.string()).c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  fs::remove(err);
  return r;
}

CliResult zhixing(const std::string& args) {
  return run("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " " + ZHIXING_BINARY + " " +
             args);
}

std::string scalar_text(soci::session& sql, const std::string& query) {
  std::string s;
  sql << query, soci::into(s);
  return s;
}

// One demo set for the whole file: generating, importing and assessing it once.
class CliRelief : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-relief-e2e-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::string file = (dir_ / "demo.jsonl").string();
    ASSERT_EQ(zhixing("demo-data --out " + file).exit_code, 0);
    ASSERT_EQ(zhixing("import " + file).exit_code, 0);
    CliResult a = zhixing("relief assess --date 2024-12-31");
    ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
    assess_out_ = a.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path dir_;
  static std::string assess_out_;
};
fs::path CliRelief::dir_;
std::string CliRelief::assess_out_;

TEST_F(CliRelief, AssessPrintsItsCounts) {
  EXPECT_NE(assess_out_.find("申请 15 件"), std::string::npos) << assess_out_;
  EXPECT_NE(assess_out_.find("新立 13 件"), std::string::npos) << assess_out_;
  CliResult again = zhixing("relief assess --date 2024-12-31");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("新写入 0 条"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("新立 0 件"), std::string::npos) << again.out;
}

// The first run assesses every candidate (no watermark yet); the next only what changed since;
// --all every candidate again.
TEST_F(CliRelief, AssessIsIncrementalAfterTheFirstRunAndFullWithAll) {
  EXPECT_NE(assess_out_.find("全量评估（no_watermark）"), std::string::npos) << assess_out_;
  // The 13 decisions numbered after the first run took its position are read once more.
  CliResult again = zhixing("relief assess --date 2024-12-31");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(
      again.out.find("评估范围：增量，自上次评估以来可能变化的案件 13 件，其中候选案件 13 件"),
      std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("新写入 0 条"), std::string::npos) << again.out;
  CliResult third = zhixing("relief assess --date 2024-12-31");
  EXPECT_NE(third.out.find("评估范围：增量，自上次评估以来可能变化的案件 0 件，其中候选案件 0 件"),
            std::string::npos)
      << third.out;
  CliResult all = zhixing("relief assess --date 2024-12-31 --all");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("按要求全量评估（requested）"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("申请 15 件"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("新写入 0 条"), std::string::npos) << all.out;
  CliResult next_year = zhixing("relief assess --date 2025-01-01");
  ASSERT_EQ(next_year.exit_code, 0) << next_year.err;
  EXPECT_NE(next_year.out.find("评估范围：增量"), std::string::npos) << next_year.out;
  EXPECT_EQ(next_year.out.find("新写入 0 条"), std::string::npos)
      << "a new decision year re-assesses the undecided applications and screenings: "
      << next_year.out;
}

TEST_F(CliRelief, ExplainJsonHasExactlyTheIssueShape) {
  auto sql = ScratchDatabase::runtime();
  std::string number = scalar_text(*sql,
                                   "select c.case_number from relief_decisions d join cases c on"
                                   " c.id = d.case_id where d.granted order by d.serial limit 1");
  CliResult r = zhixing("relief explain '" + number + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Poco::JSON::Parser parser;
  auto o = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
  std::vector<std::string> keys;
  // Key order as printed.
  for (const char* k : {"case_number", "outcome", "proposed_fen", "cap_fen", "ruleset", "rules"})
    keys.push_back(std::string("\"") + k + "\":");
  size_t at = 0;
  for (const auto& k : keys) {
    size_t p = r.out.find(k, at);
    ASSERT_NE(p, std::string::npos) << k << " in " << r.out;
    at = p;
  }
  EXPECT_EQ(o->size(), 6u);
  EXPECT_EQ(o->getValue<std::string>("case_number"), number);
  EXPECT_EQ(o->getValue<std::string>("outcome"), "eligible");
  EXPECT_TRUE(o->get("proposed_fen").isInteger());
  EXPECT_TRUE(o->get("cap_fen").isInteger());
  EXPECT_EQ(o->getValue<int64_t>("cap_fen"), 28445400);
  EXPECT_EQ(o->getValue<std::string>("ruleset"), "relief-2024.1");
  auto rules = o->getArray("rules");
  ASSERT_GT(rules->size(), 5u);
  for (size_t i = 0; i < rules->size(); ++i) {
    auto rule = rules->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(rule->size(), 3u);
    EXPECT_TRUE(rule->get("passed").isBoolean());
    EXPECT_FALSE(rule->getValue<std::string>("id").empty());
    EXPECT_FALSE(rule->getValue<std::string>("reason").empty());
  }

  // An ineligible one: proposed_fen is null.
  std::string excluded = scalar_text(*sql,
                                     "select c.case_number from relief_applications ra join cases"
                                     " c on c.id = ra.case_id where 'major_fault' = any(ra.flags)");
  CliResult x = zhixing("relief explain '" + excluded + "' --json");
  ASSERT_EQ(x.exit_code, 0) << x.err;
  auto xo = parser.parse(x.out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(xo->getValue<std::string>("outcome"), "ineligible");
  EXPECT_TRUE(xo->isNull("proposed_fen"));
  EXPECT_NE(x.out.find("{\"id\":\"flag_major_fault\",\"passed\":false"), std::string::npos);

  // The text form names the relief case.
  CliResult t = zhixing("relief explain '" + number + "'");
  EXPECT_EQ(t.exit_code, 0);
  EXPECT_NE(t.out.find("司救执"), std::string::npos) << t.out;
}

TEST_F(CliRelief, ExplainExits3ForAnUnknownCaseOrOneWithoutAssessment) {
  CliResult unknown = zhixing("relief explain '（2024）冀0633执99999号' --json");
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("unknown_case: 案件不存在"), std::string::npos) << unknown.err;

  auto sql = ScratchDatabase::runtime();
  std::string plain =
      scalar_text(*sql,
                  "select case_number from cases c where not exists (select 1 from"
                  " relief_assessments a where a.case_id = c.id) order by id limit 1");
  CliResult none = zhixing("relief explain '" + plain + "'");
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_NE(none.err.find("no_assessment: "), std::string::npos) << none.err;

  EXPECT_EQ(zhixing("relief explain").exit_code, 2);
}

TEST_F(CliRelief, DecideNeedsAClerkOrAdminAndReportsConflicts) {
  ASSERT_EQ(zhixing("users add 周审计 --role auditor").exit_code, 0);
  ASSERT_EQ(zhixing("users add 陈静 --role clerk").exit_code, 0);
  auto sql = ScratchDatabase::runtime();
  std::string pending = scalar_text(*sql,
                                    "select c.case_number from relief_applications ra join cases c"
                                    " on c.id = ra.case_id where ra.panel_decided_on is null"
                                    " order by c.serial limit 1");
  ASSERT_FALSE(pending.empty());
  CliResult forbidden =
      zhixing("relief decide '" + pending + "' --user 周审计 --refused --date 2024-12-20");
  EXPECT_EQ(forbidden.exit_code, 3);
  EXPECT_NE(forbidden.err.find("forbidden: "), std::string::npos) << forbidden.err;

  CliResult ok = zhixing("relief decide '" + pending +
                         "' --user 陈静 --refused --date 2024-12-20 --members 赵志远,王立新,李红");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("recorded: "), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("（2024）冀0633司救执14号"), std::string::npos) << ok.out;

  CliResult same = zhixing("relief decide '" + pending + "' --user 陈静 --refused");
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.out.find("already_recorded"), std::string::npos);

  CliResult conflict =
      zhixing("relief decide '" + pending + "' --user 陈静 --granted --amount 1000");
  EXPECT_EQ(conflict.exit_code, 3);
  EXPECT_NE(conflict.err.find("conflict: "), std::string::npos) << conflict.err;
  EXPECT_EQ(zhixing("relief decide '" + pending + "' --user 陈静 --granted --refused").exit_code,
            2);
}

TEST_F(CliRelief, DecisionDocumentsRenderFromTheNumberedDecisions) {
  fs::path out = dir_ / "out";
  CliResult r = zhixing("docs --kind relief-decision --filter court=冀0633 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("写入 1"), std::string::npos) << r.out;
  auto sql = ScratchDatabase::runtime();
  std::string path = scalar_text(*sql,
                                 "select doc.path from documents doc join relief_decisions d on"
                                 " d.case_id = doc.case_id where doc.kind = 'relief-decision' and"
                                 " d.granted and d.amount_fen = 8000000");
  ASSERT_FALSE(path.empty());
  CliResult text = run("pdftotext -layout '" + (out / path).string() + "' -");
  ASSERT_EQ(text.exit_code, 0);
  // Joined across lines and pages: no spaces, line ends, form feeds or page numbers (—1—).
  std::string flat;
  for (char c : text.out)
    if (c != ' ' && c != '\n' && c != '\f') flat += c;
  flat = std::regex_replace(flat, std::regex("—[0-9]+—"), "");
  EXPECT_NE(flat.find("国家司法救助决定书"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("司救执"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("80000元"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("人民币捌万元整"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("第三条第（七）项"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("审判长赵志远"), std::string::npos) << text.out;
  // The case number stands in the text, never inside another bracket; how the amount was set (the
  // assessment's cap) and the opinion's full title.
  EXPECT_NE(flat.find("立案执行（2024）冀0633执"), std::string::npos) << text.out;
  EXPECT_EQ(flat.find("（案号（"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("本案救助限额为"), std::string::npos) << text.out;
  EXPECT_NE(flat.find("《最高人民法院关于加强和规范人民法院国家司法救助工作的意见》"),
            std::string::npos)
      << text.out;
  int depth = 0;
  for (std::size_t at = 0; at < flat.size(); ++at) {
    if (flat.compare(at, 3, "（") == 0) {
      EXPECT_EQ(depth, 0) << "nested （ at " << at << "\n" << flat;
      ++depth;
    } else if (flat.compare(at, 3, "）") == 0 && depth > 0) {
      --depth;
    }
  }
}

}  // namespace
}  // namespace zhixing
