// `zhixing worker [--run ID]`: a process that joins a running execution and shares its render
// queues (render-documents, render-vouchers) with the launcher and other workers, on this
// machine or another one sharing the database. It registers in job_workers, beats, and ends when
// the execution ends or reaches its summary; items it held when killed go back to the queue
// once its heartbeat is stale. Its documents go to its own output folder, or, for a remote
// worker (worker.deliver, README "Remote workers"), to document_deliveries for the launcher to
// write out. On an existing server it never migrates: the schema must be current
// (store/database.h ensure_database).
#pragma once

#include <iosfwd>
#include <optional>

#include "config/settings.h"

namespace zhixing::jobs {

struct WorkerOptions {
  std::optional<long long> run_id;  // default: the newest running execution
  int wait_seconds = 0;             // wait this long for a running execution to appear
};

// Exit 0 when done (or nothing to join), 1 on failure, 130 when stopped by a signal.
int run_worker(const Settings& settings, const WorkerOptions& options, std::ostream& out);

}  // namespace zhixing::jobs
