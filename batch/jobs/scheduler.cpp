#include "jobs/scheduler.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <thread>

#include "jobs/job_repository.h"
#include "jobs/job_runner.h"
#include "jobs/job_settings.h"
#include "jobs/nightly.h"
#include "jobs/stop_signal.h"
#include "store/database.h"

extern char** environ;

namespace zhixing::jobs {

std::optional<int> parse_schedule_time(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  int h = std::stoi(s.substr(0, 2)), m = std::stoi(s.substr(3, 2));
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

Date latest_due_date(Date today, int minutes_now, int schedule_minutes) {
  return minutes_now >= schedule_minutes ? today : today.plus_days(-1);
}

std::vector<Date> dates_to_catch_up(Date first, Date last, const std::set<Date>& completed) {
  std::vector<Date> out;
  for (Date d = first; d <= last; d = d.plus_days(1))
    if (!completed.count(d)) out.push_back(d);
  return out;
}

namespace {

struct Now {
  Date today;
  int minutes = 0;
  int seconds = 0;
};

Now local_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {*Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
          tm.tm_hour * 60 + tm.tm_min, tm.tm_sec};
}

// The business dates whose nightly instance completed (key "business_date=YYYY-MM-DD").
std::set<Date> completed_dates(soci::session& sql) {
  static const std::string kPrefix = "business_date=";
  std::set<Date> out;
  for (const auto& key : JobStore(sql).completed_keys("nightly"))
    if (auto d = Date::parse_iso(key.substr(std::min(key.size(), kPrefix.size())))) out.insert(*d);
  return out;
}

int run_child(const std::string& binary, const Date& date) {
  std::string d = date.iso();
  std::vector<std::string> args = {binary, "nightly", "--date", d};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
    // A stop signal for the scheduler is passed on: the night stops after its current items.
    if (stop_requested()) kill(pid, SIGTERM);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

int run_schedule(const Settings& settings, const ScheduleOptions& options, std::ostream& out) {
  JobSettings job = JobSettings::from(settings);
  auto at = parse_schedule_time(job.schedule_time);
  if (!at) throw std::runtime_error("配置项 jobs.schedule_time 应为 HH:MM：" + job.schedule_time);
  auto first = Date::parse_iso(job.first_business_date);
  install_stop_handlers();
  std::string url = ensure_database(settings).runtime_url;
  int last_rc = kExitCompleted;
  for (;;) {
    Now now = local_now();
    Date last = latest_due_date(now.today, now.minutes, *at);
    Date from = first.value_or(last);
    std::vector<Date> due;
    {
      auto sql = connect(url);
      due = dates_to_catch_up(from, last, completed_dates(*sql));
    }
    for (const Date& d : due) {
      if (stop_requested()) break;
      out << "调度：运行业务日期 " << d.iso() << " 的夜间批处理\n" << std::flush;
      int rc = run_child(options.binary, d);
      out << "调度：业务日期 " << d.iso() << " 结束，退出码 " << rc << "\n" << std::flush;
      last_rc = rc;
      // Already running elsewhere, or failed: the next pass (or the next start) tries again.
    }
    if (options.once || stop_requested()) break;
    // Sleep until the next schedule time, waking each second to notice a stop signal.
    now = local_now();
    int wait_minutes = (*at - now.minutes + 24 * 60) % (24 * 60);
    if (wait_minutes == 0) wait_minutes = 24 * 60;
    long wait_seconds = wait_minutes * 60L - now.seconds;
    out << "调度：下一次运行在 " << wait_seconds / 60 << " 分钟后（" << job.schedule_time << "）\n"
        << std::flush;
    for (long s = 0; s < wait_seconds && !stop_requested(); ++s)
      std::this_thread::sleep_for(std::chrono::seconds(1));
    if (stop_requested()) break;
  }
  return options.once ? (last_rc == kExitAlreadyRunning ? kExitCompleted : last_rc)
                      : kExitCompleted;
}

}  // namespace zhixing::jobs
