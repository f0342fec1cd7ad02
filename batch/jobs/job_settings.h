// The jobs.* settings (config/zhixing.properties; each overridable as ZHIXING_JOBS_…).
#pragma once

#include <string>

#include "config/settings.h"

namespace zhixing::jobs {

struct JobSettings {
  int stale_after_seconds =
      120;  // jobs.stale_after_seconds: a running execution without a beat this long is stale
  int skip_limit = 100;  // jobs.skip_limit: failing items skipped per step before the step fails
  unsigned threads = 0;  // jobs.threads: render threads per process; 0 = every core
  int log_interval_seconds =
      10;  // jobs.log_interval_seconds: progress lines when not on a terminal
  std::string schedule_time = "23:30";  // jobs.schedule_time (HH:MM, local time)
  std::string first_business_date;      // jobs.first_business_date: schedule's catch-up starts here
  // Fault injection for tests (never set in production):
  long long abort_after_items =
      0;  // jobs.abort_after_items: _exit(97) after this many items in this process
  std::string abort_after_step;  // jobs.abort_after_step: _exit(97) right after this step completes
  int item_delay_ms = 0;  // jobs.item_delay_ms: sleep per rendered item (slow runs for tests)

  static JobSettings from(const Settings& settings);
};

// The exit status of an injected abort.
inline constexpr int kInjectedAbortExit = 97;

}  // namespace zhixing::jobs
