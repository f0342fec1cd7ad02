#include "backup/manifest.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "backup/backup_error.h"
#include "core/json_text.h"
#include "core/sha256.h"

namespace zhixing::backup {

namespace {

constexpr FileKind kKinds[] = {FileKind::database, FileKind::roles, FileKind::document,
                               FileKind::config, FileKind::seal};

FileKind kind_from_name(const std::string& name) {
  for (FileKind k : kKinds)
    if (name == file_kind_name(k)) return k;
  throw BackupError("backup_manifest_invalid", "未知的文件类别 “" + name + "”");
}

std::string file_json(const ManifestFile& f) {
  JsonObject o(JsonStyle::spaced);
  o.add_string("kind", file_kind_name(f.kind));
  o.add_string("path", f.stored);
  if (!f.original.empty()) o.add_string("original", f.original);
  o.add_string("sha256", f.sha256);
  o.add_number("size", f.size_bytes);
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", f.mode & 07777);
  o.add_string("mode", mode);
  if (f.document_id > 0) o.add_number("document_id", f.document_id);
  return o.str();
}

// A path in the manifest stays inside the backup folder: relative, no "..", no empty part.
bool safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::database:
      return "database";
    case FileKind::roles:
      return "roles";
    case FileKind::document:
      return "document";
    case FileKind::config:
      return "config";
    case FileKind::seal:
      return "seal";
  }
  return "database";
}

long long Manifest::total_bytes() const {
  long long n = 0;
  for (const auto& f : files) n += f.size_bytes;
  return n;
}

long long Manifest::count(FileKind kind) const {
  return std::count_if(files.begin(), files.end(),
                       [kind](const ManifestFile& f) { return f.kind == kind; });
}

std::string manifest_json(const Manifest& m) {
  JsonObject head(JsonStyle::spaced);
  head.add_number("seq", m.head_sequence).add_string("hash", m.head_hash);
  JsonObject counts(JsonStyle::spaced);
  counts.add_number("documents", m.document_count)
      .add_number("files", static_cast<long long>(m.files.size()))
      .add_number("bytes", m.total_bytes());
  std::vector<std::string> files;
  for (const auto& f : m.files) files.push_back(file_json(f));
  JsonObject o(JsonStyle::lines);
  o.add_string("format", kManifestFormat)
      .add_string("created_at", m.created_at)
      .add_string("zhixing_version", m.zhixing_version)
      .add_string("database", m.database_name)
      .add("ledger_head", head.str())
      .add("counts", counts.str())
      .add("files", json_array(files, JsonStyle::lines, 1));
  return o.str() + "\n";
}

Manifest parse_manifest(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    auto o = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    if (o->getValue<std::string>("format") != kManifestFormat)
      throw BackupError("backup_manifest_invalid",
                        "不是本版本的备份清单（format 应为 " + std::string(kManifestFormat) + "）");
    Manifest m;
    m.created_at = o->getValue<std::string>("created_at");
    m.zhixing_version = o->optValue<std::string>("zhixing_version", "");
    m.database_name = o->getValue<std::string>("database");
    auto head = o->getObject("ledger_head");
    m.head_sequence = head->getValue<long long>("seq");
    m.head_hash = head->getValue<std::string>("hash");
    m.document_count = o->getObject("counts")->getValue<long long>("documents");
    auto files = o->getArray("files");
    for (size_t i = 0; i < files->size(); ++i) {
      auto f = files->getObject(static_cast<unsigned>(i));
      ManifestFile mf;
      mf.kind = kind_from_name(f->getValue<std::string>("kind"));
      mf.stored = f->getValue<std::string>("path");
      mf.original = f->optValue<std::string>("original", "");
      mf.sha256 = f->getValue<std::string>("sha256");
      mf.size_bytes = f->getValue<long long>("size");
      mf.mode = static_cast<unsigned>(std::stoul(f->getValue<std::string>("mode"), nullptr, 8));
      mf.document_id = f->optValue<long long>("document_id", 0);
      if (!safe_relative(mf.stored) || !is_sha256_hex(mf.sha256) || mf.size_bytes < 0 ||
          (!mf.original.empty() && mf.original.front() != '/'))
        throw BackupError("backup_manifest_invalid", "清单中的文件条目不合法：" + mf.stored);
      m.files.push_back(std::move(mf));
    }
    if (!is_sha256_hex(m.head_hash) || m.head_sequence < 0)
      throw BackupError("backup_manifest_invalid", "清单中的台账链头不合法");
    return m;
  } catch (const BackupError&) {
    throw;
  } catch (const std::exception& e) {
    throw BackupError("backup_manifest_invalid", std::string("备份清单无法读取：") + e.what());
  }
}

}  // namespace zhixing::backup
