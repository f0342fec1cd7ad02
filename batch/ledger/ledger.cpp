#include "ledger/ledger.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/case_number.h"
#include "core/input_text.h"
#include "core/invariant.h"
#include "core/money.h"
#include "core/sha256.h"
#include "ledger/entry_content.h"
#include "ledger/post_checks.h"
#include "ledger/voucher_number.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

namespace {

// The fields a submitter states, per kind: what idempotency compares. Fields the ledger derives
// (a payment's court and year, an offset's amount, a reversal's amount) are not compared.
std::vector<std::pair<std::string, std::string>> stated_fields(const TransactionContent& c) {
  auto n = [](int64_t v) { return std::to_string(v); };
  switch (c.kind) {
    case TransactionKind::appropriation:
      return {{"court", c.court_code},
              {"year", n(c.year)},
              {"amount", n(c.amount_fen)},
              {"business_date", c.business_date.iso()}};
    case TransactionKind::grant:
      return {{"court", c.court_code},
              {"year", n(c.year)},
              {"applicant", n(c.applicant_party_id)},
              {"applicant_name", c.applicant_name},
              {"amount", n(c.amount_fen)},
              {"decision_document_sha256", c.decision_document_sha256},
              {"business_date", c.business_date.iso()}};
    case TransactionKind::payment:
      return {{"voucher_number", c.voucher_number},
              {"amount", n(c.amount_fen)},
              {"paid_on", c.business_date.iso()}};
    case TransactionKind::offset:
      return {{"court", c.court_code},
              {"year", n(c.year)},
              {"applicant", n(c.applicant_party_id)},
              {"received", n(c.received_fen)},
              {"business_date", c.business_date.iso()}};
    case TransactionKind::recovery:
      return {{"court", c.court_code},
              {"year", n(c.year)},
              {"applicant", n(c.applicant_party_id)},
              {"amount", n(c.amount_fen)},
              {"business_date", c.business_date.iso()},
              {"reason", c.reason}};
    case TransactionKind::reversal:
      return {{"reverses", c.reverses_key},
              {"business_date", c.business_date.iso()},
              {"reason", c.reason}};
  }
  return {};
}

std::optional<std::string> first_difference(const TransactionContent& requested,
                                            const TransactionContent& stored) {
  auto a = stated_fields(requested), b = stated_fields(stored);
  ZHIXING_INVARIANT(a.size() == b.size(), "same kind, same fields");
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].second != b[i].second) return a[i].first;
  return std::nullopt;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string_view status_name(PostStatus status) {
  switch (status) {
    case PostStatus::created:
      return "created";
    case PostStatus::exists:
      return "exists";
    case PostStatus::exists_with_different:
      return "exists_with_different";
    case PostStatus::invalid_request:
      return "invalid_request";
    case PostStatus::insufficient_funds:
      return "insufficient_funds";
    case PostStatus::balance_would_go_negative:
      return "balance_would_go_negative";
    case PostStatus::not_found:
      return "not_found";
    case PostStatus::already_reversed:
      return "already_reversed";
    case PostStatus::cannot_reverse_a_reversal:
      return "cannot_reverse_a_reversal";
    case PostStatus::grant_reversed:
      return "grant_reversed";
    case PostStatus::already_paid:
      return "already_paid";
    case PostStatus::amount_differs_from_voucher:
      return "amount_differs_from_voucher";
    case PostStatus::exceeds_unrecovered_relief:
      return "exceeds_unrecovered_relief";
    case PostStatus::nothing_to_offset:
      return "nothing_to_offset";
    case PostStatus::offsets_disabled:
      return "offsets_disabled";
    case PostStatus::voucher_numbers_exhausted:
      return "voucher_numbers_exhausted";
    case PostStatus::no_decision:
      return "no_decision";
    case PostStatus::decision_mismatch:
      return "decision_mismatch";
    case PostStatus::no_decision_document:
      return "no_decision_document";
    case PostStatus::over_cap:
      return "over_cap";
  }
  return "";
}

std::string PostResult::code() const {
  if (status == PostStatus::exists_with_different) return "exists_with_different_" + field;
  return std::string(status_name(status));
}

struct Ledger::Plan {
  LedgerStore& store;
  TransactionContent content;
  std::vector<Leg> legs;
  long long reverses_id = 0;
  bool assign_voucher = false;
  std::optional<LedgerConfirmationRow> confirmation;
};

// The steps of Ledger::post.
struct Ledger::Posting {
  // The result for a key already posted: exists, or exists_with_different at the first field
  // that differs from the request.
  static PostResult restate(TransactionKind kind, const std::string& key, const Plan& plan,
                            const LedgerTransactionRow& existing) {
    LedgerStore& store = plan.store;
    PostResult r;
    r.transaction_id = existing.id;
    r.amount_fen = existing.content.amount_fen;
    if (kind == TransactionKind::grant)
      if (auto v = store.voucher_of_grant(existing.id)) r.voucher_number = v->voucher_number;
    if (auto field = first_difference(plan.content, existing.content)) {
      r.status = PostStatus::exists_with_different;
      r.field = *field;
      r.message = std::string(kind_name(kind)) + " " + key + " 已入账，但 " + *field + " 不同";
    } else {
      r.status = PostStatus::exists;
      r.message = std::string(kind_name(kind)) + " " + key + " 已入账（内容相同，未重复记账）";
    }
    return r;
  }

  // Balances after the posting: no account may go below zero on its normal side. Fills the
  // accounts of the legs, in leg order.
  static std::optional<PostResult> check_balances(const Plan& plan,
                                                  std::vector<LedgerAccountRow>& accounts) {
    LedgerStore& store = plan.store;
    int64_t debits = 0, credits = 0;
    std::map<long long, int64_t> after;
    for (const Leg& leg : plan.legs) {
      ZHIXING_INVARIANT((leg.debit_fen > 0) != (leg.credit_fen > 0), "an entry is one-sided");
      debits = add_fen(debits, leg.debit_fen);
      credits = add_fen(credits, leg.credit_fen);
      LedgerAccountRow account =
          store.account(plan.content.court_code, plan.content.year, leg.account,
                        leg.applicant_party_id, leg.account_name);
      if (!after.count(account.id)) after[account.id] = store.balance_fen(account);
      after[account.id] = add_fen(after[account.id], is_credit_normal(account.kind)
                                                         ? sub_fen(leg.credit_fen, leg.debit_fen)
                                                         : sub_fen(leg.debit_fen, leg.credit_fen));
      accounts.push_back(account);
    }
    ZHIXING_INVARIANT(debits == credits, "a transaction's debits equal its credits");
    for (const LedgerAccountRow& account : accounts) {
      if (after[account.id] >= 0) continue;
      int64_t short_fen = -after[account.id];
      if (account.kind == AccountKind::fund) {
        PostResult r = refuse(PostStatus::insufficient_funds,
                              account.court_code + " " + std::to_string(account.year) +
                                  " 年度救助资金不足：尚缺 " + yuan(short_fen),
                              account.code);
        r.amount_fen = plan.content.amount_fen;
        return r;
      }
      return refuse(PostStatus::balance_would_go_negative,
                    "科目 " + account.code + " 的余额将为负（差 " + yuan(short_fen) + "）",
                    account.code);
    }
    return std::nullopt;
  }

  // The voucher is numbered before anything is written: a version-2 entry chains it.
  static std::optional<PostResult> number_voucher(const Plan& plan,
                                                  std::optional<LedgerVoucherRow>& voucher) {
    LedgerStore& store = plan.store;
    if (plan.assign_voucher) {
      int serial = store.max_voucher_serial(plan.content.court_code, plan.content.year) + 1;
      if (serial > kMaxVoucherSerial)
        return refuse(PostStatus::voucher_numbers_exhausted,
                      "本年度凭证号已用完（上限 " + std::to_string(kMaxVoucherSerial) + "）");
      LedgerVoucherRow v;
      v.voucher_number = format_voucher_number(plan.content.court_code, plan.content.year, serial);
      v.court_code = plan.content.court_code;
      v.year = plan.content.year;
      v.serial = serial;
      voucher = v;
    }
    return std::nullopt;
  }

  // One entry per leg, each chained to the one before.
  static void chain_entries(const Plan& plan, const LedgerTransactionRow& transaction,
                            const std::vector<LedgerAccountRow>& accounts,
                            const std::optional<LedgerVoucherRow>& voucher) {
    LedgerStore& store = plan.store;
    const long long id = transaction.id;
    ChainHead head = store.head();
    for (size_t i = 0; i < plan.legs.size(); ++i) {
      LedgerEntryRow row;
      row.version = kCurrentEntryVersion;
      row.sequence = head.sequence + 1;
      row.transaction_id = id;
      row.account_id = accounts[i].id;
      row.debit_fen = plan.legs[i].debit_fen;
      row.credit_fen = plan.legs[i].credit_fen;
      row.prev_hash = head.hash;
      row.hash =
          entry_hash(entry_content(row, transaction, accounts[i], voucher ? &*voucher : nullptr,
                                   plan.confirmation ? &*plan.confirmation : nullptr),
                     head.hash);
      store.insert_entry(row);
      head.sequence = row.sequence;
      head.hash = row.hash;
    }
  }
};

PostResult Ledger::post(TransactionKind kind, const std::string& key, const std::string& posted_by,
                        const std::function<PostResult(Plan&)>& prepare) {
  if (auto bad = check_text(posted_by, "posted_by", kMaxNameBytes)) return *bad;
  soci::transaction tx(sql_);
  LedgerStore store(sql_);
  store.lock_appends();

  Plan plan{store, {}, {}, 0, false, std::nullopt};
  plan.content.kind = kind;
  plan.content.key = key;
  // prepare() fills the content; for an existing key it only states the request (the
  // `created` status with no legs), so that idempotency compares before any state check: a
  // grant re-posted after the fund ran out is still `exists`.
  if (auto existing = store.find_transaction(kind, key)) {
    PostResult stated = prepare(plan);  // legs ignored: nothing is written
    (void)stated;
    return Posting::restate(kind, key, plan, *existing);  // rolls back: nothing written
  }

  PostResult prepared = prepare(plan);
  if (prepared.status != PostStatus::created) return prepared;
  ZHIXING_INVARIANT(plan.legs.size() >= 2, "a transaction has at least two entries");
  ZHIXING_INVARIANT(plan.content.amount_fen > 0, "a transaction moves money");

  std::vector<LedgerAccountRow> accounts;
  if (auto refused = Posting::check_balances(plan, accounts)) return *refused;
  std::optional<LedgerVoucherRow> voucher;
  if (auto refused = Posting::number_voucher(plan, voucher)) return *refused;

  std::string sha = content_sha256(plan.content);
  long long id = store.insert_transaction(plan.content, sha, posted_by, plan.reverses_id);
  if (voucher) {
    voucher->grant_transaction_id = id;
    store.insert_voucher(*voucher);
  }
  if (plan.confirmation) {
    plan.confirmation->payment_transaction_id = id;
    store.insert_confirmation(*plan.confirmation, posted_by);
  }
  const LedgerTransactionRow transaction{id, plan.content, sha, posted_by, plan.reverses_id};
  Posting::chain_entries(plan, transaction, accounts, voucher);

  PostResult r;
  r.status = PostStatus::created;
  r.transaction_id = id;
  r.amount_fen = plan.content.amount_fen;
  if (voucher) r.voucher_number = voucher->voucher_number;
  r.message = std::string(kind_label(kind)) + " " + key + " 已入账 " + yuan(r.amount_fen);
  tx.commit();  // the deferred trigger checks once more that the transaction balances
  return r;
}

PostResult Ledger::post_appropriation(const AppropriationRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.budget_document_number, "budget_document_number")) return *bad;
  if (auto bad = check_court_year(q.court_code, q.year)) return *bad;
  if (auto bad = check_amount(q.amount, "amount")) return *bad;
  return post(TransactionKind::appropriation, q.budget_document_number, posted_by, [&](Plan& p) {
    p.content.court_code = q.court_code;
    p.content.year = q.year;
    p.content.amount_fen = q.amount.fen();
    p.content.business_date = q.business_date;
    p.legs = {{AccountKind::bank, 0, "银行存款", q.amount.fen(), 0},
              {AccountKind::fund, 0, "救助资金", 0, q.amount.fen()}};
    return PostResult{};
  });
}

PostResult Ledger::post_grant(const GrantRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.decision_number, "decision_number")) return *bad;
  auto number = CaseNumber::parse(q.decision_number);
  if (!number || number->type_code != "司救执")
    return refuse(PostStatus::invalid_request, "决定书案号应为司救执案号：" + q.decision_number,
                  "decision_number");
  if (auto bad = check_court_year(q.court_code, q.year)) return *bad;
  if (auto bad = check_amount(q.amount, "amount")) return *bad;
  if (q.applicant_party_id <= 0 || q.applicant_name.empty())
    return refuse(PostStatus::invalid_request, "缺少救助申请人", "applicant");
  if (auto bad = check_text(q.applicant_name, "applicant_name", kMaxNameBytes)) return *bad;
  const std::string decision_sha = lower(q.decision_document_sha256);
  if (!is_sha256_hex(decision_sha))
    return refuse(PostStatus::invalid_request, "决定书 SHA-256 应为 64 位十六进制",
                  "decision_document_sha256");
  return post(TransactionKind::grant, number->text(), posted_by, [&](Plan& p) -> PostResult {
    p.content.court_code = q.court_code;
    p.content.year = q.year;
    p.content.amount_fen = q.amount.fen();
    p.content.business_date = q.business_date;
    p.content.applicant_party_id = q.applicant_party_id;
    p.content.applicant_name = q.applicant_name;
    p.content.decision_number = number->text();
    p.content.decision_document_sha256 = decision_sha;
    if (auto refused = check_panel_decision(p.store, q, number->text(), decision_sha)) {
      refused->amount_fen = q.amount.fen();
      return *refused;
    }
    p.legs = {{AccountKind::fund, 0, "救助资金", q.amount.fen(), 0},
              {AccountKind::payable, q.applicant_party_id, "应付救助金 " + q.applicant_name, 0,
               q.amount.fen()}};
    p.assign_voucher = true;
    return PostResult{};
  });
}

std::vector<PostResult> Ledger::post_grants(const std::vector<GrantRequest>& requests,
                                            const std::string& posted_by) {
  auto key = [](const GrantRequest& g) {
    auto n = CaseNumber::parse(g.decision_number);
    return std::make_tuple(g.court_code, g.year, n ? n->year : 0, n ? n->serial : 0,
                           g.decision_number);
  };
  std::vector<size_t> order(requests.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key(requests[a]) < key(requests[b]); });
  std::vector<PostResult> out(requests.size());
  for (size_t i : order) out[i] = post_grant(requests[i], posted_by);
  return out;
}

PostResult Ledger::post_payment(const PaymentRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.bank_reference, "bank_reference")) return *bad;
  if (auto bad = check_text(q.voucher_number, "voucher_number", kMaxVoucherNumberBytes))
    return *bad;
  if (auto bad = check_amount(q.amount, "amount")) return *bad;
  return post(TransactionKind::payment, q.bank_reference, posted_by, [&](Plan& p) -> PostResult {
    p.content.voucher_number = q.voucher_number;
    p.content.amount_fen = q.amount.fen();
    p.content.business_date = q.paid_on;
    auto voucher = p.store.find_voucher(q.voucher_number);
    if (!voucher)
      return refuse(PostStatus::not_found, "凭证号不存在：" + q.voucher_number, "voucher_number");
    auto grant = p.store.transaction_by_id(voucher->grant_transaction_id);
    ZHIXING_INVARIANT(grant.has_value(), "a voucher names its grant");
    p.content.court_code = voucher->court_code;
    p.content.year = voucher->year;
    if (p.store.reversal_of(grant->id))
      return refuse(PostStatus::grant_reversed, "凭证 " + q.voucher_number + " 的救助发放已冲正",
                    "voucher_number");
    if (p.store.live_payments_of_voucher(q.voucher_number) > 0 ||
        p.store.find_confirmation(q.voucher_number))
      return refuse(PostStatus::already_paid,
                    "凭证 " + q.voucher_number + " 已以其他银行流水号支付", "voucher_number");
    if (q.amount.fen() != grant->content.amount_fen) {
      PostResult r =
          refuse(PostStatus::amount_differs_from_voucher,
                 "凭证 " + q.voucher_number + " 金额为 " + yuan(grant->content.amount_fen) +
                     "，银行确认为 " + yuan(q.amount.fen()),
                 "amount");
      r.amount_fen = grant->content.amount_fen;
      return r;
    }
    const int64_t party = grant->content.applicant_party_id;
    p.legs = {{AccountKind::payable, party, "应付救助金 " + grant->content.applicant_name,
               q.amount.fen(), 0},
              {AccountKind::bank, 0, "银行存款", 0, q.amount.fen()}};
    LedgerConfirmationRow c;
    c.voucher_number = q.voucher_number;
    c.paid_on = q.paid_on.iso();
    c.amount_fen = q.amount.fen();
    c.bank_reference = q.bank_reference;
    p.confirmation = c;
    return PostResult{};
  });
}

PostResult Ledger::post_offset(const OffsetRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.receipt_reference, "receipt_reference")) return *bad;
  if (auto bad = check_court_year(q.court_code, q.year)) return *bad;
  if (auto bad = check_amount(q.received, "received")) return *bad;
  if (q.applicant_party_id <= 0)
    return refuse(PostStatus::invalid_request, "缺少救助申请人", "applicant");
  return post(TransactionKind::offset, q.receipt_reference, posted_by, [&](Plan& p) -> PostResult {
    p.content.court_code = q.court_code;
    p.content.year = q.year;
    p.content.applicant_party_id = q.applicant_party_id;
    p.content.received_fen = q.received.fen();
    p.content.business_date = q.business_date;
    if (!options_.offsets_enabled)
      return refuse(PostStatus::offsets_disabled,
                    "未启用执行到位款扣回救助金（ledger.offsets_enabled）");
    const int64_t unrecovered =
        p.store.unrecovered_relief_fen(q.court_code, q.year, q.applicant_party_id);
    if (unrecovered <= 0) return refuse(PostStatus::nothing_to_offset, "申请人没有未收回的救助金");
    const int64_t amount = std::min<int64_t>(q.received.fen(), unrecovered);
    ZHIXING_INVARIANT(amount > 0 && amount <= unrecovered,
                      "an offset never exceeds the unrecovered relief");
    p.content.amount_fen = amount;
    p.legs = {{AccountKind::refunds, 0, "上缴国库", amount, 0},
              {AccountKind::recoveries, 0, "追回/扣回", 0, amount}};
    return PostResult{};
  });
}

PostResult Ledger::post_recovery(const RecoveryRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.revocation_decision_number, "revocation_decision_number")) return *bad;
  if (auto bad = check_court_year(q.court_code, q.year)) return *bad;
  if (auto bad = check_amount(q.amount, "amount")) return *bad;
  if (q.applicant_party_id <= 0)
    return refuse(PostStatus::invalid_request, "缺少救助申请人", "applicant");
  if (auto bad = check_text(q.reason, "reason", kMaxReasonBytes, false)) return *bad;
  return post(TransactionKind::recovery, q.revocation_decision_number, posted_by,
              [&](Plan& p) -> PostResult {
                p.content.court_code = q.court_code;
                p.content.year = q.year;
                p.content.applicant_party_id = q.applicant_party_id;
                p.content.amount_fen = q.amount.fen();
                p.content.business_date = q.business_date;
                p.content.reason = q.reason;
                p.content.decision_number = q.revocation_decision_number;
                const int64_t unrecovered =
                    p.store.unrecovered_relief_fen(q.court_code, q.year, q.applicant_party_id);
                if (q.amount.fen() > unrecovered) {
                  PostResult r =
                      refuse(PostStatus::exceeds_unrecovered_relief,
                             "追回金额超过未收回的救助金 " + yuan(unrecovered), "amount");
                  r.amount_fen = unrecovered;
                  return r;
                }
                p.legs = {{AccountKind::refunds, 0, "上缴国库", q.amount.fen(), 0},
                          {AccountKind::recoveries, 0, "追回/扣回", 0, q.amount.fen()}};
                return PostResult{};
              });
}

PostResult Ledger::post_reversal(const ReversalRequest& q, const std::string& posted_by) {
  if (auto bad = check_key(q.original_key, "original_key")) return *bad;
  if (auto bad = check_text(q.reason, "reason", kMaxReasonBytes, false)) return *bad;
  const std::string key = "reversal:" + q.original_key;
  return post(TransactionKind::reversal, key, posted_by, [&](Plan& p) -> PostResult {
    p.content.reverses_key = std::string(kind_name(q.original_kind)) + ":" + q.original_key;
    p.content.business_date = q.business_date;
    p.content.reason = q.reason;
    if (q.original_kind == TransactionKind::reversal)
      return refuse(PostStatus::cannot_reverse_a_reversal, "冲正交易不能再冲正");
    auto original = p.store.find_transaction(q.original_kind, q.original_key);
    if (!original)
      return refuse(PostStatus::not_found, "要冲正的交易不存在：" + q.original_key, "original_key");
    if (p.store.reversal_of(original->id))
      return refuse(PostStatus::already_reversed, "交易已冲正：" + q.original_key);
    p.reverses_id = original->id;
    p.content.court_code = original->content.court_code;
    p.content.year = original->content.year;
    p.content.amount_fen = original->content.amount_fen;
    for (const LedgerEntryRow& e : p.store.entries_of(original->id)) {
      auto account = p.store.account_by_id(e.account_id);
      ZHIXING_INVARIANT(account.has_value(), "an entry names its account");
      p.legs.push_back(
          {account->kind, account->applicant_party_id, account->name, e.credit_fen, e.debit_fen});
    }
    return PostResult{};
  });
}

std::vector<PostedGrant> Ledger::posted_grants(const std::string& court_code, int year) {
  LedgerStore store(sql_);
  std::vector<PostedGrant> out;
  for (const auto& row : store.posted_grants(court_code, year)) {
    const TransactionContent& c = row.grant.content;
    PostedGrant g;
    g.voucher_number = row.voucher_number;
    g.decision_number = c.decision_number;
    g.court_code = c.court_code;
    g.year = c.year;
    g.applicant_party_id = c.applicant_party_id;
    g.applicant_name = c.applicant_name;
    g.amount = Money::from_fen(c.amount_fen);
    g.decided_on = c.business_date;
    g.decision_document_sha256 = c.decision_document_sha256;
    g.reversed = row.reversed;
    g.paid = row.paid;
    out.push_back(std::move(g));
  }
  return out;
}

int64_t Ledger::balance_fen(const std::string& court_code, int year, AccountKind kind,
                            int64_t applicant_party_id) {
  LedgerStore store(sql_);
  const auto totals =
      store.totals_of_account_code(account_code(court_code, year, kind, applicant_party_id));
  return is_credit_normal(kind) ? totals.credit_fen - totals.debit_fen
                                : totals.debit_fen - totals.credit_fen;
}

int64_t Ledger::unrecovered_relief_fen(const std::string& court_code, int year,
                                       int64_t applicant_party_id) {
  LedgerStore store(sql_);
  return store.unrecovered_relief_fen(court_code, year, applicant_party_id);
}

}  // namespace zhixing::ledger
