// The ledger's canonical texts and hash chain: fixed layout, every field counts, escaping leaves
// no two contents with one text, and the chain links each entry to the one before.
#include "ledger/hash_chain.h"

#include <gtest/gtest.h>

#include <cctype>

#include "core/sha256.h"
#include "ledger/verifier.h"
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

// A version-1 entry (written before migration 010): the layout those entries keep verifying under.
EntryContent entry() {
  EntryContent e;
  e.version = kEntryVersion1;
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

// Version 2: the account's definition, the grant's voucher and the payment's
// bank confirmation are chained too.
EntryContent entry_v2() {
  EntryContent e = entry();
  e.version = kEntryVersion2;
  e.account_kind = "fund";
  e.account_court = "冀0633";
  e.account_year = 2024;
  e.account_name = "救助资金";
  e.voucher_number = "冀0633-2024-JZ-0003";
  e.voucher_serial = 3;
  return e;
}

TEST(LedgerHashChain, CanonicalEntryVersion2AddsAccountVoucherAndConfirmation) {
  EXPECT_EQ(kCurrentEntryVersion, kEntryVersion2);
  EXPECT_EQ(EntryContent{}.version, kEntryVersion2) << "new entries are written as version 2";
  EXPECT_EQ(canonical_entry(entry_v2()),
            "zhixing.ledger.entry/2\n"
            "sequence=3\n"
            "transaction_kind=grant\n"
            "transaction_key=（2024）冀0633司救执3号\n"
            "transaction_content_sha256=" +
                std::string(64, 'b') +
                "\n"
                "posted_by=nightly\n"
                "business_date=2024-08-20\n"
                "account=冀0633/2024/fund\n"
                "account_kind=fund\n"
                "account_court=冀0633\n"
                "account_year=2024\n"
                "account_applicant_party_id=0\n"
                "account_name=救助资金\n"
                "voucher_number=冀0633-2024-JZ-0003\n"
                "voucher_serial=3\n"
                "confirmation_voucher_number=\n"
                "confirmation_paid_on=\n"
                "confirmation_amount_fen=0\n"
                "confirmation_bank_reference=\n"
                "debit_fen=5000000\n"
                "credit_fen=0\n");
  EntryContent same_as_v1 = entry_v2();
  same_as_v1.version = kEntryVersion1;
  EXPECT_EQ(entry_hash(same_as_v1, kGenesisHash), entry_hash(entry(), kGenesisHash))
      << "version 1 ignores the version-2 fields";
  EXPECT_NE(entry_hash(entry_v2(), kGenesisHash), entry_hash(entry(), kGenesisHash));
}

TEST(LedgerHashChain, EveryVersion2FieldChangesTheHash) {
  const std::string base = entry_hash(entry_v2(), kGenesisHash);
  std::vector<EntryContent> variants(11, entry_v2());
  variants[0].account_kind = "bank";
  variants[1].account_court = "冀0623";
  variants[2].account_year = 2025;
  variants[3].account_applicant_party_id = 17;
  variants[4].account_name = "挪用";
  variants[5].voucher_number = "冀0633-2024-JZ-0004";
  variants[6].voucher_serial = 4;
  variants[7].confirmation_voucher_number = "冀0633-2024-JZ-0003";
  variants[8].confirmation_paid_on = "2024-09-02";
  variants[9].confirmation_amount_fen = 1;
  variants[10].confirmation_bank_reference = "BANK-1";
  for (size_t i = 0; i < variants.size(); ++i)
    EXPECT_NE(entry_hash(variants[i], kGenesisHash), base) << "field " << i;
}

TEST(LedgerAnchor, ParsesSeqColonHashAndFindsAnchorsInReportsAndSummaries) {
  const std::string hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  auto a = parse_anchor("12:" + hash);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->sequence, 12);
  EXPECT_EQ(a->hash, hash);
  std::string upper = hash;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(parse_anchor("12:" + upper)->hash, hash) << "hex is compared in lower case";
  EXPECT_FALSE(parse_anchor("12:" + hash.substr(1)));
  EXPECT_FALSE(parse_anchor("x:" + hash));
  EXPECT_FALSE(parse_anchor("12 " + hash));
  EXPECT_FALSE(parse_anchor("/tmp/ledger-2024.csv"));

  EXPECT_EQ(head_line(12, hash), "# head: 12 " + hash);
  const std::string csv =
      "total,2024,,,1.00\n# grants: 1, total 1.00\n# head: 12 " + hash + "\n# verify: ok\n";
  EXPECT_EQ(anchors_in_text(csv), (std::vector<Anchor>{{12, hash}}));
  const std::string json = "{\n  \"steps\": [],\n  \"ledger_head\": {\"seq\": 40, \"hash\": \"" +
                           hash + "\"},\n  \"refused_grants\": []\n}\n";
  EXPECT_EQ(anchors_in_text(json), (std::vector<Anchor>{{40, hash}}));
  // The PDF prints the hash in two halves on two lines.
  const std::string pdf = "哈希链末端（# head: 序号 哈希）：\n   # head: 7 " + hash.substr(0, 32) +
                          "\n   " + hash.substr(32) + "\n";
  EXPECT_EQ(anchors_in_text(pdf), (std::vector<Anchor>{{7, hash}}));
  EXPECT_EQ(anchors_in_text(csv + csv).size(), 1u) << "the same anchor once";
  EXPECT_TRUE(anchors_in_text("# verify: ok\n").empty());
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
