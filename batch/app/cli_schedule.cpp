// zhixing schedule [--once]: the nightly run at jobs.schedule_time, catching up every business
// date since jobs.first_business_date without a completed run (jobs/scheduler.h).
#include <unistd.h>

#include <climits>
#include <iostream>

#include "app/commands.h"
#include "jobs/scheduler.h"

namespace zhixing::app::cli {

void add_schedule_command(CLI::App& app, Context& ctx) {
  auto once = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "schedule", "前台常驻：每天在 jobs.schedule_time 运行夜间批处理，启动时补跑未完成的业务日期");
  cmd->add_flag("--once", *once,
                "只补跑到期未完成的业务日期，然后退出（供 systemd timer 与 cron 使用）");
  cmd->callback([&ctx, once] {
    jobs::ScheduleOptions options;
    options.once = *once;
    char self[PATH_MAX] = {};
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) throw std::runtime_error("无法确定本程序的路径");
    options.binary = std::string(self, static_cast<size_t>(n));
    ctx.exit_code = jobs::run_schedule(ctx.settings, options, std::cout);
  });
}

}  // namespace zhixing::app::cli
