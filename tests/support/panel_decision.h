// What the ledger requires before it posts a grant: a recorded, granted panel decision with that
// 司救执 number, its applicant and amount, the application's assessment (the cap) and the issued
// relief-decision document with its SHA-256. Tests that post grants record one first, written
// straight into the tables as the relief module and the nightly run would.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace zhixing::testing {

struct PanelDecisionSpec {
  std::string decision_number;  // （2024）冀0633司救执3号
  // The enforcement case: an existing case (its first applicant is the relief applicant), or,
  // when empty or not found, a new case （<year>）<court>执<9000 + serial>号 with a new applicant.
  std::string case_number;
  std::string applicant_name = "张秀兰";
  int64_t amount_fen = 0;
  std::string decided_on = "2024-08-20";
  bool granted = true;
  bool exception_approved = false;
  int64_t cap_fen = 28445400;   // ¥284,454.00: Hebei's 2024 cap (36 × 2023 monthly wage)
  std::string document_sha256;  // empty: SHA-256 of "relief-decision " + decision_number
};

struct RecordedDecision {
  long long case_id = 0;
  long long applicant_party_id = 0;
  std::string document_sha256;
};

RecordedDecision record_panel_decision(soci::session& sql, const PanelDecisionSpec& spec);

}  // namespace zhixing::testing
