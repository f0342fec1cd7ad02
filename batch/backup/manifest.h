// manifest.json of a backup folder: when it was made, the ledger head and the database it
// holds, and every file in the folder with its SHA-256, size and (for the files that go back to
// a place: documents, configuration, the seal) where it came from. Written last, so a folder
// without one is an unfinished backup. Its `"ledger_head": {"seq": N, "hash": "…"}` is the
// anchor form `zhixing ledger verify --anchor manifest.json` reads.
#pragma once

#include <string>
#include <vector>

namespace zhixing::backup {

inline constexpr const char* kManifestFormat = "zhixing.backup/1";
inline constexpr const char* kManifestName = "manifest.json";

enum class FileKind { database, roles, document, config, seal };
const char* file_kind_name(FileKind kind);

struct ManifestFile {
  FileKind kind = FileKind::database;
  std::string stored;    // relative to the backup folder, '/'-separated
  std::string original;  // absolute path it came from (document, config, seal); else empty
  std::string sha256;
  long long size_bytes = 0;
  unsigned mode = 0600;       // permission bits of the original (restored as they were)
  long long document_id = 0;  // documents.id (document files only)
};

struct Manifest {
  std::string created_at;  // local time, "YYYY-MM-DD HH:MM:SS"
  std::string zhixing_version;
  std::string database_name;
  long long head_sequence = 0;
  std::string head_hash;
  long long document_count = 0;
  std::vector<ManifestFile> files;

  long long total_bytes() const;
  long long count(FileKind kind) const;
};

std::string manifest_json(const Manifest& manifest);
// Throws BackupError backup_manifest_invalid when the text is not a manifest of this format.
Manifest parse_manifest(const std::string& text);

}  // namespace zhixing::backup
