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

// Ids for a batch's new rows (cases, parties, settlements), drawn from the sequences before the
// batch is written, so that they follow the file's order whichever connection writes it and
// whenever it commits (the importer writes batches on two connections at once). Enough for every
// record of the batch to be new; what the batch does not use is a gap in the sequence. A
// CaseStore without a reserve draws as it goes. Rows that nothing refers to by id (measures,
// receipts, agents, instalments) take their ids from their sequences as they are written.
class IdReserve {
 public:
  static IdReserve draw(soci::session& sql, const std::vector<const CaseRecord*>& records);
  // n ids of `sequence` ("cases_id_seq", "parties_id_seq", "settlements_id_seq"), in order: the
  // reserve's next ones, or drawn from the sequence when it has fewer left.
  std::vector<long long> take(soci::session& sql, const char* sequence, size_t n);

 private:
  struct Ids {
    std::vector<long long> ids;
    size_t used = 0;
  };
  Ids* of(const char* sequence);
  Ids cases_, parties_, settlements_;
};

enum class UpsertOutcome { inserted, updated, unchanged, conflict };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::unchanged;
  std::optional<Rejection> conflict;  // set when outcome == conflict
};

class CaseStore {
 public:
  CaseStore(soci::session& sql, int64_t import_run_id, IdReserve* ids = nullptr)
      : sql_(sql), run_id_(import_run_id), ids_(ids) {}

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
  IdReserve* ids_;
};

// Canonical JSON of the parts stored as jsonb, shared with tests.
std::string officers_json(const Officers& o);
std::string title_document_json(const TitleDocument& t);
std::string periods_json(const std::vector<Period>& periods, const char* note_key);

}  // namespace zhixing::inline store
