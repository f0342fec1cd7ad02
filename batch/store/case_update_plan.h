// An update of a known case decided before anything is written (case_update.cpp): either a
// conflict or the parts that change. The batch's plans are then written together, one
// statement or COPY per table (case_update_write.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/case_record.h"
#include "store/case_store.h"
#include "store/case_stored.h"

namespace zhixing::inline store::case_rows {

struct UpdatePlan {
  const SourcedRecord* rec = nullptr;
  const StoredCase* stored = nullptr;
  bool row_changed = false;                   // the case row's facts (cases.row_sha256)
  bool receipts_turn_on = false;              // receipts_recorded becomes true
  std::vector<const Party*> changed_parties;  // known parties whose address, phone or bank differ
  std::vector<const Party*> new_parties;      // added after the known ones
  std::vector<const Party*> agents_replaced;  // known parties whose agents differ
  std::vector<const Measure*> new_measures;   // after the known ones
  std::vector<const Receipt*> new_receipts;   // after the known ones
  bool settlement_changed = false;            // replaced as a whole, with its instalments
  bool relief_changed = false;                // the application's facts
  bool panel_added = false;                   // a panel decision where none is recorded

  bool changes_anything() const {
    return row_changed || receipts_turn_on || !changed_parties.empty() || !new_parties.empty() ||
           !agents_replaced.empty() || !new_measures.empty() || !new_receipts.empty() ||
           settlement_changed || relief_changed || panel_added;
  }
};

// The plan for `rec` against its stored case, or the conflict that rejects it.
UpsertResult plan_update(const SourcedRecord& rec, const StoredCase& stored, UpdatePlan& plan);

// Writes the plans (inside the caller's transaction). Every plan's line is recorded in
// case_sources; cases that change get updated_run_id = run_id and updated_line.
// New parties and settlements take their ids from `ids` (may be null: drawn).
void write_updates(soci::session& sql, int64_t run_id, const std::vector<UpdatePlan>& plans,
                   IdReserve* ids);

}  // namespace zhixing::inline store::case_rows
