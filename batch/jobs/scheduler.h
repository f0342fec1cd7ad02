// `zhixing schedule`: the nightly run at jobs.schedule_time, in the foreground. On start (and
// with --once, only then) it catches up every business date from jobs.first_business_date to
// the latest due one that has no completed run, oldest first. Each date runs as a child process
// (`zhixing nightly --date D`), so one crashed night never takes the scheduler down.
#pragma once

#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/settings.h"
#include "core/date.h"

namespace zhixing::jobs {

// "23:30" -> minutes after midnight.
std::optional<int> parse_schedule_time(const std::string& hhmm);

// The latest business date due at this moment: today once the schedule time has passed, else
// yesterday.
Date latest_due_date(Date today, int minutes_now, int schedule_minutes);

// Every date from first to last (inclusive) that is not in `completed`, oldest first.
std::vector<Date> dates_to_catch_up(Date first, Date last, const std::set<Date>& completed);

struct ScheduleOptions {
  bool once = false;   // catch up, then exit (for systemd timers and cron)
  std::string binary;  // this executable
};

int run_schedule(const Settings& settings, const ScheduleOptions& options, std::ostream& out);

}  // namespace zhixing::jobs
