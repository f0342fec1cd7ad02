// Progress of a long step. On a terminal: a bar on stderr with items per second and time left,
// redrawn at most ten times a second. Otherwise: a log line (with the run id) every
// log_interval_seconds.
#pragma once

#include <chrono>
#include <string>

namespace zhixing::jobs {

class Progress {
 public:
  Progress(long long run_id, std::string step, long long total, int log_interval_seconds);
  ~Progress();
  // `done` items of `total` so far (total may grow while planning or when workers join).
  void update(long long done, long long total);
  void finish();

 private:
  void draw(bool final);
  long long run_id_;
  std::string step_;
  long long done_ = 0, total_ = 0;
  bool tty_;
  bool finished_ = false;
  std::chrono::seconds log_interval_;
  std::chrono::steady_clock::time_point started_, last_draw_;
};

}  // namespace zhixing::jobs
