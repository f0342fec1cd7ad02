// A job instance's queue of document items, shared by the launcher and any `zhixing worker`.
// Items are keyed (instance, step, case, kind, event date, position): planning one twice is a
// no-op. They are claimed with FOR UPDATE SKIP LOCKED in short transactions, so two processes
// never hold the same item; an item claimed by a process that stopped beating is claimable
// again. The item's effect (the documents row) has its own unique key, so even a reclaimed item
// cannot issue a document twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace zhixing::jobs {

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

class WorkQueue {
 public:
  WorkQueue(soci::session& sql, long long instance_id, std::string step_name)
      : sql_(sql), instance_id_(instance_id), step_(std::move(step_name)) {}

  // Inserts the items that are not queued yet; returns how many were new.
  long long plan(const std::vector<PlannedItem>& items);

  // Claims up to n items in queue order (priority, case number, kind, date, position), taking
  // over items whose claiming worker stopped beating for stale_after_seconds.
  std::vector<ClaimedItem> claim(long long worker_id, int n, int stale_after_seconds);

  // In the caller's transaction, with the document row: the item is done by this execution.
  // Returns false when the item is no longer this worker's claim (it was taken over).
  bool complete(const ClaimedItem& item, long long worker_id, long long execution_id,
                const std::string& outcome, std::optional<long long> document_id);
  bool fail(const ClaimedItem& item, long long worker_id, long long execution_id,
            const std::string& error_code);

  // Counts over the whole queue of this step, and those finished by one execution.
  QueueCounts counts();
  QueueCounts counts_for_execution(long long execution_id);

  long long instance_id() const { return instance_id_; }
  const std::string& step() const { return step_; }

 private:
  soci::session& sql_;
  long long instance_id_;
  std::string step_;
};

}  // namespace zhixing::jobs
