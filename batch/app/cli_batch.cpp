// zhixing batch --kind KIND (--case NUMBER … | --filter EXPR) [--out DIR] [--reissue] [--user NAME]
//               [--request ID] [--rerun]
// The selection of `zhixing docs`, run as a recorded job instance (jobs/clerk_batch.h).
#include <iostream>

#include "app/commands.h"
#include "app/document_selection.h"
#include "jobs/clerk_batch.h"
#include "jobs/document_batch.h"
#include "store/database.h"

namespace zhixing::app::cli {

void add_batch_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string kind;
    std::vector<std::string> cases;
    std::string filter;
    std::string out;
    bool reissue = false;
    std::string user;
    std::string request;
    bool rerun = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "batch",
      "文书批次作为可记录、可续做的作业运行（与 docs 相同的选择），可与夜间批处理同时运行");
  cmd->add_option("--kind", args->kind, "文书种类")->required();
  auto* by_case = cmd->add_option("--case", args->cases, "案号（可重复）");
  auto* by_filter = cmd->add_option(
      "--filter", args->filter, "筛选条件 key=value，逗号分隔；键：court、year、category、status");
  by_case->excludes(by_filter);
  by_filter->excludes(by_case);
  cmd->add_option("--out", args->out, "输出目录（默认 paths.output）");
  cmd->add_flag("--reissue", args->reissue, "对已签发的文书签发新版本（与旧版本并存）");
  cmd->add_option("--user", args->user, "操作人（记录在文书登记与执行中）")
      ->check(input_text_check(kUserNameMaxBytes));
  cmd->add_option("--request", args->request, "请求号：同一请求号再次运行即续做（默认新建）")
      ->check(input_text_check(200));
  cmd->add_flag("--rerun", args->rerun, "该请求已完成时仍再运行一次");
  cmd->callback([&ctx, args] {
    auto kind = documents::parse_kind(args->kind);
    if (!kind) throw CLI::ValidationError("--kind", "未知的文书种类 " + args->kind);
    if (args->cases.empty() && args->filter.empty())
      throw CLI::ValidationError("--case/--filter",
                                 "请用 --case 指定案号或用 --filter 指定筛选条件");
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    validate_document_selection(*sql, args->filter, args->user);
    jobs::ClerkBatchOptions options;
    options.kind = *kind;
    options.case_numbers = args->cases;
    options.filter = args->filter;
    options.out_dir = args->out.empty() ? ctx.settings.path("paths.output", "out")
                                        : std::filesystem::path(args->out);
    options.reissue = args->reissue;
    options.user = args->user.empty() ? "clerk" : args->user;
    options.request_id = args->request.empty() ? jobs::new_request_id(options.user) : args->request;
    options.rerun = args->rerun;
    std::cout << "请求号 " << options.request_id << "（中断后以 --request " << options.request_id
              << " 再次运行即续做）\n";
    ctx.exit_code = jobs::run_clerk_batch(ctx.settings, options, std::cout).exit_code;
  });
}

}  // namespace zhixing::app::cli
