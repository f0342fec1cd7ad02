// zhixing db start|stop|status|migrate|worker-password
#include <iostream>

#include "app/commands.h"
#include "store/database.h"
#include "store/pg_server.h"

namespace zhixing::app::cli {

namespace {

std::string cluster_text(const SystemCluster& c) {
  return "系统数据库集群 " + c.version + "/" + c.name + "（pg_lsclusters；端口 " +
         std::to_string(c.port) + "，套接字目录 " + c.socket_dir + "）：" +
         (c.running ? "运行中" : "未运行") + "\n";
}

}  // namespace

void add_db_command(CLI::App& app, Context& ctx) {
  auto* db = app.add_subcommand(
      "db",
      "管理数据库：start 启动私有 PostgreSQL（或检查系统集群），stop 停止，status 状态，migrate 建立或升级表结构");
  db->require_subcommand(1);
  db->add_subcommand("start", "启动私有 PostgreSQL（必要时初始化），建立角色、数据库并执行迁移")
      ->callback([&ctx] {
        DatabaseTarget t = ensure_database_as_admin(ctx.settings);
        if (t.external) {
          std::cout << "使用外部数据库（ZHIXING_DATABASE_URL），表结构已是最新。\n";
        } else if (t.system_cluster) {
          std::cout << cluster_text(*system_cluster(ctx.settings)) << "表结构已是最新。\n";
        } else {
          std::cout << PgServer(ctx.settings).status_text();
        }
      });
  db->add_subcommand("stop", "停止私有 PostgreSQL")->callback([&ctx] {
    if (auto c = system_cluster(ctx.settings)) {
      std::cerr << "cluster_managed_by_system: 系统数据库集群 " << c->version << "/" << c->name
                << " 由 systemd 管理：请运行 systemctl stop postgresql@" << c->version << "-"
                << c->name << "\n";
      ctx.exit_code = kPartial;
      return;
    }
    PgServer server(ctx.settings);
    server.stop();
    std::cout << server.status_text();
  });
  db->add_subcommand("status", "显示私有 PostgreSQL 的位置与状态")->callback([&ctx] {
    if (database_target(ctx.settings).external) {
      std::cout << "使用外部数据库（ZHIXING_DATABASE_URL）。\n";
      return;
    }
    if (auto c = system_cluster(ctx.settings)) {
      std::cout << cluster_text(*c);
      if (!c->running) ctx.exit_code = kPartial;
      return;
    }
    PgServer server(ctx.settings);
    std::cout << server.status_text();
    if (!server.running()) ctx.exit_code = kPartial;
  });
  db->add_subcommand(
        "worker-password",
        "为远程协助进程的角色 zhixing_worker 生成新口令，输出设置口令的 SQL（供管理员用 "
        "psql 执行；只含 SCRAM-SHA-256 校验值）")
      ->callback([&ctx] {
        DatabaseTarget t = database_target(ctx.settings);
        if (!t.external && !t.system_cluster) {
          std::cerr << "私有数据库只接受本机套接字连接，不供远程协助进程使用；请在为远程协助进程"
                       "配置的数据库上（系统数据库 db.cluster 或 ZHIXING_DATABASE_URL）运行"
                       "（private_server_local_only）\n";
          ctx.exit_code = kFatal;
          return;
        }
        auto sql = connect(t.runtime_url);
        RolePassword p = new_worker_password(*sql);
        std::cout
            << "-- zhixing_worker 的新口令（写入远程协助进程连接串的 password=）：\n"
            << "-- password=" << p.password << "\n"
            << "-- 请以超级用户在数据库服务器上执行下面一行（psql），口令本身不会发送到服务器：\n"
            << p.statement << "\n";
      });
  db->add_subcommand("migrate", "按顺序执行尚未执行的表结构迁移（batch/store/sql/）")
      ->callback([&ctx] {
        ensure_database_as_admin(ctx.settings);
        std::cout << "表结构已是最新。\n";
      });
}

}  // namespace zhixing::app::cli
