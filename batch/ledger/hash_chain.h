// The ledger's hash chain: canonical texts of a transaction's content and of an entry, and
// entry hash = SHA-256(canonical entry ‖ previous entry's hash). Pure: no I/O, no clock.
//
// Canonical text (zhixing.ledger/1): one "name=value\n" line per field in a fixed order, values
// escaped (\ → \\, newline → \n) so no two contents share a text. Amounts are integer fen in
// decimal, dates ISO 8601. Wall-clock time never enters: only the business date, so a rerun of
// the same postings gives the same chain head.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "ledger/transaction_kind.h"

namespace zhixing::ledger {

// The hash before the first entry.
inline const std::string kGenesisHash(64, '0');

// What a transaction says, as compared for idempotency and hashed into content_sha256.
// posted_by is not content: the same posting by another user is the same transaction.
struct TransactionContent {
  TransactionKind kind = TransactionKind::appropriation;
  std::string key;  // idempotency key
  std::string court_code;
  int year = 0;
  int64_t amount_fen = 0;
  int64_t received_fen = 0;  // offsets only, else 0
  Date business_date;
  int64_t applicant_party_id = 0;  // 0: none
  std::string applicant_name;
  std::string decision_number;
  std::string decision_document_sha256;
  std::string voucher_number;
  std::string reverses_key;  // reversals: "<kind>:<key>" of the original
  std::string reason;
};

std::string canonical_transaction(const TransactionContent& content);
std::string content_sha256(const TransactionContent& content);

// Canonical entry versions: 1 (entries written before migration 010) covers the entry and its
// transaction; 2 also covers what carries money meaning beside them — the account's definition,
// the grant's voucher and the payment's bank confirmation — so that editing any of those rows
// breaks the chain at the entries that use it.
inline constexpr int kEntryVersion1 = 1;
inline constexpr int kEntryVersion2 = 2;
inline constexpr int kCurrentEntryVersion = kEntryVersion2;

struct EntryContent {
  int version = kCurrentEntryVersion;
  int64_t sequence = 0;
  std::string transaction_kind;
  std::string transaction_key;
  std::string transaction_content_sha256;
  std::string posted_by;
  Date business_date;
  std::string account_code;
  int64_t debit_fen = 0;
  int64_t credit_fen = 0;
  // Version 2 only.
  std::string account_kind;  // fund, payable …
  std::string account_court;
  int account_year = 0;
  int64_t account_applicant_party_id = 0;
  std::string account_name;
  std::string voucher_number;  // grants: the voucher assigned; else empty
  int voucher_serial = 0;
  std::string confirmation_voucher_number;  // payments: the bank confirmation applied; else empty
  std::string confirmation_paid_on;         // ISO
  int64_t confirmation_amount_fen = 0;
  std::string confirmation_bank_reference;
};

// zhixing.ledger.entry/1 or /2 after entry.version.
std::string canonical_entry(const EntryContent& entry);
// SHA-256 (lower-case hex) of canonical_entry(entry) followed by prev_hash (64 hex characters).
std::string entry_hash(const EntryContent& entry, const std::string& prev_hash);

}  // namespace zhixing::ledger
