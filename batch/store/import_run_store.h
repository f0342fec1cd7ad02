// The import run tables (import_runs, quarantine): the importer's bookkeeping of one file's run
// and of the lines it could not take. Every call runs in the caller's session and transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace zhixing::inline store {

// A rejected input line as kept in quarantine (each distinct line once, by its SHA-256).
struct QuarantinedLine {
  long long import_run_id = 0;
  std::string file_name;
  long long line_no = 0;
  std::string code;
  std::optional<std::string> field;
  std::string message;
  std::optional<std::string> case_number;
  std::string line_sha256;
  long long line_bytes = 0;
  std::string line_head_hex;  // the first bytes of the line, hex-encoded
};

struct ImportRunCounts {
  long long lines = 0;
  long long inserted = 0;
  long long updated = 0;
  long long unchanged = 0;
  long long rejected = 0;
};

// Whether a run of a file with these bytes has completed before.
bool import_file_completed(soci::session& sql, const std::string& file_sha256);
// Records a new run (status 'running') and returns its id.
long long start_import_run(soci::session& sql, const std::string& file_name,
                           const std::string& file_sha256);
// True when the line was quarantined now, false when the same line was already there.
bool quarantine_line(soci::session& sql, const QuarantinedLine& line);
void complete_import_run(soci::session& sql, long long run_id, const ImportRunCounts& counts);
void fail_import_run(soci::session& sql, long long run_id);

}  // namespace zhixing::inline store
