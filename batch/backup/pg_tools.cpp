#include "backup/pg_tools.h"

#include <filesystem>
#include <regex>

#include "backup/backup_error.h"
#include "store/run_program.h"

namespace zhixing::backup {

namespace {

// The last `n` lines of a program's output, for an error message.
std::string tail_lines(const std::string& text, int n) {
  size_t pos = text.size();
  while (pos > 0 && n > 0) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
    --n;
  }
  return text.substr(pos + 1);
}

}  // namespace

std::pair<std::string, std::string> split_password(const std::string& conninfo) {
  static const std::regex password(R"((^|\s)password=(\S+))");
  std::smatch m;
  if (!std::regex_search(conninfo, m, password)) return {conninfo, ""};
  return {std::regex_replace(conninfo, password, ""), m[2].str()};
}

void run_pg_program(const Settings& settings, const std::string& program,
                    std::vector<std::string> args, const std::string& conninfo,
                    const std::string& code) {
  const std::filesystem::path binary =
      std::filesystem::path(settings.get("db.pg_bin", "/usr/lib/postgresql/15/bin")) / program;
  auto [url, password] = split_password(conninfo);
  std::vector<std::string> argv = {binary.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--dbname=" + url);
  std::vector<std::pair<std::string, std::string>> env;
  if (!password.empty()) env.emplace_back("PGPASSWORD", password);
  ProgramResult result = run_program(argv, env);
  const int rc = result.exit_code;
  const std::string& out = result.output;
  if (rc == 127 && !std::filesystem::exists(binary))
    throw BackupError(code, "未找到 " + binary.string() + "（db.pg_bin）");
  if (rc != 0)
    throw BackupError(
        code, program + " 失败（退出码 " + std::to_string(rc) + "）：" + tail_lines(out, 8));
}

}  // namespace zhixing::backup
