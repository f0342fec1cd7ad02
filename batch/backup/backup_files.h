// The files of a backup folder besides the database: which configuration and seal files a
// backup takes, and copying a file in or out with its SHA-256 and permission bits.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "backup/manifest.h"
#include "config/settings.h"

namespace zhixing::backup {

// A file to take: where it is, and its path inside the backup folder.
struct SourceFile {
  std::filesystem::path original;
  std::string stored;
};

// The configuration: the settings file ($ZHIXING_CONFIG, else config/zhixing.properties), the
// court list (court.list), the relief policy (relief.policy), the law articles and every
// document template (templates/*.mustache), those that exist, under config/.
std::vector<SourceFile> config_files(const Settings& settings);
// Every regular file under seal.dir (certificates, roots, softhsm2.conf, the SoftHSM2 token
// folder, the PIN file), under seal/; the PIN file (seal.pin_file) also when it lies elsewhere.
std::vector<SourceFile> seal_files(const Settings& settings);

// Copies `source` to `backup_dir/stored` (parents made 0700, the copy 0600) and describes the
// copy: its SHA-256 and size as stored, the original's permission bits and path.
ManifestFile take_file(const std::filesystem::path& source, const std::filesystem::path& backup_dir,
                       const std::string& stored, FileKind kind);
// Describes a file written into the backup folder by another program (pg_dump, pg_dumpall).
ManifestFile describe_file(const std::filesystem::path& backup_dir, const std::string& stored,
                           FileKind kind);
// Every regular file under backup_dir/folder, described, in path order.
std::vector<ManifestFile> describe_tree(const std::filesystem::path& backup_dir,
                                        const std::string& folder, FileKind kind);

// Puts a file of the backup back at `target` with `mode` (parents made with `dir_mode`),
// through a temporary name and a rename, so a reader never sees half a file.
void put_back(const std::filesystem::path& from, const std::filesystem::path& target, unsigned mode,
              unsigned dir_mode);

// A folder with nothing in it (or missing).
bool empty_or_missing(const std::filesystem::path& dir);

}  // namespace zhixing::backup
