// zhixing backup --out DIR | --out-root DIR [--keep N], and zhixing restore DIR: the court's
// backup of its database, issued documents, configuration and electronic seal, and its
// verified restore (backup/backup.h, backup/restore.h). Run by the administrator (root, or the
// user who owns the private cluster): both need PostgreSQL's superuser.
// Exit codes: 0 done (restore: and verified); 3 refused before anything changed (the stable code
// is printed: backup_not_empty, restore_target_not_empty, backup_file_mismatch, …); 4 done but a
// mismatch was found (document_hash_mismatch, ledger_head_mismatch, …); 1 failed.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/commands.h"
#include "backup/backup.h"
#include "backup/backup_error.h"
#include "backup/restore.h"

namespace zhixing::app::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kMismatch = 4;

// 11328 → "11,328" (locale-independent).
std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string megabytes(long long bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string seconds_text(std::chrono::steady_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::chrono::duration<double>(d).count());
  return buf;
}

long long bytes_of(const backup::Manifest& m, backup::FileKind kind) {
  long long n = 0;
  for (const auto& f : m.files)
    if (f.kind == kind) n += f.size_bytes;
  return n;
}

void print_findings(const std::vector<backup::Finding>& findings) {
  for (const auto& f : findings) std::cerr << "不符：" << f.code << "：" << f.message << "\n";
}

// A refusal before anything changed is exit 3; a program that failed (pg_dump, pg_restore) 1.
int refusal_exit_code(const backup::BackupError& e) {
  return e.code().ends_with("_failed") ? kFatal : kPartial;
}

void print_backup(const backup::BackupReport& r, std::chrono::steady_clock::duration took) {
  using backup::FileKind;
  const backup::Manifest& m = r.manifest;
  std::cout << "备份完成：" << r.dir.string() << "\n"
            << "  台账链头：" << m.head_sequence << ":" << m.head_hash
            << "（zhixing ledger verify --anchor 可核对）\n"
            << "  数据库：" << m.database_name << "（pg_dump 目录格式 "
            << grouped(m.count(FileKind::database)) << " 个文件，"
            << megabytes(bytes_of(m, FileKind::database)) << "；角色 "
            << (m.count(FileKind::roles) ? "roles.sql" : "未备份（外部数据库，由其管理员负责）")
            << "）\n"
            << "  文书：" << grouped(m.document_count) << " 份（"
            << megabytes(bytes_of(m, FileKind::document)) << "）\n"
            << "  配置文件：" << grouped(m.count(FileKind::config)) << " 个\n"
            << "  电子印章目录：" << grouped(m.count(FileKind::seal))
            << " 个文件（含令牌与口令文件：本备份须像印章令牌一样妥善保管）\n"
            << "  合计：" << grouped(static_cast<long long>(m.files.size())) << " 个文件，"
            << grouped(m.total_bytes()) << " 字节（" << megabytes(m.total_bytes()) << "），用时 "
            << seconds_text(took) << " 秒\n";
}

void print_restore(const backup::RestoreReport& r, std::chrono::steady_clock::duration took) {
  const backup::Manifest& m = r.manifest;
  std::cout << "恢复完成：备份时间 " << m.created_at << "，数据库 " << m.database_name << "\n";
  if (!r.roles_created.empty()) {
    std::cout << "  新建角色：";
    for (size_t i = 0; i < r.roles_created.size(); ++i)
      std::cout << (i ? "、" : "") << r.roles_created[i];
    std::cout << "\n";
  }
  std::cout << "  文书：放回 " << grouped(r.documents_placed) << " 份，已在原处 "
            << grouped(r.documents_present) << " 份\n"
            << "  电子印章目录：放回 " << grouped(r.seal_placed) << " 个文件，已在原处 "
            << grouped(r.seal_present) << " 个\n"
            << "  配置文件：放回 " << grouped(r.config_placed) << " 个，与备份相同 "
            << grouped(r.config_same) << " 个，不同（保留现有文件）"
            << grouped(static_cast<long long>(r.config_different.size())) << " 个\n";
  for (const auto& c : r.config_different) std::cout << "    与备份不同：" << c << "\n";
  std::cout << "核验：\n"
            << "  台账：" << grouped(r.ledger_entries_checked) << " 条分录，链头 "
            << r.head_sequence << ":" << r.head_hash << "（备份记录 " << m.head_sequence << ":"
            << m.head_hash << "）\n"
            << "  文书：" << grouped(r.documents_verified) << " / " << grouped(m.document_count)
            << " 份的 SHA-256 与数据库及清单一致\n"
            << "  用时 " << seconds_text(took) << " 秒\n";
  if (r.findings.empty())
    std::cout << "结果：通过 (ok)\n";
  else
    std::cout << "结果：不通过，" << r.findings.size() << " 处不符（见上）\n";
}

}  // namespace

void add_backup_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string out, out_root;
    int keep = 14;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "backup",
      "备份：数据库（同一快照）、角色、已签发文书、配置文件与电子印章目录，附清单与台账链头"
      "（退出码 0 完成，3 拒绝，4 发现不符，1 失败）");
  auto* out = cmd->add_option("--out", a->out, "备份到此目录（须不存在或为空）")
                  ->check(input_text_check(kFileNameMaxBytes));
  auto* root =
      cmd->add_option("--out-root", a->out_root,
                      "在此目录下新建以日期时间命名的子目录（定时备份用），只保留最近 --keep 份")
          ->check(input_text_check(kFileNameMaxBytes));
  cmd->add_option("--keep", a->keep, "与 --out-root 同用：保留的备份份数（默认 14）")
      ->check(CLI::Range(1, 10000));
  out->excludes(root);
  root->excludes(out);
  cmd->callback([&ctx, a, out, root] {
    if (out->count() + root->count() == 0) throw CLI::RequiredError("--out 或 --out-root");
    const auto start = std::chrono::steady_clock::now();
    const fs::path dir =
        a->out.empty() ? backup::dated_folder(a->out_root, std::time(nullptr)) : fs::path(a->out);
    try {
      const backup::BackupReport r = backup::make_backup(ctx.settings, dir, ZHIXING_VERSION);
      print_backup(r, std::chrono::steady_clock::now() - start);
      print_findings(r.findings);
      ctx.exit_code = r.findings.empty() ? kOk : kMismatch;
      if (!a->out_root.empty())
        for (const auto& removed : backup::prune_backups(a->out_root, a->keep))
          std::cout << "  已删除较早的备份：" << removed.string() << "\n";
    } catch (const backup::BackupError& e) {
      std::cerr << "错误：" << e.what() << "\n";
      ctx.exit_code = refusal_exit_code(e);
    }
  });
}

void add_restore_command(CLI::App& app, Context& ctx) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "restore",
      "从 zhixing backup 的备份恢复到空数据库，并核验台账哈希链与每份文书的 SHA-256"
      "（退出码 0 通过，3 拒绝且未作更改，4 有不符，1 失败）");
  cmd->add_option("DIR", *dir, "备份目录")->required()->check(input_text_check(kFileNameMaxBytes));
  cmd->callback([&ctx, dir] {
    const auto start = std::chrono::steady_clock::now();
    try {
      const backup::RestoreReport r = backup::restore_backup(ctx.settings, *dir);
      print_findings(r.findings);
      print_restore(r, std::chrono::steady_clock::now() - start);
      ctx.exit_code = r.findings.empty() ? kOk : kMismatch;
    } catch (const backup::BackupError& e) {
      std::cerr << "错误：" << e.what() << "\n";
      ctx.exit_code = refusal_exit_code(e);
    }
  });
}

}  // namespace zhixing::app::cli
