// Failed-login throttling for the console: failures are counted per remote address
// (however many names it tries) and per (name, address) — never per name alone, so an attacker
// elsewhere cannot lock a clerk out. An attempt is charged as a failure *before* the password is
// checked and taken back when it succeeds, under one lock: concurrent attempts cannot all slip
// through between a check and a count.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace zhixing::app::web {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int per_name_and_address = 5;  // failures of one name from one address within the window
    int per_address = 20;          // failures from one address, any names, within the window
    std::chrono::seconds window{300};
  };

  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  // One attempt of `name` from `address` at `now`. False: a limit is reached, refuse without
  // checking the password. True: the attempt is charged as a failure until succeeded().
  bool begin(const std::string& name, const std::string& address, Clock::time_point now);
  // The attempt begun at `at` had the right password: its charge is taken back and the name's
  // failures from that address are forgotten (the address's other failures stay).
  void succeeded(const std::string& name, const std::string& address, Clock::time_point at);

 private:
  using Times = std::deque<Clock::time_point>;
  void prune(Times& times, Clock::time_point now) const;
  void prune_all(Clock::time_point now);

  Limits limits_;
  std::mutex mutex_;
  std::map<std::string, Times> by_address_;
  std::map<std::pair<std::string, std::string>, Times> by_name_and_address_;
};

}  // namespace zhixing::app::web
