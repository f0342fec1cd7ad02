// Writes validated case records set-based: new cases by COPY (case_insert.cpp); known cases
// read in bulk (case_stored.cpp), checked under the spec's update rules (case_update.cpp) and
// written a table at a time, only what changed (case_update_write.cpp). Only the case store
// knows the case tables' columns.
//
// Contract: cases.import_run_id is the run that created the case; cases.updated_run_id and
// updated_line are the run and line that last changed anything of it (its row, parties,
// agents, measures, settlement, instalments, receipts or relief application), and stay as they
// are when a line changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"
#include "importer/rejection.h"
#include "store/pg_array.h"

namespace zhixing::inline store {

struct SourcedRecord {
  const CaseRecord* record = nullptr;
  std::string sha256;  // of the source line
  int64_t line = 0;
};

enum class UpsertOutcome { inserted, updated, unchanged, conflict };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::unchanged;
  std::optional<Rejection> conflict;  // set when outcome == conflict
};

class CaseStore {
 public:
  CaseStore(soci::session& sql, int64_t import_run_id) : sql_(sql), run_id_(import_run_id) {}

  // Inside the caller's transaction. Records must have distinct case numbers. Returns one
  // result per record, in order.
  std::vector<UpsertResult> upsert(const std::vector<SourcedRecord>& records);

 private:
  void insert_new(const std::vector<const SourcedRecord*>& records);
  // Known cases (ids[k] for records[k]); results[k] receives each outcome.
  void update_existing(const std::vector<const SourcedRecord*>& records,
                       const std::vector<long long>& ids, std::vector<UpsertResult*>& results);

  soci::session& sql_;
  int64_t run_id_;
};

// Canonical JSON of the parts stored as jsonb, shared with tests.
std::string officers_json(const Officers& o);
std::string title_document_json(const TitleDocument& t);
std::string periods_json(const std::vector<Period>& periods, const char* note_key);

}  // namespace zhixing::inline store
