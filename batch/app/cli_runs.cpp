// zhixing runs [--limit N] [--job nightly|batch] | zhixing runs show ID: the job repository.
#include <iomanip>
#include <iostream>

#include "app/commands.h"
#include "core/masking.h"
#include "jobs/job_repository.h"
#include "store/database.h"

namespace zhixing::app::cli {

void add_runs_command(CLI::App& app, Context& ctx) {
  struct Args {
    int limit = 20;
    std::string job;
    long long id = 0;
  };
  auto args = std::make_shared<Args>();
  auto* runs =
      app.add_subcommand("runs", "列出作业执行（夜间批处理、文书批次）；runs show ID 查看一次执行");
  runs->add_option("--limit", args->limit, "最多列出几条（默认 20）")->check(CLI::Range(1, 10000));
  runs->add_option("--job", args->job, "只列出某种作业")
      ->check(CLI::IsMember({"nightly", "batch"}));
  auto* show = runs->add_subcommand("show", "一次执行：步骤计数与失败的项目");
  show->add_option("ID", args->id, "执行编号")->required()->check(CLI::PositiveNumber);

  runs->callback([&ctx, args, runs] {
    if (runs->got_subcommand("show")) return;
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    jobs::JobRepository repo(*sql);
    std::cout << "执行\t作业\t参数\t状态\t启动人\t主机/进程\t开始\t结束\t退出码\n";
    for (const auto& e : repo.executions(args->limit, args->job))
      std::cout << e.id << "\t" << e.job_name << "\t" << e.job_key << "\t" << e.status << "\t"
                << e.started_by << "\t" << e.host << "/" << e.pid << "\t" << e.started_at << "\t"
                << (e.ended_at.empty() ? "-" : e.ended_at) << "\t"
                << (e.exit_code ? std::to_string(*e.exit_code) : "-") << "\n";
  });
  show->callback([&ctx, args] {
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    jobs::JobRepository repo(*sql);
    auto e = repo.execution(args->id);
    if (!e) {
      std::cerr << "没有执行 #" << args->id << "\n";
      ctx.exit_code = kFatal;
      return;
    }
    std::cout << "执行 #" << e->id << "：" << e->job_name << " " << e->job_key << "\n"
              << "  状态 " << e->status
              << (e->exit_code ? "（退出码 " + std::to_string(*e->exit_code) + "）" : "")
              << "\n  启动人 " << e->started_by << "，主机 " << e->host << "，进程 " << e->pid
              << "\n  开始 " << e->started_at << "，结束 "
              << (e->ended_at.empty() ? "—" : e->ended_at) << "，最近心跳 " << e->heartbeat_at
              << "\n";
    if (e->restart_of) std::cout << "  续做执行 #" << *e->restart_of << "\n";
    if (!e->message.empty()) std::cout << "  说明 " << mask_personal_numbers(e->message) << "\n";
    std::cout << "步骤\t状态\t读\t写\t跳过\t失败\t秒\n";
    for (const auto& s : repo.steps(e->id))
      std::cout << s.name << "\t" << s.status << "\t" << s.counts.read << "\t" << s.counts.written
                << "\t" << s.counts.skipped << "\t" << s.counts.failed << "\t" << std::fixed
                << std::setprecision(3) << s.seconds
                << (s.message.empty() ? "" : "\t" + mask_personal_numbers(s.message)) << "\n";
    auto failures = repo.failures(e->id, 1000);
    long long total = repo.failure_count(e->id);
    if (!failures.empty()) {
      std::cout << "失败的项目（共 " << total << " 项" << (total > 1000 ? "，列出前 1000 项" : "")
                << "）：\n";
      for (const auto& f : failures)
        std::cout << "  " << f.step_name << "\t" << (f.case_number.empty() ? "-" : f.case_number)
                  << "\t" << (f.document_kind.empty() ? "-" : f.document_kind) << "\t"
                  << (f.event_date.empty() ? "-"
                                           : f.event_date + "#" + std::to_string(f.event_position))
                  << "\t" << f.error_code << "\t" << mask_personal_numbers(f.message) << "\n";
    }
  });
}

}  // namespace zhixing::app::cli
