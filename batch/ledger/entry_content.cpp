#include "ledger/entry_content.h"

namespace zhixing::ledger {

EntryContent entry_content(const LedgerEntryRow& entry, const LedgerTransactionRow& transaction,
                           const LedgerAccountRow& account, const LedgerVoucherRow* voucher,
                           const LedgerConfirmationRow* confirmation) {
  EntryContent c;
  c.version = entry.version;
  c.sequence = entry.sequence;
  c.transaction_kind = std::string(kind_name(transaction.content.kind));
  c.transaction_key = transaction.content.key;
  c.transaction_content_sha256 = transaction.content_sha256;
  c.posted_by = transaction.posted_by;
  c.business_date = transaction.content.business_date;
  c.account_code = account.code;
  c.debit_fen = entry.debit_fen;
  c.credit_fen = entry.credit_fen;
  if (entry.version < kEntryVersion2) return c;
  c.account_kind = std::string(account_kind_name(account.kind));
  c.account_court = account.court_code;
  c.account_year = account.year;
  c.account_applicant_party_id = account.applicant_party_id;
  c.account_name = account.name;
  if (voucher) {
    c.voucher_number = voucher->voucher_number;
    c.voucher_serial = voucher->serial;
  }
  if (confirmation) {
    c.confirmation_voucher_number = confirmation->voucher_number;
    c.confirmation_paid_on = confirmation->paid_on;
    c.confirmation_amount_fen = confirmation->amount_fen;
    c.confirmation_bank_reference = confirmation->bank_reference;
  }
  return c;
}

}  // namespace zhixing::ledger
