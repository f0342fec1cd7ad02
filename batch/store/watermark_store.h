// Watermarks of incremental runs (migration 023): what a completed run had seen, so that the
// next run reads only what can have changed since. A run reads the marks (read_change_marks)
// BEFORE it reads any case, does its work, and records them (record_watermark) once its work is
// committed; the next run starts from last_watermark and asks the queries below for the cases
// changed since.
//
// Why no change slips between the marks (transactions that commit after the marks were read):
//  - import_runs, relief_decisions and ledger_transactions take a shared advisory lock in a
//    BEFORE INSERT statement trigger, held to the end of the inserting transaction, before any
//    of their rows takes an id. read_change_marks takes that lock exclusively in its own short
//    transaction: the inserts in flight commit (or roll back) first, later ones take ids above
//    the marks (sequences are monotone). So "id <= mark" means "committed and visible to every
//    read after the marks", and every later row has an id above the mark.
//  - An import run changes cases only while its status is 'running' (its row is committed
//    before its first batch, its status leaves 'running' after its last): a change committed
//    after the marks is by a run above import_run_mark or by one of open_import_runs, and
//    cases.coalesce(updated_run_id, import_run_id) names the run of a case's last change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace zhixing::inline store {

struct ChangeMarks {
  long long import_run = 0;                 // highest import_runs.id
  std::vector<long long> open_import_runs;  // runs with id <= import_run still running
  long long decision = 0;                   // highest relief_decisions.id
  long long ledger = 0;                     // highest ledger_transactions.id
};

// Reads the marks now, in a transaction of its own (waits for inserts in flight into the three
// tables; they wait for it in turn, for the few milliseconds it takes).
ChangeMarks read_change_marks(soci::session& sql);

struct Watermark {
  long long id = 0;
  std::string stream;  // "plan-documents", "plan-vouchers", …
  Date business_date;  // the run covered everything dated on or before it
  ChangeMarks marks;
  std::optional<long long> execution_id;
  bool full_plan = false;  // the run read every case
};

// Adds the watermark (a row of its own; the caller's transaction, if any). Returns its id.
long long record_watermark(soci::session& sql, const Watermark& watermark);

// The stream's latest watermark, if any.
std::optional<Watermark> last_watermark(soci::session& sql, const std::string& stream);

// The queries of an incremental run; each returns distinct case ids in ascending order.

// Cases created or changed by an import run after the marks (or by a run open then).
std::vector<long long> cases_imported_since(soci::session& sql, const ChangeMarks& since);
// Cases with a relief decision recorded after the marks.
std::vector<long long> cases_decided_since(soci::session& sql, const ChangeMarks& since);
// Cases whose relief grant was posted, or reversed, after the marks.
std::vector<long long> cases_granted_since(soci::session& sql, const ChangeMarks& since);

// Which dates an event can come due by (documents/kinds/events.h says which kind needs which).
struct EventDates {
  bool measures = false;           // measures.taken_on (any kind of measure)
  bool zhongben_closures = false;  // closed_on of a terminated_current closure
  bool settlements = false;        // settlements.signed_on
  bool relief_decisions = false;   // relief_decisions.decided_on
  bool granted_only = false;       // … of granted decisions only
};
// Cases with such an event dated after `after` and on or before `through`.
std::vector<long long> cases_with_events_between(soci::session& sql, Date after, Date through,
                                                 const EventDates& dates);

// Cases with an item of a queue step, in any instance of the job ("nightly"), not done — failed,
// skipped, or left pending or claimed by a stopped run — whose event has no document.
std::vector<long long> cases_with_unfinished_items(soci::session& sql, const std::string& job,
                                                   const std::string& step);

}  // namespace zhixing::inline store
