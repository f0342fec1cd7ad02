#include "jobs/job_settings.h"

#include <stdexcept>

namespace zhixing::jobs {

JobSettings JobSettings::from(const Settings& s) {
  JobSettings j;
  j.stale_after_seconds = s.get_int("jobs.stale_after_seconds", j.stale_after_seconds);
  j.skip_limit = s.get_int("jobs.skip_limit", j.skip_limit);
  int threads = s.get_int("jobs.threads", 0);
  if (threads < 0) throw std::runtime_error("配置项 jobs.threads 不能为负数");
  j.threads = static_cast<unsigned>(threads);
  j.log_interval_seconds = s.get_int("jobs.log_interval_seconds", j.log_interval_seconds);
  j.schedule_time = s.get("jobs.schedule_time", j.schedule_time);
  j.first_business_date = s.get("jobs.first_business_date", "");
  j.abort_after_items = s.get_int("jobs.abort_after_items", 0);
  j.abort_after_step = s.get("jobs.abort_after_step", "");
  j.item_delay_ms = s.get_int("jobs.item_delay_ms", 0);
  if (j.stale_after_seconds < 1)
    throw std::runtime_error("配置项 jobs.stale_after_seconds 应至少为 1");
  if (j.skip_limit < 0) throw std::runtime_error("配置项 jobs.skip_limit 不能为负数");
  return j;
}

}  // namespace zhixing::jobs
