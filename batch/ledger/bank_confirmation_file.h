// Reading the bank confirmation file (docs/case-record.md, "Bank confirmation file"): CSV, UTF-8,
// header voucher_number,paid_on,amount,bank_reference. Pure: no database, so that the reader can
// be tested and fuzzed on its own (fuzz/bank_confirmation_fuzzer.cpp); matching the lines against
// the ledger is apply_bank_confirmations (ledger/bank_confirmation.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"

namespace zhixing::ledger {

// One data line of the file, read but not yet matched against the ledger.
struct ConfirmationFileLine {
  int line_no = 0;  // 1-based, counting the header and blank lines
  std::string voucher_number;
  Date paid_on;
  Money amount;
  std::string bank_reference;
  // The line cannot be read: `invalid_field` names the field (empty: the line as a whole, e.g.
  // the wrong number of columns), `invalid_message` says why in Chinese.
  bool invalid = false;
  std::string invalid_field;
  std::string invalid_message;
};

// The file's data lines in order; blank lines are skipped, a leading UTF-8 BOM is allowed.
// Throws std::runtime_error when the content is not a bank confirmation file at all: no header,
// a wrong header, or more lines than one court's payments can have.
std::vector<ConfirmationFileLine> read_bank_confirmation_file(std::string_view content);

}  // namespace zhixing::ledger
