#include "ledger/verifier.h"

#include <map>
#include <set>

#include "core/money.h"
#include "ledger/hash_chain.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

std::string VerifyResult::summary() const {
  if (ok) return "ok";
  if (first_bad_sequence > 0) return "mismatch at entry " + std::to_string(first_bad_sequence);
  return "mismatch: " + problem;
}

namespace {

VerifyResult fail(VerifyResult r, long long sequence, std::string problem) {
  r.ok = false;
  r.first_bad_sequence = sequence;
  r.problem = std::move(problem);
  return r;
}

}  // namespace

VerifyResult verify_ledger(soci::session& sql) {
  // One snapshot for every read: a posting committed meanwhile is either wholly seen or not.
  soci::transaction tx(sql);
  sql << "set transaction isolation level repeatable read, read only";
  LedgerStore store(sql);
  std::map<long long, LedgerAccountRow> accounts;
  for (auto& a : store.all_accounts()) accounts.emplace(a.id, std::move(a));
  std::map<long long, LedgerTransactionRow> transactions;
  for (auto& t : store.all_transactions()) transactions.emplace(t.id, std::move(t));
  const std::vector<LedgerEntryRow> entries = store.all_entries();
  const std::vector<LedgerVoucherRow> vouchers = store.all_vouchers();
  tx.commit();

  VerifyResult r;
  r.head_hash = kGenesisHash;

  // 1. The chain, entry by entry: sequence, link, hash, and the content of its transaction.
  std::string prev = kGenesisHash;
  long long expected = 1;
  std::set<long long> content_checked;
  std::map<long long, long long> first_entry_of;  // transaction → its first entry
  for (const LedgerEntryRow& e : entries) {
    if (e.sequence != expected)
      return fail(r, e.sequence, "分录序号应为 " + std::to_string(expected));
    if (e.prev_hash != prev) return fail(r, e.sequence, "前一哈希与上一分录不符");
    auto t = transactions.find(e.transaction_id);
    if (t == transactions.end()) return fail(r, e.sequence, "分录所属交易不存在");
    auto a = accounts.find(e.account_id);
    if (a == accounts.end()) return fail(r, e.sequence, "分录所属科目不存在");
    if ((e.debit_fen > 0) == (e.credit_fen > 0) || e.debit_fen < 0 || e.credit_fen < 0)
      return fail(r, e.sequence, "分录应只有借方或只有贷方");
    const LedgerTransactionRow& txr = t->second;
    if (content_checked.insert(txr.id).second && content_sha256(txr.content) != txr.content_sha256)
      return fail(r, e.sequence, "交易 " + txr.content.key + " 的内容与其哈希不符");
    if (a->second.court_code != txr.content.court_code || a->second.year != txr.content.year)
      return fail(r, e.sequence, "分录科目与交易的法院或年度不符");
    EntryContent c;
    c.sequence = e.sequence;
    c.transaction_kind = std::string(kind_name(txr.content.kind));
    c.transaction_key = txr.content.key;
    c.transaction_content_sha256 = txr.content_sha256;
    c.posted_by = txr.posted_by;
    c.business_date = txr.content.business_date;
    c.account_code = a->second.code;
    c.debit_fen = e.debit_fen;
    c.credit_fen = e.credit_fen;
    if (entry_hash(c, e.prev_hash) != e.hash) return fail(r, e.sequence, "分录哈希不符");
    first_entry_of.emplace(txr.id, e.sequence);
    prev = e.hash;
    ++expected;
    ++r.entries_checked;
  }
  r.head_hash = prev;

  // 2. Each transaction balances and moves its stated amount; balances never go negative after a
  //    transaction; every grant has exactly one voucher.
  std::map<long long, long long> debits, credits;
  for (const LedgerEntryRow& e : entries) {
    debits[e.transaction_id] = add_fen(debits[e.transaction_id], e.debit_fen);
    credits[e.transaction_id] = add_fen(credits[e.transaction_id], e.credit_fen);
  }
  for (const auto& [id, t] : transactions) {
    ++r.transactions_checked;
    auto first = first_entry_of.find(id);
    if (first == first_entry_of.end()) return fail(r, 0, "交易 " + t.content.key + " 没有分录");
    if (debits[id] != credits[id])
      return fail(r, first->second, "交易 " + t.content.key + " 借贷不平");
    if (debits[id] != t.content.amount_fen)
      return fail(r, first->second, "交易 " + t.content.key + " 的分录金额与交易金额不符");
  }
  std::map<long long, long long> balance;  // account → normal-side balance
  for (size_t i = 0; i < entries.size(); ++i) {
    const LedgerEntryRow& e = entries[i];
    const LedgerAccountRow& a = accounts.at(e.account_id);
    balance[a.id] +=
        is_credit_normal(a.kind) ? e.credit_fen - e.debit_fen : e.debit_fen - e.credit_fen;
    const bool last_of_transaction =
        i + 1 == entries.size() || entries[i + 1].transaction_id != e.transaction_id;
    if (!last_of_transaction) continue;
    for (size_t j = i + 1; j-- > 0 && entries[j].transaction_id == e.transaction_id;)
      if (balance[entries[j].account_id] < 0)
        return fail(r, entries[j].sequence,
                    "科目 " + accounts.at(entries[j].account_id).code + " 余额为负");
  }
  std::map<long long, int> vouchers_of;
  for (const LedgerVoucherRow& v : vouchers) {
    auto t = transactions.find(v.grant_transaction_id);
    if (t == transactions.end() || t->second.content.kind != TransactionKind::grant)
      return fail(r, 0, "凭证 " + v.voucher_number + " 不对应任何救助发放");
    ++vouchers_of[v.grant_transaction_id];
  }
  for (const auto& [id, t] : transactions)
    if (t.content.kind == TransactionKind::grant && vouchers_of[id] != 1)
      return fail(r, first_entry_of[id], "救助发放 " + t.content.key + " 应有且只有一张凭证");
  return r;
}

}  // namespace zhixing::ledger
