// The ledger's canonical texts and hash chain: fixed layout, every field counts, escaping leaves
// no two contents with one text, and the chain links each entry to the one before.
#include "ledger/hash_chain.h"

#include <gtest/gtest.h>

#include "ledger/voucher_number.h"

namespace zhixing::ledger {
namespace {

TransactionContent grant() {
  TransactionContent c;
  c.kind = TransactionKind::grant;
  c.key = "（2024）冀0633司救执3号";
  c.court_code = "冀0633";
  c.year = 2024;
  c.amount_fen = 5000000;
  c.business_date = *Date::parse_iso("2024-08-20");
  c.applicant_party_id = 17;
  c.applicant_name = "张秀兰";
  c.decision_number = c.key;
  c.decision_document_sha256 = std::string(64, 'a');
  return c;
}

EntryContent entry() {
  EntryContent e;
  e.sequence = 3;
  e.transaction_kind = "grant";
  e.transaction_key = "（2024）冀0633司救执3号";
  e.transaction_content_sha256 = std::string(64, 'b');
  e.posted_by = "nightly";
  e.business_date = *Date::parse_iso("2024-08-20");
  e.account_code = "冀0633/2024/fund";
  e.debit_fen = 5000000;
  return e;
}

TEST(LedgerHashChain, CanonicalEntryHasAFixedLayout) {
  EXPECT_EQ(canonical_entry(entry()),
            "zhixing.ledger.entry/1\n"
            "sequence=3\n"
            "transaction_kind=grant\n"
            "transaction_key=（2024）冀0633司救执3号\n"
            "transaction_content_sha256=" +
                std::string(64, 'b') +
                "\n"
                "posted_by=nightly\n"
                "business_date=2024-08-20\n"
                "account=冀0633/2024/fund\n"
                "debit_fen=5000000\n"
                "credit_fen=0\n");
}

TEST(LedgerHashChain, EntryHashIsSha256OfCanonicalTextAndPreviousHash) {
  const EntryContent e = entry();
  EXPECT_EQ(entry_hash(e, kGenesisHash), sha256_hex(canonical_entry(e) + kGenesisHash));
  EXPECT_TRUE(is_sha256_hex(entry_hash(e, kGenesisHash)));
  // A known value: the empty string's SHA-256.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(LedgerHashChain, EveryEntryFieldChangesTheHash) {
  const std::string base = entry_hash(entry(), kGenesisHash);
  std::vector<EntryContent> variants(9, entry());
  variants[0].sequence = 4;
  variants[1].transaction_kind = "payment";
  variants[2].transaction_key += "x";
  variants[3].transaction_content_sha256 = std::string(64, 'c');
  variants[4].posted_by = "admin";
  variants[5].business_date = *Date::parse_iso("2024-08-21");
  variants[6].account_code = "冀0633/2024/bank";
  variants[7].debit_fen = 5000001;
  variants[8].credit_fen = 1;
  for (size_t i = 0; i < variants.size(); ++i)
    EXPECT_NE(entry_hash(variants[i], kGenesisHash), base) << "field " << i;
  EXPECT_NE(entry_hash(entry(), std::string(64, '1')), base) << "previous hash";
}

TEST(LedgerHashChain, EscapingKeepsFieldBoundaries) {
  // A key that smuggles a newline and a fake field must not equal a content with that field.
  TransactionContent a = grant(), b = grant();
  a.applicant_name = "张秀兰\ndecision_number=X";
  b.applicant_name = "张秀兰";
  b.decision_number = "X";
  EXPECT_NE(canonical_transaction(a), canonical_transaction(b));
  EXPECT_NE(content_sha256(a), content_sha256(b));
  TransactionContent c = grant();
  c.reason = "a\\nb";
  TransactionContent d = grant();
  d.reason = "a\nb";
  EXPECT_NE(canonical_transaction(c), canonical_transaction(d));
}

TEST(LedgerHashChain, TransactionContentHashIsDeterministicAndSensitive) {
  EXPECT_EQ(content_sha256(grant()), content_sha256(grant()));
  TransactionContent other = grant();
  other.amount_fen += 1;
  EXPECT_NE(content_sha256(other), content_sha256(grant()));
  other = grant();
  other.decision_document_sha256 = std::string(64, 'f');
  EXPECT_NE(content_sha256(other), content_sha256(grant()));
  EXPECT_NE(canonical_transaction(grant()).find("amount_fen=5000000\n"), std::string::npos);
}

TEST(LedgerHashChain, ChainLinksEachEntryToThePrevious) {
  std::string prev = kGenesisHash;
  std::vector<std::string> hashes;
  for (int i = 1; i <= 3; ++i) {
    EntryContent e = entry();
    e.sequence = i;
    prev = entry_hash(e, prev);
    hashes.push_back(prev);
  }
  // Recomputing from the start gives the same head; changing entry 2 changes 2 and 3.
  std::string again = kGenesisHash;
  for (int i = 1; i <= 3; ++i) {
    EntryContent e = entry();
    e.sequence = i;
    if (i == 2) e.debit_fen += 1;
    again = entry_hash(e, again);
    if (i == 1) {
      EXPECT_EQ(again, hashes[0]);
    } else {
      EXPECT_NE(again, hashes[static_cast<size_t>(i - 1)]);
    }
  }
}

TEST(VoucherNumber, FormatsAndParses) {
  EXPECT_EQ(format_voucher_number("冀0633", 2024, 1), "冀0633-2024-JZ-0001");
  EXPECT_EQ(format_voucher_number("冀0633", 2024, 9999), "冀0633-2024-JZ-9999");
  auto v = parse_voucher_number("冀0633-2024-JZ-0012");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->court_code, "冀0633");
  EXPECT_EQ(v->year, 2024);
  EXPECT_EQ(v->serial, 12);
  EXPECT_FALSE(parse_voucher_number("冀0633-2024-JZ-0000"));
  EXPECT_FALSE(parse_voucher_number("冀0633-2024-XX-0001"));
  EXPECT_FALSE(parse_voucher_number("-2024-JZ-0001"));
}

TEST(AccountCode, NamesCourtYearKindAndApplicant) {
  EXPECT_EQ(account_code("冀0633", 2024, AccountKind::fund), "冀0633/2024/fund");
  EXPECT_EQ(account_code("冀0633", 2024, AccountKind::payable, 17), "冀0633/2024/payable/17");
  EXPECT_TRUE(is_credit_normal(AccountKind::fund));
  EXPECT_FALSE(is_credit_normal(AccountKind::bank));
}

}  // namespace
}  // namespace zhixing::ledger
