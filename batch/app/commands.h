// One registration function per subcommand (one file each). Each sets `exit_code` when run.
#pragma once

#include <CLI/CLI.hpp>

#include "config/settings.h"
#include "core/input_text.h"

namespace zhixing::app::cli {

// Exit codes shared by the commands.
inline constexpr int kOk = 0;
inline constexpr int kFatal = 1;
inline constexpr int kUsage = 2;
inline constexpr int kPartial = 3;         // some items rejected or failed
inline constexpr int kAlreadyRunning = 5;  // a job instance is running (jobs/job_runner.h)

struct Context {
  Settings settings = Settings::load();
  int exit_code = kOk;
};

// The check for a flag's text that reaches the database (file names, user names, notes): valid
// UTF-8, no control character, at most `max_bytes` (core/input_text.h). A refused value is a
// usage error (exit 2) naming the flag and the stable code: "--user: control_character：…".
inline CLI::Validator input_text_check(std::size_t max_bytes) {
  return CLI::Validator(
      [max_bytes](std::string& value) -> std::string {
        auto fault = check_input_text(value, max_bytes);
        return fault ? fault->code + "：" + fault->message : std::string();
      },
      "TEXT", "input_text");
}
inline constexpr std::size_t kUserNameMaxBytes = 400;  // 100 characters of up to 4 bytes
inline constexpr std::size_t kFileNameMaxBytes = 4096;

void add_db_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_demo_data_command(CLI::App& app, Context& ctx);
void add_users_command(CLI::App& app, Context& ctx);
void add_nightly_command(CLI::App& app, Context& ctx);
void add_docs_command(CLI::App& app, Context& ctx);
void add_templates_command(CLI::App& app, Context& ctx);
void add_ledger_command(CLI::App& app, Context& ctx);
void add_relief_command(CLI::App& app, Context& ctx);
void add_worker_command(CLI::App& app, Context& ctx);
void add_runs_command(CLI::App& app, Context& ctx);
void add_batch_command(CLI::App& app, Context& ctx);
void add_schedule_command(CLI::App& app, Context& ctx);
void add_report_command(CLI::App& app, Context& ctx);
void add_serve_command(CLI::App& app, Context& ctx);
void add_seal_command(CLI::App& app, Context& ctx);
void add_verify_command(CLI::App& app, Context& ctx);
void add_backup_command(CLI::App& app, Context& ctx);
void add_restore_command(CLI::App& app, Context& ctx);

// Run once the command line is parsed, before any command: a `--user NAME` whose user is disabled
// (zhixing users disable) is refused with `user_disabled` (throws CLI::RuntimeError, exit 3).
void refuse_disabled_user(CLI::App& app, Context& ctx);

}  // namespace zhixing::app::cli
