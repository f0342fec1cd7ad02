#include "app/web/login_throttle.h"

#include <algorithm>

namespace zhixing::app::web {

namespace {
// Above this many keys, entries whose failures have all expired are dropped: memory stays
// bounded however many names and addresses are tried.
constexpr std::size_t kPruneAbove = 4096;
}  // namespace

void LoginThrottle::prune(Times& times, Clock::time_point now) const {
  while (!times.empty() && times.front() <= now - limits_.window) times.pop_front();
}

void LoginThrottle::prune_all(Clock::time_point now) {
  for (auto it = by_address_.begin(); it != by_address_.end();) {
    prune(it->second, now);
    it = it->second.empty() ? by_address_.erase(it) : std::next(it);
  }
  for (auto it = by_name_and_address_.begin(); it != by_name_and_address_.end();) {
    prune(it->second, now);
    it = it->second.empty() ? by_name_and_address_.erase(it) : std::next(it);
  }
}

bool LoginThrottle::begin(const std::string& name, const std::string& address,
                          Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (by_address_.size() + by_name_and_address_.size() > kPruneAbove) prune_all(now);
  Times& from_address = by_address_[address];
  Times& pair = by_name_and_address_[{name, address}];
  prune(from_address, now);
  prune(pair, now);
  if (static_cast<int>(from_address.size()) >= limits_.per_address ||
      static_cast<int>(pair.size()) >= limits_.per_name_and_address)
    return false;
  from_address.push_back(now);
  pair.push_back(now);
  return true;
}

void LoginThrottle::succeeded(const std::string& name, const std::string& address,
                              Clock::time_point at) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_name_and_address_.erase({name, address});
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  Times& times = it->second;
  if (auto charge = std::find(times.rbegin(), times.rend(), at); charge != times.rend())
    times.erase(std::next(charge).base());
  if (times.empty()) by_address_.erase(it);
}

}  // namespace zhixing::app::web
