// A per-address request limit for the console's public pages (the verify page): at most
// `per_window` requests from one remote address within a sliding window. Memory stays bounded:
// above a few thousand addresses, those whose requests have all expired are dropped.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace zhixing::app::web {

class RateLimit {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimit(int per_window, std::chrono::seconds window)
      : per_window_(per_window), window_(window) {}

  // Counts one request from `address` at `now`; false when the address has used its share (the
  // refused request is not counted).
  bool admit(const std::string& address, Clock::time_point now);

 private:
  int per_window_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> by_address_;
};

}  // namespace zhixing::app::web
