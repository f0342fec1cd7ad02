// `zhixing backup`: one consistent backup of everything the court cannot make again — the
// database (pg_dump, directory format, in one exported snapshot) and its roles (pg_dumpall
// --roles-only), every issued document's file, the configuration and the electronic seal's
// folder (certificates, SoftHSM2 token, PIN file) — with a manifest of every file's SHA-256 and
// the ledger head the dump holds.
//
// Consistency: a REPEATABLE READ transaction exports its snapshot; pg_dump runs on that
// snapshot (--snapshot) while the transaction stays open, and the ledger head and the list of
// documents are read in the same transaction, so the head printed and the documents copied are
// exactly those of the dump. Documents are never changed once issued (a re-issue is a new
// version with a new file), so copying them after the dump copies what the snapshot lists.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "backup/manifest.h"
#include "config/settings.h"

namespace zhixing::backup {

// Something the backup found wrong in the live system (it still takes what is there, so the
// backup is faithful, and reports it: exit 4).
struct Finding {
  std::string code;  // document_missing, document_hash_mismatch
  std::string message;
};

struct BackupReport {
  std::filesystem::path dir;
  Manifest manifest;
  std::vector<Finding> findings;
};

// Writes the backup into `dir`, which must be missing or empty (else BackupError
// backup_not_empty). The folder is made 0700. On failure the files written so far are removed.
BackupReport make_backup(const Settings& settings, const std::filesystem::path& dir,
                         const std::string& zhixing_version);

// The folder a timed backup writes: `root`/YYYY-MM-DD_HHMMSS (local time of `now`).
std::filesystem::path dated_folder(const std::filesystem::path& root, std::time_t now);
// Removes the oldest complete backups (dated folders with a manifest) beyond the newest `keep`
// (at least 1); returns the folders removed. Other files and folders in `root` are left alone.
std::vector<std::filesystem::path> prune_backups(const std::filesystem::path& root, int keep);

}  // namespace zhixing::backup
