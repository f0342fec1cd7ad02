// Where relief meets the ledger: the granted panel decisions that are handed to the ledger for
// posting, and the posted grants (with their vouchers) that the relief documents print.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"
#include "core/money.h"
#include "documents/kinds/document_kind.h"

namespace zhixing::inline store {

// A granted panel decision, as the ledger's grant posting needs it.
struct GrantedDecision {
  long long case_id = 0;        // the enforcement case
  std::string decision_number;  // the 司救执 case number
  std::string court_code;
  int year = 0;
  long long applicant_party_id = 0;
  std::string applicant_name;
  Money amount;
  Date decided_on;
  // The SHA-256 of the decision's relief-decision document as first issued; empty when none has
  // been issued yet.
  std::optional<std::string> decision_document_sha256;
};

// The granted decisions dated on or before `through`, in decision-number order.
std::vector<GrantedDecision> granted_decisions_through(soci::session& sql, Date through);

// Case id -> its relief records for rendering: the decisions (relief_records_for) and the
// posted grants not reversed (one voucher each), in voucher-number order.
std::map<long long, documents::ReliefRecords> relief_records(
    soci::session& sql, const std::vector<long long>& case_ids);

}  // namespace zhixing::inline store
