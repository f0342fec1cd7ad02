// `zhixing ledger verify`: recomputes the hash chain, every transaction's content hash and
// balance, every account's running balance and the voucher of every grant, from the rows alone.
// Reports the first entry (by sequence) that does not match.
#pragma once

#include <soci/soci.h>

#include <string>

namespace zhixing::ledger {

struct VerifyResult {
  bool ok = true;
  long long entries_checked = 0;
  long long transactions_checked = 0;
  long long first_bad_sequence = 0;  // the entry named; 0 when ok (or no entry to name)
  std::string problem;               // Chinese, for people
  std::string head_hash;             // the last entry's hash (the genesis hash when empty)

  // "ok" or "mismatch at entry N" (the report's `# verify:` line).
  std::string summary() const;
};

VerifyResult verify_ledger(soci::session& sql);

}  // namespace zhixing::ledger
