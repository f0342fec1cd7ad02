#include "jobs/run_log.h"

#include <cctype>
#include <ctime>
#include <iostream>
#include <mutex>

namespace zhixing::jobs {

std::string mask_personal_numbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
    size_t n = j - i;
    if (n >= 15) {
      out.append(text.substr(i, 6));
      out.append(n - 10, '*');
      out.append(text.substr(j - 4, 4));
    } else {
      out.append(text.substr(i, n));
    }
    i = j;
  }
  return out;
}

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
