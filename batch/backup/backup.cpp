#include "backup/backup.h"

#include <algorithm>
#include <fstream>
#include <regex>

#include "backup/backup_error.h"
#include "backup/backup_files.h"
#include "backup/pg_tools.h"
#include "core/invariant.h"
#include "store/backup_store.h"
#include "store/database.h"
#include "store/ledger_store.h"

namespace zhixing::backup {

namespace fs = std::filesystem;

namespace {

std::string local_time_text(std::time_t t, const char* format) {
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// The same server, database `name` (the superuser's connection string names `postgres`).
std::string with_dbname(const std::string& url, const std::string& name) {
  static const std::regex dbname(R"(dbname=\S+)");
  return std::regex_search(url, dbname) ? std::regex_replace(url, dbname, "dbname=" + name)
                                        : url + " dbname=" + name;
}

// Where an issued document's file goes in the backup: under output/ as it lies below
// paths.output, else (a clerk's --out folder elsewhere) under documents-elsewhere/<id>/.
std::string stored_document_path(const fs::path& output_root, const DocumentFileRow& d) {
  const fs::path file = fs::path(d.output_dir) / d.path;
  const fs::path rel = file.lexically_normal().lexically_relative(output_root);
  if (!rel.empty() && *rel.begin() != "..") return "output/" + rel.generic_string();
  return "documents-elsewhere/" + std::to_string(d.id) + "/" + file.filename().string();
}

// Copies every document's file; a missing file or one whose SHA-256 is not the database's is a
// finding (the backup keeps what there is).
void take_documents(const Settings& settings, const fs::path& dir,
                    const std::vector<DocumentFileRow>& documents, BackupReport& report) {
  const fs::path output_root = fs::weakly_canonical(settings.path("paths.output", "out"));
  for (const DocumentFileRow& d : documents) {
    const fs::path file = fs::path(d.output_dir) / d.path;
    if (!fs::is_regular_file(file)) {
      report.findings.push_back({"document_missing", "文书文件缺失（文书 " + std::to_string(d.id) +
                                                         "）：" + file.string()});
      continue;
    }
    ManifestFile f = take_file(file, dir, stored_document_path(output_root, d), FileKind::document);
    f.document_id = d.id;
    if (f.sha256 != d.sha256)
      report.findings.push_back(
          {"document_hash_mismatch", "文书文件的 SHA-256 与数据库记录不符（文书 " +
                                         std::to_string(d.id) + "）：" + file.string()});
    report.manifest.files.push_back(std::move(f));
  }
}

void write_manifest(const fs::path& dir, const Manifest& manifest) {
  const fs::path part = dir / (std::string(kManifestName) + ".part");
  {
    std::ofstream out(part, std::ios::binary);
    out << manifest_json(manifest);
    if (!out.flush()) throw BackupError("backup_write_failed", "无法写入 " + part.string());
  }
  fs::permissions(part, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  fs::rename(part, dir / kManifestName);  // last: a folder with a manifest is a whole backup
}

void prepare_folder(const fs::path& dir) {
  if (!empty_or_missing(dir))
    throw BackupError("backup_not_empty",
                      "备份目录 " + dir.string() + " 不是空目录：请指定新的或空的目录");
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

// The database part: dump and roles from one snapshot, with the documents and the head read in
// it. Returns the documents.
std::vector<DocumentFileRow> take_database(const Settings& settings, const fs::path& dir,
                                           Manifest& manifest) {
  const DatabaseTarget target = ensure_database_as_admin(settings);
  // The superuser (private server) dumps everything; on an existing server, the owner role.
  const std::string url =
      target.external ? target.owner_url : with_dbname(target.superuser_url, target.name);
  auto sql = connect(url);
  const std::string snapshot = begin_exported_snapshot(*sql);
  const ChainHead head = LedgerStore(*sql).head();
  std::vector<DocumentFileRow> documents = document_files(*sql);
  run_pg_program(settings, "pg_dump",
                 {"--format=directory", "--jobs=2", "--snapshot=" + snapshot,
                  "--file=" + (dir / "db").string()},
                 url, "backup_dump_failed");
  end_snapshot(*sql);
  manifest.database_name = target.name;
  manifest.head_sequence = head.sequence;
  manifest.head_hash = head.hash;
  manifest.document_count = static_cast<long long>(documents.size());
  for (auto& f : describe_tree(dir, "db", FileKind::database)) manifest.files.push_back(f);
  if (!target.superuser_url.empty()) {
    run_pg_program(settings, "pg_dumpall",
                   {"--roles-only", "--file=" + (dir / "roles.sql").string()}, target.superuser_url,
                   "backup_dump_failed");
    manifest.files.push_back(describe_file(dir, "roles.sql", FileKind::roles));
  }
  return documents;
}

}  // namespace

BackupReport make_backup(const Settings& settings, const fs::path& dir_in,
                         const std::string& zhixing_version) {
  const fs::path dir = fs::absolute(dir_in);
  prepare_folder(dir);
  BackupReport report;
  report.dir = dir;
  Manifest& m = report.manifest;
  m.created_at = local_time_text(std::time(nullptr), "%Y-%m-%d %H:%M:%S");
  m.zhixing_version = zhixing_version;
  try {
    std::vector<DocumentFileRow> documents = take_database(settings, dir, m);
    take_documents(settings, dir, documents, report);
    for (const auto& c : config_files(settings))
      m.files.push_back(take_file(c.original, dir, c.stored, FileKind::config));
    for (const auto& s : seal_files(settings))
      m.files.push_back(take_file(s.original, dir, s.stored, FileKind::seal));
    write_manifest(dir, m);
  } catch (...) {
    // Only what this run wrote: the folder was empty or missing when it began.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) fs::remove_all(e.path(), ec);
    throw;
  }
  return report;
}

fs::path dated_folder(const fs::path& root, std::time_t now) {
  return root / local_time_text(now, "%Y-%m-%d_%H%M%S");
}

std::vector<fs::path> prune_backups(const fs::path& root, int keep) {
  ZHIXING_INVARIANT(keep >= 1, "prune_backups keeps at least one backup");
  static const std::regex dated(R"(\d{4}-\d{2}-\d{2}_\d{6})");
  std::vector<fs::path> complete;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory() && std::regex_match(e.path().filename().string(), dated) &&
        fs::is_regular_file(e.path() / kManifestName))
      complete.push_back(e.path());
  std::sort(complete.begin(), complete.end());
  std::vector<fs::path> removed;
  while (complete.size() > static_cast<size_t>(keep)) {
    fs::remove_all(complete.front());
    removed.push_back(complete.front());
    complete.erase(complete.begin());
  }
  return removed;
}

}  // namespace zhixing::backup
