#include "backup/backup_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "backup/backup_error.h"
#include "core/sha256.h"

namespace zhixing::backup {

namespace fs = std::filesystem;

namespace {

// Makes the missing folders above `file`, each with `mode`.
void make_parents(const fs::path& file, unsigned mode) {
  std::vector<fs::path> missing;
  for (fs::path p = file.parent_path(); !p.empty() && !fs::exists(p); p = p.parent_path())
    missing.push_back(p);
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    fs::create_directory(*it);
    fs::permissions(*it, static_cast<fs::perms>(mode), fs::perm_options::replace);
  }
}

unsigned mode_of(const fs::path& file) {
  struct stat st {};
  if (stat(file.c_str(), &st) != 0)
    throw BackupError("backup_file_unreadable", "无法读取 " + file.string());
  return st.st_mode & 07777;
}

}  // namespace

std::vector<SourceFile> config_files(const Settings& settings) {
  // The read-only data files (settings file, law articles, templates) sit under the data root
  // (the package's /usr/share/zhixing/config and templates are links into /etc/zhixing).
  const fs::path root = settings.data_root();
  std::vector<fs::path> files = {
      settings.file(),
      settings.data_path("court.list", "config/courts.csv"),
      settings.data_path("relief.policy", "config/relief-policy.properties"),
      root / "config" / "law-articles.properties",
  };
  std::error_code ec;
  std::vector<fs::path> templates;
  for (const auto& e : fs::directory_iterator(root / "templates", ec))
    if (e.is_regular_file() && e.path().extension() == ".mustache") templates.push_back(e.path());
  std::sort(templates.begin(), templates.end());

  std::vector<SourceFile> out;
  std::set<std::string> taken;
  auto add = [&](const fs::path& file, const std::string& folder) {
    if (!fs::is_regular_file(file)) return;
    std::string stored = folder + file.filename().string();
    for (int n = 2; taken.count(stored); ++n)
      stored = folder + std::to_string(n) + "-" + file.filename().string();
    taken.insert(stored);
    out.push_back({fs::absolute(file), stored});
  };
  for (const auto& f : files) add(f, "config/");
  for (const auto& f : templates) add(f, "config/templates/");
  return out;
}

std::vector<SourceFile> seal_files(const Settings& settings) {
  const fs::path dir = fs::absolute(settings.path("seal.dir", "var/seal"));
  const fs::path pin = fs::absolute(settings.path("seal.pin_file", "var/seal/pin"));
  std::vector<SourceFile> out;
  std::error_code ec;
  bool pin_inside = false;
  if (fs::is_directory(dir)) {
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (!it->is_regular_file()) continue;  // no sockets or links in a seal folder
      out.push_back({it->path(), "seal/" + it->path().lexically_relative(dir).generic_string()});
      if (it->path() == pin) pin_inside = true;
    }
  }
  if (!pin_inside && fs::is_regular_file(pin))
    out.push_back({pin, "seal-pin/" + pin.filename().string()});
  std::sort(out.begin(), out.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.stored < b.stored; });
  return out;
}

ManifestFile take_file(const fs::path& source, const fs::path& backup_dir,
                       const std::string& stored, FileKind kind) {
  const fs::path target = backup_dir / stored;
  make_parents(target, 0700);
  std::error_code ec;
  fs::copy_file(source, target, fs::copy_options::none, ec);
  if (ec)
    throw BackupError("backup_file_unreadable",
                      "无法复制 " + source.string() + "：" + ec.message());
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  ManifestFile f = describe_file(backup_dir, stored, kind);
  f.original = fs::absolute(source).string();
  f.mode = mode_of(source);
  return f;
}

ManifestFile describe_file(const fs::path& backup_dir, const std::string& stored, FileKind kind) {
  const fs::path file = backup_dir / stored;
  // Whatever umask the other program ran with: the owner's only, like every file of a backup.
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  ManifestFile f;
  f.kind = kind;
  f.stored = stored;
  f.sha256 = sha256_file_hex(file);
  f.size_bytes = static_cast<long long>(fs::file_size(file));
  f.mode = 0600;
  return f;
}

std::vector<ManifestFile> describe_tree(const fs::path& backup_dir, const std::string& folder,
                                        FileKind kind) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(backup_dir / folder))
    if (e.is_regular_file())
      names.push_back(folder + "/" +
                      e.path().lexically_relative(backup_dir / folder).generic_string());
  std::sort(names.begin(), names.end());
  std::vector<ManifestFile> out;
  for (const auto& n : names) out.push_back(describe_file(backup_dir, n, kind));
  return out;
}

void put_back(const fs::path& from, const fs::path& target, unsigned mode, unsigned dir_mode) {
  make_parents(target, dir_mode);
  fs::path part = target;
  part += ".restore-part";
  std::error_code ec;
  fs::copy_file(from, part, fs::copy_options::overwrite_existing, ec);
  if (ec)
    throw BackupError("restore_write_failed", "无法写入 " + target.string() + "：" + ec.message());
  fs::permissions(part, static_cast<fs::perms>(mode & 07777), fs::perm_options::replace);
  fs::rename(part, target);
}

bool empty_or_missing(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace zhixing::backup
