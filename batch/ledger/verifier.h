// `zhixing ledger verify`: recomputes the hash chain, every transaction's content hash and
// balance, every account's running balance, the voucher of every grant and the bank confirmation
// of every payment, from the rows alone; and checks the anchors — chain heads recorded outside
// the database (a report's `# head:` line, a night's summary) — so that entries deleted from the
// end of the chain are caught too. Reports the first entry (by sequence) that does not match.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace zhixing::ledger {

// A chain head recorded outside the database: entry `sequence` had hash `hash` (sequence 0: the
// empty ledger, the genesis hash).
struct Anchor {
  long long sequence = 0;
  std::string hash;
  bool operator==(const Anchor&) const = default;
};

// "SEQ:HASH" (64 lower- or upper-case hex digits); nullopt when `text` is not one.
std::optional<Anchor> parse_anchor(const std::string& text);
// Every anchor in a saved report or run summary: lines `# head: SEQ HASH` (CSV, text, the PDF's
// extracted text) and `"ledger_head": {"seq": SEQ, "hash": "HASH"}` (summary JSON).
std::vector<Anchor> anchors_in_text(const std::string& text);
// The report's line: "# head: SEQ HASH".
std::string head_line(long long sequence, const std::string& hash);

struct VerifyResult {
  bool ok = true;
  long long entries_checked = 0;
  long long transactions_checked = 0;
  long long anchors_checked = 0;
  long long first_bad_sequence = 0;  // the entry named; 0 when ok (or no entry to name)
  std::string problem;               // Chinese, for people
  long long head_sequence = 0;       // the last entry's sequence as stored (0 when empty)
  std::string head_hash;             // its hash (the genesis hash when empty)

  // "ok" or "mismatch at entry N" (the report's `# verify:` line).
  std::string summary() const;
};

VerifyResult verify_ledger(soci::session& sql, const std::vector<Anchor>& anchors = {});

}  // namespace zhixing::ledger
