// A job instance's queue of document items for one step, shared by the launcher and any
// `zhixing worker` (store/work_queue_store.h keeps the rows). Planning an item twice is a no-op;
// two processes never hold the same item; an item claimed by a process that stopped beating is
// claimable again. The item's effect (the documents row) has its own unique key, so even a
// reclaimed item cannot issue a document twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/work_queue_store.h"

namespace zhixing::jobs {

// The work queue store's row types, under the names the jobs API uses.
using zhixing::ClaimedItem;
using zhixing::PlannedItem;
using zhixing::QueueCounts;

class WorkQueue {
 public:
  WorkQueue(soci::session& sql, long long instance_id, std::string step_name)
      : sql_(sql), instance_id_(instance_id), step_(std::move(step_name)) {}

  // Inserts the items that are not queued yet; returns how many were new.
  long long plan(const std::vector<PlannedItem>& items) {
    return plan_work_items(sql_, instance_id_, step_, items);
  }

  // Claims up to n items in queue order (priority, case number, kind, date, position), taking
  // over items whose claiming worker stopped beating for stale_after_seconds. With
  // `only_kinds`, only items of those kinds.
  std::vector<ClaimedItem> claim(
      long long worker_id, int n, int stale_after_seconds,
      const std::optional<std::vector<std::string>>& only_kinds = std::nullopt) {
    return claim_work_items(sql_, instance_id_, step_, worker_id, n, stale_after_seconds,
                            only_kinds);
  }

  // In the caller's transaction, with the document row: the item is done by this execution.
  // Returns false when the item is no longer this worker's claim (it was taken over).
  bool complete(const ClaimedItem& item, long long worker_id, long long execution_id,
                const std::string& outcome, std::optional<long long> document_id) {
    return complete_work_item(sql_, item.id, worker_id, execution_id, outcome, document_id);
  }
  bool fail(const ClaimedItem& item, long long worker_id, long long execution_id,
            const std::string& error_code) {
    return fail_work_item(sql_, item.id, worker_id, execution_id, error_code);
  }
  // Claimed items not started, given back (a stop came while they were being loaded).
  void release(const std::vector<ClaimedItem>& items, long long worker_id) {
    std::vector<long long> ids;
    for (const auto& it : items) ids.push_back(it.id);
    release_work_items(sql_, ids, worker_id);
  }

  // The kinds of the items still to do (pending or claimed).
  std::vector<std::string> open_kinds() { return open_work_item_kinds(sql_, instance_id_, step_); }

  // Counts over the whole queue of this step, and those finished by one execution.
  QueueCounts counts() { return work_item_counts(sql_, instance_id_, step_); }
  QueueCounts counts_for_execution(long long execution_id) {
    return work_item_counts_for_execution(sql_, execution_id, step_);
  }

  long long instance_id() const { return instance_id_; }
  const std::string& step() const { return step_; }

 private:
  soci::session& sql_;
  long long instance_id_;
  std::string step_;
};

}  // namespace zhixing::jobs
