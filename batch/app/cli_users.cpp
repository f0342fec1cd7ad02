// zhixing users add NAME --role R | users list
#include <iostream>

#include "app/commands.h"
#include "store/database.h"

namespace zhixing::cli {

void add_users_command(CLI::App& app, Context& ctx) {
  auto* users = app.add_subcommand("users", "管理用户（书记员 clerk、财务 finance、审计 auditor、管理员 admin）");
  users->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto* add = users->add_subcommand("add", "新增用户，或修改已有用户的角色");
  add->add_option("NAME", *name, "用户名")->required();
  add->add_option("--role", *role, "角色")
      ->required()
      ->check(CLI::IsMember({"clerk", "finance", "auditor", "admin"}));
  add->callback([&ctx, name, role] {
    if (name->empty() || name->size() > 100) throw CLI::ValidationError("NAME", "用户名长度应为 1–100");
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    std::string n = *name, r = *role;
    *sql << "insert into users (name, role) values (:n, :r)"
            " on conflict (name) do update set role = excluded.role",
        soci::use(n), soci::use(r);
    std::cout << "用户 " << n << " 的角色为 " << r << "\n";
  });
  users->add_subcommand("list", "列出用户")->callback([&ctx] {
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    soci::rowset<soci::row> rows = (sql->prepare << "select name, role from users order by name");
    for (const auto& r : rows) std::cout << r.get<std::string>(0) << "\t" << r.get<std::string>(1) << "\n";
  });
}

}  // namespace zhixing::cli
