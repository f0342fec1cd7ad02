// zhixing db start|stop|status|migrate
#include <iostream>

#include "app/commands.h"
#include "store/database.h"
#include "store/pg_server.h"

namespace zhixing::app::cli {

void add_db_command(CLI::App& app, Context& ctx) {
  auto* db = app.add_subcommand(
      "db",
      "管理数据库：start 启动私有 PostgreSQL，stop 停止，status 状态，migrate 建立或升级表结构");
  db->require_subcommand(1);
  db->add_subcommand("start", "启动私有 PostgreSQL（必要时初始化），建立角色、数据库并执行迁移")
      ->callback([&ctx] {
        DatabaseTarget t = ensure_database_as_admin(ctx.settings);
        if (t.external) {
          std::cout << "使用外部数据库（ZHIXING_DATABASE_URL），表结构已是最新。\n";
        } else {
          std::cout << PgServer(ctx.settings).status_text();
        }
      });
  db->add_subcommand("stop", "停止私有 PostgreSQL")->callback([&ctx] {
    PgServer server(ctx.settings);
    server.stop();
    std::cout << server.status_text();
  });
  db->add_subcommand("status", "显示私有 PostgreSQL 的位置与状态")->callback([&ctx] {
    if (database_target(ctx.settings).external) {
      std::cout << "使用外部数据库（ZHIXING_DATABASE_URL）。\n";
      return;
    }
    PgServer server(ctx.settings);
    std::cout << server.status_text();
    if (!server.running()) ctx.exit_code = kPartial;
  });
  db->add_subcommand("migrate", "按顺序执行尚未执行的表结构迁移（batch/store/sql/）")
      ->callback([&ctx] {
        ensure_database_as_admin(ctx.settings);
        std::cout << "表结构已是最新。\n";
      });
}

}  // namespace zhixing::app::cli
