// Versioned SQL migrations (batch/store/sql/NNN_name.sql), applied in order, each once, each in
// its own transaction, recorded with its SHA-256. An applied migration whose file changed is an
// error: a migration never edits an earlier one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace zhixing::inline store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sha256;
  std::string sql;
};

std::vector<Migration> load_migrations(const std::filesystem::path& dir);

// Applies the pending ones as the owner role; returns the names applied.
std::vector<std::string> migrate(soci::session& owner, const std::vector<Migration>& migrations);

}  // namespace zhixing::inline store
