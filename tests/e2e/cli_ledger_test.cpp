// zhixing ledger as finance uses it: post (roles, exists, refusals), grant, confirm, verify,
// report.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/hash_chain.h"
#include "ledger/verifier.h"
#include "store/pg_raw.h"
#include "support/panel_decision.h"
#include "support/scratch_db.h"
#include "support/shell.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;
namespace fs = std::filesystem;

using CliResult = testing::CommandResult;

CliResult run(const std::string& args) { return testing::run_zhixing(ZHIXING_BINARY, args); }

class CliLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    dir_ = fs::temp_directory_path() / ("zhixing-e2e-ledger-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(path(name), std::ios::binary) << content;
    return path(name);
  }
  fs::path dir_;
};

// The panel decision a `ledger grant` carries out, recorded first (with its issued document), as
// the ledger requires. Returns the flags naming the recorded applicant and document.
std::string decided(int serial, const std::string& applicant, int64_t yuan, const std::string& date,
                    bool exception_approved = false) {
  testing::PanelDecisionSpec spec;
  spec.decision_number = "（2024）冀0633司救执" + std::to_string(serial) + "号";
  spec.applicant_name = applicant;
  spec.amount_fen = yuan * 100;
  spec.decided_on = date;
  spec.exception_approved = exception_approved;
  auto sql = ScratchDatabase::runtime();
  testing::RecordedDecision d = testing::record_panel_decision(*sql, spec);
  return "--decision " + spec.decision_number + " --applicant-id " +
         std::to_string(d.applicant_party_id) + " --applicant " + applicant + " --amount " +
         std::to_string(yuan) + " --decision-sha256 " + d.document_sha256 + " --date " + date;
}

TEST_F(CliLedger, FinancePostsGrantsArePaidByTheBankFileAndTheReportVerifies) {
  ASSERT_EQ(run("users add cw --role finance").exit_code, 0);
  ASSERT_EQ(run("users add sj --role clerk").exit_code, 0);

  CliResult clerk =
      run("ledger post --user sj --amount 400000 --key 易财行〔2024〕3号 --year 2024");
  EXPECT_EQ(clerk.exit_code, 3) << clerk.out;
  EXPECT_NE(clerk.out.find("not_authorised"), std::string::npos) << clerk.out;
  EXPECT_EQ(run("ledger post --user nobody --amount 1 --key K --year 2024").exit_code, 3);

  CliResult post =
      run("ledger post --user cw --amount 400000 --key 易财行〔2024〕3号 --year 2024 --date "
          "2024-01-02");
  ASSERT_EQ(post.exit_code, 0) << post.out;
  EXPECT_EQ(post.out.rfind("created", 0), 0u) << post.out;
  CliResult again =
      run("ledger post --user cw --amount 400000 --key 易财行〔2024〕3号 --year 2024 --date "
          "2024-01-02");
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(again.out.rfind("exists", 0), 0u) << again.out;
  CliResult other =
      run("ledger post --user cw --amount 500000 --key 易财行〔2024〕3号 --year 2024 --date "
          "2024-01-02");
  EXPECT_EQ(other.exit_code, 3) << other.out;
  EXPECT_NE(other.out.find("exists_with_different_amount"), std::string::npos) << other.out;
  EXPECT_EQ(run("ledger post --user cw --amount 12.345 --key X --year 2024").exit_code, 2);

  CliResult g1 = run("ledger grant --user cw " + decided(1, "张秀兰", 50000, "2024-08-20"));
  ASSERT_EQ(g1.exit_code, 0) << g1.out;
  EXPECT_NE(g1.out.find("冀0633-2024-JZ-0001"), std::string::npos) << g1.out;
  CliResult big = run("ledger grant --user cw " + decided(2, "李桂芝", 900000, "2024-08-21", true));
  EXPECT_EQ(big.exit_code, 3) << big.out;
  EXPECT_NE(big.out.find("insufficient_funds"), std::string::npos) << big.out;

  const std::string good = write("bank.csv",
                                 "voucher_number,paid_on,amount,bank_reference\n"
                                 "冀0633-2024-JZ-0001,2024-09-02,50000.00,ABC-1\n");
  CliResult confirm = run("ledger confirm " + good + " --user cw");
  EXPECT_EQ(confirm.exit_code, 0) << confirm.out;
  EXPECT_NE(confirm.out.find("line 2: matched 冀0633-2024-JZ-0001"), std::string::npos)
      << confirm.out;
  CliResult confirm_again = run("ledger confirm " + good);
  EXPECT_EQ(confirm_again.exit_code, 0) << confirm_again.out;
  EXPECT_NE(confirm_again.out.find("line 2: already_confirmed"), std::string::npos);
  const std::string bad = write("bad.csv",
                                "voucher_number,paid_on,amount,bank_reference\n"
                                "冀0633-2024-JZ-0007,2024-09-02,100,ABC-7\n");
  CliResult unknown = run("ledger confirm " + bad);
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out;
  EXPECT_NE(unknown.out.find("line 2: unknown 冀0633-2024-JZ-0007"), std::string::npos)
      << unknown.out;
  EXPECT_EQ(run("ledger confirm " + path("missing.csv")).exit_code, 1);

  CliResult verify = run("ledger verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  CliResult csv = run("ledger report --year 2024");
  ASSERT_EQ(csv.exit_code, 0) << csv.out;
  EXPECT_NE(csv.out.find("\ntotal,2024,,,400000.00,50000.00,50000.00,0.00,0.00,350000.00\n"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find("人民币伍万元整"), std::string::npos);
  EXPECT_TRUE(csv.out.ends_with("# verify: ok\n")) << csv.out;
  const auto anchors = ledger::anchors_in_text(csv.out);
  ASSERT_EQ(anchors.size(), 1u) << csv.out;
  EXPECT_EQ(anchors[0].sequence, 6) << "appropriation, grant, payment: two entries each";
  EXPECT_NE(csv.out.find("\n# head: 6 " + anchors[0].hash + "\n# verify: ok\n"), std::string::npos);

  CliResult pdf = run("ledger report --year 2024 --format pdf --out " + path("ledger.pdf"));
  ASSERT_EQ(pdf.exit_code, 0) << pdf.out;
  std::ifstream in(path("ledger.pdf"), std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  if (std::system("command -v pdftotext > /dev/null 2>&1") == 0) {
    CliResult text = {0, ""};
    FILE* p = popen(("pdftotext -layout " + path("ledger.pdf") + " - 2>&1").c_str(), "r");
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) text.out.append(buf.data(), n);
    pclose(p);
    const std::string raw = text.out;
    // Justified lines are extracted with spaces between the characters.
    std::erase_if(text.out, [](char c) { return c == ' ' || c == '\n'; });
    EXPECT_NE(text.out.find("司法救助金台账"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("张秀兰"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("台账核验：通过"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("#head:6" + anchors[0].hash), std::string::npos) << text.out;
    EXPECT_EQ(ledger::anchors_in_text(raw), anchors) << "the PDF's text carries the anchor:\n"
                                                     << raw;
  }

  // Tampering as the owner: verify exits 4 and names the entry; the report says so.
  auto owner = ScratchDatabase::owner();
  exec_script(*owner,
              "alter table ledger_entries disable trigger ledger_entries_append_only;"
              "update ledger_entries set debit_fen = debit_fen + 1 where sequence = 3;"
              "alter table ledger_entries enable trigger ledger_entries_append_only;");
  CliResult tampered = run("ledger verify");
  EXPECT_EQ(tampered.exit_code, 4) << tampered.out;
  EXPECT_NE(tampered.out.find("mismatch at entry 3"), std::string::npos) << tampered.out;
  EXPECT_TRUE(run("ledger report --year 2024").out.ends_with("# verify: mismatch at entry 3\n"));
}

TEST_F(CliLedger, DemoAppropriationAndBankFilePayEveryVoucher) {
  CliResult demo = run("ledger demo-appropriation");
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  EXPECT_EQ(demo.out.rfind("created", 0), 0u) << demo.out;
  EXPECT_EQ(run("ledger demo-appropriation").out.rfind("exists", 0), 0u);
  for (int i = 1; i <= 2; ++i) {
    CliResult g =
        run("ledger grant --user finance " +
            decided(i, "申请人" + std::to_string(i), 61000, "2024-09-0" + std::to_string(i)));
    ASSERT_EQ(g.exit_code, 0) << g.out;
  }
  // Only the decision number: applicant, amount, date and document are the recorded decision's.
  decided(3, "申请人3", 61000, "2024-09-03");
  CliResult g3 = run("ledger grant --user finance --decision （2024）冀0633司救执3号");
  ASSERT_EQ(g3.exit_code, 0) << g3.out;
  EXPECT_NE(g3.out.find("冀0633-2024-JZ-0003"), std::string::npos) << g3.out;
  CliResult undecided = run("ledger grant --user finance --decision （2024）冀0633司救执4号");
  EXPECT_EQ(undecided.exit_code, 3) << undecided.out;
  EXPECT_NE(undecided.out.find("no_decision"), std::string::npos) << undecided.out;
  CliResult file =
      run("ledger bank-file --year 2024 --paid-on 2024-10-08 --out " + path("bank.csv"));
  ASSERT_EQ(file.exit_code, 0) << file.out;
  std::ifstream in(path("bank.csv"));
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(),
            "voucher_number,paid_on,amount,bank_reference\n"
            "冀0633-2024-JZ-0001,2024-10-08,61000.00,DEMO-冀0633-2024-JZ-0001\n"
            "冀0633-2024-JZ-0002,2024-10-08,61000.00,DEMO-冀0633-2024-JZ-0002\n"
            "冀0633-2024-JZ-0003,2024-10-08,61000.00,DEMO-冀0633-2024-JZ-0003\n");
  CliResult confirm = run("ledger confirm " + path("bank.csv"));
  EXPECT_EQ(confirm.exit_code, 0) << confirm.out;
  EXPECT_NE(confirm.out.find("匹配并登记支付 3 笔"), std::string::npos) << confirm.out;
  // Everything is paid now: the next bank file is empty but for its header.
  CliResult none = run("ledger bank-file --year 2024 --paid-on 2024-10-09");
  EXPECT_EQ(none.out, "voucher_number,paid_on,amount,bank_reference\n");
  CliResult csv = run("ledger report --year 2024");
  EXPECT_NE(csv.out.find("\ntotal,2024,,,400000.00,183000.00,183000.00,0.00,0.00,217000.00\n"),
            std::string::npos)
      << csv.out;
}

}  // namespace
}  // namespace zhixing

namespace zhixing {
namespace {

// The ledger's defences as finance meets them on the command line: a grant nobody decided, text
// that cannot be stored as hashed, a bank file with a NUL, and a deleted payment found by the
// report's anchor.
TEST_F(CliLedger, TheLedgerHoldsAgainstMadeUpGrantsBadTextAndADeletedPayment) {
  ASSERT_EQ(run("users add cw --role finance").exit_code, 0);
  ASSERT_EQ(run("ledger post --user cw --amount 400000 --key 易财行〔2024〕3号 --year 2024 --date "
                "2024-01-02")
                .exit_code,
            0);
  // A grant nobody decided is refused (this command once posted voucher JZ-0006).
  CliResult nobody =
      run("ledger grant --user cw --decision （2024）冀0633司救执99号 --applicant-id 1"
          " --applicant 无名氏 --amount 1000 --decision-sha256 " +
          std::string(64, 'a') + " --date 2024-08-20");
  EXPECT_EQ(nobody.exit_code, 3) << nobody.out;
  EXPECT_NE(nobody.out.find("no_decision"), std::string::npos) << nobody.out;
  // A flag with a control character or invalid UTF-8 never reaches the ledger. (/bin/sh's printf
  // writes the bytes: \001 a control character, \345\274 a cut 张.)
  CliResult control =
      run("ledger post --user cw --amount 1 --key \"$(printf 'K\\001')\" --year 2024");
  EXPECT_EQ(control.exit_code, 2) << control.out;
  EXPECT_NE(control.out.find("control_character"), std::string::npos) << control.out;
  CliResult encoding =
      run("ledger grant --user cw --decision X --applicant-id 1 --applicant"
          " \"$(printf '\\345\\274')\" --amount 1 --decision-sha256 x --date 2024-08-20");
  EXPECT_EQ(encoding.exit_code, 2) << encoding.out;
  EXPECT_NE(encoding.out.find("bad_encoding"), std::string::npos) << encoding.out;

  CliResult g1 = run("ledger grant --user cw " + decided(1, "张秀兰", 50000, "2024-08-20"));
  ASSERT_EQ(g1.exit_code, 0) << g1.out;
  CliResult g2 = run("ledger grant --user cw " + decided(2, "刘桂芳", 65000, "2024-08-21"));
  ASSERT_EQ(g2.exit_code, 0) << g2.out;

  // A bank line with a NUL in the reference, after a good line: nothing is applied.
  std::string nul_file =
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF-1\n"
      "冀0633-2024-JZ-0002,2024-12-31,65000.00,REF";
  nul_file += '\0';
  nul_file += "NUL\n";
  CliResult nul = run("ledger confirm " + write("nul.csv", nul_file) + " --user cw");
  EXPECT_EQ(nul.exit_code, 3) << nul.out;
  EXPECT_NE(nul.out.find("line 2: not_applied 冀0633-2024-JZ-0001"), std::string::npos) << nul.out;
  EXPECT_NE(nul.out.find("line 3: invalid"), std::string::npos) << nul.out;
  EXPECT_NE(nul.out.find("本文件未登记任何一行"), std::string::npos) << nul.out;
  CliResult still_ok = run("ledger verify");
  EXPECT_EQ(still_ok.exit_code, 0) << still_ok.out;
  EXPECT_EQ(run("ledger bank-file --year 2024 --paid-on 2024-12-31").out,
            "voucher_number,paid_on,amount,bank_reference\n"
            "冀0633-2024-JZ-0001,2024-12-31,50000.00,DEMO-冀0633-2024-JZ-0001\n"
            "冀0633-2024-JZ-0002,2024-12-31,65000.00,DEMO-冀0633-2024-JZ-0002\n")
      << "no payment was posted";

  // Pay both, keep the report (its `# head:` line) outside the database.
  CliResult paid = run("ledger confirm " +
                       write("bank.csv",
                             "voucher_number,paid_on,amount,bank_reference\n"
                             "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF-1\n"
                             "冀0633-2024-JZ-0002,2024-12-31,65000.00,REF-2\n") +
                       " --user cw");
  ASSERT_EQ(paid.exit_code, 0) << paid.out;
  const std::string report = path("ledger-2024.csv");
  ASSERT_EQ(run("ledger report --year 2024 --out " + report).exit_code, 0);
  std::ifstream saved(report);
  std::stringstream saved_text;
  saved_text << saved.rdbuf();
  const auto anchors = ledger::anchors_in_text(saved_text.str());
  ASSERT_EQ(anchors.size(), 1u) << saved_text.str();
  EXPECT_EQ(anchors[0].sequence, 10);
  CliResult anchored = run("ledger verify --anchor " + report);
  EXPECT_EQ(anchored.exit_code, 0) << anchored.out;
  EXPECT_NE(anchored.out.find("锚点 1 个"), std::string::npos) << anchored.out;
  EXPECT_EQ(run("ledger verify --anchor 10:" + anchors[0].hash).exit_code, 0);
  EXPECT_EQ(run("ledger verify --anchor 10:nothex").exit_code, 2);
  EXPECT_EQ(run("ledger verify --anchor " + write("empty.txt", "no anchor here\n")).exit_code, 2);

  // The last payment deleted as the owner with triggers off. The chain left is consistent and the
  // voucher looks unpaid again; the anchor catches it.
  auto owner = ScratchDatabase::owner();
  exec_script(*owner,
              "alter table ledger_entries disable trigger user;"
              "alter table ledger_transactions disable trigger user;"
              "alter table ledger_bank_confirmations disable trigger user;"
              "delete from ledger_entries where sequence in (9, 10);"
              "delete from ledger_bank_confirmations where bank_reference = 'REF-2';"
              "delete from ledger_transactions where idempotency_key = 'REF-2';"
              "alter table ledger_entries enable trigger user;"
              "alter table ledger_transactions enable trigger user;"
              "alter table ledger_bank_confirmations enable trigger user;");
  EXPECT_EQ(run("ledger verify").exit_code, 0) << "without an anchor the shorter chain holds";
  EXPECT_NE(run("ledger bank-file --year 2024 --paid-on 2025-01-02").out.find("JZ-0002"),
            std::string::npos)
      << "the voucher would be paid twice";
  CliResult caught = run("ledger verify --anchor " + report);
  EXPECT_EQ(caught.exit_code, 4) << caught.out;
  EXPECT_NE(caught.out.find("mismatch at entry 10"), std::string::npos) << caught.out;
}

}  // namespace
}  // namespace zhixing
