#include "jobs/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "jobs/run_log.h"

namespace zhixing::jobs {

namespace {
std::string duration_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

Progress::Progress(long long run_id, std::string step, long long total, int log_interval_seconds)
    : run_id_(run_id),
      step_(std::move(step)),
      total_(total),
      tty_(isatty(STDERR_FILENO) == 1),
      log_interval_(std::max(1, log_interval_seconds)),
      started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

Progress::~Progress() { finish(); }

void Progress::update(long long done, long long total) {
  done_ = done;
  total_ = std::max(total, done);
  auto now = std::chrono::steady_clock::now();
  auto since = now - last_draw_;
  if (tty_ ? since >= std::chrono::milliseconds(100) : since >= log_interval_) {
    last_draw_ = now;
    draw(false);
  }
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (tty_ && done_ > 0) {
    draw(true);
    std::cerr << "\n";
  }
}

void Progress::draw(bool final) {
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  double rate = elapsed > 0 ? done_ / elapsed : 0;
  double left = rate > 0 ? (total_ - done_) / rate : 0;
  char figures[128];
  std::snprintf(figures, sizeof figures, "%lld/%lld  %.1f 件/秒  剩余 %s", done_, total_, rate,
                duration_text(left).c_str());
  if (tty_) {
    const int width = 30;
    int filled = total_ > 0 ? static_cast<int>(width * done_ / total_) : width;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    std::cerr << "\r[run " << run_id_ << "] " << step_ << " [" << bar << "] " << figures
              << (final ? "" : "   ") << std::flush;
  } else {
    log_line(run_id_, step_ + "：" + figures);
  }
}

}  // namespace zhixing::jobs
