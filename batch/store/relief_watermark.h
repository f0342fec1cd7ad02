// The watermark of incremental relief assessment (schema 024_relief_incremental.sql): what the
// last completed assessment of every candidate had seen, and which cases can have changed since.
//
// Concurrent writers that commit late stay covered: a position is taken before the run reads
// any case. An import run still `running` then (its later batches commit after the read), or an
// import run or relief decision whose id is below the highest visible one but is not visible
// itself (its insert commits late), is recorded as open; the next run reads the cases of every
// open id again, and of every id above the floor. A run killed before it completes saves
// nothing: the next run starts from the previous watermark.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace zhixing::inline store {

struct ReliefWatermark {
  std::string policy_sha256;  // relief::policy_sha256 of the policy used
  Date business_date;
  long long import_run_floor = 0;           // import runs ≤ this were seen …
  std::vector<long long> open_import_runs;  // … except these
  long long decision_floor = 0;             // relief_decisions ≤ this were seen …
  std::vector<long long> open_decisions;    // … except these
  bool full_run = false;
};

// The watermark of the last completed run, if any.
std::optional<ReliefWatermark> load_relief_watermark(soci::session& sql);

// Where the database stands now, relative to `previous` (none: from nothing): the floors are
// the highest visible ids; open are the running import runs and the ids at or below a floor
// that are not visible (yet), including previous open ids still in that state.
ReliefWatermark relief_position(soci::session& sql, const std::optional<ReliefWatermark>& previous);

// Saves the watermark of a completed run (one row, replaced).
void save_relief_watermark(soci::session& sql, const ReliefWatermark& watermark);

// The cases, in id order, whose assessment inputs can have changed since `since` up to the
// business date `through` (≥ since.business_date): changed by an import run above the floor or
// open; with a relief decision above the floor or open (`relief decide`, the console, the
// numbering of imported panels); or with an assessment that time alone changes after
// since.business_date and on or before `through` (due_on).
std::vector<long long> relief_changed_case_ids(soci::session& sql, const ReliefWatermark& since,
                                               Date through);

}  // namespace zhixing::inline store
