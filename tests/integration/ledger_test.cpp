// The relief fund ledger against the real PostgreSQL: idempotency, a fund that never goes
// negative under 50 concurrent grants, append-only tables, a tamper-evident chain, reversals,
// offsets, bank confirmations and the report.
#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/sha256.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger_report.h"
#include "ledger/verifier.h"
#include "store/pg_raw.h"
#include "support/panel_decision.h"
#include "support/scratch_db.h"

namespace zhixing::ledger {
namespace {

using testing::ScratchDatabase;

const char* const kTables[] = {"ledger_accounts", "ledger_transactions", "ledger_entries",
                               "ledger_vouchers", "ledger_bank_confirmations"};

void reset_ledger() { ScratchDatabase::truncate_ledger(); }

Date day(const char* iso) { return *Date::parse_iso(iso); }

std::string decision(int serial) { return "（2024）冀0633司救执" + std::to_string(serial) + "号"; }

GrantRequest grant(int serial, int64_t yuan, int64_t party = 0, const char* date = "2024-08-20") {
  GrantRequest g;
  g.decision_number = decision(serial);
  g.court_code = "冀0633";
  g.year = 2024;
  g.applicant_party_id = party ? party : 100 + serial;
  g.applicant_name = "申请人" + std::to_string(party ? party : 100 + serial);
  g.amount = Money::from_yuan(yuan);
  g.decision_document_sha256 = sha256_hex("decision " + std::to_string(serial));
  g.business_date = day(date);
  return g;
}

// Records the panel decision the grant carries out (and its issued document and assessment), as
// the ledger requires; returns the request naming the recorded applicant.
GrantRequest decided(GrantRequest g, bool exception_approved = false, int64_t cap_fen = 28445400) {
  auto sql = ScratchDatabase::runtime();
  testing::PanelDecisionSpec spec;
  spec.decision_number = g.decision_number;
  spec.applicant_name = g.applicant_name;
  spec.amount_fen = g.amount.fen();
  spec.decided_on = g.business_date.iso();
  spec.exception_approved = exception_approved;
  spec.cap_fen = cap_fen;
  spec.document_sha256 = g.decision_document_sha256;
  g.applicant_party_id = testing::record_panel_decision(*sql, spec).applicant_party_id;
  return g;
}

AppropriationRequest appropriation(int64_t yuan, const std::string& key = "冀财行指〔2024〕1号") {
  return {key, "冀0633", 2024, Money::from_yuan(yuan), day("2024-01-02")};
}

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    reset_ledger();
    sql_ = ScratchDatabase::runtime();
  }

  long long count(const std::string& table) {
    long long n = 0;
    *sql_ << "select count(*) from " + table, soci::into(n);
    return n;
  }

  std::unique_ptr<soci::session> sql_;
};

TEST_F(LedgerTest, RepostingTheSameContentReturnsExistsAndWritesNothing) {
  Ledger ledger(*sql_);
  PostResult first = ledger.post_appropriation(appropriation(400000), "finance1");
  ASSERT_EQ(first.status, PostStatus::created) << first.message;
  const GrantRequest g = decided(grant(1, 50000));
  PostResult g1 = ledger.post_grant(g, "nightly");
  ASSERT_EQ(g1.status, PostStatus::created) << g1.message;
  EXPECT_EQ(g1.voucher_number, "冀0633-2024-JZ-0001");
  const long long entries = count("ledger_entries");

  PostResult again = ledger.post_appropriation(appropriation(400000), "another-user");
  EXPECT_EQ(again.status, PostStatus::exists);
  EXPECT_EQ(again.code(), "exists");
  EXPECT_EQ(again.transaction_id, first.transaction_id);
  PostResult g1again = ledger.post_grant(g, "nightly");
  EXPECT_EQ(g1again.status, PostStatus::exists);
  EXPECT_EQ(g1again.voucher_number, "冀0633-2024-JZ-0001");
  EXPECT_EQ(count("ledger_entries"), entries);
  EXPECT_EQ(count("ledger_transactions"), 2);
  EXPECT_EQ(count("ledger_vouchers"), 1);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::fund), 35000000);
}

TEST_F(LedgerTest, SameKeyWithDifferentContentIsRefusedNamingTheField) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  const GrantRequest g = decided(grant(1, 50000));
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  const long long entries = count("ledger_entries");

  GrantRequest more = g;
  more.amount = Money::from_yuan(60000);
  PostResult amount = ledger.post_grant(more, "nightly");
  EXPECT_EQ(amount.status, PostStatus::exists_with_different);
  EXPECT_EQ(amount.field, "amount");
  EXPECT_EQ(amount.code(), "exists_with_different_amount");

  GrantRequest other_doc = g;
  other_doc.decision_document_sha256 = sha256_hex("another document");
  EXPECT_EQ(ledger.post_grant(other_doc, "nightly").code(),
            "exists_with_different_decision_document_sha256");
  GrantRequest other_applicant = g;
  other_applicant.applicant_party_id = 999;
  EXPECT_EQ(ledger.post_grant(other_applicant, "nightly").code(),
            "exists_with_different_applicant");
  EXPECT_EQ(ledger.post_appropriation(appropriation(500000), "finance1").code(),
            "exists_with_different_amount");
  EXPECT_EQ(count("ledger_entries"), entries);
}

TEST_F(LedgerTest, FiftyConcurrentGrantsAgainstAFundForTenPostExactlyTen) {
  {
    Ledger ledger(*sql_);
    ASSERT_TRUE(ledger.post_appropriation(appropriation(10 * 30000), "finance1").ok());
  }
  constexpr int kThreads = 50;
  std::vector<GrantRequest> requests;
  for (int i = 1; i <= kThreads; ++i) requests.push_back(decided(grant(i, 30000)));
  std::atomic<int> created{0}, insufficient{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 1; i <= kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto session = ScratchDatabase::runtime();  // each submitter has its own session
      Ledger ledger(*session);
      while (!go.load()) std::this_thread::yield();
      PostResult r = ledger.post_grant(requests[i - 1], "nightly");
      if (r.status == PostStatus::created)
        ++created;
      else if (r.status == PostStatus::insufficient_funds)
        ++insufficient;
      else
        ++other;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 10);
  EXPECT_EQ(insufficient.load(), 40);
  EXPECT_EQ(other.load(), 0);
  Ledger ledger(*sql_);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::fund), 0);
  EXPECT_EQ(count("ledger_transactions"), 11);
  EXPECT_EQ(count("ledger_entries"), 22);
  long long max_serial = 0, vouchers = 0;
  *sql_ << "select max(serial), count(*) from ledger_vouchers", soci::into(max_serial),
      soci::into(vouchers);
  EXPECT_EQ(vouchers, 10);
  EXPECT_EQ(max_serial, 10);  // no gaps: refused grants take no number
  VerifyResult v = verify_ledger(*sql_);
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries_checked, 22);
}

TEST_F(LedgerTest, ConcurrentSubmittersOfOneKeyGetOneTransaction) {
  {
    Ledger ledger(*sql_);
    ASSERT_TRUE(ledger.post_appropriation(appropriation(100000), "finance1").ok());
  }
  const GrantRequest g = decided(grant(7, 20000));
  std::atomic<int> created{0}, exists{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      auto session = ScratchDatabase::runtime();
      Ledger ledger(*session);
      while (!go.load()) std::this_thread::yield();
      PostResult r = ledger.post_grant(g, "nightly");
      if (r.status == PostStatus::created) ++created;
      if (r.status == PostStatus::exists) ++exists;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(exists.load(), 11);
  EXPECT_EQ(count("ledger_transactions where kind = 'grant'"), 1);
}

TEST_F(LedgerTest, RuntimeRoleCannotUpdateDeleteTruncateOrDisableTriggers) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(1, 50000)), "nightly").ok());
  ASSERT_TRUE(ledger
                  .post_payment(
                      {"冀0633-2024-JZ-0001", day("2024-09-01"), Money::from_yuan(50000), "BANK-1"},
                      "finance1")
                  .ok());
  for (const char* t : kTables) {
    SCOPED_TRACE(t);
    auto sql = ScratchDatabase::runtime();
    const std::string table = t;
    const std::string column = table == "ledger_entries" ? "debit_fen" : "court_code";
    const std::string value = table == "ledger_entries" ? "1" : "'冀0633'";
    if (table != "ledger_entries" && table != "ledger_accounts" && table != "ledger_transactions" &&
        table != "ledger_vouchers") {
      EXPECT_THROW(*sql << "update " + table + " set amount_fen = 1", soci::soci_error);
    } else {
      EXPECT_THROW(*sql << "update " + table + " set " + column + " = " + value, soci::soci_error);
    }
    EXPECT_THROW(*sql << "delete from " + table, soci::soci_error);
    EXPECT_THROW(*sql << "truncate " + table, soci::soci_error);
    EXPECT_THROW(*sql << "alter table " + table + " disable trigger user", soci::soci_error);
    EXPECT_THROW(*sql << "alter table " + table + " disable trigger " + table + "_append_only",
                 soci::soci_error);
  }
  // Even the owner's UPDATE, DELETE and TRUNCATE are refused while the triggers are on.
  auto owner = ScratchDatabase::owner();
  EXPECT_THROW(*owner << "update ledger_entries set debit_fen = debit_fen", soci::soci_error);
  EXPECT_THROW(*owner << "delete from ledger_transactions", soci::soci_error);
  EXPECT_THROW(*owner << "truncate ledger_entries cascade", soci::soci_error);
  EXPECT_EQ(count("ledger_entries"), 6);
  EXPECT_TRUE(verify_ledger(*sql_).ok);
}

TEST_F(LedgerTest, AnUnbalancedTransactionIsRefusedAtCommit) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(1000), "finance1").ok());
  // Bypass the posting code: a transaction with one entry cannot commit.
  long long account = 0;
  std::string prev;
  *sql_ << "select id from ledger_accounts where kind = 'fund'", soci::into(account);
  *sql_ << "select hash from ledger_entries order by sequence desc limit 1", soci::into(prev);
  soci::transaction tx(*sql_);
  long long id = 0;
  *sql_
      << "insert into ledger_transactions (kind, idempotency_key, content_sha256, court_code, year,"
         " amount_fen, business_date, posted_by) values ('appropriation', 'x', repeat('a', 64),"
         " '冀0633', 2024, 100, '2024-01-03', 'intruder') returning id",
      soci::into(id);
  *sql_
      << "insert into ledger_entries (sequence, transaction_id, account_id, credit_fen, prev_hash,"
         " hash) values (3, :t, :a, 100, :p, repeat('b', 64))",
      soci::use(id), soci::use(account), soci::use(prev);
  EXPECT_THROW(tx.commit(), soci::soci_error);
}

TEST_F(LedgerTest, EditingOneEntryAsTheOwnerMakesVerifyNameExactlyThatEntry) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  for (int i = 1; i <= 4; ++i)
    ASSERT_TRUE(ledger.post_grant(decided(grant(i, 50000)), "nightly").ok());
  ASSERT_TRUE(verify_ledger(*sql_).ok);

  auto owner = ScratchDatabase::owner();
  exec_script(*owner,
              "alter table ledger_entries disable trigger ledger_entries_append_only;"
              "update ledger_entries set credit_fen = credit_fen + 100 where sequence = 6;"
              "alter table ledger_entries enable trigger ledger_entries_append_only;");
  VerifyResult v = verify_ledger(*sql_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_sequence, 6) << v.problem;
  EXPECT_EQ(v.summary(), "mismatch at entry 6");
  const std::string csv = ledger_report_csv(build_ledger_report(*sql_, "冀0633", 2024));
  EXPECT_TRUE(csv.ends_with("\n# verify: mismatch at entry 6\n")) << csv;
}

TEST_F(LedgerTest, EditingATransactionRowIsCaughtAtItsFirstEntry) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(1, 50000)), "nightly").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(2, 50000)), "nightly").ok());
  auto owner = ScratchDatabase::owner();
  exec_script(*owner,
              "alter table ledger_transactions disable trigger ledger_transactions_append_only;"
              "update ledger_transactions set applicant_name = '冒名' where idempotency_key like "
              "'%司救执1号';"
              "alter table ledger_transactions enable trigger ledger_transactions_append_only;");
  VerifyResult v = verify_ledger(*sql_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_sequence, 3) << v.problem;
}

TEST_F(LedgerTest, RerunningTheSamePostingsGivesTheSameChainHead) {
  const std::vector<GrantRequest> grants = {decided(grant(3, 70000)), decided(grant(1, 50000)),
                                            decided(grant(2, 60000))};
  auto run = [&] {
    reset_ledger();
    Ledger ledger(*sql_);
    EXPECT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
    for (const PostResult& r : ledger.post_grants(grants, "nightly"))
      EXPECT_TRUE(r.ok()) << r.message;
    return verify_ledger(*sql_).head_hash;
  };
  const std::string first = run();
  const std::string second = run();
  EXPECT_EQ(first, second);
  EXPECT_NE(first, kGenesisHash);
  // post_grants numbers vouchers in decision order, whatever the input order.
  std::string voucher, key = decision(1);
  *sql_ << "select v.voucher_number from ledger_vouchers v join ledger_transactions t on"
           " t.id = v.grant_transaction_id where t.idempotency_key = :k",
      soci::use(key), soci::into(voucher);
  EXPECT_EQ(voucher, "冀0633-2024-JZ-0001");
}

TEST_F(LedgerTest, AReversalLeavesTheOriginalUntouchedAndNetsToZero) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(100000), "finance1").ok());
  const GrantRequest g = decided(grant(1, 40000, 7));
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  std::string before;
  *sql_ << "select string_agg(sequence || ':' || debit_fen || ':' || credit_fen || ':' || hash, ','"
           " order by sequence) from ledger_entries",
      soci::into(before);

  ReversalRequest q{TransactionKind::grant, decision(1), day("2024-08-25"), "决定书金额录入错误"};
  PostResult r = ledger.post_reversal(q, "finance1");
  ASSERT_EQ(r.status, PostStatus::created) << r.message;
  EXPECT_EQ(ledger.post_reversal(q, "finance1").status, PostStatus::exists);
  std::string after;
  *sql_ << "select string_agg(sequence || ':' || debit_fen || ':' || credit_fen || ':' || hash, ','"
           " order by sequence) from ledger_entries where sequence <= 4",
      soci::into(after);
  EXPECT_EQ(before, after);  // the original's entries are exactly as they were
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::fund), 10000000);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::payable, g.applicant_party_id), 0);
  long long net = -1;
  const std::string key = decision(1);
  *sql_ << "select sum(e.debit_fen - e.credit_fen) from ledger_entries e join ledger_transactions t"
           " on t.id = e.transaction_id join ledger_accounts a on a.id = e.account_id"
           " where a.kind = 'payable' and (t.idempotency_key = :k or t.idempotency_key = "
           "'reversal:' || :k)",
      soci::use(key), soci::use(key), soci::into(net);
  EXPECT_EQ(net, 0);
  ReversalRequest twice = q;
  twice.reason = "再次冲正";
  EXPECT_EQ(ledger.post_reversal(twice, "finance1").code(), "exists_with_different_reason");
  EXPECT_EQ(
      ledger.post_reversal({TransactionKind::grant, decision(9), day("2024-08-25"), ""}, "finance1")
          .status,
      PostStatus::not_found);
  // The reversed grant's voucher cannot be paid.
  EXPECT_EQ(ledger
                .post_payment(
                    {"冀0633-2024-JZ-0001", day("2024-09-01"), Money::from_yuan(40000), "BANK-9"},
                    "finance1")
                .status,
            PostStatus::grant_reversed);
  const LedgerReport report = build_ledger_report(*sql_, "冀0633", 2024);
  EXPECT_EQ(report.totals.grant_count, 0);
  EXPECT_EQ(report.totals.grants_fen, 0);
  EXPECT_TRUE(verify_ledger(*sql_).ok);
}

TEST_F(LedgerTest, AnOffsetNeverExceedsTheUnrecoveredRelief) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(100000), "finance1").ok());
  const GrantRequest g = decided(grant(1, 30000, 7));
  const int64_t p = g.applicant_party_id;
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  OffsetRequest early{"执行款收据-001",       "冀0633",         2024, p,
                      Money::from_yuan(5000), day("2024-09-10")};
  EXPECT_EQ(ledger.post_offset(early, "finance1").status, PostStatus::nothing_to_offset)
      << "nothing paid yet, nothing to repay";
  ASSERT_TRUE(ledger
                  .post_payment(
                      {"冀0633-2024-JZ-0001", day("2024-09-01"), Money::from_yuan(30000), "BANK-1"},
                      "finance1")
                  .ok());
  EXPECT_EQ(ledger.unrecovered_relief_fen("冀0633", 2024, p), 3000000);

  PostResult first = ledger.post_offset(
      {"执行款收据-002", "冀0633", 2024, p, Money::from_yuan(10000), day("2024-10-10")},
      "finance1");
  ASSERT_EQ(first.status, PostStatus::created) << first.message;
  EXPECT_EQ(first.amount_fen, 1000000);
  PostResult capped = ledger.post_offset(
      {"执行款收据-003", "冀0633", 2024, p, Money::from_yuan(50000), day("2024-11-10")},
      "finance1");
  ASSERT_EQ(capped.status, PostStatus::created) << capped.message;
  EXPECT_EQ(capped.amount_fen, 2000000);  // the 20,000 still unrecovered, not the 50,000 received
  EXPECT_EQ(ledger.unrecovered_relief_fen("冀0633", 2024, p), 0);
  EXPECT_EQ(ledger
                .post_offset(
                    {"执行款收据-004", "冀0633", 2024, p, Money::from_yuan(1), day("2024-12-10")},
                    "finance1")
                .status,
            PostStatus::nothing_to_offset);
  EXPECT_EQ(ledger
                .post_recovery({"（2024）冀0633司救执99号", "冀0633", 2024, p, Money::from_yuan(1),
                                day("2024-12-11"), "骗取救助"},
                               "finance1")
                .status,
            PostStatus::exceeds_unrecovered_relief);
  // The same receipt again is `exists`, even though nothing is unrecovered now.
  EXPECT_EQ(ledger
                .post_offset({"执行款收据-003", "冀0633", 2024, p, Money::from_yuan(50000),
                              day("2024-11-10")},
                             "finance1")
                .status,
            PostStatus::exists);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::recoveries), 3000000);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::refunds), 3000000);

  Ledger disabled(*sql_, LedgerOptions{false});
  EXPECT_EQ(disabled
                .post_offset(
                    {"执行款收据-005", "冀0633", 2024, p, Money::from_yuan(1), day("2024-12-10")},
                    "finance1")
                .status,
            PostStatus::offsets_disabled);
  EXPECT_TRUE(verify_ledger(*sql_).ok);
}

TEST_F(LedgerTest, ARecoveryForFraudIsBoundedByTheRelief) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(100000), "finance1").ok());
  const GrantRequest g = decided(grant(1, 30000, 7));
  const int64_t p = g.applicant_party_id;
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  ASSERT_TRUE(ledger
                  .post_payment(
                      {"冀0633-2024-JZ-0001", day("2024-09-01"), Money::from_yuan(30000), "BANK-1"},
                      "finance1")
                  .ok());
  RecoveryRequest q{
      "（2024）冀0633司救执50号", "冀0633", 2024, p, Money::from_yuan(30000), day("2024-12-01"),
      "以虚假材料骗取救助"};
  EXPECT_EQ(ledger.post_recovery(q, "finance1").status, PostStatus::created);
  EXPECT_EQ(ledger.unrecovered_relief_fen("冀0633", 2024, p), 0);
  const LedgerReport report = build_ledger_report(*sql_, "冀0633", 2024);
  EXPECT_EQ(report.totals.recoveries_fen, 3000000);
}

TEST_F(LedgerTest, BankConfirmationsAreMatchedAlreadyConfirmedMismatchedOrUnknown) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(1, 50000)), "nightly").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(2, 60000)), "nightly").ok());
  ASSERT_TRUE(ledger.post_grant(decided(grant(3, 70000)), "nightly").ok());
  const std::string file =
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0001,2024-09-02,50000,ABC-001\n"
      "冀0633-2024-JZ-0002,2024-09-02,60000.00,ABC-002\n"
      "冀0633-2024-JZ-0003,2024-09-02,69999,ABC-003\n"
      "冀0633-2024-JZ-0099,2024-09-02,10000,ABC-099\n"
      "冀0633-2024-JZ-0001,2024-09-02,50000,ABC-001\n"
      "冀0633-2024-JZ-0002,2024-09-03,60000,ABC-002\n";
  ConfirmationReport r = apply_bank_confirmations(ledger, *sql_, file, "finance1");
  ASSERT_EQ(r.lines.size(), 6u);
  EXPECT_EQ(r.lines[0].outcome, ConfirmationOutcome::matched);
  EXPECT_EQ(r.lines[1].outcome, ConfirmationOutcome::matched);
  EXPECT_EQ(r.lines[2].outcome, ConfirmationOutcome::mismatched);
  EXPECT_EQ(r.lines[2].field, "amount");
  EXPECT_EQ(r.lines[3].outcome, ConfirmationOutcome::unknown);
  EXPECT_EQ(r.lines[4].outcome, ConfirmationOutcome::already_confirmed);
  EXPECT_EQ(r.lines[5].outcome, ConfirmationOutcome::mismatched);
  EXPECT_EQ(r.lines[5].field, "paid_on");
  EXPECT_EQ(r.matched, 2);
  EXPECT_FALSE(r.all_good());
  EXPECT_TRUE(format_confirmation_line(r.lines[2])
                  .starts_with("line 4: mismatched 冀0633-2024-JZ-0003 amount"))
      << format_confirmation_line(r.lines[2]);
  EXPECT_EQ(count("ledger_bank_confirmations"), 2);
  EXPECT_EQ(count("ledger_transactions where kind = 'payment'"), 2);
  EXPECT_EQ(ledger.balance_fen("冀0633", 2024, AccountKind::bank), 40000000 - 11000000);

  // The same file again: matched lines are now already confirmed; nothing new is written.
  ConfirmationReport again = apply_bank_confirmations(ledger, *sql_, file, "finance1");
  EXPECT_EQ(again.matched, 0);
  EXPECT_EQ(again.already_confirmed, 3);
  EXPECT_EQ(count("ledger_transactions where kind = 'payment'"), 2);
  // A bank reference reused for another voucher is a mismatch, not a second payment.
  ConfirmationReport reuse =
      apply_bank_confirmations(ledger, *sql_,
                               "voucher_number,paid_on,amount,bank_reference\n冀0633-2024-JZ-0003,"
                               "2024-09-02,70000,ABC-001\n",
                               "finance1");
  EXPECT_EQ(reuse.mismatched, 1);
  EXPECT_EQ(reuse.lines[0].field, "bank_reference");
  EXPECT_THROW(apply_bank_confirmations(ledger, *sql_, "a,b\n", "finance1"), std::runtime_error);
  EXPECT_TRUE(verify_ledger(*sql_).ok);
}

TEST_F(LedgerTest, ReportShowsTotalsInFiguresAndWordsAndTheVerification) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_appropriation(appropriation(400000), "finance1").ok());
  // Five grants totalling ¥305,000.00, as in the court's 2024 report.
  const int64_t amounts[] = {50000, 60000, 65000, 70000, 60000};
  std::vector<GrantRequest> grants;
  for (int i = 0; i < 5; ++i)
    grants.push_back(decided(grant(i + 1, amounts[i], 0, i < 2 ? "2024-08-20" : "2024-10-15")));
  for (const auto& r : ledger.post_grants(grants, "nightly")) ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_TRUE(
      ledger
          .post_payment({"冀0633-2024-JZ-0001", day("2024-09-02"), Money::from_yuan(50000), "B1"},
                        "finance1")
          .ok());
  const LedgerReport report = build_ledger_report(*sql_, "冀0633", 2024);
  EXPECT_EQ(report.totals.grant_count, 5);
  EXPECT_EQ(report.totals.grants_fen, 30500000);
  EXPECT_EQ(report.fund_available_fen, 9500000);
  EXPECT_EQ(report.applicants.size(), 5u);
  EXPECT_EQ(report.months.size(), 12u);
  const std::string csv = ledger_report_csv(report);
  EXPECT_NE(csv.find("\ntotal,2024,,,400000.00,305000.00,50000.00,0.00,0.00,95000.00\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("人民币叁拾万伍仟元整"), std::string::npos);
  EXPECT_NE(csv.find("\nmonth,2024-08,,,0.00,110000.00,0.00,0.00,0.00,290000.00\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\napplicant,2024," + std::to_string(grants[0].applicant_party_id) +
                     ",申请人101,,50000.00,50000.00,0.00,0.00,0.00\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\naccount,冀0633/2024/fund,,救助资金（拨入）,,,,,,95000.00\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("# grants: 5, total 305000.00 (人民币叁拾万伍仟元整)\n"), std::string::npos);
  const VerifyResult v = verify_ledger(*sql_);
  EXPECT_TRUE(csv.ends_with("# head: " + std::to_string(v.head_sequence) + " " + v.head_hash +
                            "\n# verify: ok\n"))
      << csv;
  EXPECT_EQ(v.head_sequence, 14);
  // Another court's report is empty but still carries the verification.
  const std::string other = ledger_report_csv(build_ledger_report(*sql_, "冀0623", 2024));
  EXPECT_NE(other.find("\ntotal,2024,,,0.00,0.00,0.00,0.00,0.00,0.00\n"), std::string::npos)
      << other;
}

}  // namespace
}  // namespace zhixing::ledger
