// `zhixing nightly`, `worker`, `runs`, `batch` as an operator runs them: recorded steps, the
// JSON summary, launch rules across processes, kill-and-rerun equivalence, shared queues, the
// skip limit and a clerk batch during a nightly run.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/sha256.h"
#include "importer/importer.h"
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

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliNightly : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    dir_ = fs::temp_directory_path() / ("zhixing-nightly-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "inbox");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // env: extra "KEY=value " assignments.
  Output zhixing(const std::string& args, const std::string& env = "") {
    return sh("ZHIXING_DB_NAME=" + ScratchDatabase::target().name + " ZHIXING_PATHS_INBOX=" +
              (dir_ / "inbox").string() + " ZHIXING_PATHS_OUTPUT=" + (dir_ / "out").string() + " " +
              env + " " + ZHIXING_BINARY + " " + args);
  }

  // n cases: a notice and a freeze by 2024-03-20 (three documents each), and a seal dated after
  // the business date (not due). Every third case is not a livelihood case. `bad` cases carry a
  // character no face can draw.
  void write_inbox(int n, int bad = 0) {
    std::string lines;
    for (int i = 1; i <= n; ++i) {
      LineOptions o;
      o.case_number = "（2024）冀0633执" + std::to_string(i) + "号";
      if (i <= bad) o.applicant_name = "\uE000祥";  // private use: in no configured face
      o.measures =
          R"([{"kind":"notice","on":"2024-03-06","against":"r1"},)"
          R"({"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"某银行","period":"1y"},)"
          R"({"kind":"seal","on":"2025-02-01","against":"r1","target":"房产一处","period":"3y"}])";
      lines += case_line(o) + "\n";
    }
    std::ofstream(dir_ / "inbox" / "cases-2024-12-31.jsonl") << lines;
  }

  // (case, kind, date, position, version, sha256) of every document, with each file checked.
  std::string documents() {
    auto sql = ScratchDatabase::runtime();
    soci::rowset<soci::row> rows =
        (sql->prepare
         << "select c.case_number, d.kind, to_char(d.event_date, 'YYYY-MM-DD'),"
            " d.event_position, d.version, d.sha256, d.output_dir, d.path from documents d"
            " join cases c on c.id = d.case_id order by 1, 2, 3, 4, 5");
    std::string out;
    for (const auto& r : rows) {
      std::string sha = r.get<std::string>(5);
      fs::path file = fs::path(r.get<std::string>(6)) / r.get<std::string>(7);
      EXPECT_EQ(sha256_hex(slurp(file)), sha) << file;
      out += r.get<std::string>(0) + " " + r.get<std::string>(1) + " " + r.get<std::string>(2) +
             "#" + std::to_string(r.get<int>(3)) + " v" + std::to_string(r.get<int>(4)) + " " +
             sha + "\n";
    }
    return out;
  }
  long long scalar(const std::string& query) {
    auto sql = ScratchDatabase::runtime();
    long long v = 0;
    *sql << query, soci::into(v);
    return v;
  }
  void reset() {
    ScratchDatabase::truncate_all();
    fs::remove_all(dir_ / "out");
  }

  fs::path dir_;
};

TEST_F(CliNightly, RecordsEveryStepWritesTheJsonSummaryAndRefusesASecondRun) {
  write_inbox(4);
  Output r = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 12)
      << "notice, freeze ruling, assist notice × 4";
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'ruling-seal'"), 0)
      << "dated after the business date";
  long long run = scalar("select max(id) from job_executions");
  std::string json = slurp(dir_ / "out" / "runs" / (std::to_string(run) + ".json"));
  EXPECT_NE(json.find("\"run_id\": " + std::to_string(run)), std::string::npos) << json;
  EXPECT_NE(json.find("\"job\": \"nightly\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"business_date\": \"2024-12-31\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"status\": \"completed\""), std::string::npos) << json;
  for (const char* step : {"import", "relief-assess", "plan-documents", "render-documents",
                           "post-grants", "render-vouchers", "apply-confirmations", "post-payments",
                           "verify-ledger", "write-summary"})
    EXPECT_NE(json.find(std::string("{\"name\": \"") + step + "\""), std::string::npos)
        << step << "\n"
        << json;
  EXPECT_NE(json.find("{\"name\": \"render-documents\", \"status\": \"completed\", \"read\": 12, "
                      "\"written\": 12,"
                      " \"skipped\": 0, \"failed\": 0,"),
            std::string::npos)
      << json;
  EXPECT_TRUE(fs::exists(dir_ / "out" / "runs" / "nightly-2024-12-31.txt"));

  Output again = zhixing("nightly --date 2024-12-31");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("已完成"), std::string::npos) << again.out;
  EXPECT_EQ(scalar("select count(*) from job_executions"), 1) << "already complete: nothing done";

  Output rerun = zhixing("nightly --date 2024-12-31 --rerun");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_EQ(scalar("select count(*) from job_executions"), 2);
  EXPECT_EQ(scalar("select count(*) from documents"), 12) << "nothing issued twice";

  Output list = zhixing("runs");
  EXPECT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("business_date=2024-12-31"), std::string::npos) << list.out;
  Output show = zhixing("runs show " + std::to_string(run));
  EXPECT_EQ(show.exit_code, 0) << show.out;
  EXPECT_NE(show.out.find("render-documents\tcompleted\t12\t12\t0\t0"), std::string::npos)
      << show.out;
}

// A panel amount above the 36-month cap without exception_approved is never paid: the night
// skips that grant (exit 3, over_cap named in the summary), posts the grant within the cap, and a
// rerun does not pay it either.
TEST_F(CliNightly, AGrantAboveTheCapWithoutApprovalIsSkippedAndTheOthersArePosted) {
  auto relief = [](const std::string& amount, bool approved) {
    return std::string(
               R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,)"
               R"("household_monthly_income":"300","has_dibao":true,"medical_expenses":"0",)"
               R"("prior_compensation":"0","flags":[],"panel":{"decided_on":"2024-09-02",)"
               R"("granted":true,"amount":")") +
           amount + R"(","members":["赵志远","王立新","李红"],"exception_approved":)" +
           (approved ? "true" : "false") + "}}";
  };
  std::string lines;
  // 2024 cap: 36 × 7901.50 = 284454 元 (config/relief-policy.properties).
  const std::array<std::pair<const char*, std::string>, 3> cases = {{
      {"（2024）冀0633执1号", relief("300000", false)},  // over the cap, not approved
      {"（2024）冀0633执2号", relief("30000", false)},   // within the cap
      {"（2024）冀0633执3号", relief("300000", true)},   // over the cap, approved
  }};
  for (const auto& [number, json] : cases) {
    LineOptions o;
    o.case_number = number;
    o.claim = "500000";
    o.relief = json;
    lines += case_line(o) + "\n";
  }
  std::ofstream(dir_ / "inbox" / "cases-2024-12-31.jsonl") << lines;
  ASSERT_EQ(zhixing("users add cw --role finance").exit_code, 0);
  Output fund =
      zhixing("ledger post --user cw --amount 1000000 --key 易财行〔2024〕9号 --year 2024");
  ASSERT_EQ(fund.exit_code, 0) << fund.out;

  Output r = zhixing("nightly --date 2024-12-31");
  EXPECT_EQ(r.exit_code, 3) << "completed with a skipped item\n" << r.out;
  EXPECT_NE(r.out.find("（2024）冀0633司救执"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("over_cap"), std::string::npos) << r.out;
  EXPECT_EQ(scalar("select count(*) from relief_decisions where granted"), 3);
  EXPECT_EQ(scalar("select count(*) from ledger_transactions where kind = 'grant'"), 2)
      << "the unapproved amount above the cap is not posted";
  EXPECT_EQ(
      scalar("select coalesce(sum(amount_fen), 0) from ledger_transactions where kind = 'grant'"),
      33000000)
      << "¥300,000.00 approved + ¥30,000.00 within the cap";
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'relief-voucher'"), 2);

  // A clerk reprints a posted grant's voucher: the same document (row reused), and none for the
  // case whose grant was refused.
  const fs::path reprint = dir_ / "reprint";
  Output voucher =
      zhixing("docs --kind relief-voucher --case （2024）冀0633执2号 --out " + reprint.string());
  EXPECT_EQ(voucher.exit_code, 0) << voucher.out;
  EXPECT_NE(voucher.out.find("沿用 1 份"), std::string::npos) << voucher.out;
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'relief-voucher'"), 2);
  Output refused =
      zhixing("docs --kind relief-voucher --case （2024）冀0633执1号 --out " + reprint.string());
  EXPECT_EQ(refused.exit_code, 3) << refused.out;
  EXPECT_NE(refused.out.find("not_applicable"), std::string::npos) << refused.out;

  Output again = zhixing("nightly --date 2024-12-31 --rerun");
  EXPECT_EQ(again.exit_code, 3) << again.out;
  EXPECT_EQ(scalar("select count(*) from ledger_transactions where kind = 'grant'"), 2)
      << "a rerun pays nothing twice and still not the refused grant";
}

// A granted decision the ledger refuses (here insufficient_funds) used to fail
// post-grants and with it every later night. Now it is a recorded, skipped item: the night
// completes with exit 3, verifies the ledger, lists the refusal in its summary (and
// `runs show`), and so does the next night, until the fund can pay it.
TEST_F(CliNightly, AGrantTheLedgerRefusesIsARecordedSkippedItemNotAFailedNight) {
  ScratchDatabase::truncate_ledger();
  LineOptions o;
  o.case_number = "（2024）冀0633执1号";
  o.claim = "500000";
  o.relief = R"({"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,)"
             R"("household_monthly_income":"300","has_dibao":true,"medical_expenses":"0",)"
             R"("prior_compensation":"0","flags":[],"panel":{"decided_on":"2024-09-02",)"
             R"("granted":true,"amount":"30000","members":["赵志远","王立新","李红"]}})";
  std::ofstream(dir_ / "inbox" / "cases-2024-12-31.jsonl") << case_line(o) << "\n";
  ASSERT_EQ(zhixing("users add cw --role finance").exit_code, 0);
  ASSERT_EQ(zhixing("ledger post --user cw --amount 10000 --key 易财行〔2024〕77号 --year 2024")
                .exit_code,
            0);

  Output r = zhixing("nightly --date 2024-12-31");
  EXPECT_EQ(r.exit_code, 3) << "completed with a skipped item, not failed\n" << r.out;
  EXPECT_NE(r.out.find("insufficient_funds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# head: 2 "), std::string::npos) << "the summary's chain head\n" << r.out;
  EXPECT_EQ(scalar("select count(*) from ledger_transactions where kind = 'grant'"), 0);
  const long long run = scalar("select max(id) from job_executions");
  const fs::path json_path = dir_ / "out" / "runs" / (std::to_string(run) + ".json");
  const std::string json = slurp(json_path);
  EXPECT_NE(json.find("\"status\": \"completed\""), std::string::npos) << json;
  EXPECT_NE(json.find("{\"name\": \"post-grants\", \"status\": \"completed\", \"read\": 1, "
                      "\"written\": 0, \"skipped\": 1, \"failed\": 0,"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("{\"name\": \"verify-ledger\", \"status\": \"completed\""), std::string::npos)
      << json;
  EXPECT_NE(
      json.find("\"refused_grants\": [\n    {\"decision_number\": \"（2024）冀0633司救执1号\", "
                "\"code\": \"insufficient_funds\""),
      std::string::npos)
      << json;
  EXPECT_NE(json.find("\"ledger_head\": {\"seq\": 2, \"hash\": \""), std::string::npos) << json;
  Output anchored = zhixing("ledger verify --anchor " + json_path.string());
  EXPECT_EQ(anchored.exit_code, 0) << anchored.out;
  Output show = zhixing("runs show " + std::to_string(run));
  EXPECT_NE(show.out.find("insufficient_funds"), std::string::npos) << show.out;

  Output next = zhixing("nightly --date 2025-01-01");
  EXPECT_EQ(next.exit_code, 3) << "every later night skips it again\n" << next.out;
  EXPECT_NE(next.out.find("insufficient_funds"), std::string::npos) << next.out;

  ASSERT_EQ(zhixing("ledger post --user cw --amount 100000 --key 易财行〔2024〕78号 --year 2024")
                .exit_code,
            0);
  Output paid = zhixing("nightly --date 2025-01-02");
  EXPECT_EQ(paid.exit_code, 0) << paid.out;
  EXPECT_EQ(scalar("select count(*) from ledger_transactions where kind = 'grant'"), 1);
}

// Killed after k items (and once right after planning), then run again: the same documents,
// byte for byte, as one uninterrupted run.
TEST_F(CliNightly, AKilledRunRerunEqualsACleanRun) {
  write_inbox(6);
  Output clean = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(clean.exit_code, 0) << clean.out;
  const std::string expected = documents();
  ASSERT_EQ(std::count(expected.begin(), expected.end(), '\n'), 18);

  const std::string fast_stale = "ZHIXING_JOBS_STALE_AFTER_SECONDS=6";
  for (const std::string& abort : {std::string("ZHIXING_JOBS_ABORT_AFTER_ITEMS=1"),
                                   std::string("ZHIXING_JOBS_ABORT_AFTER_ITEMS=7"),
                                   std::string("ZHIXING_JOBS_ABORT_AFTER_ITEMS=17"),
                                   std::string("ZHIXING_JOBS_ABORT_AFTER_STEP=plan-documents")}) {
    reset();
    Output killed = zhixing("nightly --date 2024-12-31", fast_stale + " " + abort);
    ASSERT_EQ(killed.exit_code, 97) << abort << "\n" << killed.out;
    // The heartbeat is fresh, but the process is gone and this is the same machine: the next
    // launch takes over at once (it used to be refused for stale_after).
    Output rerun = zhixing("nightly --date 2024-12-31", fast_stale);
    ASSERT_EQ(rerun.exit_code, 0) << abort << "\n" << rerun.out;
    EXPECT_NE(rerun.out.find("的进程已不存在，立即接管并续做"), std::string::npos) << rerun.out;
    EXPECT_EQ(documents(), expected) << abort;
    EXPECT_EQ(scalar("select count(*) from job_executions where status = 'abandoned'"), 1) << abort;
    EXPECT_EQ(scalar("select count(*) from work_items where status <> 'done'"), 0) << abort;
  }
}

// `kill -9` of a nightly run, then a launch at once on the same machine: it
// takes over (it was refused with 已在运行 … 进程 N, exit 5, until the heartbeat went stale).
TEST_F(CliNightly, AKilledNightlyIsTakenOverAtOnceOnTheSameMachine) {
  write_inbox(8);
  const std::string env = "ZHIXING_DB_NAME=" + ScratchDatabase::target().name +
                          " ZHIXING_PATHS_INBOX=" + (dir_ / "inbox").string() +
                          " ZHIXING_PATHS_OUTPUT=" + (dir_ / "out").string() +
                          " ZHIXING_JOBS_ITEM_DELAY_MS=300 ZHIXING_JOBS_THREADS=1 ";
  Output killed = sh("sh -c '" + env + ZHIXING_BINARY +
                     " nightly --date 2024-12-31 & pid=$!; for i in $(seq 1 300); do"
                     " [ -n \"$(find " +
                     (dir_ / "out").string() +
                     " -name \"*.pdf\" 2>/dev/null | head -1)\" ]"
                     " && break; sleep 0.1; done; kill -KILL $pid; wait $pid; echo rc=$?'");
  EXPECT_NE(killed.out.find("rc=137"), std::string::npos) << killed.out;
  ASSERT_EQ(scalar("select count(*) from job_executions where status = 'running'"), 1)
      << "killed while running: its execution still says running, its heartbeat is fresh";
  EXPECT_LT(scalar("select extract(epoch from now() - heartbeat_at)::bigint from job_executions"),
            120);
  long long done = scalar("select count(*) from documents");
  EXPECT_LT(done, 24);
  Output rerun = zhixing("nightly --date 2024-12-31");  // jobs.stale_after_seconds = 120
  ASSERT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_NE(rerun.out.find("的进程已不存在，立即接管并续做"), std::string::npos) << rerun.out;
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'abandoned'"), 1);
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'completed'"), 1);
  EXPECT_EQ(scalar("select count(*) from documents"), 24);
  EXPECT_EQ(scalar("select count(*) from work_items where status <> 'done'"), 0);
}

TEST_F(CliNightly, OfTwoSimultaneousLaunchesExactlyOneRuns) {
  write_inbox(3);
  const std::string slow = "ZHIXING_JOBS_ITEM_DELAY_MS=300 ZHIXING_JOBS_THREADS=1";
  Output a, b;
  std::thread ta([&] { a = zhixing("nightly --date 2024-12-31", slow); });
  std::thread tb([&] { b = zhixing("nightly --date 2024-12-31", slow); });
  ta.join();
  tb.join();
  std::multiset<int> codes = {a.exit_code, b.exit_code};
  EXPECT_EQ(codes, (std::multiset<int>{0, 5})) << a.out << "\n----\n" << b.out;
  EXPECT_EQ(scalar("select count(*) from job_executions"), 1);
  EXPECT_EQ(scalar("select count(*) from documents"), 9);
}

TEST_F(CliNightly, TwoWorkersShareOneRunAndNoItemIsDoneTwice) {
  write_inbox(12);
  const std::string slow = "ZHIXING_JOBS_ITEM_DELAY_MS=250 ZHIXING_JOBS_THREADS=1";
  Output launcher, worker;
  std::thread tl([&] { launcher = zhixing("nightly --date 2024-12-31", slow); });
  std::thread tw([&] { worker = zhixing("worker --wait 60", slow); });
  tl.join();
  tw.join();
  ASSERT_EQ(launcher.exit_code, 0) << launcher.out;
  ASSERT_EQ(worker.exit_code, 0) << worker.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 36);
  EXPECT_EQ(scalar("select count(*) from work_items where status = 'done'"), 36);
  EXPECT_EQ(scalar("select max(attempts) from work_items"), 1) << "no item claimed twice";
  EXPECT_EQ(scalar("select count(distinct w.role) from work_items i join job_workers w on w.id = "
                   "i.claimed_by"),
            2)
      << "both the launcher and the worker rendered\n"
      << worker.out;
  EXPECT_NE(launcher.out.find("render-documents：读 36，写 36"), std::string::npos) << launcher.out;
}

// A remote worker's delivery (README "Remote workers"): its documents reach the nightly's
// output folder through document_deliveries; its own folder gets none.
TEST_F(CliNightly, AWorkerDeliveringThroughTheDatabaseWritesNothingAndTheLauncherWritesAll) {
  write_inbox(12);
  const std::string slow = "ZHIXING_JOBS_ITEM_DELAY_MS=250 ZHIXING_JOBS_THREADS=1";
  const fs::path worker_out = dir_ / "worker-out";
  Output launcher, worker;
  std::thread tl([&] { launcher = zhixing("nightly --date 2024-12-31", slow); });
  std::thread tw([&] {
    worker = zhixing("worker --wait 60", slow + " ZHIXING_WORKER_DELIVER=database" +
                                             " ZHIXING_PATHS_OUTPUT=" + worker_out.string());
  });
  tl.join();
  tw.join();
  ASSERT_EQ(launcher.exit_code, 0) << launcher.out;
  ASSERT_EQ(worker.exit_code, 0) << worker.out;
  EXPECT_GT(scalar("select count(*) from work_items i join job_workers w on w.id = i.claimed_by"
                   " where w.role = 'worker' and i.outcome = 'written'"),
            0)
      << "the worker rendered\n"
      << worker.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 36);
  EXPECT_EQ(scalar("select count(*) from document_deliveries"), 0) << "all written out";
  const std::string folder = fs::weakly_canonical(dir_ / "out" / "documents").string();
  auto sql = ScratchDatabase::runtime();
  long long elsewhere = 0;
  *sql << "select count(*) from documents where output_dir <> :o", soci::use(folder),
      soci::into(elsewhere);
  EXPECT_EQ(elsewhere, 0) << "every document is in the nightly's folder";
  documents();  // each file's SHA-256 is its row's
  long long pdfs = 0;
  if (fs::exists(worker_out))
    for (const auto& e : fs::recursive_directory_iterator(worker_out))
      pdfs += e.path().extension() == ".pdf";
  EXPECT_EQ(pdfs, 0) << "the worker wrote no file";
  EXPECT_NE(worker.out.find("处理 "), std::string::npos) << worker.out;
}

TEST_F(CliNightly, FailingItemsAreSkippedUpToTheLimitThenFailTheRun) {
  write_inbox(4, /*bad=*/1);
  Output over = zhixing("nightly --date 2024-12-31", "ZHIXING_JOBS_SKIP_LIMIT=0");
  EXPECT_EQ(over.exit_code, 1) << over.out;
  long long run = scalar("select max(id) from job_executions");
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'failed'"), 1);
  Output show = zhixing("runs show " + std::to_string(run));
  EXPECT_NE(show.out.find("missing_glyph"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("（2024）冀0633执1号"), std::string::npos) << show.out;

  Output within = zhixing("nightly --date 2024-12-31");
  EXPECT_EQ(within.exit_code, 3) << within.out;
  long long failed = scalar("select count(*) from work_items where status = 'failed'");
  EXPECT_GE(failed, 1);
  EXPECT_EQ(scalar("select count(*) from documents"), 12 - failed) << "every good item, once";
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'completed'"), 1);
  std::string json = slurp(dir_ / "out" / "runs" / (std::to_string(run + 1) + ".json"));
  EXPECT_NE(json.find("\"skipped\": " + std::to_string(failed)), std::string::npos) << json;
}

TEST_F(CliNightly, AClerkBatchDuringANightlyRunIssuesNoDocumentTwice) {
  write_inbox(8);
  const std::string slow = "ZHIXING_JOBS_ITEM_DELAY_MS=150 ZHIXING_JOBS_THREADS=1";
  // The cases must exist for the clerk's filter: import first, then race the two jobs.
  ASSERT_EQ(zhixing("import " + (dir_ / "inbox" / "cases-2024-12-31.jsonl").string()).exit_code, 0);
  Output nightly, batch;
  std::thread tn([&] { nightly = zhixing("nightly --date 2024-12-31", slow); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::thread tb([&] {
    batch = zhixing("batch --kind notice --filter court=冀0633 --request clerk-1 --out " +
                        (dir_ / "out" / "documents").string(),
                    slow);
  });
  tn.join();
  tb.join();
  ASSERT_EQ(nightly.exit_code, 0) << nightly.out;
  ASSERT_EQ(batch.exit_code, 0) << batch.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 24);
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'notice'"), 8);
  EXPECT_EQ(scalar("select max(version) from documents"), 1);
  EXPECT_EQ(scalar("select count(*) from job_instances"), 2);
  documents();  // every file matches its row
  Output again = zhixing("batch --kind notice --filter court=冀0633 --request clerk-1");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("已完成"), std::string::npos) << again.out;
}

TEST_F(CliNightly, SigtermStopsAfterTheItemsInHandAndTheRunContinuesLater) {
  write_inbox(8);
  const std::string env = "ZHIXING_DB_NAME=" + ScratchDatabase::target().name +
                          " ZHIXING_PATHS_INBOX=" + (dir_ / "inbox").string() +
                          " ZHIXING_PATHS_OUTPUT=" + (dir_ / "out").string() +
                          " ZHIXING_JOBS_ITEM_DELAY_MS=300 ZHIXING_JOBS_THREADS=1 ";
  Output stopped =
      sh("sh -c '" + env + ZHIXING_BINARY +
         " nightly --date 2024-12-31 & pid=$!; sleep 3; kill -TERM $pid; wait $pid; echo rc=$?'");
  EXPECT_NE(stopped.out.find("rc=130"), std::string::npos) << stopped.out;
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'stopped'"), 1)
      << stopped.out;
  long long done = scalar("select count(*) from documents");
  EXPECT_GT(done, 0);
  EXPECT_LT(done, 24);
  EXPECT_EQ(scalar("select count(*) from work_items where status = 'claimed'"), 0)
      << "nothing left half done";
  Output rerun = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(rerun.exit_code, 0) << rerun.out;
  EXPECT_NE(rerun.out.find("render-documents：读 " + std::to_string(24 - done)), std::string::npos)
      << rerun.out;
  EXPECT_EQ(scalar("select count(*) from documents"), 24);
}

TEST_F(CliNightly, ScheduleOnceCatchesUpEveryBusinessDateWithoutACompletedRun) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_mday -= 2;
  std::mktime(&tm);
  char first[16];
  std::strftime(first, sizeof first, "%Y-%m-%d", &tm);
  const std::string env = std::string("ZHIXING_JOBS_FIRST_BUSINESS_DATE=") + first +
                          " ZHIXING_JOBS_SCHEDULE_TIME=00:00";
  Output r = zhixing("schedule --once", env);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(scalar("select count(*) from job_executions where status = 'completed'"), 3) << r.out;
  EXPECT_EQ(scalar("select count(distinct instance_id) from job_executions"), 3);
  Output again = zhixing("schedule --once", env);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(scalar("select count(*) from job_executions"), 3) << "nothing left to catch up\n"
                                                              << again.out;
}

// The second night reads only what changed: the new case and the case whose seal came due; a
// clean night with nothing new reads none; `--replan` reads every case and queues the same.
TEST_F(CliNightly, ANightPlansFromTheCasesThatChangedAndReplanReadsEveryCase) {
  Output help = zhixing("nightly --help");
  EXPECT_NE(help.out.find("--replan"), std::string::npos) << help.out;
  write_inbox(4);
  Output first = zhixing("nightly --date 2024-12-31");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("全量规划（没有已完成的规划可依）"), std::string::npos) << first.out;
  auto plan_read = [&] {
    return scalar(
        "select read_count from step_executions where step_name = 'plan-documents'"
        " order by id desc limit 1");
  };
  EXPECT_EQ(plan_read(), 4);

  LineOptions o;
  o.case_number = "（2024）冀0633执99号";
  std::ofstream(dir_ / "inbox" / "cases-2025-02-01.jsonl") << case_line(o) << "\n";
  Output second = zhixing("nightly --date 2025-02-01");
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("增量规划"), std::string::npos) << second.out;
  EXPECT_EQ(plan_read(), 5) << "the new case, and the four whose seal is dated 2025-02-01";
  EXPECT_EQ(scalar("select count(*) from documents where kind = 'ruling-seal'"), 4);
  EXPECT_EQ(scalar("select count(*) from documents"), 12 + 1 + 4 * 2);

  Output quiet = zhixing("nightly --date 2025-02-02");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_EQ(plan_read(), 0) << "nothing changed, nothing came due";

  Output full = zhixing("nightly --date 2025-02-03 --replan");
  ASSERT_EQ(full.exit_code, 0) << full.out;
  EXPECT_NE(full.out.find("全量规划（--replan）"), std::string::npos) << full.out;
  EXPECT_EQ(plan_read(), 5);
  EXPECT_EQ(scalar("select count(*) from work_items w join job_instances i on i.id ="
                   " w.instance_id where i.job_key = 'business_date=2025-02-03'"),
            0)
      << "a full re-plan finds nothing the incremental nights missed";
}

// A night killed after its plan (watermark recorded, items pending) and not continued: the next
// night, another date, plans those items again as unfinished ones and issues what a clean
// sequence issues, byte for byte; continuing the killed night afterwards issues nothing twice.
TEST_F(CliNightly, AKilledNightsPendingItemsAreIssuedByTheNextNight) {
  auto sequence = [&](bool kill) {
    reset();
    write_inbox(4);
    EXPECT_EQ(zhixing("nightly --date 2024-12-31").exit_code, 0);
    LineOptions o;
    o.case_number = "（2024）冀0633执99号";
    std::ofstream(dir_ / "inbox" / "cases-2025-01-05.jsonl") << case_line(o) << "\n";
    if (kill) {
      Output killed =
          zhixing("nightly --date 2025-01-05", "ZHIXING_JOBS_ABORT_AFTER_STEP=plan-documents");
      EXPECT_NE(killed.exit_code, 0) << killed.out;
      EXPECT_EQ(scalar("select count(*) from work_items where status = 'pending'"), 1);
    }
    Output next = zhixing("nightly --date 2025-01-06");
    EXPECT_EQ(next.exit_code, 0) << next.out;
    if (kill) {
      EXPECT_NE(next.out.find("未完成的项目 1"), std::string::npos) << next.out;
      Output resumed = zhixing("nightly --date 2025-01-05");
      EXPECT_EQ(resumed.exit_code, 0) << resumed.out;
    }
    return documents();
  };
  const std::string killed = sequence(true);
  const std::string clean = sequence(false);
  EXPECT_EQ(killed, clean);
  EXPECT_NE(clean.find("（2024）冀0633执99号 notice"), std::string::npos) << clean;
}

}  // namespace
}  // namespace zhixing
