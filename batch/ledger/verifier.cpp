#include "ledger/verifier.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "core/money.h"
#include "ledger/entry_content.h"
#include "ledger/hash_chain.h"
#include "ledger/voucher_number.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

std::string VerifyResult::summary() const {
  if (ok) return "ok";
  if (first_bad_sequence > 0) return "mismatch at entry " + std::to_string(first_bad_sequence);
  return "mismatch: " + problem;
}

std::optional<Anchor> parse_anchor(const std::string& text) {
  static const std::regex pattern("^([0-9]{1,18}):([0-9a-fA-F]{64})$");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  Anchor a;
  a.sequence = std::stoll(m[1].str());
  a.hash = m[2].str();
  for (char& c : a.hash)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return a;
}

std::vector<Anchor> anchors_in_text(const std::string& text) {
  // The PDF prints the hash in two halves on two lines: whitespace may separate them.
  static const std::regex head("# ?head: ?([0-9]{1,18})\\s+([0-9a-fA-F]{32})\\s*([0-9a-fA-F]{32})");
  static const std::regex json(
      "\"ledger_head\"\\s*:\\s*\\{\\s*\"seq\"\\s*:\\s*([0-9]{1,18})\\s*,\\s*\"hash\"\\s*:\\s*\"([0-"
      "9a-"
      "fA-F]{64})\"");
  std::vector<Anchor> out;
  for (const std::regex* re : {&head, &json})
    for (auto it = std::sregex_iterator(text.begin(), text.end(), *re);
         it != std::sregex_iterator(); ++it)
      if (auto a = parse_anchor((*it)[1].str() + ":" + (*it)[2].str() +
                                (it->size() > 3 ? (*it)[3].str() : std::string())))
        if (std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
  return out;
}

std::string head_line(long long sequence, const std::string& hash) {
  return "# head: " + std::to_string(sequence) + " " + hash;
}

namespace {

VerifyResult fail(VerifyResult r, long long sequence, std::string problem) {
  r.ok = false;
  r.first_bad_sequence = sequence;
  r.problem = std::move(problem);
  return r;
}

}  // namespace

namespace {

// The ledger as read in one snapshot, the lookups over it, and the result so far; each check
// returns the failure it finds first.
struct Checks {
  using Failure = std::optional<VerifyResult>;

  std::map<long long, LedgerAccountRow> accounts;
  std::map<long long, LedgerTransactionRow> transactions;
  std::vector<LedgerEntryRow> entries;
  std::vector<LedgerVoucherRow> vouchers;
  std::vector<LedgerConfirmationRow> confirmations;
  std::map<long long, const LedgerVoucherRow*> voucher_of;  // grant → its voucher
  std::map<long long, int> vouchers_of;
  std::map<long long, const LedgerConfirmationRow*> confirmation_of;  // payment → confirmation
  std::map<long long, long long> first_entry_of;  // transaction → its first entry
  VerifyResult r;

  // One snapshot for every read: a posting committed meanwhile is either wholly seen or not.
  void read(soci::session& sql) {
    soci::transaction tx(sql);
    LedgerStore store(sql);
    store.read_only_snapshot();
    for (auto& a : store.all_accounts()) accounts.emplace(a.id, std::move(a));
    for (auto& t : store.all_transactions()) transactions.emplace(t.id, std::move(t));
    entries = store.all_entries();
    vouchers = store.all_vouchers();
    confirmations = store.all_confirmations();
    tx.commit();
  }

  void index() {
    // The head as stored (verified below): a report prints it even when the chain does not
    // match.
    r.head_sequence = entries.empty() ? 0 : entries.back().sequence;
    r.head_hash = entries.empty() ? kGenesisHash : entries.back().hash;
    for (const LedgerVoucherRow& v : vouchers) {
      voucher_of.emplace(v.grant_transaction_id, &v);
      ++vouchers_of[v.grant_transaction_id];
    }
    for (const LedgerConfirmationRow& c : confirmations)
      confirmation_of.emplace(c.payment_transaction_id, &c);
  }

  // 1. The chain, entry by entry: sequence, link, version, hash, and the content of its
  //    transaction; a version-2 entry also covers its account, voucher and confirmation.
  Failure chain() {
    std::string prev = kGenesisHash;
    long long expected = 1;
    int version = kEntryVersion1;
    std::set<long long> content_checked;
    for (const LedgerEntryRow& e : entries) {
      if (e.sequence != expected)
        return fail(r, e.sequence, "分录序号应为 " + std::to_string(expected));
      if (e.prev_hash != prev) return fail(r, e.sequence, "前一哈希与上一分录不符");
      if (e.version != kEntryVersion1 && e.version != kEntryVersion2)
        return fail(r, e.sequence, "分录的规范版本未知：" + std::to_string(e.version));
      if (e.version < version) return fail(r, e.sequence, "分录的规范版本低于上一分录");
      version = e.version;
      auto t = transactions.find(e.transaction_id);
      if (t == transactions.end()) return fail(r, e.sequence, "分录所属交易不存在");
      auto a = accounts.find(e.account_id);
      if (a == accounts.end()) return fail(r, e.sequence, "分录所属科目不存在");
      if ((e.debit_fen > 0) == (e.credit_fen > 0) || e.debit_fen < 0 || e.credit_fen < 0)
        return fail(r, e.sequence, "分录应只有借方或只有贷方");
      const LedgerTransactionRow& txr = t->second;
      if (content_checked.insert(txr.id).second &&
          content_sha256(txr.content) != txr.content_sha256)
        return fail(r, e.sequence, "交易 " + txr.content.key + " 的内容与其哈希不符");
      if (a->second.court_code != txr.content.court_code || a->second.year != txr.content.year)
        return fail(r, e.sequence, "分录科目与交易的法院或年度不符");
      if (a->second.code != account_code(a->second.court_code, a->second.year, a->second.kind,
                                         a->second.applicant_party_id))
        return fail(r, e.sequence, "科目 " + a->second.code + " 的定义与其代码不符");
      const LedgerVoucherRow* voucher = nullptr;
      const LedgerConfirmationRow* confirmation = nullptr;
      if (txr.content.kind == TransactionKind::grant && voucher_of.count(txr.id))
        voucher = voucher_of.at(txr.id);
      if (txr.content.kind == TransactionKind::payment && confirmation_of.count(txr.id))
        confirmation = confirmation_of.at(txr.id);
      if (entry_hash(entry_content(e, txr, a->second, voucher, confirmation), e.prev_hash) !=
          e.hash)
        return fail(r, e.sequence, "分录哈希不符");
      first_entry_of.emplace(txr.id, e.sequence);
      prev = e.hash;
      ++expected;
      ++r.entries_checked;
    }
    return std::nullopt;
  }

  // 2. Each transaction balances and moves its stated amount.
  Failure transaction_sums() {
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
    return std::nullopt;
  }

  // Balances never go negative after a transaction.
  Failure balances() {
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
    return std::nullopt;
  }

  // Every grant has exactly one voucher, which agrees with it.
  Failure grant_vouchers() {
    for (const LedgerVoucherRow& v : vouchers) {
      auto t = transactions.find(v.grant_transaction_id);
      if (t == transactions.end() || t->second.content.kind != TransactionKind::grant)
        return fail(r, 0, "凭证 " + v.voucher_number + " 不对应任何救助发放");
      const long long at = first_entry_of[t->first];
      if (v.serial < 1 || v.serial > kMaxVoucherSerial || v.year < 1000 || v.year > 9999 ||
          v.voucher_number != format_voucher_number(v.court_code, v.year, v.serial) ||
          v.court_code != t->second.content.court_code || v.year != t->second.content.year)
        return fail(r, at, "凭证 " + v.voucher_number + " 的号码、法院、年度或序号与救助发放不符");
    }
    for (const auto& [id, t] : transactions)
      if (t.content.kind == TransactionKind::grant && vouchers_of[id] != 1)
        return fail(r, first_entry_of[id], "救助发放 " + t.content.key + " 应有且只有一张凭证");
    return std::nullopt;
  }

  // Every payment has exactly one bank confirmation, which agrees with it.
  Failure payment_confirmations() {
    for (const LedgerConfirmationRow& c : confirmations) {
      auto t = transactions.find(c.payment_transaction_id);
      if (t == transactions.end() || t->second.content.kind != TransactionKind::payment)
        return fail(r, 0, "银行确认 " + c.voucher_number + " 不对应任何支付");
      const TransactionContent& p = t->second.content;
      if (c.voucher_number != p.voucher_number || c.amount_fen != p.amount_fen ||
          c.paid_on != p.business_date.iso() || c.bank_reference != p.key)
        return fail(
            r, first_entry_of[t->first],
            "凭证 " + c.voucher_number + " 的银行确认（金额、银行流水号或支付日期）与支付不符");
    }
    for (const auto& [id, t] : transactions)
      if (t.content.kind == TransactionKind::payment && !confirmation_of.count(id))
        return fail(r, first_entry_of[id], "支付 " + t.content.key + " 没有银行确认");
    return std::nullopt;
  }

  // 3. Anchors: each recorded head is still in the chain, unchanged.
  Failure anchors_hold(const std::vector<Anchor>& anchors) {
    for (const Anchor& anchor : anchors) {
      ++r.anchors_checked;
      if (anchor.sequence == 0) {
        if (anchor.hash != kGenesisHash) return fail(r, 0, "锚点 0 应为全零哈希");
        continue;
      }
      if (anchor.sequence > static_cast<long long>(entries.size()))
        return fail(r, anchor.sequence,
                    "锚定的分录 " + std::to_string(anchor.sequence) + " 已不存在（台账现只有 " +
                        std::to_string(entries.size()) + " 条分录，其后的记录被删除）");
      if (entries[static_cast<size_t>(anchor.sequence - 1)].hash != anchor.hash)
        return fail(r, anchor.sequence,
                    "分录 " + std::to_string(anchor.sequence) + " 的哈希与锚点不符");
    }
    return std::nullopt;
  }
};

}  // namespace

VerifyResult verify_ledger(soci::session& sql, const std::vector<Anchor>& anchors) {
  Checks checks;
  checks.read(sql);
  checks.index();
  if (auto failure = checks.chain()) return *failure;
  if (auto failure = checks.transaction_sums()) return *failure;
  if (auto failure = checks.balances()) return *failure;
  if (auto failure = checks.grant_vouchers()) return *failure;
  if (auto failure = checks.payment_confirmations()) return *failure;
  if (auto failure = checks.anchors_hold(anchors)) return *failure;
  return checks.r;
}

}  // namespace zhixing::ledger
