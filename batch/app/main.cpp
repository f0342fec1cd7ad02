// zhixing (执行): the enforcement bureau's batch system. One executable, one subcommand per task.
#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  using namespace zhixing::app::cli;
  CLI::App app{"zhixing（执行）：法院执行局批处理系统 — 案件导入、司法救助、文书生成、救助金台账"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(ZHIXING_VERSION));
  try {
    Context ctx;
    add_db_command(app, ctx);
    add_import_command(app, ctx);
    add_demo_data_command(app, ctx);
    add_users_command(app, ctx);
    add_nightly_command(app, ctx);
    add_docs_command(app, ctx);
    add_templates_command(app, ctx);
    add_ledger_command(app, ctx);
    add_relief_command(app, ctx);
    add_worker_command(app, ctx);
    add_runs_command(app, ctx);
    add_batch_command(app, ctx);
    add_schedule_command(app, ctx);
    add_report_command(app, ctx);
    add_serve_command(app, ctx);
    add_seal_command(app, ctx);
    add_verify_command(app, ctx);
    add_backup_command(app, ctx);
    add_restore_command(app, ctx);
    app.parse_complete_callback([&app, &ctx] { refuse_disabled_user(app, ctx); });
    try {
      app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
      return e.get_exit_code();  // a refusal that printed its own message (user_disabled)
    } catch (const CLI::ParseError& e) {
      int rc = app.exit(e);
      return rc == 0 ? kOk : kUsage;
    }
    return ctx.exit_code;
  } catch (const std::exception& e) {
    std::cerr << "错误：" << e.what() << "\n";
    return kFatal;
  }
}
