#include "backup/restore.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "backup/backup_error.h"
#include "backup/backup_files.h"
#include "backup/pg_tools.h"
#include "core/sha256.h"
#include "ledger/verifier.h"
#include "store/backup_store.h"
#include "store/database.h"
#include "store/pg_server.h"

namespace zhixing::backup {

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string with_dbname(const std::string& url, const std::string& name) {
  static const std::regex dbname(R"(dbname=\S+)");
  return std::regex_search(url, dbname) ? std::regex_replace(url, dbname, "dbname=" + name)
                                        : url + " dbname=" + name;
}

Manifest read_manifest(const fs::path& dir) {
  if (!fs::is_regular_file(dir / kManifestName))
    throw BackupError(
        "backup_incomplete",
        dir.string() + " 中没有 manifest.json：不是完整的备份（备份未完成或目录有误）");
  return parse_manifest(slurp(dir / kManifestName));
}

// Every file of the manifest is in the backup with its size and SHA-256. A document that is not
// is a finding (it is not put back; the rest is restored); any other file refuses the restore.
std::set<long long> check_backup_files(const fs::path& dir, RestoreReport& report) {
  std::set<long long> bad_documents;
  for (const ManifestFile& f : report.manifest.files) {
    const fs::path file = dir / f.stored;
    std::string problem;
    if (!fs::is_regular_file(file))
      problem = "备份中缺少文件 " + f.stored;
    else if (static_cast<long long>(fs::file_size(file)) != f.size_bytes ||
             sha256_file_hex(file) != f.sha256)
      problem = "备份中的文件与清单记录的 SHA-256 不符：" + f.stored;
    if (problem.empty()) continue;
    if (f.kind != FileKind::document)
      throw BackupError("backup_file_mismatch", problem + "；未作任何更改");
    report.findings.push_back({"document_hash_mismatch",
                               problem + "（文书 " + std::to_string(f.document_id) + "，未放回）"});
    bad_documents.insert(f.document_id);
  }
  if (report.manifest.count(FileKind::database) == 0)
    throw BackupError("backup_incomplete", "备份中没有数据库转储（db/）");
  return bad_documents;
}

// A document or seal file already at its place must be the backup's: restore never overwrites
// a different file.
void check_places(const fs::path& dir, const Manifest& manifest) {
  for (const ManifestFile& f : manifest.files) {
    if (f.kind != FileKind::document && f.kind != FileKind::seal) continue;
    if (!fs::exists(f.original)) continue;
    if (!fs::is_regular_file(f.original) || sha256_file_hex(f.original) != f.sha256)
      throw BackupError("restore_file_conflict",
                        f.original + " 已存在且与备份中的文件（" + (dir / f.stored).string() +
                            "）不同：不覆盖，未作任何更改；请先移走该文件");
  }
}

// The empty database, the missing roles, pg_restore. Returns the connection string to verify
// with.
std::string restore_database(const Settings& settings, const fs::path& dir, RestoreReport& report) {
  if (!database_target(settings).external) PgServer(settings).start();
  const DatabaseTarget target = database_target(settings);  // after start: the password files
  const std::string not_empty =
      "目标数据库 " + target.name +
      " 已有数据表：只能恢复到空库（新集群或新建的空数据库），未作任何更改";
  std::string url;
  if (target.external) {
    url = target.owner_url;  // an existing server: its administrator made the roles and database
    if (user_relation_count(*connect(url)) > 0)
      throw BackupError("restore_target_not_empty", not_empty);
  } else {
    url = with_dbname(target.superuser_url, target.name);
    auto su = connect(target.superuser_url);
    if (database_exists(*su, target.name) && user_relation_count(*connect(url)) > 0)
      throw BackupError("restore_target_not_empty", not_empty);
    if (fs::is_regular_file(dir / "roles.sql"))
      report.roles_created = create_missing_roles(*su, slurp(dir / "roles.sql"));
    create_database_if_missing(target);  // this cluster's passwords; the owner owns the database
  }
  run_pg_program(settings, "pg_restore",
                 {"--format=directory", "--jobs=2", "--exit-on-error", (dir / "db").string()}, url,
                 "restore_failed");
  return url;
}

// A document or seal file: already there with the backup's bytes, or put back (its folders made
// with `folder_mode`).
void restore_unless_same(bool same, const fs::path& from, const ManifestFile& f,
                         unsigned folder_mode, long long& present, long long& placed) {
  if (same) {
    ++present;
  } else {
    put_back(from, f.original, f.mode, folder_mode);
    ++placed;
  }
}

void place_files(const fs::path& dir, const std::set<long long>& bad_documents,
                 RestoreReport& report) {
  for (const ManifestFile& f : report.manifest.files) {
    if (f.original.empty()) continue;
    const fs::path from = dir / f.stored;
    const bool present = fs::is_regular_file(f.original);
    const bool same = present && sha256_file_hex(f.original) == f.sha256;
    switch (f.kind) {
      case FileKind::document:
        if (bad_documents.count(f.document_id)) break;  // damaged in the backup: not put back
        restore_unless_same(same, from, f, 0755, report.documents_present,
                            report.documents_placed);
        break;
      case FileKind::seal:
        restore_unless_same(same, from, f, 0700, report.seal_present, report.seal_placed);
        break;
      case FileKind::config:
        if (!present) {
          put_back(from, f.original, f.mode, 0755);
          ++report.config_placed;
        } else if (same) {
          ++report.config_same;
        } else {
          report.config_different.push_back(f.original + "（备份中：" + from.string() + "）");
        }
        break;
      default:
        break;
    }
  }
}

// The ledger up to the recorded head, and every document's file against the database and the
// manifest.
void verify_restored(const std::string& url, const std::set<long long>& bad_documents,
                     RestoreReport& report) {
  const Manifest& m = report.manifest;
  auto sql = connect(url);
  const ledger::VerifyResult v = ledger::verify_ledger(*sql, {{m.head_sequence, m.head_hash}});
  report.ledger_entries_checked = v.entries_checked;
  report.head_sequence = v.head_sequence;
  report.head_hash = v.head_hash;
  if (v.head_sequence != m.head_sequence || v.head_hash != m.head_hash)
    report.findings.push_back(
        {"ledger_head_mismatch", "恢复后的台账链头为 " + std::to_string(v.head_sequence) + " " +
                                     v.head_hash + "，备份记录的是 " +
                                     std::to_string(m.head_sequence) + " " + m.head_hash});
  else if (!v.ok)
    report.findings.push_back(
        {"ledger_chain_mismatch", "台账哈希链核验未通过：" + v.summary() + "：" + v.problem});
  std::map<long long, const ManifestFile*> in_manifest;
  for (const auto& f : m.files)
    if (f.kind == FileKind::document) in_manifest[f.document_id] = &f;
  const std::vector<DocumentFileRow> rows = document_files(*sql);
  if (static_cast<long long>(rows.size()) != m.document_count)
    report.findings.push_back(
        {"document_count_mismatch", "恢复后的数据库有 " + std::to_string(rows.size()) +
                                        " 份文书，备份记录 " + std::to_string(m.document_count) +
                                        " 份"});
  for (const DocumentFileRow& d : rows) {
    if (bad_documents.count(d.id)) continue;  // reported already
    const fs::path file = fs::path(d.output_dir) / d.path;
    const std::string name = "文书 " + std::to_string(d.id) + "（" + file.string() + "）";
    auto it = in_manifest.find(d.id);
    if (it == in_manifest.end() || !fs::is_regular_file(file)) {
      report.findings.push_back({"document_missing", name + " 的文件不在备份中或未能放回"});
    } else if (it->second->sha256 != d.sha256) {
      report.findings.push_back(
          {"document_hash_mismatch", name + "：备份清单中的 SHA-256 与数据库记录不符"});
    } else if (sha256_file_hex(file) != d.sha256) {
      report.findings.push_back(
          {"document_hash_mismatch", name + "：文件的 SHA-256 与数据库记录不符"});
    } else {
      ++report.documents_verified;
    }
  }
}

}  // namespace

RestoreReport restore_backup(const Settings& settings, const fs::path& dir_in) {
  const fs::path dir = fs::absolute(dir_in);
  RestoreReport report;
  report.manifest = read_manifest(dir);
  const std::set<long long> bad_documents = check_backup_files(dir, report);
  check_places(dir, report.manifest);
  const std::string url = restore_database(settings, dir, report);
  place_files(dir, bad_documents, report);
  verify_restored(url, bad_documents, report);
  return report;
}

}  // namespace zhixing::backup
