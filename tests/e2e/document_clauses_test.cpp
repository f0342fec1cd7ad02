// How the rulings of one case are numbered and what each kind must say, as a clerk and the
// nightly run see it: real PDFs read back with pdftotext. A case's rulings are told apart by
// 之N, the same on the clerk's path and the nightly's, across reruns, reissues and two processes
// at once; the assistance notice carries the whole account number and its ruling's full number;
// a 终本 ruling whose preconditions the record does not show is refused (precondition_failed),
// in the nightly as a skipped item that does not count toward jobs.skip_limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::case_line;
using testing::LineOptions;
using testing::ScratchDatabase;
namespace fs = std::filesystem;
using Output = testing::CommandResult;

const char* const kAccount1 = "6217995500001234567";
const char* const kAccount2 = "6228480000000009876";

// Two freezes (so two freeze rulings), every measure 终本规定 第一条 asks for, and a 终本 closure;
// `with_report` false drops the 报告财产令.
std::string case_with_two_freezes(const std::string& number, bool with_report = true) {
  LineOptions o;
  o.case_number = number;
  o.claim = "36000";
  o.recovered = "0";
  o.status = "closed";
  o.closure = R"({"kind":"terminated_current","on":"2024-07-15"})";
  std::string m = R"([{"kind":"notice","on":"2024-03-06","against":"r1"},)";
  if (with_report) m += R"({"kind":"property_report_order","on":"2024-03-06","against":"r1"},)";
  m +=
      std::string(
          R"({"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"中国邮政储蓄银行易县支行账户)") +
      kAccount1 + R"(","period":"1y"},)" +
      R"({"kind":"inquiry","on":"2024-03-21","against":"r1","note":"网络查控","result":"none"},)" +
      R"({"kind":"consumption_ban","on":"2024-03-20","against":"r1"},)" +
      R"({"kind":"freeze","on":"2024-04-15","against":"r1","amount":"20000","target":"中国农业银行易县支行账户)" +
      kAccount2 + R"(","period":"6m"}])";
  o.measures = m;
  return case_line(o);
}

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out += c;
  for (size_t k; (k = out.find("\u3000")) != std::string::npos;) out.erase(k, 3);
  // Page numbers "—1—" are furniture, not the document's text.
  return std::regex_replace(out, std::regex("—[0-9]+—"), "");
}

class DocumentClauses : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-clauses-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "inbox");
  }
  void TearDown() override { fs::remove_all(dir_); }

  Output zhixing(const std::string& args, const std::string& env = "") {
    return testing::run_shell("ZHIXING_DB_NAME=" + ScratchDatabase::target().name +
                              " ZHIXING_PATHS_INBOX=" + (dir_ / "inbox").string() +
                              " ZHIXING_PATHS_OUTPUT=" + (dir_ / "out").string() + " " + env + " " +
                              ZHIXING_BINARY + " " + args);
  }
  void import_lines(const std::string& lines) {
    std::ofstream(dir_ / "in.jsonl") << lines;
    Output r = zhixing("import " + (dir_ / "in.jsonl").string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
  }
  // The text of the latest version of an event's document, spaces removed.
  std::string text_of(const std::string& case_number, const std::string& kind,
                      const std::string& date, int position = 1) {
    auto sql = ScratchDatabase::runtime();
    std::string dir, path;
    soci::indicator ind = soci::i_null;
    *sql << "select d.output_dir, d.path from documents d join cases c on c.id = d.case_id"
            " where c.case_number = :c and d.kind = :k and d.event_date = cast(:d as date)"
            " and d.event_position = :p order by d.version desc limit 1",
        soci::use(case_number), soci::use(kind), soci::use(date), soci::use(position),
        soci::into(dir, ind), soci::into(path);
    if (ind != soci::i_ok) return "(no document)";
    return squeeze(testing::run_shell("pdftotext " + (fs::path(dir) / path).string() + " -").out);
  }
  // "kind date#position=ordinal" of every stored ruling number of a case.
  std::string numbers(const std::string& case_number) {
    auto sql = ScratchDatabase::runtime();
    soci::rowset<soci::row> rows =
        (sql->prepare << "select n.kind, to_char(n.event_date, 'YYYY-MM-DD'), n.event_position,"
                         " n.ordinal from ruling_numbers n join cases c on c.id = n.case_id"
                         " where c.case_number = :c order by n.ordinal, n.event_date",
         soci::use(case_number));
    std::string out;
    for (const auto& r : rows)
      out += r.get<std::string>(0) + " " + r.get<std::string>(1) + "#" +
             std::to_string(r.get<int>(2)) + "=" + std::to_string(r.get<int>(3)) + "\n";
    return out;
  }
  long long scalar(const std::string& query) {
    auto sql = ScratchDatabase::runtime();
    long long v = 0;
    *sql << query, soci::into(v);
    return v;
  }
  fs::path dir_;
};

const std::string kCase1 = "（2024）冀0633执1号";

TEST_F(DocumentClauses, TwoFreezeRulingsGetTwoNumbersStableAcrossRerunAndReissue) {
  import_lines(case_with_two_freezes(kCase1) + "\n");
  const std::string out = " --out " + (dir_ / "docs").string();
  Output r = zhixing("docs --kind ruling-freeze --case " + kCase1 + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::string first = text_of(kCase1, "ruling-freeze", "2024-03-20");
  std::string second = text_of(kCase1, "ruling-freeze", "2024-04-15");
  // The first ruling carries the case number alone, the second 之一 (法〔2016〕37号).
  EXPECT_NE(first.find("执行裁定书（2024）冀0633执1号申请执行人"), std::string::npos) << first;
  EXPECT_EQ(first.find("之一"), std::string::npos) << first;
  EXPECT_NE(second.find("执行裁定书（2024）冀0633执1号之一申请执行人"), std::string::npos) << second;
  const std::string stored = numbers(kCase1);
  EXPECT_EQ(stored,
            "ruling-freeze 2024-03-20#1=0\n"
            "ruling-freeze 2024-04-15#1=1\n");

  // A rerun reuses both; a reissue prints the same numbers in version 2.
  Output again = zhixing("docs --kind ruling-freeze --case " + kCase1 + out);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(text_of(kCase1, "ruling-freeze", "2024-04-15"), second);
  Output reissue = zhixing("docs --kind ruling-freeze --reissue --case " + kCase1 + out);
  ASSERT_EQ(reissue.exit_code, 0) << reissue.out;
  EXPECT_EQ(scalar("select max(version) from documents"), 2);
  EXPECT_NE(text_of(kCase1, "ruling-freeze", "2024-04-15").find("（2024）冀0633执1号之一"),
            std::string::npos);
  EXPECT_EQ(text_of(kCase1, "ruling-freeze", "2024-03-20").find("之一"), std::string::npos);
  EXPECT_EQ(numbers(kCase1), stored);

  // The 终本 ruling comes third: 之二.
  Output zb = zhixing("docs --kind ruling-zhongben --case " + kCase1 + out);
  ASSERT_EQ(zb.exit_code, 0) << zb.out;
  EXPECT_NE(text_of(kCase1, "ruling-zhongben", "2024-07-15").find("（2024）冀0633执1号之二"),
            std::string::npos);
}

TEST_F(DocumentClauses, AssistNoticeCarriesTheWholeAccountAndItsRulingsNumber) {
  import_lines(case_with_two_freezes(kCase1) + "\n");
  // The assistance notices first: planning them numbers their rulings.
  Output r =
      zhixing("docs --kind assist-notice --case " + kCase1 + " --out " + (dir_ / "docs").string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string text = text_of(kCase1, "assist-notice", "2024-04-15");
  EXPECT_NE(text.find(std::string("中国农业银行易县支行账户") + kAccount2), std::string::npos)
      << text;
  EXPECT_NE(text.find("作出（2024）冀0633执1号之一执行裁定书"), std::string::npos) << text;
  EXPECT_NE(text.find("附：（2024）冀0633执1号之一执行裁定书"), std::string::npos) << text;
  EXPECT_NE(text.find("冻结期限六个月，自2024年4月15日起至2024年10月14日止"), std::string::npos)
      << text;
  EXPECT_NE(text.find("回执"), std::string::npos) << text;
  EXPECT_NE(text.find("协助执行单位（盖章）"), std::string::npos) << text;
  const std::string first = text_of(kCase1, "assist-notice", "2024-03-20");
  EXPECT_NE(first.find(kAccount1), std::string::npos) << first;
  EXPECT_NE(first.find("作出（2024）冀0633执1号执行裁定书"), std::string::npos) << first;
  // The rulings rendered later print the numbers the notices cite.
  ASSERT_EQ(
      zhixing("docs --kind ruling-freeze --case " + kCase1 + " --out " + (dir_ / "docs").string())
          .exit_code,
      0);
  EXPECT_NE(text_of(kCase1, "ruling-freeze", "2024-04-15").find("（2024）冀0633执1号之一"),
            std::string::npos);
}

TEST_F(DocumentClauses, TheNightlyAndTheClerkGiveTheSameNumbersAndARerunKeepsThem) {
  std::ofstream(dir_ / "inbox" / "cases-2024-12-31.jsonl") << case_with_two_freezes(kCase1) << "\n";
  Output night = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(night.exit_code, 0) << night.out;
  const std::string stored = numbers(kCase1);
  EXPECT_EQ(stored,
            "ruling-freeze 2024-03-20#1=0\n"
            "ruling-freeze 2024-04-15#1=1\n"
            "ruling-zhongben 2024-07-15#1=2\n");
  EXPECT_NE(text_of(kCase1, "ruling-freeze", "2024-04-15").find("（2024）冀0633执1号之一"),
            std::string::npos);
  EXPECT_NE(
      text_of(kCase1, "assist-notice", "2024-04-15").find("（2024）冀0633执1号之一执行裁定书"),
      std::string::npos);
  const std::string zhongben = text_of(kCase1, "ruling-zhongben", "2024-07-15");
  EXPECT_NE(zhongben.find("（2024）冀0633执1号之二"), std::string::npos) << zhongben;
  // The clerk's reissue of the same ruling, and a rerun of the night, keep every number.
  Output clerk = zhixing("docs --kind ruling-freeze --reissue --case " + kCase1 + " --out " +
                         (dir_ / "docs").string());
  ASSERT_EQ(clerk.exit_code, 0) << clerk.out;
  EXPECT_NE(text_of(kCase1, "ruling-freeze", "2024-04-15").find("（2024）冀0633执1号之一"),
            std::string::npos);
  Output rerun = zhixing("nightly --date 2024-12-31 --rerun");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_EQ(numbers(kCase1), stored);
}

TEST_F(DocumentClauses, TwoBatchesAtOnceNumberEachRulingOnce) {
  std::string lines;
  for (int i = 1; i <= 6; ++i)
    lines += case_with_two_freezes("（2024）冀0633执" + std::to_string(i) + "号") + "\n";
  import_lines(lines);
  Output a, b;
  const std::string out = " --filter court=冀0633 --out " + (dir_ / "docs").string();
  std::thread ta([&] { a = zhixing("docs --kind assist-notice" + out, "ZHIXING_JOBS_THREADS=1"); });
  std::thread tb([&] { b = zhixing("docs --kind ruling-freeze" + out, "ZHIXING_JOBS_THREADS=1"); });
  ta.join();
  tb.join();
  EXPECT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(b.exit_code, 0) << b.out;
  EXPECT_EQ(scalar("select count(*) from ruling_numbers"), 12);
  for (int i = 1; i <= 6; ++i) {
    const std::string number = "（2024）冀0633执" + std::to_string(i) + "号";
    EXPECT_EQ(numbers(number),
              "ruling-freeze 2024-03-20#1=0\n"
              "ruling-freeze 2024-04-15#1=1\n")
        << number;
    EXPECT_NE(text_of(number, "assist-notice", "2024-04-15").find(number + "之一执行裁定书"),
              std::string::npos);
    EXPECT_NE(text_of(number, "ruling-freeze", "2024-04-15").find(number + "之一"),
              std::string::npos);
  }
}

TEST_F(DocumentClauses, ZhongbenWithoutAPropertyReportOrderIsRefusedOnTheClerksPath) {
  import_lines(case_with_two_freezes(kCase1, /*with_report=*/false) + "\n");
  Output r = zhixing("docs --kind ruling-zhongben --case " + kCase1 + " --out " +
                     (dir_ / "docs").string());
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("precondition_failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("property_report_order"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("consumption_ban"), std::string::npos) << r.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 0);
}

TEST_F(DocumentClauses, ZhongbenRefusalsAreSkippedByTheNightlyWithoutCountingTowardTheLimit) {
  std::ofstream(dir_ / "inbox" / "cases-2024-12-31.jsonl")
      << case_with_two_freezes(kCase1, /*with_report=*/false) << "\n"
      << case_with_two_freezes("（2024）冀0633执2号") << "\n";
  // No failing item is allowed, yet the run completes: a refusal is not a failure.
  Output r = zhixing("nightly --date 2024-12-31", "ZHIXING_JOBS_SKIP_LIMIT=0");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'completed'"), 1) << r.out;
  EXPECT_EQ(scalar("select count(*) from item_failures where error_code = 'precondition_failed'"
                   " and document_kind = 'ruling-zhongben'"),
            1);
  EXPECT_EQ(scalar("select count(*) from documents d join cases c on c.id = d.case_id"
                   " where d.kind = 'ruling-zhongben' and c.case_number = '（2024）冀0633执1号'"),
            0);
  EXPECT_EQ(scalar("select count(*) from documents d join cases c on c.id = d.case_id"
                   " where d.kind = 'ruling-zhongben' and c.case_number = '（2024）冀0633执2号'"),
            1);
  Output show =
      zhixing("runs show " + std::to_string(scalar("select max(id) from job_executions")));
  EXPECT_NE(show.out.find("precondition_failed"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("property_report_order"), std::string::npos) << show.out;
}

TEST_F(DocumentClauses, EveryKindCarriesItsNewClauses) {
  import_lines(case_with_two_freezes(kCase1) + "\n");
  for (const char* kind : {"ruling-zhongben", "consumption-ban", "property-report-order"}) {
    Output r = zhixing(std::string("docs --kind ") + kind + " --case " + kCase1 + " --out " +
                       (dir_ / "docs").string());
    ASSERT_EQ(r.exit_code, 0) << kind << "\n" << r.out;
  }
  const std::string zb = text_of(kCase1, "ruling-zhongben", "2024-07-15");
  for (const char* want :
       {"本院认为，本院已向被执行人发出执行通知、责令被执行人报告财产",
        "截至2024年7月15日，本案已执行到位0元，尚有36000元未执行到位。", "可以向本院申请恢复执行",
        "不受申请执行时效期间的限制", "的解释》第五百一十七条规定",
        "终结本次执行程序的规定（试行）》第一条规定",
        "可以依照《中华人民共和国民事诉讼法》第二百三十六条规定，向本院提出书面异议。"})
    EXPECT_NE(zb.find(want), std::string::npos) << want << "\n" << zb;
  EXPECT_EQ(zb.find("听取了申请执行人的意见"), std::string::npos) << zb;

  const std::string ban = text_of(kCase1, "consumption-ban", "2024-03-20");
  for (const char* want :
       {"因生活或者经营必需而进行本令禁止的消费活动的，应当向本院提出申请，获批准后方可进行。",
        "若干规定》第十一条及《中华人民共和国民事诉讼法》第一百一十四条规定",
        "构成犯罪的，依法追究刑事责任。", "此令。", "院长"})
    EXPECT_NE(ban.find(want), std::string::npos) << want << "\n" << ban;

  const std::string order = text_of(kCase1, "property-report-order", "2024-03-06");
  for (const char* want :
       {"拒绝报告或者虚假报告的", "《中华人民共和国民事诉讼法》第二百五十二条规定",
        "或者你的法定代理人予以罚款、拘留", "纳入失信被执行人名单",
        "《中华人民共和国刑法》第三百一十三条"})
    EXPECT_NE(order.find(want), std::string::npos) << want << "\n" << order;
}

}  // namespace
}  // namespace zhixing
