// The canonical content of one ledger entry built from its rows: what the poster hashes when it
// appends the entry and what the verifier hashes again from the rows read back. One function for
// both, so a hash always covers exactly what the tables hold.
#pragma once

#include "ledger/hash_chain.h"
#include "store/ledger_store.h"

namespace zhixing::ledger {

// `voucher` is the grant's voucher (grants), `confirmation` the payment's bank confirmation
// (payments), else null; both enter only a version-2 entry. entry.version selects the version.
EntryContent entry_content(const LedgerEntryRow& entry, const LedgerTransactionRow& transaction,
                           const LedgerAccountRow& account, const LedgerVoucherRow* voucher,
                           const LedgerConfirmationRow* confirmation);

}  // namespace zhixing::ledger
