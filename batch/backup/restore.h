// `zhixing restore DIR`: puts a backup of `zhixing backup` back — into an empty database only —
// and then proves it: the ledger's hash chain from genesis up to the head the backup recorded
// (ledger/verifier.h, the same check as `zhixing ledger verify`), and every issued document's
// file against its SHA-256 in the restored database and in the manifest.
//
// Order: the manifest and every file of the backup are checked first, and the places files go
// back to are checked for different files already there; a refusal (BackupError) at that point
// has changed nothing. Then the roles the server lacks (from roles.sql), the database (owned by
// the owner role; the private server's roles keep the passwords of this cluster's secrets/
// files), pg_restore, the documents and the seal folder (never over a different file), the
// configuration only where missing; then the verification.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "backup/backup.h"
#include "backup/manifest.h"
#include "config/settings.h"

namespace zhixing::backup {

struct RestoreReport {
  Manifest manifest;
  std::vector<std::string> roles_created;
  long long documents_placed = 0;   // written back
  long long documents_present = 0;  // already there, identical
  long long seal_placed = 0, seal_present = 0;
  long long config_placed = 0, config_same = 0;
  std::vector<std::string> config_different;  // kept as they are: the installed file differs
  long long ledger_entries_checked = 0;
  long long head_sequence = 0;  // as restored
  std::string head_hash;
  long long documents_verified = 0;  // files whose SHA-256 matched the database and manifest
  std::vector<Finding> findings;     // every mismatch: exit 4
};

RestoreReport restore_backup(const Settings& settings, const std::filesystem::path& dir);

}  // namespace zhixing::backup
