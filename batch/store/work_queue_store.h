// The work_items table: a job instance's queue of document items, per step. Items are keyed
// (instance, step, case, kind, event date, position), so planning one twice is a no-op; they are
// claimed with FOR UPDATE SKIP LOCKED in one short statement, so two processes never hold the
// same item; an item whose claiming worker ended or stopped beating is claimable again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace zhixing::inline store {

struct PlannedItem {
  long long case_id = 0;
  std::string case_number;
  std::string kind;
  Date event_date;
  int event_position = 1;
  int priority = 1;  // 0: livelihood cases, rendered first
};

struct ClaimedItem {
  long long id = 0;
  long long case_id = 0;
  std::string case_number;
  std::string kind;
  Date event_date;
  int event_position = 1;
};

struct QueueCounts {
  long long pending = 0, claimed = 0, done = 0, failed = 0;
  long long written = 0;  // done items that issued a document now (the rest existed already)
  // failed items refused because the record lacks what the law requires first
  // (precondition_failed): recorded and skipped, but not counted toward jobs.skip_limit
  long long refused = 0;
};

// Inserts the items that are not queued yet (in its own transaction); returns how many were new.
long long plan_work_items(soci::session& sql, long long instance_id, const std::string& step,
                          const std::vector<PlannedItem>& items);

// Claims up to n items in queue order (priority, case number, kind, date, position), taking
// over items whose claiming worker ended or stopped beating for stale_after_seconds. With
// `only_kinds`, only items of those kinds (a worker without the seal's token claims the unsealed
// kinds); nullopt: every kind.
std::vector<ClaimedItem> claim_work_items(
    soci::session& sql, long long instance_id, const std::string& step, long long worker_id, int n,
    int stale_after_seconds,
    const std::optional<std::vector<std::string>>& only_kinds = std::nullopt);

// Marks the item done (with its outcome and document) or failed by this execution, if it is
// still this worker's claim; returns false when it was taken over.
bool complete_work_item(soci::session& sql, long long item_id, long long worker_id,
                        long long execution_id, const std::string& outcome,
                        std::optional<long long> document_id);
bool fail_work_item(soci::session& sql, long long item_id, long long worker_id,
                    long long execution_id, const std::string& error_code);
// Gives claimed items back to the queue untouched (pending, their claim's attempt not counted),
// those that are still this worker's claim.
void release_work_items(soci::session& sql, const std::vector<long long>& item_ids,
                        long long worker_id);

// The kinds of the step's items still to do (pending or claimed), sorted.
std::vector<std::string> open_work_item_kinds(soci::session& sql, long long instance_id,
                                              const std::string& step);

// Counts over the whole queue of a step, and over the items finished by one execution.
QueueCounts work_item_counts(soci::session& sql, long long instance_id, const std::string& step);
QueueCounts work_item_counts_for_execution(soci::session& sql, long long execution_id,
                                           const std::string& step);

// Makes the instance's failed items pending again (a new execution tries them again).
void retry_failed_work_items(soci::session& sql, long long instance_id);

}  // namespace zhixing::inline store
