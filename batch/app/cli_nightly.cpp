// zhixing nightly --date YYYY-MM-DD [--rerun] [--replan] [--user NAME]: the nightly job for one
// business date (steps in jobs/nightly.h). --replan plans from every case instead of those
// changed since the last completed plan. Exit 0 completed or already complete, 3 completed with
// skipped items, 5 already running, 1 failed, 130 stopped by a signal (restartable).
#include <iostream>

#include "app/commands.h"
#include "core/date.h"
#include "jobs/nightly.h"

namespace zhixing::app::cli {

void add_nightly_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string date;
    bool rerun = false;
    bool replan = false;
    std::string user;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "nightly",
      "运行某一业务日期的夜间批处理（导入、司法救助、到期文书、台账、运行摘要），可中断后续做");
  cmd->add_option("--date", args->date, "业务日期 YYYY-MM-DD")
      ->required()
      ->check([](const std::string& v) {
        return Date::parse_iso(v) ? std::string() : std::string("日期应为 YYYY-MM-DD 且真实存在");
      });
  cmd->add_flag("--rerun", args->rerun, "该业务日期已完成时仍再运行一次");
  cmd->add_flag("--replan", args->replan,
                "全量规划到期文书：读取全部案件，而不只读取上次完成的规划以来可能变化的案件");
  cmd->add_option("--user", args->user, "启动人（默认当前系统用户）")
      ->check(input_text_check(kUserNameMaxBytes));
  cmd->callback([&ctx, args] {
    jobs::NightlyOptions options;
    options.business_date = *Date::parse_iso(args->date);
    options.rerun = args->rerun;
    options.replan = args->replan;
    options.started_by = args->user;
    jobs::RunResult r = jobs::run_nightly(ctx.settings, options, std::cout);
    ctx.exit_code = r.exit_code;
  });
}

}  // namespace zhixing::app::cli
