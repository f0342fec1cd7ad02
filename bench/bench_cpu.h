// CPU seconds for the benchmarks, which time the PostgreSQL server's share beside their own:
// this process's (getrusage), any local process's and the private server's (read from /proc).
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/pg_server.h"

namespace zhixing::bench {

// User + system seconds of a getrusage() result.
inline double cpu_seconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// This process's CPU seconds so far.
inline double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return cpu_seconds(u);
}

// A local process's CPU seconds (user + system), from /proc/PID/stat fields 14 and 15.
inline double process_cpu_seconds(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string f;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i)
    if (i >= 14) ticks += std::stod(f);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU seconds (user + system) of the PostgreSQL server: the postmaster with what it reaped, and
// its live children.
inline double postgres_cpu_seconds(const PgServer& server) {
  std::ifstream pidfile(server.data_dir() / "postmaster.pid");
  long postmaster = 0;
  pidfile >> postmaster;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::ifstream stat(e.path() / "stat");
    std::string text;
    if (!std::getline(stat, text)) continue;
    const size_t close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    std::vector<std::string> f;  // f[0] = state (field 3)
    while (rest >> field) f.push_back(field);
    if (f.size() < 15) continue;
    const long pid = std::atol(name.c_str()), ppid = std::atol(f[1].c_str());
    if (pid != postmaster && ppid != postmaster) continue;
    double ticks = std::atof(f[11].c_str()) + std::atof(f[12].c_str());  // utime, stime
    if (pid == postmaster) ticks += std::atof(f[13].c_str()) + std::atof(f[14].c_str());
    total += ticks / tick;
  }
  return total;
}

}  // namespace zhixing::bench
