// `zhixing import FILE`: reads a zhixing.case/1 file, validates every line, writes the valid
// records in bulk and quarantines the rejected ones. A rejected line writes nothing of itself;
// importing the same file again changes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "config/settings.h"
#include "core/court_registry.h"
#include "importer/rejection.h"

namespace zhixing::inline importer {

struct RejectedLine {
  int64_t line = 0;
  Rejection rejection;
  std::optional<std::string> case_number;
};

struct ImportReport {
  int64_t run_id = 0;
  int64_t lines = 0;  // non-blank lines read
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  int64_t quarantined = 0;  // rejected lines stored for the first time
  int64_t batches = 0;      // transactions' batches read
  // The most line bytes of one batch. At most writers + 1 batches are held at once: the next
  // one is read and parsed while the writers write theirs.
  int64_t largest_batch_bytes = 0;
  bool skipped_file = false;  // the same file (by SHA-256) was already imported completely
  double seconds = 0;
};

struct ImportOptions {
  size_t batch_size = 2000;           // import.batch_size: lines per batch, at most
  size_t batch_max_bytes = 64 << 20;  // import.batch_max_bytes: line bytes per batch, at most
                                      // (a batch always takes at least one line)
  // When set, a file whose SHA-256 matches a completed import run is not read again.
  bool skip_completed_files = false;
  // import.writers: batches written at once, each on a connection of its own to
  // connection_url. Without a URL (or with 1) the importer's own session writes, one batch at a
  // time. Whatever the number, the rows, their ids and the report are the same.
  size_t writers = 1;
  std::string connection_url;
};

// import.batch_size and import.batch_max_bytes (each at least 1).
ImportOptions import_options(const Settings& settings);

class Importer {
 public:
  Importer(soci::session& sql, const CourtRegistry& courts, ImportOptions options = {})
      : sql_(sql), courts_(courts), options_(options) {}

  // Throws std::runtime_error when the file cannot be read or the database fails; rejected
  // lines are reported through on_reject, in line order.
  ImportReport import_file(const std::string& path,
                           const std::function<void(const RejectedLine&)>& on_reject);

 private:
  soci::session& sql_;
  const CourtRegistry& courts_;
  ImportOptions options_;
};

// "line 12: bad_id_number parties[0].id_number: 公民身份号码校验位错误"
std::string format_rejection(const RejectedLine& r);
// {"line": 12, "code": "…", "field": "…" or null, "case_number": "…" or null, "message": "…"}
std::string rejection_json(const RejectedLine& r);

}  // namespace zhixing::inline importer
