// The ledger against the real PostgreSQL: no input can break it, no grant without a panel's
// decision, tampering as the owner with triggers off is caught, in the chain or by an anchor kept
// outside the database.
#include <gtest/gtest.h>

#include "ledger/bank_confirmation.h"
#include "ledger/entry_content.h"
#include "ledger/ledger.h"
#include "ledger/verifier.h"
#include "store/ledger_store.h"
#include "store/pg_raw.h"
#include "support/panel_decision.h"
#include "support/scratch_db.h"

namespace zhixing::ledger {
namespace {

using testing::ScratchDatabase;

Date day(const char* iso) { return *Date::parse_iso(iso); }

std::string decision(int serial) { return "（2024）冀0633司救执" + std::to_string(serial) + "号"; }

// A grant as the nightly run would hand it over, after its decision was recorded.
GrantRequest decided_grant(int serial, int64_t yuan, const std::string& name = "张秀兰",
                           bool exception_approved = false, int64_t cap_fen = 28445400,
                           const char* date = "2024-08-20") {
  testing::PanelDecisionSpec spec;
  spec.decision_number = decision(serial);
  spec.applicant_name = name;
  spec.amount_fen = yuan * 100;
  spec.decided_on = date;
  spec.exception_approved = exception_approved;
  spec.cap_fen = cap_fen;
  auto sql = ScratchDatabase::runtime();
  testing::RecordedDecision d = testing::record_panel_decision(*sql, spec);
  GrantRequest g;
  g.decision_number = spec.decision_number;
  g.court_code = "冀0633";
  g.year = 2024;
  g.applicant_party_id = d.applicant_party_id;
  g.applicant_name = name;
  g.amount = Money::from_yuan(yuan);
  g.decision_document_sha256 = d.document_sha256;
  g.business_date = day(date);
  return g;
}

// Runs `sql` as the owner with every user trigger of the ledger's tables off, as an intruder with
// the owner's credential would.
void tamper(const std::string& sql) {
  static const char* const tables[] = {"ledger_accounts", "ledger_transactions", "ledger_entries",
                                       "ledger_vouchers", "ledger_bank_confirmations"};
  std::string script;
  for (const char* t : tables) script += std::string("alter table ") + t + " disable trigger user;";
  script += sql;
  for (const char* t : tables) script += std::string("alter table ") + t + " enable trigger user;";
  auto owner = ScratchDatabase::owner();
  exec_script(*owner, script);
}

// The year's appropriation.
PostResult fund(Ledger& ledger, int64_t yuan) {
  return ledger.post_appropriation(
      {"冀财行指〔2024〕1号", "冀0633", 2024, Money::from_yuan(yuan), day("2024-01-02")},
      "finance1");
}

class LedgerHardening : public ::testing::Test {
 protected:
  void SetUp() override {
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    sql_ = ScratchDatabase::runtime();
  }

  long long count(const std::string& table) {
    long long n = 0;
    *sql_ << "select count(*) from " + table, soci::into(n);
    return n;
  }

  // A fund, two grants and the payment of the first: 8 entries.
  void post_fund_grants_and_a_payment() {
    Ledger ledger(*sql_);
    ASSERT_TRUE(fund(ledger, 400000).ok());
    ASSERT_TRUE(ledger.post_grant(decided_grant(1, 50000, "张秀兰"), "nightly").ok());
    ASSERT_TRUE(ledger.post_grant(decided_grant(2, 60000, "刘桂芳"), "nightly").ok());
    PostResult paid = ledger.post_payment(
        {"冀0633-2024-JZ-0001", day("2024-09-02"), Money::from_yuan(50000), "BANK-001"},
        "finance1");
    ASSERT_EQ(paid.status, PostStatus::created) << paid.message;
    ASSERT_EQ(count("ledger_entries"), 8);
    VerifyResult v = verify_ledger(*sql_);
    ASSERT_TRUE(v.ok) << v.problem;
  }

  std::unique_ptr<soci::session> sql_;
};

// ---------------------------------------------------------------- no input breaks the ledger

TEST_F(LedgerHardening, ABankReferenceWithANulIsInvalidAndTheFileAppliesNoLine) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(fund(ledger, 400000).ok());
  ASSERT_TRUE(ledger.post_grant(decided_grant(1, 50000, "张秀兰"), "nightly").ok());
  ASSERT_TRUE(ledger.post_grant(decided_grant(2, 65000, "刘桂芳"), "nightly").ok());
  // A line with a NUL in its reference, after a good one. Read as good, line 2 was `matched`,
  // hashed over "REF\0NUL" while PostgreSQL kept "REF", and `ledger verify` failed from then on.
  std::string content =
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF-GOOD\n"
      "冀0633-2024-JZ-0002,2024-12-31,65000.00,REF";
  content += '\0';
  content += "NUL\n";
  ConfirmationReport r = apply_bank_confirmations(ledger, *sql_, content, "finance1");
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].outcome, ConfirmationOutcome::not_applied);
  EXPECT_EQ(r.lines[1].outcome, ConfirmationOutcome::invalid);
  EXPECT_EQ(r.lines[1].line_no, 3);
  EXPECT_NE(r.lines[1].message.find("control_character"), std::string::npos) << r.lines[1].message;
  EXPECT_FALSE(r.applied());
  EXPECT_FALSE(r.all_good());
  EXPECT_EQ(r.matched, 0);
  EXPECT_EQ(count("ledger_bank_confirmations"), 0) << "not even the good line";
  EXPECT_EQ(count("ledger_transactions where kind = 'payment'"), 0);
  EXPECT_TRUE(verify_ledger(*sql_).ok);

  // Every kind of unreadable line is invalid; each line gets its verdict.
  std::string bad =
      "voucher_number,paid_on,amount,bank_reference\n"
      "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF-\xff\xfe\n"  // bad encoding
      "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF\x01X\n"      // a control character
      "冀0633-2024-JZ-0001,2024-12-31,50000.00," +
      std::string(201, 'R') +
      "\n"                                               // too long
      "JZ-1,2024-12-31,50000.00,REF-4\n"                 // malformed voucher
      "冀0633-2024-JZ-0001,2024-13-01,50000.00,REF-5\n"  // no such date
      "冀0633-2024-JZ-0001,2024-12-31,五万,REF-6\n"      // not an amount
      "冀0633-2024-JZ-0001,2024-12-31,50000.00\n"        // three fields
      "冀0633-2024-JZ-0099,2024-12-31,1.00,REF-8\n";     // readable: unknown
  ConfirmationReport all = apply_bank_confirmations(ledger, *sql_, bad, "finance1");
  ASSERT_EQ(all.lines.size(), 8u);
  EXPECT_EQ(all.invalid, 7);
  EXPECT_EQ(all.not_applied, 1);
  EXPECT_EQ(all.lines[2].field, "bank_reference");
  EXPECT_EQ(all.lines[3].field, "voucher_number");
  EXPECT_EQ(all.lines[4].field, "paid_on");
  EXPECT_EQ(all.lines[5].field, "amount");
  EXPECT_EQ(all.lines[7].outcome, ConfirmationOutcome::not_applied);
  EXPECT_NE(format_confirmation_totals(all).find("本文件未登记任何一行"), std::string::npos);
  EXPECT_EQ(count("ledger_bank_confirmations"), 0);

  // Without the bad line the same file applies line by line; unknown lines do not stop it.
  ConfirmationReport good =
      apply_bank_confirmations(ledger, *sql_,
                               "voucher_number,paid_on,amount,bank_reference\n"
                               "冀0633-2024-JZ-0001,2024-12-31,50000.00,REF-GOOD\n"
                               "冀0633-2024-JZ-0099,2024-12-31,1.00,REF-UNKNOWN\n"
                               "冀0633-2024-JZ-0002,2024-12-31,65000.00,REF-NUL\n",
                               "finance1");
  EXPECT_TRUE(good.applied());
  EXPECT_EQ(good.matched, 2);
  EXPECT_EQ(good.unknown, 1);
  VerifyResult v = verify_ledger(*sql_);
  EXPECT_TRUE(v.ok) << v.problem;
}

TEST_F(LedgerHardening, TheLedgerRefusesTextItCouldNotStoreExactlyAsHashed) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(fund(ledger, 400000).ok());
  GrantRequest g = decided_grant(1, 50000);
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  const long long before = count("ledger_entries");

  PostResult nul = ledger.post_payment({"冀0633-2024-JZ-0001", day("2024-12-31"),
                                        Money::from_yuan(50000), std::string("REF\0NUL", 7)},
                                       "finance1");
  EXPECT_EQ(nul.status, PostStatus::invalid_request);
  EXPECT_EQ(nul.field, "bank_reference");
  EXPECT_NE(nul.message.find("control_character"), std::string::npos) << nul.message;
  EXPECT_EQ(ledger
                .post_appropriation({"冀财行指〔2024〕\x01号", "冀0633", 2024, Money::from_yuan(1),
                                     day("2024-01-02")},
                                    "finance1")
                .field,
            "budget_document_number");
  EXPECT_EQ(ledger
                .post_appropriation(
                    {"冀财行指〔2024〕2号", "冀0633", 2024, Money::from_yuan(1), day("2024-01-02")},
                    "finance\xc3")
                .field,
            "posted_by");
  GrantRequest bad_name = g;
  bad_name.decision_number = decision(2);
  bad_name.applicant_name = "张\xe7\xa7";  // cut in the middle of 秀
  EXPECT_EQ(ledger.post_grant(bad_name, "nightly").field, "applicant_name");
  EXPECT_EQ(ledger
                .post_reversal({TransactionKind::grant, decision(1), day("2024-09-01"),
                                std::string("录入\0错误", 13)},
                               "finance1")
                .field,
            "reason");
  EXPECT_EQ(count("ledger_entries"), before) << "a refused posting writes nothing";
}

// Every hashed table, written, read back from PostgreSQL and hashed again from the row read:
// ledger_transactions (content_sha256) and ledger_entries (the chain, which in version 2 also
// covers ledger_accounts, ledger_vouchers and ledger_bank_confirmations).
TEST_F(LedgerHardening, EveryHashIsRecomputedFromTheRowsReadBack) {
  Ledger ledger(*sql_);
  // Text at the edges of what is admitted: backslashes, quotes, commas, four-byte characters.
  ASSERT_TRUE(ledger
                  .post_appropriation({"冀财行指〔2024〕1号 \\n \"引号\", 𠀋", "冀0633", 2024,
                                       Money::from_yuan(400000), day("2024-01-02")},
                                      "财务·王")
                  .ok());
  GrantRequest g = decided_grant(1, 50000, "𠮷秀兰");
  ASSERT_TRUE(ledger.post_grant(g, "nightly").ok());
  ASSERT_TRUE(ledger
                  .post_payment({"冀0633-2024-JZ-0001", day("2024-09-02"), Money::from_yuan(50000),
                                 "BANK\\001,\"x\""},
                                "finance1")
                  .ok());
  ASSERT_TRUE(ledger
                  .post_offset({"执行款收据-001", "冀0633", 2024, g.applicant_party_id,
                                Money::from_yuan(100), day("2024-10-01")},
                               "finance1")
                  .ok());
  ASSERT_TRUE(ledger
                  .post_recovery({"（2024）冀0633司救执50号", "冀0633", 2024, g.applicant_party_id,
                                  Money::from_yuan(100), day("2024-11-01"), "以虚假材料\\骗取"},
                                 "finance1")
                  .ok());
  ASSERT_TRUE(
      ledger
          .post_reversal({TransactionKind::offset, "执行款收据-001", day("2024-11-02"), "重复登记"},
                         "finance1")
          .ok());

  auto session = ScratchDatabase::runtime();  // a fresh connection: nothing cached
  LedgerStore store(*session);
  const auto transactions = store.all_transactions();
  ASSERT_EQ(transactions.size(), 6u);
  std::map<long long, LedgerTransactionRow> by_id;
  for (const auto& t : transactions) {
    SCOPED_TRACE(t.content.key);
    EXPECT_EQ(content_sha256(t.content), t.content_sha256);
    by_id[t.id] = t;
  }
  std::map<long long, LedgerAccountRow> accounts;
  for (const auto& a : store.all_accounts()) accounts[a.id] = a;
  std::map<long long, LedgerVoucherRow> vouchers;
  for (const auto& v : store.all_vouchers()) vouchers[v.grant_transaction_id] = v;
  std::map<long long, LedgerConfirmationRow> confirmations;
  for (const auto& c : store.all_confirmations()) confirmations[c.payment_transaction_id] = c;
  ASSERT_EQ(vouchers.size(), 1u);
  ASSERT_EQ(confirmations.size(), 1u);
  EXPECT_EQ(confirmations.begin()->second.bank_reference, "BANK\\001,\"x\"");
  std::string prev = kGenesisHash;
  const auto entries = store.all_entries();
  ASSERT_EQ(entries.size(), 12u);
  for (const auto& e : entries) {
    SCOPED_TRACE(e.sequence);
    EXPECT_EQ(e.version, kEntryVersion2);
    const auto v = vouchers.find(e.transaction_id);
    const auto c = confirmations.find(e.transaction_id);
    EntryContent content = entry_content(e, by_id.at(e.transaction_id), accounts.at(e.account_id),
                                         v == vouchers.end() ? nullptr : &v->second,
                                         c == confirmations.end() ? nullptr : &c->second);
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(entry_hash(content, prev), e.hash);
    prev = e.hash;
  }
  VerifyResult r = verify_ledger(*session);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.head_sequence, 12);
  EXPECT_EQ(r.head_hash, prev);
}

// ---------------------------------------------------------------- no grant without a decision

TEST_F(LedgerHardening, NoGrantWithoutARecordedDecisionItsDocumentAndTheCap) {
  Ledger ledger(*sql_);
  ASSERT_TRUE(fund(ledger, 1000000).ok());
  // A grant under a well-formed number nobody decided.
  GrantRequest nobody;
  nobody.decision_number = "（2024）冀0633司救执99号";
  nobody.court_code = "冀0633";
  nobody.year = 2024;
  nobody.applicant_party_id = 1;
  nobody.applicant_name = "无名氏";
  nobody.amount = Money::from_yuan(1000);
  nobody.decision_document_sha256 = std::string(64, 'c');
  nobody.business_date = day("2024-08-20");
  PostResult r = ledger.post_grant(nobody, "finance1");
  EXPECT_EQ(r.code(), "no_decision") << r.message;
  EXPECT_TRUE(r.refused());

  const GrantRequest g = decided_grant(1, 50000, "张秀兰");
  auto expect_refused = [&](GrantRequest q, const std::string& code, const std::string& field) {
    PostResult p = ledger.post_grant(q, "nightly");
    EXPECT_EQ(p.code(), code) << p.message;
    EXPECT_EQ(p.field, field) << p.message;
  };
  GrantRequest other_applicant = g;
  other_applicant.applicant_party_id += 1000;
  expect_refused(other_applicant, "decision_mismatch", "applicant");
  GrantRequest other_name = g;
  other_name.applicant_name = "冒名";
  expect_refused(other_name, "decision_mismatch", "applicant_name");
  GrantRequest more = g;
  more.amount = Money::from_yuan(50001);
  expect_refused(more, "decision_mismatch", "amount");
  GrantRequest other_date = g;
  other_date.business_date = day("2024-08-21");
  expect_refused(other_date, "decision_mismatch", "business_date");
  GrantRequest other_document = g;
  other_document.decision_document_sha256 = std::string(64, 'd');
  expect_refused(other_document, "no_decision_document", "decision_document_sha256");

  testing::PanelDecisionSpec refused;
  refused.decision_number = decision(2);
  refused.granted = false;
  testing::RecordedDecision rd = testing::record_panel_decision(*sql_, refused);
  GrantRequest not_granted = g;
  not_granted.decision_number = decision(2);
  not_granted.applicant_party_id = rd.applicant_party_id;
  not_granted.decision_document_sha256 = rd.document_sha256;
  expect_refused(not_granted, "decision_mismatch", "granted");

  // Above the cap: refused unless the panel approved the exception (the relief assessment's rule,
  // which the ledger enforces on its own too).
  expect_refused(decided_grant(3, 300000, "李桂芝", false, 28445400), "over_cap", "amount");
  EXPECT_EQ(ledger.post_grant(decided_grant(4, 300000, "王秀英", true, 28445400), "nightly").status,
            PostStatus::created);
  EXPECT_EQ(
      ledger.post_grant(decided_grant(5, 284454, "赵桂兰", false, 28445400), "nightly").status,
      PostStatus::created)
      << "exactly the cap is within it";
  EXPECT_EQ(count("ledger_transactions where kind = 'grant'"), 2);

  PostResult ok = ledger.post_grant(g, "nightly");
  EXPECT_EQ(ok.status, PostStatus::created) << ok.message;
  EXPECT_EQ(ok.voucher_number, "冀0633-2024-JZ-0003");
  EXPECT_TRUE(verify_ledger(*sql_).ok);
}

// ---------------------------------------------------------------- tampering as the owner

TEST_F(LedgerHardening, DeletingTheLastPaymentIsCaughtByTheAnchor) {
  post_fund_grants_and_a_payment();
  const VerifyResult before = verify_ledger(*sql_);
  const Anchor anchor{before.head_sequence, before.head_hash};
  ASSERT_EQ(anchor.sequence, 8);
  Anchor older{6, ""};
  *sql_ << "select hash from ledger_entries where sequence = 6", soci::into(older.hash);
  EXPECT_TRUE(verify_ledger(*sql_, {anchor}).ok);

  tamper(
      "delete from ledger_entries where transaction_id = (select id from ledger_transactions"
      "  where kind = 'payment');"
      "delete from ledger_bank_confirmations;"
      "delete from ledger_transactions where kind = 'payment';");
  // The chain that is left is consistent: only the anchor kept outside can tell.
  EXPECT_TRUE(verify_ledger(*sql_).ok);
  Ledger ledger(*sql_);
  EXPECT_FALSE(ledger.posted_grants("冀0633", 2024).front().paid)
      << "the voucher looks unpaid again: the bank file would pay it twice";
  VerifyResult v = verify_ledger(*sql_, {anchor});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_sequence, 8) << v.problem;
  EXPECT_NE(v.problem.find("已不存在"), std::string::npos) << v.problem;
  // An older anchor still holds; a changed hash does not.
  EXPECT_TRUE(verify_ledger(*sql_, {older}).ok);
  Anchor forged = older;
  forged.hash[0] = forged.hash[0] == 'a' ? 'b' : 'a';
  VerifyResult f = verify_ledger(*sql_, {forged});
  EXPECT_FALSE(f.ok);
  EXPECT_EQ(f.first_bad_sequence, 6);
}

TEST_F(LedgerHardening, ChangingAConfirmationAVoucherOrAnAccountIsCaught) {
  struct Case {
    const char* what;
    const char* sql;
    long long entry;  // the first entry verify names
  };
  const Case cases[] = {
      {"confirmation amount", "update ledger_bank_confirmations set amount_fen = amount_fen + 1;",
       7},
      {"confirmation bank reference",
       "update ledger_bank_confirmations set bank_reference = 'BANK-999';", 7},
      {"confirmation paid-on date", "update ledger_bank_confirmations set paid_on = paid_on + 1;",
       7},
      {"confirmation deleted", "delete from ledger_bank_confirmations;", 7},
      {"voucher serial", "update ledger_vouchers set serial = 7 where serial = 2;", 5},
      {"voucher renumbered consistently",
       "update ledger_vouchers set serial = 7, voucher_number = '冀0633-2024-JZ-0007'"
       " where serial = 2;",
       5},
      {"account name",
       "update ledger_accounts set name = '应付救助金 冒名' where name = '应付救助金 刘桂芳';", 6},
      {"fund account name", "update ledger_accounts set name = '挪用' where kind = 'fund';", 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ScratchDatabase::truncate_all();
    ScratchDatabase::truncate_ledger();
    post_fund_grants_and_a_payment();
    tamper(c.sql);
    VerifyResult v = verify_ledger(*sql_);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_sequence, c.entry) << v.problem;
  }
}

// Entries written before migration 010 keep verifying under version 1; a version-1 entry cannot
// follow a version-2 one.
TEST_F(LedgerHardening, OlderEntriesKeepVerifyingUnderVersion1) {
  {
    // An appropriation as the code before migration 010 wrote it.
    soci::transaction tx(*sql_);
    LedgerStore store(*sql_);
    store.lock_appends();
    TransactionContent c;
    c.kind = TransactionKind::appropriation;
    c.key = "冀财行指〔2023〕7号";
    c.court_code = "冀0633";
    c.year = 2024;
    c.amount_fen = 40000000;
    c.business_date = day("2024-01-02");
    const std::string sha = content_sha256(c);
    const long long id = store.insert_transaction(c, sha, "finance1", 0);
    const LedgerTransactionRow t{id, c, sha, "finance1", 0};
    std::string prev = kGenesisHash;
    long long sequence = 0;
    struct Leg {
      AccountKind kind;
      const char* name;
      long long debit, credit;
    };
    const long long amount = c.amount_fen;
    for (const Leg& leg : {Leg{AccountKind::bank, "银行存款", amount, 0},
                           Leg{AccountKind::fund, "救助资金", 0, amount}}) {
      const auto [kind, name, debit, credit] = leg;
      LedgerAccountRow a = store.account("冀0633", 2024, kind, 0, name);
      LedgerEntryRow e;
      e.version = kEntryVersion1;
      e.sequence = ++sequence;
      e.transaction_id = id;
      e.account_id = a.id;
      e.debit_fen = debit;
      e.credit_fen = credit;
      e.prev_hash = prev;
      e.hash = entry_hash(entry_content(e, t, a, nullptr, nullptr), prev);
      EXPECT_EQ(canonical_entry(entry_content(e, t, a, nullptr, nullptr))
                    .rfind("zhixing.ledger.entry/1\n", 0),
                0u);
      store.insert_entry(e);
      prev = e.hash;
    }
    tx.commit();
  }
  Ledger ledger(*sql_);
  ASSERT_TRUE(ledger.post_grant(decided_grant(1, 50000), "nightly").ok());
  VerifyResult v = verify_ledger(*sql_);
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries_checked, 4);
  std::string versions;
  *sql_ << "select string_agg(canonical_version::text, ',' order by sequence) from ledger_entries",
      soci::into(versions);
  EXPECT_EQ(versions, "1,1,2,2");
  // The database refuses a version-1 entry after a version-2 one.
  long long account = 0, transaction = 0;
  std::string head;
  *sql_ << "select account_id, transaction_id, hash from ledger_entries where sequence = 4",
      soci::into(account), soci::into(transaction), soci::into(head);
  soci::transaction tx(*sql_);
  auto lower_version = [&] {
    *sql_ << "insert into ledger_entries (sequence, transaction_id, account_id, debit_fen,"
             " prev_hash, hash, canonical_version) values (5, :t, :a, 1, :p, repeat('e', 64), 1)",
        soci::use(transaction), soci::use(account), soci::use(head);
  };
  EXPECT_THROW(lower_version(), soci::soci_error);
}

}  // namespace
}  // namespace zhixing::ledger
