// What the update rules need of known cases, read in bulk (one query per table for a whole
// batch) before anything is written: the fixed facts, the case row's content hash, the parties
// with their agents, and the keys of the measures, receipts, settlement and relief application.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <soci/soci.h>

namespace zhixing::inline store::case_rows {

struct StoredParty {
  long long id = 0;
  int position = 0;
  std::string kind, name, id_number, uscc;
  std::string mutable_key;              // address, phone, bank (case_rows::party_mutable_key)
  std::vector<std::string> agent_keys;  // in position order (case_rows::agent_key)
};

struct StoredReceipt {
  std::string key, on, reference;
  long long amount_fen = 0;
};

// decided_on, granted, amount (-1: none), members joined by ',', exception approved.
using StoredPanel = std::optional<std::tuple<std::string, bool, long long, std::string, bool>>;

struct StoredCase {
  long long id = 0;
  std::string filed_on, cause;
  long long recovered_fen = 0;
  std::optional<std::string> title_key;  // case_rows::title_key, none when null
  std::string row_sha256;                // empty when null
  bool receipts_recorded = false;
  std::map<std::string, StoredParty> parties;  // by party key
  int max_party_position = -1;
  std::map<std::string, int> measure_keys;  // measure_key -> how many
  int next_measure_position = 0;
  std::vector<StoredReceipt> receipts;  // in position order
  int next_receipt_position = 0;
  std::optional<std::string> settlement_key;  // with the instalments; none without settlement
  long long settlement_id = 0;
  std::optional<std::string> relief_key;  // the application's facts; none without one
  StoredPanel panel;
};

// The stored state of the cases with these ids, locking their case rows (for update).
std::map<long long, StoredCase> read_stored_cases(soci::session& sql,
                                                  const std::vector<long long>& ids);

}  // namespace zhixing::inline store::case_rows
