#include "app/web/rate_limit.h"

namespace zhixing::app::web {

namespace {
constexpr std::size_t kPruneAbove = 4096;
}  // namespace

bool RateLimit::admit(const std::string& address, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto expire = [&](std::deque<Clock::time_point>& times) {
    while (!times.empty() && times.front() <= now - window_) times.pop_front();
  };
  if (by_address_.size() > kPruneAbove) {
    for (auto it = by_address_.begin(); it != by_address_.end();) {
      expire(it->second);
      it = it->second.empty() ? by_address_.erase(it) : std::next(it);
    }
  }
  auto& times = by_address_[address];
  expire(times);
  if (static_cast<int>(times.size()) >= per_window_) return false;
  times.push_back(now);
  return true;
}

}  // namespace zhixing::app::web
