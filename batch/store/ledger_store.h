// The ledger tables (sql/004_ledger.sql): the only SQL of the relief fund ledger. The posting
// rules live in ledger/ledger.h; this file reads and appends rows, nothing else. Every write
// happens inside the caller's transaction, after lock_appends().
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "ledger/hash_chain.h"
#include "ledger/transaction_kind.h"

namespace zhixing::inline store {

struct LedgerTransactionRow {
  long long id = 0;
  ledger::TransactionContent content;
  std::string content_sha256;  // as stored
  std::string posted_by;
  long long reverses_id = 0;  // reversals: the original's id
};

struct LedgerAccountRow {
  long long id = 0;
  std::string code;
  std::string court_code;
  int year = 0;
  ledger::AccountKind kind = ledger::AccountKind::fund;
  long long applicant_party_id = 0;
  std::string name;
};

struct LedgerEntryRow {
  long long sequence = 0;
  long long transaction_id = 0;
  long long account_id = 0;
  long long debit_fen = 0;
  long long credit_fen = 0;
  std::string prev_hash;
  std::string hash;
  int version = ledger::kCurrentEntryVersion;  // canonical entry version (1 before migration 010)
};

struct LedgerVoucherRow {
  std::string voucher_number;
  std::string court_code;
  int year = 0;
  int serial = 0;
  long long grant_transaction_id = 0;
};

struct LedgerConfirmationRow {
  std::string voucher_number;
  std::string paid_on;  // ISO
  long long amount_fen = 0;
  std::string bank_reference;
  long long payment_transaction_id = 0;
};

// A recorded panel decision (relief_decisions) as the ledger checks a grant against it.
struct PanelDecisionRow {
  long long case_id = 0;
  std::string case_number;  // the 司救执 number
  std::string court_code;
  int year = 0;
  bool granted = false;
  long long applicant_party_id = 0;
  std::string applicant_name;  // the party's name
  long long amount_fen = 0;    // 0 when refused
  std::string decided_on;      // ISO
  bool exception_approved = false;
  std::optional<long long> cap_fen;  // the latest assessment of the application, if any
};

struct ChainHead {
  long long sequence = 0;  // 0: empty ledger
  std::string hash = ledger::kGenesisHash;
};

class LedgerStore {
 public:
  explicit LedgerStore(soci::session& sql) : sql_(sql) {}

  // Serialises every append for the rest of the current transaction (pg_advisory_xact_lock), so
  // the chain never forks and balance checks see every earlier posting.
  void lock_appends();

  std::optional<LedgerTransactionRow> find_transaction(ledger::TransactionKind kind,
                                                       const std::string& key);
  std::optional<LedgerTransactionRow> transaction_by_id(long long id);
  // The reversal of transaction `id`, if any.
  std::optional<long long> reversal_of(long long id);

  // Finds or creates the account (accounts are created on first use).
  LedgerAccountRow account(const std::string& court_code, int year, ledger::AccountKind kind,
                           long long applicant_party_id, const std::string& name);
  std::optional<LedgerAccountRow> account_by_id(long long id);
  // Normal-side balance: credits − debits for credit-normal accounts, else debits − credits.
  long long balance_fen(const LedgerAccountRow& account);
  // Debit and credit sums of the account with this code; zeros when it has no entries or does
  // not exist yet.
  struct AccountTotals {
    long long debit_fen = 0;
    long long credit_fen = 0;
  };
  AccountTotals totals_of_account_code(const std::string& account_code);

  // Makes the current transaction one read-only snapshot (repeatable read); the first statement
  // of the transaction.
  void read_only_snapshot();

  std::vector<LedgerEntryRow> entries_of(long long transaction_id);
  ChainHead head();

  long long insert_transaction(const ledger::TransactionContent& content,
                               const std::string& content_sha256, const std::string& posted_by,
                               long long reverses_id);
  void insert_entry(const LedgerEntryRow& entry);

  int max_voucher_serial(const std::string& court_code, int year);
  void insert_voucher(const LedgerVoucherRow& voucher);
  std::optional<LedgerVoucherRow> find_voucher(const std::string& voucher_number);
  std::optional<LedgerVoucherRow> voucher_of_grant(long long grant_transaction_id);
  std::optional<LedgerConfirmationRow> find_confirmation(const std::string& voucher_number);
  void insert_confirmation(const LedgerConfirmationRow& confirmation, const std::string& by);
  std::vector<LedgerConfirmationRow> all_confirmations();
  // Payments of a voucher that are not reversed.
  long long live_payments_of_voucher(const std::string& voucher_number);

  // Relief paid to the applicant (court, year) less what was offset or recovered, ignoring
  // reversed transactions and reversals (a reversal nets its original to zero).
  long long unrecovered_relief_fen(const std::string& court_code, int year,
                                   long long applicant_party_id);

  // Grants of a court and year with their vouchers, in voucher order.
  struct PostedGrantRow {
    std::string voucher_number;
    LedgerTransactionRow grant;
    bool reversed = false;
    bool paid = false;  // a bank confirmation exists
  };
  std::vector<PostedGrantRow> posted_grants(const std::string& court_code, int year);

  // The panel decision with this 司救执 number, if recorded.
  std::optional<PanelDecisionRow> panel_decision(const std::string& decision_number);
  // Whether a relief-decision document of the decision's case with this SHA-256 was issued (any
  // version).
  bool decision_document_issued(long long case_id, const std::string& sha256);
  // The SHA-256 of the latest relief-decision document issued for the case, if any.
  std::optional<std::string> latest_decision_document(long long case_id);

  // The court's full name (courts table), or the code when unknown.
  std::string court_name(const std::string& court_code);

  // Everything, in order: for the verifier and reports.
  std::vector<LedgerAccountRow> all_accounts();
  std::vector<LedgerTransactionRow> all_transactions();
  std::vector<LedgerEntryRow> all_entries();
  std::vector<LedgerVoucherRow> all_vouchers();

 private:
  soci::session& sql_;
};

}  // namespace zhixing::inline store
