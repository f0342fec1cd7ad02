// zhixing worker [--run ID] [--wait SECONDS]: joins a running execution and shares its document
// queues (jobs/worker.h).
#include <iostream>

#include "app/commands.h"
#include "jobs/worker.h"

namespace zhixing::app::cli {

void add_worker_command(CLI::App& app, Context& ctx) {
  struct Args {
    long long run = 0;
    int wait = 0;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "worker", "加入正在运行的执行，分担其文书队列（本机或共享数据库的其他机器）");
  cmd->add_option("--run", args->run, "执行编号（默认最新的正在运行的执行）")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--wait", args->wait, "等待执行出现的秒数（默认 0）")->check(CLI::Range(0, 3600));
  cmd->callback([&ctx, args] {
    jobs::WorkerOptions options;
    if (args->run > 0) options.run_id = args->run;
    options.wait_seconds = args->wait;
    ctx.exit_code = jobs::run_worker(ctx.settings, options, std::cout);
  });
}

}  // namespace zhixing::app::cli
