#include "jobs/run_log.h"

#include <ctime>
#include <iostream>
#include <mutex>

namespace zhixing::jobs {

void log_line(long long run_id, std::string_view message) {
  static std::mutex mutex;
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  std::string line = std::string("[") + stamp + " run " + std::to_string(run_id) + "] " +
                     mask_personal_numbers(message) + "\n";
  std::lock_guard lock(mutex);
  std::cerr << line << std::flush;
}

}  // namespace zhixing::jobs
