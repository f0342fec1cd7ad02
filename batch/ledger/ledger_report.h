// The finance report of one court's relief fund for one year (`zhixing ledger report`): grants,
// payments, offsets, recoveries and balances per applicant and per month, totals in figures and
// 大写, and the verification result. Figures are net of reversals: a reversed transaction and its
// reversal are both left out (together they move nothing).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "documents/layout/blocks.h"
#include "ledger/verifier.h"

namespace zhixing::ledger {

struct FlowFigures {
  int64_t appropriations_fen = 0;
  int64_t grants_fen = 0;
  int64_t payments_fen = 0;
  int64_t offsets_fen = 0;
  int64_t recoveries_fen = 0;
  int grant_count = 0;
};

struct ApplicantLine {
  int64_t applicant_party_id = 0;
  std::string applicant_name;
  std::vector<std::string> voucher_numbers;
  FlowFigures flows;
  int64_t payable_fen = 0;      // granted, not yet paid
  int64_t unrecovered_fen = 0;  // paid, not yet offset or recovered
};

struct MonthLine {
  std::string period;  // "2024-08": the twelve months of the year, then any later month
  FlowFigures flows;
  int64_t fund_available_fen = 0;  // at the month's end
};

struct AccountLine {
  std::string code;
  std::string label;
  int64_t balance_fen = 0;  // normal side
};

struct LedgerReport {
  std::string court_code;
  std::string court_name;
  int year = 0;
  std::vector<ApplicantLine> applicants;  // by name, then party id
  std::vector<MonthLine> months;          // the year's twelve, then later ones with activity
  FlowFigures totals;
  int64_t fund_available_fen = 0;
  std::vector<AccountLine> accounts;
  VerifyResult verification;
};

LedgerReport build_ledger_report(soci::session& sql, const std::string& court_code, int year);

// CSV (UTF-8, amounts 305000.00), ending with "# verify: ok" or "# verify: mismatch at entry N".
std::string ledger_report_csv(const LedgerReport& report);

// The same report as blocks for the document engine's layout and PDF writer.
layout::Document ledger_report_document(const LedgerReport& report);

}  // namespace zhixing::ledger
