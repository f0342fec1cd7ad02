#include "store/ledger_store.h"

#include <stdexcept>

#include "core/invariant.h"

namespace zhixing::inline store {

namespace {

// pg_advisory_xact_lock key for ledger appends (7320000/7320001: roles and migrations).
constexpr long long kLedgerAppendLock = 7320100;

constexpr const char* kTransactionColumns =
    "select t.id, t.kind, t.idempotency_key, t.content_sha256, t.court_code, t.year, t.amount_fen,"
    " coalesce(t.received_fen, 0), t.business_date::text, coalesce(t.applicant_party_id, 0),"
    " coalesce(t.applicant_name, ''), coalesce(t.decision_number, ''),"
    " coalesce(t.decision_document_sha256, ''), coalesce(t.voucher_number, ''),"
    " coalesce(o.kind || ':' || o.idempotency_key, ''), t.reason, t.posted_by,"
    " coalesce(t.reverses_transaction_id, 0)"
    " from ledger_transactions t left join ledger_transactions o on o.id = "
    "t.reverses_transaction_id ";

Date parse_date(const std::string& iso) {
  auto d = Date::parse_iso(iso);
  if (!d) throw std::runtime_error("台账中的日期无法解析：" + iso);
  return *d;
}

LedgerTransactionRow transaction_from(const soci::row& r) {
  LedgerTransactionRow t;
  t.id = r.get<long long>(0);
  auto kind = ledger::parse_transaction_kind(r.get<std::string>(1));
  if (!kind) throw std::runtime_error("台账中的交易类型未知：" + r.get<std::string>(1));
  t.content.kind = *kind;
  t.content.key = r.get<std::string>(2);
  t.content_sha256 = r.get<std::string>(3);
  t.content.court_code = r.get<std::string>(4);
  t.content.year = r.get<int>(5);
  t.content.amount_fen = r.get<long long>(6);
  t.content.received_fen = r.get<long long>(7);
  t.content.business_date = parse_date(r.get<std::string>(8));
  t.content.applicant_party_id = r.get<long long>(9);
  t.content.applicant_name = r.get<std::string>(10);
  t.content.decision_number = r.get<std::string>(11);
  t.content.decision_document_sha256 = r.get<std::string>(12);
  t.content.voucher_number = r.get<std::string>(13);
  t.content.reverses_key = r.get<std::string>(14);
  t.content.reason = r.get<std::string>(15);
  t.posted_by = r.get<std::string>(16);
  t.reverses_id = r.get<long long>(17);
  return t;
}

LedgerAccountRow account_from(const soci::row& r) {
  LedgerAccountRow a;
  a.id = r.get<long long>(0);
  a.code = r.get<std::string>(1);
  a.court_code = r.get<std::string>(2);
  a.year = r.get<int>(3);
  auto kind = ledger::parse_account_kind(r.get<std::string>(4));
  if (!kind) throw std::runtime_error("台账中的科目类型未知：" + r.get<std::string>(4));
  a.kind = *kind;
  a.applicant_party_id = r.get<long long>(5);
  a.name = r.get<std::string>(6);
  return a;
}

constexpr const char* kAccountColumns =
    "select id, code, court_code, year, kind, coalesce(applicant_party_id, 0), name"
    " from ledger_accounts ";

LedgerEntryRow entry_from(const soci::row& r) {
  LedgerEntryRow e;
  e.sequence = r.get<long long>(0);
  e.transaction_id = r.get<long long>(1);
  e.account_id = r.get<long long>(2);
  e.debit_fen = r.get<long long>(3);
  e.credit_fen = r.get<long long>(4);
  e.prev_hash = r.get<std::string>(5);
  e.hash = r.get<std::string>(6);
  e.version = r.get<int>(7);
  return e;
}

constexpr const char* kEntryColumns =
    "select sequence, transaction_id, account_id, debit_fen, credit_fen, prev_hash, hash,"
    " canonical_version::int from ledger_entries ";

LedgerVoucherRow voucher_from(const soci::row& r) {
  LedgerVoucherRow v;
  v.voucher_number = r.get<std::string>(0);
  v.court_code = r.get<std::string>(1);
  v.year = r.get<int>(2);
  v.serial = r.get<int>(3);
  v.grant_transaction_id = r.get<long long>(4);
  return v;
}

LedgerConfirmationRow confirmation_from(const soci::row& r) {
  LedgerConfirmationRow c;
  c.voucher_number = r.get<std::string>(0);
  c.paid_on = r.get<std::string>(1);
  c.amount_fen = r.get<long long>(2);
  c.bank_reference = r.get<std::string>(3);
  c.payment_transaction_id = r.get<long long>(4);
  return c;
}

constexpr const char* kConfirmationColumns =
    "select voucher_number, to_char(paid_on, 'YYYY-MM-DD'), amount_fen, bank_reference,"
    " payment_transaction_id from ledger_bank_confirmations ";

constexpr const char* kVoucherColumns =
    "select voucher_number, court_code, year, serial, grant_transaction_id from ledger_vouchers ";

}  // namespace

void LedgerStore::lock_appends() {
  long long key = kLedgerAppendLock;
  sql_ << "select pg_advisory_xact_lock(:k)", soci::use(key);
}

std::optional<LedgerTransactionRow> LedgerStore::find_transaction(ledger::TransactionKind kind,
                                                                  const std::string& key) {
  std::string k(ledger::kind_name(kind)), idem = key;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kTransactionColumns) +
                           "where t.kind = :k and t.idempotency_key = :key",
       soci::use(k), soci::use(idem));
  for (const auto& r : rows) return transaction_from(r);
  return std::nullopt;
}

std::optional<LedgerTransactionRow> LedgerStore::transaction_by_id(long long id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kTransactionColumns) + "where t.id = :id", soci::use(id));
  for (const auto& r : rows) return transaction_from(r);
  return std::nullopt;
}

std::optional<long long> LedgerStore::reversal_of(long long id) {
  long long reversal = 0;
  sql_ << "select id from ledger_transactions where reverses_transaction_id = :id", soci::use(id),
      soci::into(reversal);
  if (!sql_.got_data()) return std::nullopt;
  return reversal;
}

LedgerAccountRow LedgerStore::account(const std::string& court_code, int year,
                                      ledger::AccountKind kind, long long applicant_party_id,
                                      const std::string& name) {
  std::string code = ledger::account_code(court_code, year, kind, applicant_party_id);
  for (int attempt = 0; attempt < 2; ++attempt) {
    soci::rowset<soci::row> rows =
        (sql_.prepare << std::string(kAccountColumns) + "where code = :c", soci::use(code));
    for (const auto& r : rows) return account_from(r);
    if (attempt == 1) break;
    std::string k(ledger::account_kind_name(kind)), c = court_code, n = name;
    long long party = applicant_party_id;
    sql_ << "insert into ledger_accounts (code, court_code, year, kind, applicant_party_id, name)"
            " values (:code, :court, :year, :kind, nullif(:party, 0), :name)"
            " on conflict (code) do nothing",
        soci::use(code), soci::use(c), soci::use(year), soci::use(k), soci::use(party),
        soci::use(n);
  }
  throw std::runtime_error("无法建立台账科目 " + code);
}

std::optional<LedgerAccountRow> LedgerStore::account_by_id(long long id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kAccountColumns) + "where id = :id", soci::use(id));
  for (const auto& r : rows) return account_from(r);
  return std::nullopt;
}

long long LedgerStore::balance_fen(const LedgerAccountRow& account) {
  long long debits = 0, credits = 0;
  long long id = account.id;
  sql_ << "select coalesce(sum(debit_fen), 0)::bigint, coalesce(sum(credit_fen), 0)::bigint"
          " from ledger_entries where account_id = :a",
      soci::use(id), soci::into(debits), soci::into(credits);
  return ledger::is_credit_normal(account.kind) ? credits - debits : debits - credits;
}

LedgerStore::AccountTotals LedgerStore::totals_of_account_code(const std::string& account_code) {
  AccountTotals t;
  std::string code = account_code;
  sql_ << "select coalesce(sum(e.debit_fen), 0)::bigint, coalesce(sum(e.credit_fen), 0)::bigint"
          " from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = :c",
      soci::use(code), soci::into(t.debit_fen), soci::into(t.credit_fen);
  return t;
}

void LedgerStore::read_only_snapshot() {
  sql_ << "set transaction isolation level repeatable read, read only";
}

std::vector<LedgerEntryRow> LedgerStore::entries_of(long long transaction_id) {
  std::vector<LedgerEntryRow> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kEntryColumns) + "where transaction_id = :t order by sequence",
       soci::use(transaction_id));
  for (const auto& r : rows) out.push_back(entry_from(r));
  return out;
}

ChainHead LedgerStore::head() {
  ChainHead h;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "select sequence, hash from ledger_entries order by sequence desc limit 1");
  for (const auto& r : rows) {
    h.sequence = r.get<long long>(0);
    h.hash = r.get<std::string>(1);
  }
  return h;
}

long long LedgerStore::insert_transaction(const ledger::TransactionContent& c,
                                          const std::string& sha, const std::string& posted_by,
                                          long long reverses_id) {
  std::string kind(ledger::kind_name(c.kind)),
      key = c.key, court = c.court_code, date = c.business_date.iso(), name = c.applicant_name,
      decision = c.decision_number, decision_sha = c.decision_document_sha256,
      voucher = c.voucher_number, reason = c.reason, content_sha = sha, by = posted_by;
  long long amount = c.amount_fen, received = c.received_fen, party = c.applicant_party_id,
            reverses = reverses_id;
  int year = c.year;
  long long id = 0;
  sql_
      << "insert into ledger_transactions (kind, idempotency_key, content_sha256, court_code, year,"
         " amount_fen, received_fen, business_date, applicant_party_id, applicant_name,"
         " decision_number, decision_document_sha256, voucher_number, reverses_transaction_id,"
         " reason, posted_by) values (:kind, :key, :sha, :court, :year, :amount,"
         " nullif(:received, 0), cast(:date as date), nullif(:party, 0), nullif(:name, ''),"
         " nullif(:decision, ''), nullif(:dsha, ''), nullif(:voucher, ''), nullif(:rev, 0),"
         " :reason, :by) returning id",
      soci::use(kind), soci::use(key), soci::use(content_sha), soci::use(court), soci::use(year),
      soci::use(amount), soci::use(received), soci::use(date), soci::use(party), soci::use(name),
      soci::use(decision), soci::use(decision_sha), soci::use(voucher), soci::use(reverses),
      soci::use(reason), soci::use(by), soci::into(id);
  ZHIXING_INVARIANT(id > 0, "the inserted transaction has an id");
  return id;
}

void LedgerStore::insert_entry(const LedgerEntryRow& e) {
  LedgerEntryRow v = e;
  sql_ << "insert into ledger_entries (sequence, transaction_id, account_id, debit_fen, credit_fen,"
          " prev_hash, hash, canonical_version) values (:s, :t, :a, :d, :c, :p, :h, :v)",
      soci::use(v.sequence), soci::use(v.transaction_id), soci::use(v.account_id),
      soci::use(v.debit_fen), soci::use(v.credit_fen), soci::use(v.prev_hash), soci::use(v.hash),
      soci::use(v.version);
}

int LedgerStore::max_voucher_serial(const std::string& court_code, int year) {
  int serial = 0;
  std::string c = court_code;
  sql_
      << "select coalesce(max(serial), 0) from ledger_vouchers where court_code = :c and year = :y",
      soci::use(c), soci::use(year), soci::into(serial);
  return serial;
}

void LedgerStore::insert_voucher(const LedgerVoucherRow& v) {
  LedgerVoucherRow r = v;
  sql_ << "insert into ledger_vouchers (voucher_number, court_code, year, serial,"
          " grant_transaction_id) values (:n, :c, :y, :s, :g)",
      soci::use(r.voucher_number), soci::use(r.court_code), soci::use(r.year), soci::use(r.serial),
      soci::use(r.grant_transaction_id);
}

std::optional<LedgerVoucherRow> LedgerStore::find_voucher(const std::string& voucher_number) {
  std::string n = voucher_number;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kVoucherColumns) + "where voucher_number = :n", soci::use(n));
  for (const auto& r : rows) return voucher_from(r);
  return std::nullopt;
}

std::optional<LedgerVoucherRow> LedgerStore::voucher_of_grant(long long grant_transaction_id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kVoucherColumns) + "where grant_transaction_id = :g",
       soci::use(grant_transaction_id));
  for (const auto& r : rows) return voucher_from(r);
  return std::nullopt;
}

std::optional<LedgerConfirmationRow> LedgerStore::find_confirmation(
    const std::string& voucher_number) {
  std::string n = voucher_number;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kConfirmationColumns) + "where voucher_number = :n",
       soci::use(n));
  for (const auto& r : rows) return confirmation_from(r);
  return std::nullopt;
}

std::vector<LedgerConfirmationRow> LedgerStore::all_confirmations() {
  std::vector<LedgerConfirmationRow> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kConfirmationColumns) + "order by payment_transaction_id");
  for (const auto& r : rows) out.push_back(confirmation_from(r));
  return out;
}

std::optional<PanelDecisionRow> LedgerStore::panel_decision(const std::string& decision_number) {
  std::string n = decision_number;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "select d.case_id, d.case_number, d.court_code, d.year, d.granted::int,"
                       " d.applicant, p.name, coalesce(d.amount_fen, 0),"
                       " to_char(d.decided_on, 'YYYY-MM-DD'), d.exception_approved::int,"
                       " (select a.cap_fen from relief_assessments a where a.case_id = d.case_id"
                       "   and a.kind = 'application' order by a.assessed_at desc, a.id desc"
                       "   limit 1)"
                       " from relief_decisions d join parties p on p.id = d.applicant"
                       " where d.case_number = :n",
       soci::use(n));
  for (const auto& r : rows) {
    PanelDecisionRow d;
    d.case_id = r.get<long long>(0);
    d.case_number = r.get<std::string>(1);
    d.court_code = r.get<std::string>(2);
    d.year = r.get<int>(3);
    d.granted = r.get<int>(4) != 0;
    d.applicant_party_id = r.get<long long>(5);
    d.applicant_name = r.get<std::string>(6);
    d.amount_fen = r.get<long long>(7);
    d.decided_on = r.get<std::string>(8);
    d.exception_approved = r.get<int>(9) != 0;
    if (r.get_indicator(10) == soci::i_ok) d.cap_fen = r.get<long long>(10);
    return d;
  }
  return std::nullopt;
}

bool LedgerStore::decision_document_issued(long long case_id, const std::string& sha256) {
  int n = 0;
  std::string sha = sha256;
  sql_ << "select count(*)::int from documents where case_id = :c and kind = 'relief-decision'"
          " and sha256 = :s",
      soci::use(case_id), soci::use(sha), soci::into(n);
  return n > 0;
}

void LedgerStore::insert_confirmation(const LedgerConfirmationRow& c, const std::string& by) {
  LedgerConfirmationRow r = c;
  std::string who = by;
  sql_ << "insert into ledger_bank_confirmations (voucher_number, paid_on, amount_fen,"
          " bank_reference, payment_transaction_id, confirmed_by) values (:v, cast(:d as date), :a,"
          " :b, :t, :by)",
      soci::use(r.voucher_number), soci::use(r.paid_on), soci::use(r.amount_fen),
      soci::use(r.bank_reference), soci::use(r.payment_transaction_id), soci::use(who);
}

long long LedgerStore::live_payments_of_voucher(const std::string& voucher_number) {
  long long n = 0;
  std::string v = voucher_number;
  sql_ << "select count(*) from ledger_transactions t where t.kind = 'payment'"
          " and t.voucher_number = :v and not exists (select 1 from ledger_transactions r"
          " where r.reverses_transaction_id = t.id)",
      soci::use(v), soci::into(n);
  return n;
}

long long LedgerStore::unrecovered_relief_fen(const std::string& court_code, int year,
                                              long long applicant_party_id) {
  long long fen = 0;
  std::string c = court_code;
  long long party = applicant_party_id;
  // Payments carry no applicant column: the applicant is the grant's, through the voucher.
  sql_ << "select coalesce(sum(case when t.kind = 'payment' then t.amount_fen else -t.amount_fen "
          "end),"
          " 0)::bigint from ledger_transactions t"
          " left join ledger_vouchers v on v.voucher_number = t.voucher_number"
          " left join ledger_transactions g on g.id = v.grant_transaction_id"
          " where t.court_code = :c and t.year = :y and t.kind in ('payment', 'offset', 'recovery')"
          " and coalesce(t.applicant_party_id, g.applicant_party_id) = :p"
          " and not exists (select 1 from ledger_transactions r where r.reverses_transaction_id = "
          "t.id)",
      soci::use(c), soci::use(year), soci::use(party), soci::into(fen);
  return fen;
}

std::vector<LedgerStore::PostedGrantRow> LedgerStore::posted_grants(const std::string& court_code,
                                                                    int year) {
  std::vector<PostedGrantRow> out;
  std::string c = court_code;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "select v.voucher_number, v.grant_transaction_id,"
                       " exists (select 1 from ledger_transactions r"
                       "         where r.reverses_transaction_id = v.grant_transaction_id)::int,"
                       " exists (select 1 from ledger_bank_confirmations b"
                       "         where b.voucher_number = v.voucher_number)::int"
                       " from ledger_vouchers v where v.court_code = :c and v.year = :y"
                       " order by v.serial",
       soci::use(c), soci::use(year));
  std::vector<std::pair<PostedGrantRow, long long>> found;
  for (const auto& r : rows) {
    PostedGrantRow g;
    g.voucher_number = r.get<std::string>(0);
    g.reversed = r.get<int>(2) != 0;
    g.paid = r.get<int>(3) != 0;
    found.emplace_back(std::move(g), r.get<long long>(1));
  }
  for (auto& [g, id] : found) {
    auto t = transaction_by_id(id);
    if (!t) throw std::runtime_error("凭证 " + g.voucher_number + " 的救助发放不存在");
    g.grant = std::move(*t);
    out.push_back(std::move(g));
  }
  return out;
}

std::optional<std::string> LedgerStore::latest_decision_document(long long case_id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare
           << "select sha256 from documents where case_id = :c and kind = 'relief-decision'"
              " order by version desc, id desc limit 1",
       soci::use(case_id));
  for (const auto& r : rows) return r.get<std::string>(0);
  return std::nullopt;
}

std::string LedgerStore::court_name(const std::string& court_code) {
  std::string name, c = court_code;
  sql_ << "select name from courts where code = :c", soci::use(c), soci::into(name);
  return sql_.got_data() ? name : court_code;
}

std::vector<LedgerAccountRow> LedgerStore::all_accounts() {
  std::vector<LedgerAccountRow> out;
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kAccountColumns) + "order by id");
  for (const auto& r : rows) out.push_back(account_from(r));
  return out;
}

std::vector<LedgerTransactionRow> LedgerStore::all_transactions() {
  std::vector<LedgerTransactionRow> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kTransactionColumns) + "order by t.id");
  for (const auto& r : rows) out.push_back(transaction_from(r));
  return out;
}

std::vector<LedgerEntryRow> LedgerStore::all_entries() {
  std::vector<LedgerEntryRow> out;
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kEntryColumns) + "order by sequence");
  for (const auto& r : rows) out.push_back(entry_from(r));
  return out;
}

std::vector<LedgerVoucherRow> LedgerStore::all_vouchers() {
  std::vector<LedgerVoucherRow> out;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kVoucherColumns) + "order by court_code, year, serial");
  for (const auto& r : rows) out.push_back(voucher_from(r));
  return out;
}

}  // namespace zhixing::inline store
