// The bank confirmation file (docs/case-record.md, "Bank confirmation file"): CSV, UTF-8, header
// voucher_number,paid_on,amount,bank_reference; one row per relief payment the bank executed.
// Each line is matched against the vouchers and posted as a payment; the outcome is reported
// line by line. Every line is read and checked first (valid UTF-8, no NUL or other control
// character, bounded lengths, four well-formed fields): a file with any `invalid` line applies no
// line at all — its other lines are reported `not_applied` — so that nothing a bank file carries
// reaches a hash or a table unchecked. `mismatched` and `unknown` lines do not stop the others.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace zhixing::ledger {

enum class ConfirmationOutcome {
  matched,            // the payment was posted now
  already_confirmed,  // the same voucher with the same data was confirmed before: nothing written
  mismatched,         // the voucher exists but the line disagrees with it (field named)
  unknown,            // no such voucher
  invalid,            // the line cannot be read (field named): the file applies nothing
  not_applied,        // a readable line of a file with an invalid line: nothing was written
};

std::string_view outcome_name(ConfirmationOutcome outcome);

struct ConfirmationLine {
  int line_no = 0;
  std::string voucher_number;
  ConfirmationOutcome outcome = ConfirmationOutcome::invalid;
  std::string field;    // mismatched / invalid: which field
  std::string message;  // Chinese
  int64_t amount_fen = 0;
};

struct ConfirmationReport {
  std::vector<ConfirmationLine> lines;
  int matched = 0, already_confirmed = 0, mismatched = 0, unknown = 0, invalid = 0, not_applied = 0;
  bool applied() const { return invalid == 0; }  // false: no line of the file was applied
  bool all_good() const { return mismatched + unknown + invalid == 0; }
};

// "line 3: matched 冀0633-2024-JZ-0001 ¥50,000.00" …
std::string format_confirmation_line(const ConfirmationLine& line);
// The one-line total: "银行确认：匹配并登记支付 2 笔，…" (and, when nothing was applied, why).
std::string format_confirmation_totals(const ConfirmationReport& report);

// Reads and applies `content` (the file's bytes). Throws std::runtime_error only when the file is
// not a bank confirmation file at all (unreadable or wrong header, too many lines) or the
// database fails.
ConfirmationReport apply_bank_confirmations(Ledger& ledger, soci::session& sql,
                                            const std::string& content,
                                            const std::string& confirmed_by);

// A bank confirmation file paying every grant that is neither paid nor reversed, on `paid_on`,
// with bank references "<prefix><voucher number>": what the demo set-up hands to `ledger confirm`
// in place of the bank's file. Deterministic.
std::string bank_confirmation_csv_for_unpaid(const std::vector<PostedGrant>& grants, Date paid_on,
                                             const std::string& reference_prefix);

}  // namespace zhixing::ledger
