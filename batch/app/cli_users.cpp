// zhixing users add NAME --role R | users list | users passwd NAME [--password-stdin]
// | users disable NAME | users enable NAME; and the check that refuses a disabled `--user`.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "app/commands.h"
#include "app/web/password.h"
#include "core/input_text.h"
#include "store/database.h"
#include "store/user_store.h"

namespace zhixing::app::cli {

namespace {

// One line from stdin; on a terminal without echo.
std::string read_secret(const std::string& prompt, bool terminal) {
  termios old{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

void add_users_command(CLI::App& app, Context& ctx) {
  auto* users = app.add_subcommand(
      "users", "管理用户（书记员 clerk、财务 finance、审计 auditor、管理员 admin）");
  users->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto* add = users->add_subcommand("add", "新增用户，或修改已有用户的角色");
  add->add_option("NAME", *name, "用户名")->required()->check(input_text_check(kUserNameMaxBytes));
  add->add_option("--role", *role, "角色")
      ->required()
      ->check(CLI::IsMember({"clerk", "finance", "auditor", "admin"}));
  add->callback([&ctx, name, role] {
    if (name->empty() || name->size() > 100)
      throw CLI::ValidationError("NAME", "用户名长度应为 1–100");
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    set_user_role(*sql, *name, *role);  // a changed role ends the user's web sessions
    std::cout << "用户 " << *name << " 的角色为 " << *role << "\n";
  });
  auto from_stdin = std::make_shared<bool>(false);
  auto* passwd =
      users->add_subcommand("passwd", "设置用户的网页控制台密码（PBKDF2-SHA256 加盐存储）");
  passwd->add_option("NAME", *name, "用户名")
      ->required()
      ->check(input_text_check(kUserNameMaxBytes));
  passwd->add_flag("--password-stdin", *from_stdin, "从标准输入读取一行作为密码（脚本与测试用）");
  passwd->callback([&ctx, name, from_stdin] {
    bool terminal = !*from_stdin && isatty(STDIN_FILENO);
    std::string password = read_secret("新密码：", terminal);
    if (terminal && read_secret("再次输入：", terminal) != password) {
      std::cerr << "两次输入的密码不一致\n";
      ctx.exit_code = kUsage;
      return;
    }
    if (password.size() < 8) {
      std::cerr << "密码至少 8 个字符 (password_too_short)\n";
      ctx.exit_code = kUsage;
      return;
    }
    int iterations = ctx.settings.get_int("web.pbkdf2_iterations", web::kDefaultPbkdf2Iterations);
    std::string hash = web::hash_password(password, iterations);
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    if (!set_password_hash(*sql, *name, hash)) {
      std::cerr << "用户不存在：" << *name << " (unknown_user)\n";
      ctx.exit_code = kFatal;
      return;
    }
    std::cout << "已设置用户 " << *name << " 的密码\n";
  });
  for (bool disable : {true, false}) {
    auto* cmd = users->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "停用用户：不能登录网页控制台，命令行的 --user 被拒绝，已登录的会话立即失效"
                : "恢复已停用的用户");
    cmd->add_option("NAME", *name, "用户名")->required();
    cmd->callback([&ctx, name, disable] {
      auto sql = connect(ensure_database(ctx.settings).runtime_url);
      if (!set_user_disabled(*sql, *name, disable)) {
        std::cerr << "用户不存在：" << *name << " (unknown_user)\n";
        ctx.exit_code = kFatal;
        return;
      }
      std::cout << (disable ? "已停用用户 " : "已恢复用户 ") << *name << "\n";
    });
  }
  users->add_subcommand("list", "列出用户")->callback([&ctx] {
    auto sql = connect(ensure_database(ctx.settings).runtime_url);
    for (const auto& u : list_users(*sql)) {
      std::cout << u.name << "\t" << u.role << "\t" << (u.has_password ? "有密码" : "");
      if (u.disabled)
        std::cout << "\t"
                  << "已停用";
      std::cout << "\n";
    }
  });
}

void refuse_disabled_user(CLI::App& app, Context& ctx) {
  // The chain of subcommands given (zhixing ledger grant …): any of them may have --user.
  for (CLI::App* cmd = &app; cmd != nullptr;) {
    const CLI::Option* option = cmd->get_option_no_throw("--user");
    if (option != nullptr && option->count() > 0 && !option->results().empty()) {
      const std::string user = option->results().front();
      auto sql = connect(ensure_database(ctx.settings).runtime_url);
      auto found = find_console_user(*sql, user);
      if (found && found->disabled) {
        std::cerr << "refused: user_disabled: 用户 " << sanitize_for_log(user, 200)
                  << " 已停用（管理员可用 zhixing users enable 恢复）\n";
        throw CLI::RuntimeError(kPartial);
      }
    }
    auto chosen = cmd->get_subcommands();
    cmd = chosen.empty() ? nullptr : chosen.front();
  }
}

}  // namespace zhixing::app::cli
